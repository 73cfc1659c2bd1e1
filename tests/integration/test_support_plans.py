"""Support plans through their pages: settings, plans started from registration needs,
items with validated money, receipts, approve and pay once, totals, the logged payment
list, stipends from attendance, and the retention rule through the CLI."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from minipublic import clock
from minipublic.deliberation.models import Session
from minipublic.lifecycle import LifecycleError
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
from minipublic.recruitment.models import PersonalDataExport
from tests.cast import Cast

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% bus ticket\n"


def _settings(cast: Cast, basis: str = "per_meeting") -> None:
    support.do_save_support_settings(
        cast.users["lead_practitioner"],
        cast.process,
        stipend_amount="60",
        currency="gbp",
        basis=basis,
        payment_methods=["bank_transfer", "voucher"],
    )


def _session(cast: Cast, number: int, day: str) -> Session:
    return Session.objects.create(
        process=cast.process,
        number=number,
        title=f"Meeting {number}",
        date=dt.date.fromisoformat(day),
    )


def _attend(session: Session, key: str, status: str = AttendanceStatus.PRESENT) -> None:
    Attendance.objects.update_or_create(
        session=session,
        attendee_key=key,
        defaults={
            "status": status,
            "method": CheckInMethod.FACILITATOR,
            "recorded_at": clock.now(),
        },
    )
    sync_stipends_for_session(session)


def _key(cast: Cast) -> str:
    return f"u:{cast.users['participant'].pk}"


def _stipends(cast: Cast) -> list[tuple[int | None, str]]:
    rows = SupportItem.objects.filter(plan__process=cast.process, kind=ItemKind.STIPEND)
    return sorted((item.session.number if item.session else None, item.status) for item in rows)


def test_settings_page_validates_the_currency(cast: Cast) -> None:
    client = cast.client("recruiter")
    url = f"/p/{cast.process.slug}/support/settings/"
    bad = client.post(url, {"stipend_amount": "60", "currency": "GPB", "basis": "per_meeting"})
    assert bad.status_code == 400
    assert "GPB is not a currency code" in bad.content.decode()
    decimals = client.post(
        url, {"stipend_amount": "60.005", "currency": "GBP", "basis": "per_meeting"}
    )
    assert "more than two decimals" in decimals.content.decode()
    good = client.post(
        url,
        {
            "stipend_amount": "60",
            "currency": "gbp",
            "basis": "per_meeting",
            "payment_methods": ["voucher"],
        },
    )
    assert good.status_code == 302
    home = client.get(f"/p/{cast.process.slug}/support/").content.decode()
    assert "60.00 GBP per meeting attended" in home
    assert "Shopping vouchers" in home


def test_plan_started_from_needs_item_paid_once_with_receipt_and_export_logged(cast: Cast) -> None:
    _settings(cast)
    client = cast.client("recruiter")
    slug = cast.process.slug
    started = client.post(f"/p/{slug}/support/start/")
    assert started.status_code == 302
    plan = SupportPlan.objects.get(process=cast.process, attendee_key=_key(cast))
    page = client.post(
        f"/p/{slug}/support/{plan.pk}/",
        {
            "needs": "Two children under five",
            "payment_method": "bank_transfer",
            "payment_details": "Acct 12345678",
        },
    )
    assert page.status_code == 302
    new = f"/p/{slug}/support/{plan.pk}/items/new/"
    no_currency = client.post(
        new, {"kind": "expense_travel", "status": "due", "amount": "12.50", "currency": ""}
    )
    assert "Give the currency of 12.50" in no_currency.content.decode()
    negative = client.post(
        new, {"kind": "expense_travel", "status": "due", "amount": "-3", "currency": "GBP"}
    )
    assert "-3 is not an amount" in negative.content.decode()
    owner = cast.users["facilitator"].pk
    not_owner = client.post(new, {"kind": "childcare", "status": "needed", "owner": str(owner)})
    assert not_owner.status_code == 400  # a facilitator is not among the choices
    saved = client.post(
        new,
        {
            "kind": "expense_travel",
            "details": "Bus, return",
            "status": "due",
            "amount": "12.50",
            "currency": "GBP",
            "owner": str(cast.users["recruiter"].pk),
        },
    )
    assert saved.status_code == 302
    item = SupportItem.objects.get(plan=plan, kind=ItemKind.EXPENSE_TRAVEL)
    base = f"/p/{slug}/support/{plan.pk}/items/{item.pk}/"
    wrong = client.post(
        f"{base}receipt/", {"receipt": SimpleUploadedFile("ticket.exe", b"MZ")}, follow=True
    )
    assert "ticket.exe: a receipt must be a PDF, PNG or JPEG file." in wrong.content.decode()
    fake = client.post(
        f"{base}receipt/", {"receipt": SimpleUploadedFile("ticket.pdf", b"hello")}, follow=True
    )
    assert "ticket.pdf does not look like a .pdf file" in fake.content.decode()
    client.post(f"{base}receipt/", {"receipt": SimpleUploadedFile("ticket.pdf", PDF)})
    receipt = client.get(f"{base}receipt/")
    assert receipt.content == PDF
    assert receipt["Content-Disposition"].startswith("attachment")
    assert receipt["X-Content-Type-Options"] == "nosniff"
    early = client.post(f"{base}paid/", {"reference": "X"}, follow=True)
    assert "Approve this payment before marking it paid." in early.content.decode()
    client.post(f"{base}approve/")
    client.post(f"{base}paid/", {"reference": "BACS 0042"})
    again = client.post(f"{base}paid/", {"reference": "BACS 0043"}, follow=True)
    assert "it is not paid twice" in again.content.decode()
    item.refresh_from_db()
    assert (item.status, item.payment_reference) == (ItemStatus.PAID, "BACS 0042")
    with pytest.raises(LifecycleError) as refused:
        support.do_mark_paid(cast.users["recruiter"], cast.process, item, reference="again")
    assert refused.value.code == "support_already_paid"

    totals = client.get(f"/p/{slug}/support/totals.csv").content.decode()
    assert "expense_travel,GBP,0.00,0.00,12.50,12.50" in totals
    assert "12345678" not in totals
    assert "BACS" not in totals
    export = client.post(f"/p/{slug}/support/payments.csv")
    text = export.content.decode()
    assert "Acct 12345678" in text
    assert "BACS 0042" in text
    log = PersonalDataExport.objects.get(process=cast.process, what="support payments (CSV)")
    assert (log.exported_by, log.rows) == (cast.users["recruiter"], 1)
    assert "Never downloaded" not in client.get(f"/p/{slug}/support/totals/").content.decode()


def test_stipends_follow_attendance_per_meeting(cast: Cast) -> None:
    _settings(cast)
    nine, ten = _session(cast, 9, "2026-11-07"), _session(cast, 10, "2026-11-08")
    key = _key(cast)
    _attend(nine, key)
    _attend(nine, key)  # idempotent
    _attend(ten, key)
    assert _stipends(cast) == [(9, "due"), (10, "due")]
    item = SupportItem.objects.get(plan__attendee_key=key, session=nine)
    assert (item.amount, item.currency) == (Decimal("60.00"), "GBP")
    support.do_approve_item(cast.users["recruiter"], cast.process, item)
    support.do_mark_paid(cast.users["recruiter"], cast.process, item, reference="")
    _attend(nine, key, AttendanceStatus.ABSENT)
    _attend(ten, key, AttendanceStatus.ABSENT)
    assert _stipends(cast) == [(9, "paid"), (10, "cancelled")]  # a paid stipend is never taken back
    _attend(ten, key)
    assert _stipends(cast) == [(9, "paid"), (10, "due")]


def test_stipends_per_day_one_per_date(cast: Cast) -> None:
    _settings(cast, basis="per_day")
    morning, afternoon = _session(cast, 1, "2026-11-07"), _session(cast, 2, "2026-11-07")
    key = _key(cast)
    _attend(morning, key)
    _attend(afternoon, key)
    assert _stipends(cast) == [(1, "due")]
    _attend(morning, key, AttendanceStatus.ABSENT)
    assert _stipends(cast) == [(1, "cancelled"), (2, "due")]  # still one due for the day
    _attend(afternoon, key, AttendanceStatus.EXCUSED)
    assert _stipends(cast) == [(1, "cancelled"), (2, "cancelled")]


def test_plan_list_filters_and_names_a_filter_it_cannot_apply(cast: Cast) -> None:
    _settings(cast)
    lead = cast.users["lead_practitioner"]
    support.do_start_plans(lead, cast.process)
    plan = SupportPlan.objects.get(process=cast.process, attendee_key=_key(cast))
    support.do_save_item(
        lead,
        cast.process,
        plan,
        None,
        kind=ItemKind.CHILDCARE,
        details="Crèche",
        owner=cast.users["recruiter"],
        status=ItemStatus.ARRANGED,
        amount=None,
        currency="",
        session=None,
    )
    client = cast.client("recruiter")
    url = f"/p/{cast.process.slug}/support/"
    link = f"/support/{plan.pk}/"
    childcare = client.get(url, {"kind": "childcare", "status": "arranged"}).content.decode()
    assert link in childcare
    assert "Support plans matching the filter" in childcare
    dietary = client.get(url, {"kind": "dietary"}).content.decode()
    assert link not in dietary
    assert "No plan matches." in dietary

    bad = client.get(url, {"kind": "childcare", "status": "lost", "owner": "999"})
    text = bad.content.decode()
    assert bad.status_code == 400
    assert "The filter was not applied: every plan is listed." in text
    assert "Status: “lost” is not one of the choices." in text
    assert "Responsible: “999” is not one of the choices." in text
    assert "Kind of support:" not in text.split("error-summary")[1].split("</div>")[0]
    assert link in text  # everyone is listed, and the page says so
    assert "Support plans, one per participant" in text
