"""The demo's support plans: the Riverford Climate Assembly pays £60 per meeting attended
(bank transfer or vouchers), starts a plan for each of the 24 from their registration,
arranges childcare, a carer, a wheelchair-accessible taxi, a BSL interpreter and dietary
needs, takes a travel expense with its receipt, and pays stipends made due by the
attendance of sessions 9 and 10 (7 and 8 Nov 2026).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from minipublic.accounts.models import User
from minipublic.deliberation.models import Session
from minipublic.deliberation.roster import roster
from minipublic.participants import support
from minipublic.participants.models import (
    ItemKind,
    ItemStatus,
    SupportItem,
    SupportPlan,
)
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

Step = tuple[datetime, Callable[[], None]]


def _at(day: str, hour: int) -> datetime:
    return datetime.fromisoformat(day).replace(hour=hour, tzinfo=UTC)


def support_steps(process: Process, users: dict[str, User]) -> list[Step]:
    """The dated steps of the demo assembly's support (none for other processes): settings
    and plans once the members are confirmed (attendance then makes the stipends due:
    demo/attendance_story.py), a travel expense with its receipt, and the first payments."""
    if process.slug != "demo":
        return []
    lead, recruiter = users["practitioner"], users["recruiter"]
    people = {"practitioner": lead, "recruiter": recruiter}

    def plans() -> list[SupportPlan]:
        return [
            SupportPlan.objects.get(process=process, attendee_key=attendee.key)
            for attendee in roster(process)
        ]

    def start() -> None:
        support.do_save_support_settings(
            recruiter,
            process,
            stipend_amount="60",
            currency="GBP",
            basis="per_meeting",
            payment_methods=["bank_transfer", "voucher"],
        )
        support.do_start_plans(recruiter, process)
        everyone = plans()
        for index, plan in enumerate(everyone):
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
        for plan, (kind, details, owner, status) in zip(everyone, ARRANGEMENTS, strict=False):
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

    def travel() -> None:
        session = Session.objects.filter(process=process, number=9).first()
        item = support.do_save_item(
            recruiter,
            process,
            plans()[6],
            None,
            kind=ItemKind.EXPENSE_TRAVEL,
            details="Bus fare, return, Riverford Buses",
            owner=recruiter,
            status=ItemStatus.DUE,
            amount="6.80",
            currency="GBP",
            session=session,
        )
        support.do_attach_receipt(recruiter, process, item, name="bus-receipt.pdf", content=RECEIPT)

    def payments() -> None:
        due = SupportItem.objects.filter(
            plan__process=process, kind=ItemKind.STIPEND, session__number=9, status=ItemStatus.DUE
        ).order_by("plan__attendee_key")
        for count, item in enumerate(list(due)[:8]):
            support.do_approve_item(lead, process, item)
            support.do_mark_paid(recruiter, process, item, reference=f"RCA-S9-{count + 1:03d}")
        fare = SupportItem.objects.get(plan__process=process, kind=ItemKind.EXPENSE_TRAVEL)
        support.do_approve_item(lead, process, fare)

    # Members are confirmed on 12 September (demo/content.py): their plans start the day after.
    return [
        (_at("2026-09-13", 10), start),
        (_at("2026-11-09", 11), travel),
        (_at("2026-11-10", 14), payments),
    ]
