"""The demo's support plans: the Riverford Climate Assembly pays £60 per meeting attended
(bank transfer or vouchers), starts a plan for each of the 24 from their registration,
arranges childcare, a carer, a wheelchair-accessible taxi, a BSL interpreter and dietary
needs, takes a travel expense with its receipt, and pays stipends made due by the
attendance of sessions 9 and 10 (7 and 8 Nov 2026).
"""

from __future__ import annotations

from datetime import UTC, datetime

from minipublic import clock
from minipublic.accounts.models import User
from minipublic.deliberation.models import Session
from minipublic.deliberation.roster import roster
from minipublic.participants import support
from minipublic.participants.models import (
    Attendance,
    AttendanceStatus,
    CheckInMethod,
    ItemKind,
    ItemStatus,
    SupportItem,
    SupportPlan,
)
from minipublic.participants.stipends import sync_stipends_for_session
from minipublic.processes.models import Process

#: A tiny but real PDF: the bus company's receipt for a return fare.
RECEIPT = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"% Riverford Buses - return fare, 7 Nov 2026 - GBP 6.80\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
#: Arrangements for the first people of the roster: (kind, details, owner, status).
ARRANGEMENTS = (
    (
        ItemKind.CHILDCARE,
        "Two children (3 and 6): crèche at the library, Saturdays 9:30 to 16:30",
        "recruiter",
        ItemStatus.ARRANGED,
    ),
    (
        ItemKind.ELDERCARE,
        "Cares for her mother: a relief carer at home on meeting days",
        "recruiter",
        ItemStatus.ARRANGED,
    ),
    (
        ItemKind.TRAVEL_BOOKING,
        "Wheelchair-accessible taxi from home and back, both days",
        "recruiter",
        ItemStatus.ARRANGED,
    ),
    (
        ItemKind.LANGUAGE,
        "BSL interpreter for plenaries and their table (two interpreters booked)",
        "practitioner",
        ItemStatus.ARRANGED,
    ),
    (ItemKind.DIETARY, "Vegan, no nuts: the caterer is told", "recruiter", ItemStatus.ARRANGED),
    (
        ItemKind.CHILDCARE,
        "One child (8): a childminder in the evenings of online sessions",
        "recruiter",
        ItemStatus.NEEDED,
    ),
)


def _at(day: str, hour: int) -> datetime:
    return datetime.fromisoformat(day).replace(hour=hour, tzinfo=UTC)


def load_support(users: dict[str, User]) -> None:
    """Support settings, plans, items, stipends and payments of the demo assembly."""
    process = Process.objects.filter(slug="demo").first()
    if process is None:
        return
    lead, recruiter = users["practitioner"], users["recruiter"]
    people = {"practitioner": lead, "recruiter": recruiter}
    with clock.frozen_at(_at("2026-09-01", 10)):
        support.do_save_support_settings(
            recruiter,
            process,
            stipend_amount="60",
            currency="GBP",
            basis="per_meeting",
            payment_methods=["bank_transfer", "voucher"],
        )
        support.do_start_plans(recruiter, process)
        plans = [
            SupportPlan.objects.get(process=process, attendee_key=attendee.key)
            for attendee in roster(process)
        ]
        for index, plan in enumerate(plans):
            method = "voucher" if index % 4 == 3 else "bank_transfer"
            details = (
                "Vouchers by post to the address on the registration"
                if method == "voucher"
                else f"Sort code 00-00-{index:02d}, account 1000{index:04d} (demo)"
            )
            support.do_save_plan(
                recruiter,
                process,
                plan,
                needs=plan.needs,
                payment_method=method,
                payment_details=details,
            )
        for plan, (kind, details, owner, status) in zip(plans, ARRANGEMENTS, strict=False):
            support.do_save_item(
                recruiter,
                process,
                plan,
                None,
                kind=kind,
                details=details,
                owner=people[owner],
                status=status,
                amount=None,
                currency="",
                session=None,
            )
    _attendance(process, plans)
    with clock.frozen_at(_at("2026-11-09", 11)):
        sessions = {
            s.number: s for s in Session.objects.filter(process=process, number__in=(9, 10))
        }
        travel = support.do_save_item(
            recruiter,
            process,
            plans[6],
            None,
            kind=ItemKind.EXPENSE_TRAVEL,
            details="Bus fare, return, Riverford Buses",
            owner=recruiter,
            status=ItemStatus.DUE,
            amount="6.80",
            currency="GBP",
            session=sessions.get(9),
        )
        support.do_attach_receipt(
            recruiter, process, travel, name="bus-receipt.pdf", content=RECEIPT
        )
    with clock.frozen_at(_at("2026-11-10", 14)):
        due = SupportItem.objects.filter(
            plan__process=process, kind=ItemKind.STIPEND, session__number=9, status=ItemStatus.DUE
        ).order_by("plan__attendee_key")
        for count, item in enumerate(list(due)[:8]):
            support.do_approve_item(lead, process, item)
            support.do_mark_paid(recruiter, process, item, reference=f"RCA-S9-{count + 1:03d}")
        support.do_approve_item(lead, process, travel)


def _attendance(process: Process, plans: list[SupportPlan]) -> None:
    # The attendance part's story records sessions 9 and 10 before this one runs; only
    # if it has not (or on a branch without it) are they recorded here, directly.
    for number, day in ((9, "2026-11-07"), (10, "2026-11-08")):
        session = Session.objects.filter(process=process, number=number).first()
        if session is None:
            continue
        with clock.frozen_at(_at(day, 17)):
            if not Attendance.objects.filter(session=session).exists():
                for index, plan in enumerate(plans):
                    Attendance.objects.create(
                        session=session,
                        attendee_key=plan.attendee_key,
                        # One person missed both meetings: the recruiter follows up.
                        status=AttendanceStatus.ABSENT if index == 5 else AttendanceStatus.PRESENT,
                        method=CheckInMethod.FACILITATOR,
                        recorded_at=clock.now(),
                    )
            sync_stipends_for_session(session)
