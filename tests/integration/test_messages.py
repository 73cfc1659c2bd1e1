"""Messages to participants through the pages and the background worker: to all, a table
or one person; one delivery per recipient; sent exactly once even if the worker runs twice
or dies mid-way; failures retried by hand; hundreds of recipients in batches."""

from __future__ import annotations

import datetime
import html
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client

from minipublic import clock
from minipublic.integrity.models import LedgerEntry
from minipublic.participants import message_mail
from minipublic.participants.message_mail import send_message_batch
from minipublic.participants.message_models import Message, MessageDelivery, messages_for
from minipublic.recruitment.models import Registrant, RegistrantStatus
from tests.cast import Cast
from tests.parking_room import Room, make_room

pytestmark = pytest.mark.django_db

BASE = "/p/riverside/messages/"
_WORKER = "django_tasks_db.management.commands.db_worker"


@pytest.fixture
def room(cast: Cast) -> Room:
    """The riverside process in deliberation: eight people, three tables."""
    return make_room(cast)


def _client(room: Room, name: str) -> Client:
    client = Client()
    if name != "anonymous":
        client.force_login(room.user(name))
    return client


def _text(response: object) -> str:
    return html.unescape(response.content.decode())  # type: ignore[attr-defined]


def _send(room: Room, who: str = "facilitator", **fields: object) -> object:
    data = {"audience": "all", "subject": "Saturday", "body": "See you at ten.", "step": "send"}
    return _client(room, who).post(f"{BASE}new/", {**data, **fields})


def _work() -> None:
    """Run the background worker until no task waits (as ``minipublic worker --batch``).

    Inside a test's transaction the worker must keep the test's database connection (on
    PostgreSQL it would close it between tasks)."""
    with mock.patch(f"{_WORKER}.close_old_connections"):
        call_command("db_worker", batch=True, reload=False, startup_delay=False, verbosity=0)


def test_a_message_to_all_makes_one_delivery_each_and_the_worker_sends_them(room: Room) -> None:
    preview = _client(room, "facilitator").post(
        f"{BASE}new/", {"audience": "all", "subject": "S", "body": "B", "step": "preview"}
    )
    assert "This message will go to 8 people." in _text(preview)
    assert "@example.org" not in _text(preview)
    assert not Message.objects.exists()
    response = _send(room)
    assert response.status_code == 302  # type: ignore[attr-defined]
    message = Message.objects.get()
    assert message.deliveries.count() == 8
    assert not mail.outbox  # nothing leaves before the worker runs
    _work()
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [
            f"{name}@example.org"
            for name in ("participant", "member2", "member3", "member4", "member5")
        ]
        + ["p1@example.org", "p2@example.org", "p3@example.org"]
    )
    first = mail.outbox[0]
    assert first.subject == "Riverside Citizens' Assembly: Saturday"
    assert "See you at ten." in first.body
    assert "Sent to you by the Facilitator of Riverside Citizens' Assembly" in first.body
    assert "replies are not read" in first.body
    assert "/p/riverside/me/" in first.body
    assert "facilitator@example.org" not in first.body
    assert set(message.deliveries.values_list("status", flat=True)) == {"sent"}
    queued = LedgerEntry.objects.get(event="message.queued")
    assert queued.payload["recipients"] == 8
    assert queued.payload["audience"] == "all"
    assert queued.private_fields == ["subject"]  # published only as a commitment
    delivered = LedgerEntry.objects.get(event="message.delivered")
    assert delivered.payload == {"message": message.pk, "sent": 8, "failed": 0, "unreachable": 0}
    # Running the worker again sends nothing more.
    assert send_message_batch.call(message.pk) == "done"
    _work()
    assert len(mail.outbox) == 8


def test_a_message_to_a_table_reaches_its_seated_people(room: Room) -> None:
    _send(room, audience="table", table=str(room.tables[2].pk))
    message = Message.objects.get()
    assert sorted(message.deliveries.values_list("attendee_key", flat=True)) == ["r:P2", "r:P3"]
    _work()
    assert sorted(m.to[0] for m in mail.outbox) == ["p2@example.org", "p3@example.org"]
    assert LedgerEntry.objects.get(event="message.queued").payload["table"] == 2


def test_a_message_to_one_person(room: Room) -> None:
    key = f"u:{room.user('member4').pk}"
    _send(room, audience="person", person=key)
    assert list(MessageDelivery.objects.values_list("attendee_key", flat=True)) == [key]
    _work()
    assert [m.to for m in mail.outbox] == [["member4@example.org"]]
    assert [m.subject for m in messages_for(key, room.cast.process)] == ["Saturday"]
    assert not messages_for("r:P1", room.cast.process).exists()


def test_a_missing_choice_is_refused_and_nothing_typed_is_lost(room: Room) -> None:
    response = _send(room, audience="table", body="Keep this text")
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert "Choose the table to write to." in _text(response)
    assert "Keep this text" in _text(response)
    assert not Message.objects.exists()


def test_people_without_an_address_are_listed_as_not_reachable(room: Room) -> None:
    Registrant.objects.filter(pseudonym="P3").update(email="")
    _send(room, audience="table", table=str(room.tables[2].pk))
    _work()
    message = Message.objects.get()
    assert [m.to for m in mail.outbox] == [["p2@example.org"]]
    assert message.deliveries.get(attendee_key="r:P3").status == "unreachable"
    page = _text(_client(room, "lead_practitioner").get(f"{BASE}{message.pk}/"))
    assert "No e-mail address is on file" in page
    assert "Panel P." in page
    assert "@example.org" not in page


