"""Attendance through the pages: the team's check-in sheet, participants checking in with
the meeting's code, follow-ups for people missing meetings, the stipend hook, and who may
see and do what."""

from __future__ import annotations

import datetime
import html
from unittest import mock

import pytest
from django.test import Client

from minipublic.deliberation.models import Session
from minipublic.deliberation.sessions import do_add_session
from minipublic.integrity.models import LedgerEntry
from minipublic.participants.attendance_codes import MAX_WRONG_TRIES
from minipublic.participants.attendance_models import (
    CODE_ALPHABET,
    Attendance,
    CheckInCode,
    FollowUpTask,
)
from tests.cast import Cast
from tests.parking_room import Room, make_room

pytestmark = pytest.mark.django_db

BASE = "/p/riverside/attendance/"


@pytest.fixture
def room(cast: Cast) -> Room:
    """The riverside process in deliberation with two sessions and eight people."""
    made = make_room(cast)
    do_add_session(
        cast.users["facilitator"], cast.process, title="Day two", on=datetime.date(2025, 3, 15)
    )
    return made


def _client(room: Room, name: str) -> Client:
    client = Client()
    if name != "anonymous":
        client.force_login(room.user(name))
    return client


def _text(response: object) -> str:
    return html.unescape(response.content.decode())  # type: ignore[attr-defined]


def _key(room: Room, name: str) -> str:
    return f"u:{room.user(name).pk}"


def _sheet(room: Room, number: int, statuses: dict[str, str], who: str = "facilitator") -> object:
    data = {"step": "sheet", **{f"status-{key}": value for key, value in statuses.items()}}
    return _client(room, who).post(f"{BASE}{number}/", data)


def _statuses(number: int) -> dict[str, str]:
    session = Session.objects.get(process__slug="riverside", number=number)
    return dict(Attendance.objects.filter(session=session).values_list("attendee_key", "status"))


def test_the_sheet_lists_the_room_by_short_name_and_saves_in_one_post(room: Room) -> None:
    page = _client(room, "facilitator").get(f"{BASE}1/")
    assert page.status_code == 200
    text = _text(page)
    assert "Panel P." in text  # short names from the roster, never a full name
    assert "p1@example.org" not in text
    assert text.count('type="radio"') == 8 * 3
    response = _sheet(
        room,
        1,
        {"r:P1": "present", "r:P2": "absent", "r:P3": "excused", _key(room, "member2"): "present"},
    )
    assert response.status_code == 302  # type: ignore[attr-defined]
    assert _statuses(1) == {
        "r:P1": "present",
        "r:P2": "absent",
        "r:P3": "excused",
        _key(room, "member2"): "present",
    }
    again = _text(_client(room, "facilitator").get(f"{BASE}1/"))
    assert again.count("checked") >= 4
    entry = LedgerEntry.objects.filter(event="attendance.recorded").get()
    assert entry.payload == {
        "session": 1,
        "present": 2,
        "absent": 1,
        "excused": 1,
        "changed": 4,
        "follow_ups_opened": 0,
    }
    assert "P1" not in str(entry.payload)


def test_a_changed_status_replaces_the_old_one_and_an_unknown_status_is_refused(
    room: Room,
) -> None:
    _sheet(room, 1, {"r:P1": "absent"})
    _sheet(room, 1, {"r:P1": "present", "r:P2": "late"})  # "late" is not a status: ignored
    assert _statuses(1) == {"r:P1": "present"}
    assert Attendance.objects.count() == 1


def test_the_stipend_hook_is_called_after_every_change(room: Room) -> None:
    with mock.patch("minipublic.participants.stipends.sync_stipends_for_session") as sync:
        _sheet(room, 1, {"r:P1": "present"})
        code = _open_code(room, 1)
        _client(room, "participant").post(f"{BASE}check-in/", {"code": code})
    sessions = [call.args[0].number for call in sync.call_args_list]
    assert sessions == [1, 1]


def _open_code(room: Room, number: int) -> str:
    response = _client(room, "facilitator").post(f"{BASE}{number}/", {"step": "open"})
    assert response.status_code == 302
    return CheckInCode.objects.get(session__number=number, session__process=room.cast.process).code


def test_a_participant_checks_in_with_the_open_code(room: Room) -> None:
    code = _open_code(room, 1)
    assert len(code) == 6
    assert set(code) <= set(CODE_ALPHABET)
    sheet = _text(_client(room, "facilitator").get(f"{BASE}1/"))
    assert code in sheet
    client = _client(room, "participant")
    typed = f" {code[:3].lower()}-{code[3:]} "  # lower case, a dash and spaces are fine
    response = client.post(f"{BASE}check-in/", {"code": typed}, follow=True)
    assert "You are checked in to session 1" in _text(response)
    row = Attendance.objects.get(attendee_key=_key(room, "participant"))
    assert (row.status, row.method) == ("present", "code")
    # The code names the account's own key only: a key in the form changes nothing.
    other = _client(room, "member2")
    other.post(f"{BASE}check-in/", {"code": code, "attendee_key": "r:P1"})
    assert "r:P1" not in _statuses(1)
    assert _statuses(1)[_key(room, "member2")] == "present"


