"""The participant's own page, privacy choices and withdrawal, the public names, through
the HTTP pages (docs/participants.md)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client

from minipublic import clock
from minipublic.accountability.models import UpdateOptOut
from minipublic.accounts.models import User
from minipublic.deliberation.models import Seat, Session, Table
from minipublic.engagement.actions import do_accept_terms
from minipublic.integrity.models import LedgerEntry
from minipublic.lifecycle import Phase, Role, Visibility
from minipublic.participants.models import (
    ItemKind,
    ItemStatus,
    ParticipantConsent,
    SupportItem,
    SupportPlan,
)
from minipublic.processes import actions
from minipublic.processes.access import SYSTEM
from minipublic.processes.models import Process
from minipublic.recruitment.models import Registrant, RegistrantStatus
from tests.cast import Cast, make_user

pytestmark = pytest.mark.django_db


def _phase(cast: Cast, phase: Phase) -> None:
    Process.objects.filter(pk=cast.process.pk).update(phase=phase)


def _second_participant(cast: Cast) -> User:
    other = make_user("participant2")
    actions.do_add_member(SYSTEM, cast.process, other, Role.PARTICIPANT)
    do_accept_terms(SYSTEM, cast.process, user=other)
    return other


def _panel_member(cast: Cast, user: User, pseudonym: str, first: str, last: str) -> Registrant:
    return Registrant.objects.create(
        process=cast.process,
        pseudonym=pseudonym,
        first_name=first,
        last_name=last,
        email=f"{pseudonym.lower()}@example.org",
        phone="07700 900123",
        address="1 River Row",
        postcode="RV1 1AA",
        access_needs=["wheelchair"],
        access_details="Step-free access please",
        answers={"age": "30-44"},
        registered_on=dt.date(2026, 3, 1),
        status=RegistrantStatus.CONFIRMED,
        user=user,
    )


def _plan(cast: Cast, key: str, *, amount: str, needs: str) -> SupportPlan:
    now = clock.now()
    plan = SupportPlan.objects.create(
        process=cast.process,
        attendee_key=key,
        needs=needs,
        payment_method="bank_transfer",
        payment_details="Sort 12-34-56 acct 12345678",
        created_at=now,
        updated_at=now,
    )
    SupportItem.objects.create(
        plan=plan,
        kind=ItemKind.STIPEND,
        status=ItemStatus.PAID,
        amount=Decimal(amount),
        currency="GBP",
        details=f"stipend note {amount}",
        payment_reference=f"REF-{amount}",
        receipt=b"%PDF receipt",
        receipt_name="ticket.pdf",
        receipt_type="application/pdf",
        created_at=now,
        updated_at=now,
        paid_at=now,
    )
    SupportItem.objects.create(
        plan=plan,
        kind=ItemKind.CHILDCARE,
        status=ItemStatus.ARRANGED,
        created_at=now,
        updated_at=now,
    )
    return plan


def _key(user: User) -> str:
    return f"u:{user.pk}"


def test_own_page_shows_own_meetings_table_and_support_never_another_participants(
    cast: Cast,
) -> None:
    _phase(cast, Phase.DELIBERATION)
    me, other = cast.users["participant"], _second_participant(cast)
    _plan(cast, _key(me), amount="60.00", needs="childcare on Saturdays")
    _plan(cast, _key(other), amount="77.00", needs="a BSL interpreter")
    today = clock.now().date()
    past = Session.objects.create(
        process=cast.process, number=1, title="Past day", date=today - dt.timedelta(days=3)
    )
    coming = Session.objects.create(
        process=cast.process,
        number=2,
        title="Learning day",
        date=today + dt.timedelta(days=4),
        starts_at=dt.time(10, 0),
        location="Riverside Hall",
    )
    Seat.objects.create(
        session=coming, table=Table.objects.create(session=coming, number=3), attendee=_key(me)
    )
    Seat.objects.create(
        session=coming, table=Table.objects.create(session=coming, number=5), attendee=_key(other)
    )

    page = cast.client("participant").get("/p/riverside/me/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Learning day" in html
    assert "Riverside Hall" in html
    assert "10:00" in html
    assert "Your table: 3" in html
    assert "Your table: 5" not in html
    assert past.title not in html
    assert "60.00 GBP" in html
    assert "Paid" in html
    assert "Childcare" in html
    assert "77.00" not in html
    assert "BSL" not in html
    assert "childcare on Saturdays" not in html
    assert "Sort 12-34-56" not in html
    assert "REF-60" not in html
    assert "/p/riverside/manage/incidents/new/" in html
    assert "/p/riverside/me/direct-contact/" in html
    assert "Lead practitioner" in html
    assert "lead_practitioner@example.org" not in html

    other_page = Client()
    other_page.force_login(other)
    other_html = other_page.get("/p/riverside/me/").content.decode()
    assert "77.00 GBP" in other_html
    assert "60.00" not in other_html
    assert "Your table: 5" in other_html


@pytest.mark.parametrize(
    ("actor", "status"),
    [
        ("participant", 200),
        ("lead_practitioner", 403),
        ("recruiter", 403),
        ("facilitator", 403),
        ("commissioner", 403),
        ("oversight", 403),
        ("expert", 403),
        ("observer", 403),
        ("outsider", 404),
    ],
)
def test_who_may_open_a_participants_page_and_privacy_choices(
    cast: Cast, actor: str, status: int
) -> None:
    client = cast.client(actor)
    assert client.get("/p/riverside/me/").status_code == status
    assert client.get("/p/riverside/me/privacy/").status_code == status
    assert client.get("/p/riverside/me/privacy/withdraw/").status_code == status


def test_anonymous_visitor_is_sent_to_sign_in(cast: Cast) -> None:
    response = Client().get("/p/riverside/me/")
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_menu_links_the_own_page_for_participants_only(cast: Cast) -> None:
    assert "/p/riverside/me/" in cast.client("participant").get("/p/riverside/").content.decode()
    assert (
        "/p/riverside/me/" not in cast.client("commissioner").get("/p/riverside/").content.decode()
    )


def test_privacy_choices_are_saved_and_follow_up_agrees_with_the_update_emails(cast: Cast) -> None:
    client = cast.client("participant")
    me = cast.users["participant"]
    response = client.post("/p/riverside/me/privacy/", {"name_public": "yes", "follow_up": "no"})
    assert response.status_code == 302
    consent = ParticipantConsent.objects.get(process=cast.process, attendee_key=_key(me))
    assert consent.name_public
    assert not consent.follow_up
    assert UpdateOptOut.objects.filter(process=cast.process, user=me).exists()
    client.post("/p/riverside/me/privacy/", {"name_public": "no", "follow_up": "yes"})
    consent.refresh_from_db()
    assert not consent.name_public
    assert consent.follow_up
    assert not UpdateOptOut.objects.filter(process=cast.process, user=me).exists()
    bad = client.post("/p/riverside/me/privacy/", {"name_public": "maybe"})
    assert bad.status_code == 400
    assert "Select a valid choice" in bad.content.decode()


def test_names_are_public_only_with_consent_and_once_the_process_has_ended(cast: Cast) -> None:
    Process.objects.filter(pk=cast.process.pk).update(visibility=Visibility.PUBLIC)
    me, other = cast.users["participant"], _second_participant(cast)
    _panel_member(cast, me, "R7K2", "Amira", "Khan")
    _panel_member(cast, other, "Q4M9", "Bogdan", "Novak")
    cast.client("participant").post(
        "/p/riverside/me/privacy/", {"name_public": "yes", "follow_up": "yes"}
    )
    second = Client()
    second.force_login(other)
    second.post("/p/riverside/me/privacy/", {"name_public": "no", "follow_up": "yes"})

    running = Client().get("/p/riverside/participants/").content.decode()
    assert "Amira" not in running
    assert "Bogdan" not in running
    assert "not published while the process is running" in running

    _phase(cast, Phase.CLOSED)
    ended = Client().get("/p/riverside/participants/").content.decode()
    assert "Amira Khan" in ended
    assert "Bogdan" not in ended  # no consent


def test_withdrawal_says_what_is_kept_and_erases_the_personal_data_for_good(cast: Cast) -> None:
    _phase(cast, Phase.DELIBERATION)
    me = cast.users["participant"]
    me.first_name, me.last_name = "Amira", "Khan"
    me.save()
    registrant = _panel_member(cast, me, "R7K2", "Amira", "Khan")
    plan = _plan(cast, "r:R7K2", amount="60.00", needs="childcare on Saturdays")
    client = cast.client("participant")

    page = client.get("/p/riverside/me/privacy/withdraw/").content.decode()
    assert "cannot be undone" in page
    assert "pseudonym" in page
    assert "amounts, dates and status" in page

    unconfirmed = client.post("/p/riverside/me/privacy/withdraw/", {})
    assert unconfirmed.status_code == 400
    assert "Tick the box" in unconfirmed.content.decode()
    assert Registrant.objects.get(pk=registrant.pk).email

    assert client.post("/p/riverside/me/privacy/withdraw/", {"confirm": "on"}).status_code == 302
    registrant.refresh_from_db()
    assert (registrant.first_name, registrant.last_name, registrant.email, registrant.phone) == (
        "",
        "",
        "",
        "",
    )
    assert registrant.address == ""
    assert registrant.access_needs == []
    assert registrant.access_details == ""
    assert registrant.pseudonym == "R7K2"
    assert registrant.answers == {"age": "30-44"}
    plan.refresh_from_db()
    assert plan.needs == ""
    assert plan.payment_details == ""
    stipend = plan.items.get(kind=ItemKind.STIPEND)
    assert stipend.amount == Decimal("60.00")
    assert stipend.status == ItemStatus.PAID
    assert stipend.details == ""
    assert stipend.payment_reference == ""
    assert stipend.receipt is None
    me.refresh_from_db()
    assert me.email == ""
    assert me.first_name == ""
    assert me.last_name == ""
    assert UpdateOptOut.objects.filter(process=cast.process, user=me).exists()
    with connection.cursor() as cursor:  # nothing of it remains in the database, even encrypted
        cursor.execute("SELECT needs, payment_details FROM participants_supportplan")
        assert all(not value for row in cursor.fetchall() for value in row)
    entry = LedgerEntry.objects.filter(process=cast.process, event="participant.data_erased").get()
    assert entry.payload == {"registrations": 1, "support_plans": 1, "support_items": 2}

    # Irreversible: the choices can no longer change, and a second withdrawal is refused.
    again = client.post("/p/riverside/me/privacy/", {"name_public": "yes", "follow_up": "yes"})
    assert again.status_code == 400
    assert "cannot be changed" in again.content.decode()
    assert not ParticipantConsent.objects.get(attendee_key="r:R7K2").name_public
    twice = client.post("/p/riverside/me/privacy/withdraw/", {"confirm": "on"})
    assert twice.status_code in (200, 400)
    assert LedgerEntry.objects.filter(event="participant.data_erased").count() == 1
    assert "withdrew your consent" in client.get("/p/riverside/me/").content.decode()