def test_the_address_is_looked_up_when_sent(room: Room) -> None:
    _send(room, audience="table", table=str(room.tables[2].pk))
    Registrant.objects.filter(pseudonym="P2").update(email="new-p2@example.org")
    _work()
    assert sorted(m.to[0] for m in mail.outbox) == ["new-p2@example.org", "p3@example.org"]


class _Crash(BaseException):
    """The worker process dying (not an error it could catch and record)."""


def test_with_no_worker_running_the_hourly_sweep_sends_what_waits(room: Room) -> None:
    _send(room)
    message = Message.objects.get()
    assert message_mail.sweep_messages() == 0  # not yet: the worker may still come
    assert not mail.outbox
    with clock.frozen_at(clock.now() + datetime.timedelta(minutes=30)):
        assert message_mail.sweep_messages() == 1
    assert len(mail.outbox) == message.deliveries.filter(status="sent").count() > 0
    assert not message.deliveries.filter(status__in=["pending", "sending"]).exists()


def test_a_crash_between_claim_and_send_never_sends_twice_and_the_rest_go_out(
    room: Room,
) -> None:
    _send(room)
    message = Message.objects.get()
    real = message_mail.deliver
    calls = {"n": 0}

    def dying(*args: object) -> str:
        calls["n"] += 1
        if calls["n"] == 4:  # claimed, then the worker dies before sending
            raise _Crash
        return real(*args)  # type: ignore[arg-type]

    with mock.patch.object(message_mail, "deliver", dying), pytest.raises(_Crash):
        send_message_batch.call(message.pk)
    assert len(mail.outbox) == 3
    assert message.deliveries.filter(status="sending").count() == 1
    # The worker restarts: the rest are sent, the interrupted one is not sent again yet.
    send_message_batch.call(message.pk)
    assert len(mail.outbox) == 7
    assert len({m.to[0] for m in mail.outbox}) == 7
    # Once it is clearly stale the hourly sweep (check-deadlines) marks it failed, and it
    # is retried by hand from the log.
    later = clock.now() + datetime.timedelta(minutes=30)
    with clock.frozen_at(later):
        assert message_mail.sweep_messages() == 1
        assert message_mail.sweep_messages() == 0  # nothing left behind any more
    interrupted = message.deliveries.get(status="failed")
    assert interrupted.error.startswith("interrupted")
    log = _text(_client(room, "lead_practitioner").get(BASE))
    assert "Saturday" in log
    retry = _client(room, "facilitator").post(f"{BASE}{message.pk}/")
    assert retry.status_code == 302
    _work()
    assert len(mail.outbox) == 8
    assert len({m.to[0] for m in mail.outbox}) == 8
    assert set(message.deliveries.values_list("status", flat=True)) == {"sent"}


def test_a_failed_send_is_recorded_and_retried_by_hand(room: Room) -> None:
    _send(room, audience="table", table=str(room.tables[2].pk))
    message = Message.objects.get()
    with mock.patch(
        "django.core.mail.backends.locmem.EmailBackend.send_messages",
        side_effect=ConnectionRefusedError("mail server down"),
    ):
        _work()
    assert not mail.outbox
    assert set(message.deliveries.values_list("status", flat=True)) == {"failed"}
    assert "mail server down" in message.deliveries.first().error  # type: ignore[union-attr]
    detail = _text(_client(room, "facilitator").get(f"{BASE}{message.pk}/"))
    assert "Retry the 2 failed deliveries" in detail
    assert "mail server down" in detail
    _client(room, "facilitator").post(f"{BASE}{message.pk}/")
    _work()
    assert len(mail.outbox) == 2


def test_hundreds_of_recipients_are_sent_in_batches_exactly_once(room: Room) -> None:
    for number in range(300):
        Registrant.objects.create(
            process=room.cast.process,
            pseudonym=f"Q{number:03d}",
            first_name="Member",
            last_name=str(number),
            email=f"q{number:03d}@example.org",
            answers={},
            registered_on=datetime.date(2025, 1, 10),
            status=RegistrantStatus.CONFIRMED,
        )
    _send(room)
    message = Message.objects.get()
    assert message.deliveries.count() == 308
    with mock.patch.object(message_mail, "BATCH_SIZE", 100):
        _work()
    assert len(mail.outbox) == 308
    assert len({m.to[0] for m in mail.outbox}) == 308
    log = _text(_client(room, "recruiter").get(BASE))
    assert "308" in log
    from django_tasks_db.models import DBTaskResult

    runs = DBTaskResult.objects.filter(task_path__endswith="send_message_batch")
    assert runs.count() == 4  # 100 + 100 + 100 + 8


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("lead_practitioner", True),
        ("facilitator", True),
        ("recruiter", True),
        ("commissioner", False),
        ("expert", False),
        ("observer", False),
        ("oversight", False),
        ("participant", False),
        ("outsider", False),
        ("anonymous", False),
    ],
)
def test_who_may_write_and_read_the_log(room: Room, who: str, allowed: bool) -> None:
    _send(room)
    message = Message.objects.get()
    client = _client(room, who)
    for page in (BASE, f"{BASE}new/", f"{BASE}{message.pk}/"):
        response = client.get(page)
        if allowed:
            assert response.status_code == 200, page
        else:
            assert response.status_code in (302, 403, 404), (who, page)
            assert "Saturday" not in _text(response)
    _send(room, who=who, subject="Second")
    assert Message.objects.filter(subject="Second").exists() is allowed
