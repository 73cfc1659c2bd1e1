"""The demo assembly's participant support, as ``minipublic demo`` loads it: £60 per
meeting by bank transfer or vouchers, a plan for each of the 24, care, a
wheelchair-accessible taxi, a BSL interpreter and dietary needs arranged, stipends made
due by the attendance of sessions 9 and 10 (some paid), and a bus fare with its receipt.
That a second load doubles nothing is checked where the demo is loaded twice for real:
tests/integration/test_cli.py (``test_demo_loads_once_and_restores_on_second_run``)."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from minipublic.deliberation.roster import roster
from minipublic.integrity.record import entries
from minipublic.participants.models import (
    Attendance,
    AttendanceStatus,
    ItemKind,
    ItemStatus,
    SupportItem,
    SupportPlan,
    SupportSettings,
)
from minipublic.participants.support_totals import totals
from minipublic.processes.models import Process

SIXTY = Decimal("60.00")


def test_the_demo_shows_support_plans_stipends_and_a_receipt(db: None, demo_db: None) -> None:
    process = Process.objects.get(slug="demo")
    settings = SupportSettings.objects.get(process=process)
    assert (settings.stipend_amount, settings.currency, settings.basis) == (
        SIXTY,
        "GBP",
        "per_meeting",
    )
    assert settings.payment_methods == ["bank_transfer", "voucher"]

    plans = SupportPlan.objects.filter(process=process)
    panel = {attendee.key for attendee in roster(process)}
    assert plans.count() == 24
    assert set(plans.values_list("attendee_key", flat=True)) == panel
    assert Counter(plans.values_list("payment_method", flat=True)) == {
        "bank_transfer": 18,
        "voucher": 6,
    }
    assert all(plan.payment_details for plan in plans)

    items = SupportItem.objects.filter(plan__process=process)
    arranged = [(item.kind, item.details) for item in items.filter(status=ItemStatus.ARRANGED)]
    expected = [
        (ItemKind.CHILDCARE, "crèche"),
        (ItemKind.ELDERCARE, "relief carer"),
        (ItemKind.TRAVEL_BOOKING, "Wheelchair-accessible taxi"),
        (ItemKind.LANGUAGE, "BSL interpreter"),
        (ItemKind.DIETARY, "Vegan"),
    ]
    for kind, words in expected:
        assert any(k == kind and words in details for k, details in arranged), (kind, words)
    assert items.filter(kind=ItemKind.CHILDCARE, status=ItemStatus.NEEDED).exists()
    assert all(item.owner is not None for item in items.filter(status=ItemStatus.ARRANGED))

    # Stipends follow attendance exactly: one per person present at session 9 or 10,
    # none for anyone absent, all at £60.
    present = set(
        Attendance.objects.filter(
            session__process=process,
            session__number__in=(9, 10),
            status=AttendanceStatus.PRESENT,
        ).values_list("attendee_key", "session__number")
    )
    absent_from_both = {
        key
        for key in panel
        if Attendance.objects.filter(
            session__process=process,
            session__number__in=(9, 10),
            attendee_key=key,
            status=AttendanceStatus.ABSENT,
        ).count()
        == 2
    }
    assert len(present) >= 40  # most of the 24, at both meetings
    assert absent_from_both  # the one the recruiter follows up
    stipends = items.filter(kind=ItemKind.STIPEND).exclude(status=ItemStatus.CANCELLED)
    assert {(item.plan.attendee_key, item.session.number) for item in stipends} == present
    assert not stipends.filter(plan__attendee_key__in=absent_from_both).exists()
    assert {(item.amount, item.currency) for item in stipends} == {(SIXTY, "GBP")}
    statuses = Counter(stipends.values_list("status", flat=True))
    assert statuses[ItemStatus.PAID] >= 1
    assert statuses[ItemStatus.DUE] >= 1
    paid = stipends.filter(status=ItemStatus.PAID)
    assert all(item.payment_reference.startswith("RCA-S9-") for item in paid)
    assert all(item.paid_by is not None and item.approved_by is not None for item in paid)

    # The bus fare: a receipt-backed expense for session 9, approved, awaiting payment.
    (fare,) = items.filter(kind=ItemKind.EXPENSE_TRAVEL)
    assert (fare.amount, fare.currency, fare.status) == (
        Decimal("6.80"),
        "GBP",
        ItemStatus.APPROVED,
    )
    assert fare.session is not None
    assert fare.session.number == 9
    assert fare.receipt_name == "bus-receipt.pdf"
    assert bytes(fare.receipt).startswith(b"%PDF")

    # The ledger learns payments without names: one event per payment made.
    made = entries(process).filter(event="support.payment_made")
    assert made.count() == paid.count()
    assert all(set(row.payload) == {"kind", "amount", "currency"} for row in made)
    assert entries(process).filter(event="support.payment_approved").count() == paid.count() + 1

    # The budget adds it up.
    budget = {(row.kind, row.currency): row for row in totals(process).money}
    stipend_row = budget[(ItemKind.STIPEND, "GBP")]
    assert stipend_row.paid == SIXTY * statuses[ItemStatus.PAID]
    assert stipend_row.committed == SIXTY * len(present)
    assert budget[(ItemKind.EXPENSE_TRAVEL, "GBP")].approved == Decimal("6.80")