def test_a_wrong_or_closed_code_is_refused_clearly(room: Room) -> None:
    code = _open_code(room, 1)
    client = _client(room, "participant")
    wrong = client.post(f"{BASE}check-in/", {"code": "XXXXXX"})
    assert wrong.status_code == 400
    assert "not the code of a meeting open for check-in" in _text(wrong)
    _client(room, "facilitator").post(f"{BASE}1/", {"step": "close"})
    closed = client.post(f"{BASE}check-in/", {"code": code})
    assert closed.status_code == 400
    assert "Check-in with this code is closed" in _text(closed)
    assert not Attendance.objects.exists()
    closing = LedgerEntry.objects.get(event="attendance.check_in_closed")
    assert closing.payload["session"] == 1
    assert code not in str(LedgerEntry.objects.values_list("payload", flat=True)[::1])


def test_wrong_tries_are_limited_per_account(room: Room) -> None:
    code = _open_code(room, 1)
    client = _client(room, "participant")
    for _ in range(MAX_WRONG_TRIES):
        assert client.post(f"{BASE}check-in/", {"code": "AAAAAA"}).status_code == 400
    blocked = client.post(f"{BASE}check-in/", {"code": code})
    assert blocked.status_code == 400
    assert "Too many wrong codes" in _text(blocked)
    assert not Attendance.objects.exists()
    # Another account is not affected.
    assert _client(room, "member2").post(f"{BASE}check-in/", {"code": code}).status_code == 302


def test_two_unexcused_absences_open_one_follow_up_not_two(room: Room) -> None:
    p2, p3 = "r:P2", "r:P3"
    _sheet(room, 1, {p2: "absent", p3: "excused"})
    assert not FollowUpTask.objects.exists()
    _sheet(room, 2, {p2: "absent", p3: "absent"})  # P3's first absence was excused
    assert list(FollowUpTask.objects.values_list("attendee_key", flat=True)) == [p2]
    _sheet(room, 2, {p2: "absent", "r:P1": "present"})  # saving again opens no second task
    _sheet(room, 1, {p2: "absent", "r:P1": "present"})
    assert FollowUpTask.objects.count() == 1
    task = FollowUpTask.objects.get()
    assert (task.absences, task.reason) == (2, "sessions 1, 2")
    entries = LedgerEntry.objects.filter(event="attendance.recorded").order_by("sequence")
    assert [e.payload["follow_ups_opened"] for e in entries] == [0, 1, 0, 0]


def test_the_team_assigns_and_completes_a_follow_up_with_an_encrypted_note(room: Room) -> None:
    _sheet(room, 1, {"r:P2": "absent"})
    _sheet(room, 2, {"r:P2": "absent"})
    task = FollowUpTask.objects.get()
    page = _text(_client(room, "recruiter").get(f"{BASE}follow-up/"))
    assert "Panel P." in page
    assert "2 unexcused absences (sessions 1, 2)" in page
    lead = room.user("lead_practitioner")
    recruiter = room.user("recruiter")
    facilitator = _client(room, "facilitator")
    facilitator.post(
        f"{BASE}follow-up/", {"task": task.pk, "step": "assign", "assignee": recruiter.pk}
    )
    task.refresh_from_db()
    assert task.assigned_to == recruiter
    empty = facilitator.post(f"{BASE}follow-up/", {"task": task.pk, "step": "done"})
    assert empty.status_code == 400
    note = "Caring for her mother this month; a carer is arranged for the next meetings."
    done = facilitator.post(
        f"{BASE}follow-up/", {"task": task.pk, "step": "done", f"t{task.pk}-note": note}
    )
    assert done.status_code == 302
    task.refresh_from_db()
    assert task.note == note
    assert task.done_by == room.user("facilitator")
    # The note is for those who handle support: the lead sees it, the facilitator does not.
    assert note in _text(_client(room, "lead_practitioner").get(f"{BASE}follow-up/"))
    assert note not in _text(facilitator.get(f"{BASE}follow-up/"))
    assert lead is not None
    # Encrypted at rest.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT note FROM participants_followuptask WHERE id = %s", [task.pk])
        raw = cursor.fetchone()[0]
    assert "mother" not in str(raw)
    assert LedgerEntry.objects.get(event="attendance.follow_up_done").payload == {"absences": 2}


def test_the_overview_counts_each_meeting_and_person(room: Room) -> None:
    _sheet(room, 1, {"r:P1": "present", "r:P2": "absent"})
    page = _text(_client(room, "recruiter").get(BASE))
    assert "Session 1: Day one" in page
    assert "Attendance by person" in page
    assert "Panel P." in page


PAGES = (BASE, f"{BASE}1/", f"{BASE}follow-up/")


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
def test_who_may_see_the_sheets_and_follow_ups(room: Room, who: str, allowed: bool) -> None:
    _sheet(room, 1, {"r:P2": "absent"})
    _sheet(room, 2, {"r:P2": "absent"})
    client = _client(room, who)
    for page in PAGES:
        response = client.get(page)
        if allowed:
            assert response.status_code == 200, page
        else:
            assert response.status_code in (302, 403, 404), (who, page)
            assert "Panel P." not in _text(response)
    posted = _sheet(room, 1, {"r:P1": "present"}, who=who)
    assert ("r:P1" in _statuses(1)) is allowed
    if allowed:
        assert posted.status_code == 302  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("who", "status"),
    [("participant", 200), ("facilitator", 403), ("observer", 403), ("outsider", 404)],
)
def test_only_participants_check_themselves_in(room: Room, who: str, status: int) -> None:
    assert _client(room, who).get(f"{BASE}check-in/").status_code == status
