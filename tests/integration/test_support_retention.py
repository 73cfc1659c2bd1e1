"""Retention of support data through ``minipublic erase-personal-data``: once a process is
closed and its retention period has passed, the needs, payment details, item details,
receipts and payment references are erased (in the database itself, not only as the
models read them); amounts and statuses stay for the accounts; a dry run changes nothing;
an open process keeps everything."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from typer.testing import CliRunner

from minipublic import clock
from minipublic.cli.app import app
from minipublic.integrity.record import entries
from minipublic.lifecycle import Phase, Role
from minipublic.participants import support
from minipublic.participants.models import ItemKind, ItemStatus, SupportItem, SupportPlan
from minipublic.processes import actions
from minipublic.processes.access import SYSTEM
from minipublic.processes.models import Process
from minipublic.recruitment.models import RegistrationSettings
from tests.cast import Cast, accept_all_terms

pytestmark = pytest.mark.django_db

EVENT = "support.personal_data_erased"
PDF = b"%PDF-1.4\n% Riverside Buses, return fare\n"
NEEDS = "Uses a wheelchair; cares for her father on Saturdays"
BANK = "Sort code 11-22-33, account 44556677"


def _cli(moment: datetime, *args: str) -> str:
    with clock.frozen_at(moment):
        result = CliRunner().invoke(app, ["erase-personal-data", *args])
    assert result.exit_code == 0, result.output
    return " ".join(result.output.split())


def _plan_with_everything(process: Process, lead: object) -> SupportPlan:
    """A plan with needs and bank details, an arranged carer, and a travel expense with a
    receipt, approved and paid with a reference."""
    support.do_save_support_settings(
        lead,
        process,
        stipend_amount="60",
        currency="GBP",
        basis="per_meeting",
        payment_methods=["bank_transfer"],
    )
    support.do_start_plans(lead, process)
    plan = SupportPlan.objects.get(process=process)
    support.do_save_plan(
        lead, process, plan, needs=NEEDS, payment_method="bank_transfer", payment_details=BANK
    )
    common = {"owner": None, "session": None}
    support.do_save_item(
        lead,
        process,
        plan,
        None,
        kind=ItemKind.ELDERCARE,
        details="Relief carer for her father, 9:00 to 17:00",
        status=ItemStatus.ARRANGED,
        amount=None,
        currency="",
        **common,
    )
    expense = support.do_save_item(
        lead,
        process,
        plan,
        None,
        kind=ItemKind.EXPENSE_TRAVEL,
        details="Bus from Upper Mill, return",
        status=ItemStatus.DUE,
        amount="6.80",
        currency="GBP",
        **common,
    )
    support.do_attach_receipt(lead, process, expense, name="bus.pdf", content=PDF)
    support.do_approve_item(lead, process, expense)
    support.do_mark_paid(lead, process, expense, reference="BACS RIV-0007")
    return plan


def _raw_plan(plan: SupportPlan) -> tuple[str, str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT needs, payment_details FROM participants_supportplan WHERE id = %s",
            [plan.pk],
        )
        needs, details = cursor.fetchone()
    return needs, details


def _raw_items(plan: SupportPlan) -> list[tuple[str, object, str, str, str]]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT details, receipt, receipt_name, receipt_type, payment_reference "
            "FROM participants_supportitem WHERE plan_id = %s ORDER BY id",
            [plan.pk],
        )
        rows = cursor.fetchall()
    return [
        (details, None if receipt is None else bytes(receipt), name, kind, reference)
        for details, receipt, name, kind, reference in rows
    ]


def _accounts(plan: SupportPlan) -> list[tuple[str, str, Decimal | None, str]]:
    return list(
        SupportItem.objects.filter(plan=plan)
        .order_by("pk")
        .values_list("kind", "status", "amount", "currency")
    )


@pytest.fixture
def closed(cast: Cast) -> tuple[SupportPlan, datetime]:
    """Riverside's plan, then the process closed; retention 30 days. The moment it closed."""
    plan = _plan_with_everything(cast.process, cast.users["lead_practitioner"])
    RegistrationSettings.objects.create(process=cast.process, retention_days=30)
    cast.process.phase = Phase.FOLLOW_UP
    cast.process.save()
    moment = clock.now() + timedelta(days=5)
    with clock.frozen_at(moment):
        actions.do_change_phase(SYSTEM, cast.process, Phase.CLOSED, "Accounts settled")
    return plan, moment


@pytest.fixture
def still_open(cast: Cast) -> SupportPlan:
    """Lakeside, an open process with the same participant and a plan of their own."""
    lead = cast.users["lead_practitioner"]
    process = actions.do_create_process(
        SYSTEM,
        slug="lakeside",
        title="Lakeside Jury",
        question="Q?",
        commissioning_body="Lakeside Council",
        lead=lead,
    )
    actions.do_add_member(SYSTEM, process, cast.users["participant"], Role.PARTICIPANT)
    accept_all_terms(process)
    RegistrationSettings.objects.create(process=process, retention_days=1)
    return _plan_with_everything(process, lead)


def test_the_command_erases_support_data_of_a_closed_process_after_retention(
    cast: Cast, closed: tuple[SupportPlan, datetime], still_open: SupportPlan
) -> None:
    plan, closed_at = closed
    accounts = _accounts(plan)
    assert accounts == [
        (ItemKind.ELDERCARE, ItemStatus.ARRANGED, None, ""),
        (ItemKind.EXPENSE_TRAVEL, ItemStatus.PAID, Decimal("6.80"), "GBP"),
    ]
    raw_before = _raw_plan(plan)
    assert all(value and NEEDS not in value and BANK not in value for value in raw_before)
    items_before = _raw_items(plan)
    open_before = (_raw_plan(still_open), _raw_items(still_open))
    due = closed_at.date() + timedelta(days=30)

    # A day early: nothing is erased, and the command says nothing of support.
    output = _cli(closed_at + timedelta(days=29))
    assert "support" not in output
    assert (_raw_plan(plan), _raw_items(plan)) == (raw_before, items_before)

    # On the day, a dry run says what would go and changes nothing.
    output = _cli(closed_at + timedelta(days=30), "--dry-run")
    assert (
        "riverside: would erase the support needs, payment details and receipts of "
        f"1 participant (closed, kept until {due.isoformat()})."
    ) in output
    assert "lakeside: would erase the support" not in output
    assert (_raw_plan(plan), _raw_items(plan)) == (raw_before, items_before)
    assert not entries(cast.process).filter(event=EVENT).exists()

    # The real run erases, in the database's own columns.
    output = _cli(closed_at + timedelta(days=30))
    assert (
        "riverside: erased the support needs, payment details and receipts of 1 participant"
    ) in output
    assert "lakeside: erased the support" not in output
    assert _raw_plan(plan) == ("", "")
    assert _raw_items(plan) == [("", None, "", "", "")] * 2
    plan.refresh_from_db()
    assert (plan.needs, plan.payment_details, plan.personal_data_erased_on) == ("", "", due)
    # What the accounts need stays: kinds, statuses, amounts, currencies, payment dates.
    assert _accounts(plan) == accounts
    paid = SupportItem.objects.get(plan=plan, kind=ItemKind.EXPENSE_TRAVEL)
    assert paid.paid_at is not None
    assert paid.approved_at is not None
    [event] = entries(cast.process).filter(event=EVENT)
    assert dict(event.payload) == {"plans": 1, "retention_days": 30}
    assert event.actor_role == "system"

    # The open process keeps everything, its short retention notwithstanding.
    assert (_raw_plan(still_open), _raw_items(still_open)) == open_before
    assert SupportPlan.objects.get(pk=still_open.pk).needs == NEEDS

    # The plan page says so; the receipt is gone.
    client = cast.client("lead_practitioner")
    page = client.get(f"/p/riverside/support/{plan.pk}/").content.decode()
    assert "were erased on" in page
    assert NEEDS not in page
    assert "BACS RIV-0007" not in page
    receipt = client.get(f"/p/riverside/support/{plan.pk}/items/{paid.pk}/receipt/")
    assert receipt.status_code == 404

    # Running again erases nothing more and records nothing more.
    output = _cli(closed_at + timedelta(days=31))
    assert "riverside: erased the support" not in output
    assert entries(cast.process).filter(event=EVENT).count() == 1
