"""Speaking time through the HTTP endpoints: the console's forms and JSON, replays, two
facilitators, the clamping rule, and who sees which figures.

Every request runs with the clock frozen on the session's day (``clock.frozen_at``), so
the times the server records are known exactly.
"""

from __future__ import annotations

import datetime
import json
import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from minipublic import clock
from minipublic.deliberation.models import Turn
from minipublic.deliberation.speaking import TURN_MAX
from minipublic.integrity.models import LedgerEntry
from tests.cast import ACTORS, Cast
from tests.speaking_fixtures import MORNING, Room, make_room, ms

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


@pytest.fixture
def room(cast: Cast) -> Room:
    """The riverside process in deliberation with one seated session on 12 Sep 2026."""
    with clock.frozen_at(MORNING - datetime.timedelta(hours=2)):
        return make_room(cast)


@contextmanager
def at(minutes: float) -> Iterator[datetime.datetime]:
    """The clock frozen ``minutes`` after 10:00 on the session's day."""
    moment = MORNING + datetime.timedelta(minutes=minutes)
    with clock.frozen_at(moment):
        yield moment


def _turns() -> list[tuple[str, datetime.datetime, datetime.datetime | None, str]]:
    return [
        (t.attendee, t.started_at, t.ended_at, t.recorded_by.username if t.recorded_by else "")
        for t in Turn.objects.order_by("started_at", "pk")
    ]


def _form_uuid(html: str, attendee: str) -> str:
    """The turn UUID in the form of ``attendee``'s button on the console page."""
    found = re.search(
        rf'data-attendee="{re.escape(attendee)}".*?name="uuid" value="([0-9a-f-]+)"', html, re.S
    )
    assert found, attendee
    return found.group(1)


# ---------------------------------------------------------------- who may do what

#: (page, who gets 200; every other member 403, non-members 404)
PAGES = {
    "console": {"lead_practitioner", "facilitator"},
    "console_state": {"lead_practitioner", "facilitator"},
    "speaking_session": {"lead_practitioner", "facilitator"},
    "speaking_overview": {
        "lead_practitioner",
        "facilitator",
        "participant",
        "commissioner",
        "oversight",
        "expert",
        "observer",
        "recruiter",
    },
}


@pytest.mark.parametrize("page", sorted(PAGES))
def test_each_page_opens_for_exactly_its_roles(room: Room, page: str) -> None:
    if page == "speaking_overview":
        url = "/p/riverside/room/speaking/"
    elif page == "speaking_session":
        url = "/p/riverside/room/sessions/1/speaking/"
    else:
        url = room.url(page)  # the console's page and its JSON state
    for name in ACTORS:
        with at(0):
            status = room.cast.client(name).get(url).status_code
        if name in PAGES[page]:
            expected = 200
        elif name in ("outsider", "staff", "anonymous"):
            expected = 404  # a private process does not reveal itself
        else:
            expected = 403
        assert status == expected, (name, page, status)


@pytest.mark.parametrize("name", ["participant", "commissioner", "oversight", "observer"])
def test_only_the_team_records(room: Room, name: str) -> None:
    client = room.cast.client(name)
    turn = str(uuid.uuid4())
    with at(1):
        posts = [
            client.post(room.url("console_start"), {"attendee": "r:P1", "uuid": turn}),
            client.post(room.url("console_stop"), {"uuid": turn}),
            client.post(room.url("console_finish")),
            room.events(client, [{"kind": "start", "uuid": turn, "attendee": "r:P1"}], None),
        ]
    assert [response.status_code for response in posts] == [403, 403, 403, 403]
    assert not Turn.objects.exists()


def test_the_console_is_refused_outside_the_room_phases(cast: Cast) -> None:
    # In design the process has no room yet: recording is refused, the overview opens.
    client = cast.client("facilitator")
    assert client.get("/p/riverside/room/speaking/").status_code == 200
    assert client.get("/p/riverside/room/sessions/1/tables/1/console/").status_code == 403


def test_an_unknown_table_is_not_found(room: Room) -> None:
    client = room.cast.client("facilitator")
    assert client.get("/p/riverside/room/sessions/1/tables/9/console/").status_code == 404
    assert client.get("/p/riverside/room/sessions/4/tables/1/console/").status_code == 404
    assert client.get("/p/riverside/room/sessions/4/speaking/").status_code == 404


# ---------------------------------------------------------------- the forms, without JavaScript


def test_the_forms_start_and_stop_turns_on_the_server_clock(room: Room) -> None:
    client = room.cast.client("facilitator")
    with at(0):
        page = client.get(room.url("console")).content.decode()
    assert page.count('class="speaker-form"') == 4  # everyone at table 1, nobody else
    for name in ("Amina H.", "Bernard C.", "Chloe D.", "participant"):
        assert name in page
    assert "Dev E." not in page  # table 2
    amina = _form_uuid(page, "r:P1")
    with at(1) as start:
        response = client.post(room.url("console_start"), {"attendee": "r:P1", "uuid": amina})
    assert response.status_code == 302
    assert response["Location"] == room.url("console")
    with at(1.5):
        again = client.post(room.url("console_start"), {"attendee": "r:P1", "uuid": amina})
        followed = client.get(again["Location"]).content.decode()
    assert "That press had already been recorded." in followed
    assert _turns() == [("r:P1", start, None, "facilitator")]  # sent twice, stored once
    # Starting Bernard ends Amina's turn.
    bernard = _form_uuid(followed, "r:P2")
    with at(3) as switch:
        client.post(room.url("console_start"), {"attendee": "r:P2", "uuid": bernard})
    with at(4) as stop:
        client.post(room.url("console_stop"), {"uuid": bernard})
    assert _turns() == [
        ("r:P1", start, switch, "facilitator"),
        ("r:P2", switch, stop, "facilitator"),
    ]


def test_a_reload_shows_the_running_turn(room: Room) -> None:
    client = room.cast.client("facilitator")
    turn = str(uuid.uuid4())
    with at(0):
        client.post(room.url("console_start"), {"attendee": "r:P3", "uuid": turn})
    with at(2.5):
        page = client.get(room.url("console")).content.decode()
        state = client.get(room.url("console_state")).json()
    pressed = re.findall(r'data-attendee="([^"]+)".*?aria-pressed="(true|false)"', page, re.S)
    assert dict(pressed)["r:P3"] == "true"
    assert [value for key, value in pressed if key != "r:P3"] == ["false"] * 3
    assert re.search(r'id="now-name">\s*Chloe D\.', page)
    assert "2 min 30 s" in page  # the running turn, counted up to now
    assert _form_uuid(page, "r:P3") == turn  # her button now stops that turn
    assert state["mine"] == {
        "uuid": turn,
        "attendee": "r:P3",
        "started_at": MORNING.isoformat(),
    }
    chloe = next(person for person in state["people"] if person["key"] == "r:P3")
    assert (chloe["seconds"], chloe["speaking"]) == (150.0, True)


def test_bad_presses_are_refused_with_a_message(room: Room) -> None:
    client = room.cast.client("facilitator")
    with at(1):
        response = client.post(
            room.url("console_start"), {"attendee": "r:P99", "uuid": str(uuid.uuid4())}, follow=True
        )
        garbled = client.post(room.url("console_stop"), {"uuid": "not-a-uuid"}, follow=True)
        unknown = client.post(room.url("console_stop"), {"uuid": str(uuid.uuid4())}, follow=True)
    assert "r:P99 is not in the room." in response.content.decode()
    assert "That press could not be read" in garbled.content.decode()
    assert "never started at this table" in unknown.content.decode()
    assert not Turn.objects.exists()


def test_nothing_is_recorded_before_the_session_day(room: Room) -> None:
    client = room.cast.client("facilitator")
    with clock.frozen_at(MORNING - datetime.timedelta(days=1)):
        page = client.get(room.url("console")).content.decode()
        response = client.post(
            room.url("console_start"), {"attendee": "r:P1", "uuid": str(uuid.uuid4())}, follow=True
        )
    assert "its speaking time can be recorded from that day on" in page
    assert "Session 1 is on 2026-09-12" in response.content.decode()
    assert not Turn.objects.exists()


# ---------------------------------------------------------------- the JSON events


def test_events_are_recorded_once_however_often_they_are_sent(room: Room) -> None:
    client = room.cast.client("facilitator")
    first, second = str(uuid.uuid4()), str(uuid.uuid4())
    events = [
        {"kind": "start", "uuid": first, "attendee": "r:P1", "at": ms(MORNING)},
        {"kind": "start", "uuid": second, "attendee": "r:P2", "at": ms(MORNING) + 40_000},
        {"kind": "stop", "uuid": second, "at": ms(MORNING) + 100_000},
    ]
    with at(2):  # sent two minutes after 10:00, on a phone whose clock is right
        body = room.events(client, events, ms(MORNING) + 120_000).json()
    assert [(r["kind"], r["status"]) for r in body["results"]] == [
        ("start", "recorded"),
        ("start", "recorded"),
        ("stop", "recorded"),
    ]
    expected = [
        ("r:P1", MORNING, MORNING + datetime.timedelta(seconds=40), "facilitator"),
        (
            "r:P2",
            MORNING + datetime.timedelta(seconds=40),
            MORNING + datetime.timedelta(seconds=100),
            "facilitator",
        ),
    ]
    assert _turns() == expected
    seconds = {p["key"]: p["seconds"] for p in body["state"]["people"]}
    assert seconds == {"r:P1": 40.0, "r:P2": 60.0, "r:P3": 0.0, room.seated[1][3]: 0.0}
    assert body["state"]["mine"] is None
    # The response was lost: the phone sends the same queue again, later.
    with at(5):
        again = room.events(client, events, ms(MORNING) + 300_000).json()
    assert [r["status"] for r in again["results"]] == ["duplicate"] * 3
    assert _turns() == expected


def test_the_phone_clock_is_corrected_by_its_offset(room: Room) -> None:
    # The phone's clock runs an hour slow; it queued two taps offline and sends them at
    # 10:30 server time (9:30 on its clock).
    client = room.cast.client("facilitator")
    slow = datetime.timedelta(hours=1)
    turn = str(uuid.uuid4())

    def phone(minutes: int) -> int:
        return ms(MORNING + datetime.timedelta(minutes=minutes) - slow)

    events = [
        {"kind": "start", "uuid": turn, "attendee": "r:P1", "at": phone(10)},
        {"kind": "stop", "uuid": turn, "at": phone(12)},
    ]
    with at(30):
        body = room.events(client, events, phone(30))
    assert [r["adjusted"] for r in body.json()["results"]] == [False, False]
    turn_row = Turn.objects.get()
    assert turn_row.started_at == MORNING + datetime.timedelta(minutes=10)
    assert turn_row.ended_at == MORNING + datetime.timedelta(minutes=12)
    assert turn_row.received_at == MORNING + datetime.timedelta(minutes=30)
    assert turn_row.adjusted is False


@pytest.mark.parametrize(
    ("start", "stop", "expected_start", "expected_end"),
    [
        # A time in the future (the phone sent a tap "after" it sent the batch) is now.
        (5, 40, 5, 10),
        # A time before the session's day is the day's first moment.
        (-24 * 60, -23 * 60, -10 * 60, -10 * 60),
        # A stop before its start ends the turn at its start.
        (5, 3, 5, 5),
        # A turn longer than TURN_MAX ends TURN_MAX after its start.
        (-200, -100, -200, -200 + TURN_MAX.total_seconds() / 60),
    ],
    ids=["future", "before-the-day", "stop-before-start", "absurd-length"],
)
def test_implausible_times_are_clamped_and_marked(
    room: Room, start: float, stop: float, expected_start: float, expected_end: float
) -> None:
    # Sent at 10:10 by a phone whose clock is right; times in minutes after 10:00.
    client = room.cast.client("facilitator")
    turn = str(uuid.uuid4())

    def when(minutes: float) -> int:
        return ms(MORNING + datetime.timedelta(minutes=minutes))

    events = [
        {"kind": "start", "uuid": turn, "attendee": "r:P2", "at": when(start)},
        {"kind": "stop", "uuid": turn, "at": when(stop)},
    ]
    with at(10):
        results = room.events(client, events, when(10)).json()["results"]
    assert [r["status"] for r in results] == ["recorded", "recorded"]
    assert any(r["adjusted"] for r in results)
    row = Turn.objects.get()
    assert row.started_at == MORNING + datetime.timedelta(minutes=expected_start)
    assert row.ended_at == MORNING + datetime.timedelta(minutes=expected_end)
    assert row.adjusted is True
    with at(11):
        page = room.cast.client("facilitator").get("/p/riverside/room/sessions/1/speaking/")
    assert "1 turn had an implausible time from a console" in page.content.decode()


def test_a_turn_left_running_counts_at_most_the_longest_plausible_turn(room: Room) -> None:
    client = room.cast.client("facilitator")
    forgotten = str(uuid.uuid4())
    with at(0):
        client.post(room.url("console_start"), {"attendee": "r:P1", "uuid": forgotten})
    with at(90):
        state = client.get(room.url("console_state")).json()
        assert state["mine"] is None  # no longer shown as running
        amina = next(p for p in state["people"] if p["key"] == "r:P1")
        assert amina["seconds"] == TURN_MAX.total_seconds()
        # The facilitator's next tap ends it, TURN_MAX after it started.
        client.post(room.url("console_start"), {"attendee": "r:P2", "uuid": str(uuid.uuid4())})
    stale = Turn.objects.get(uuid=forgotten)
    assert stale.ended_at == MORNING + TURN_MAX
    assert stale.adjusted is True


def test_a_long_offline_stretch_keeps_its_short_turns(room: Room) -> None:
    # Taps queued for 45 minutes offline: the early turns are short, not taken for stale.
    client = room.cast.client("facilitator")
    turns = [str(uuid.uuid4()) for _ in range(3)]
    events = [
        {"kind": "start", "uuid": turns[0], "attendee": "r:P1", "at": ms(MORNING)},
        {"kind": "start", "uuid": turns[1], "attendee": "r:P2", "at": ms(MORNING) + 60_000},
        {"kind": "stop", "uuid": turns[1], "at": ms(MORNING) + 150_000},
        {"kind": "start", "uuid": turns[2], "attendee": "r:P3", "at": ms(MORNING) + 2_400_000},
        {"kind": "stop", "uuid": turns[2], "at": ms(MORNING) + 2_430_000},
    ]
    with at(45):
        body = room.events(client, events, ms(MORNING) + 2_700_000).json()
    assert [r["status"] for r in body["results"]] == ["recorded"] * 5
    seconds = {p["key"]: p["seconds"] for p in body["state"]["people"]}
    assert (seconds["r:P1"], seconds["r:P2"], seconds["r:P3"]) == (60.0, 90.0, 30.0)
    assert not Turn.objects.filter(adjusted=True).exists()


def test_malformed_requests_and_events_are_refused_clearly(room: Room) -> None:
    client = room.cast.client("facilitator")
    url = room.url("console_events")
    with at(1):
        not_json = client.post(url, "{nope", content_type="application/json")
        no_list = client.post(url, {"events": "x"}, content_type="application/json")
        too_many = room.events(
            client, [{"kind": "stop", "uuid": str(uuid.uuid4())}] * 201, ms(MORNING)
        )
        good = str(uuid.uuid4())
        mixed = room.events(
            client,
            [
                {"kind": "dance", "uuid": good},
                {"kind": "start", "uuid": "12", "attendee": "r:P1"},
                {"kind": "start", "uuid": good, "attendee": "r:P1", "at": "noon"},
                {"kind": "start", "uuid": good, "attendee": "r:P1", "at": True},
                {"kind": "start", "uuid": good},
                {"kind": "start", "uuid": good, "attendee": "r:P42"},
                {"kind": "start", "uuid": good, "attendee": "r:P1"},
                {"kind": "start", "uuid": good, "attendee": "r:P2"},  # the same UUID reused
            ],
            ms(MORNING + datetime.timedelta(minutes=1)),
        ).json()
    assert not_json.status_code == no_list.status_code == too_many.status_code == 400
    assert "JSON object" in not_json.json()["error"]
    assert "at most 200 events" in too_many.json()["error"]
    messages = [r.get("message", "") for r in mixed["results"]]
    assert [r["status"] for r in mixed["results"]] == ["refused"] * 6 + ["recorded", "refused"]
    assert messages[0] == "Event 1 cannot be read: kind must be start or stop."
    assert messages[1] == "Event 2 cannot be read: uuid is not a UUID."
    assert messages[2] == "Event 3 cannot be read: at is not a time in milliseconds."
    assert messages[3] == "Event 4 cannot be read: at is not a time in milliseconds."
    assert messages[4] == "Event 5 cannot be read: a start names its attendee."
    assert messages[5] == "r:P42 is not in the room."
    assert messages[7] == "That turn's identifier was already used for another turn."
    assert [t[0] for t in _turns()] == ["r:P1"]


# ---------------------------------------------------------------- two facilitators


def test_two_facilitators_on_one_table_lose_nothing_and_count_nothing_twice(room: Room) -> None:
    tom, priya = room.cast.client("facilitator"), room.cast.client("lead_practitioner")
    tom_amina, priya_amina = str(uuid.uuid4()), str(uuid.uuid4())
    with at(0):
        tom.post(room.url("console_start"), {"attendee": "r:P1", "uuid": tom_amina})
    with at(0.5):
        priya.post(room.url("console_start"), {"attendee": "r:P1", "uuid": priya_amina})
    # Tom moves on to Bernard: his own turn of Amina ends, Priya's runs on.
    with at(2):
        tom.post(room.url("console_start"), {"attendee": "r:P2", "uuid": str(uuid.uuid4())})
        refused = priya.post(room.url("console_stop"), {"uuid": tom_amina}, follow=True)
    assert "another team member&#x27;s record" in refused.content.decode()
    with at(2.5):
        priya.post(room.url("console_stop"), {"uuid": priya_amina})
        state = priya.get(room.url("console_state")).json()
    rows = _turns()
    assert [(who, end is None, by) for who, _, end, by in rows] == [
        ("r:P1", False, "facilitator"),
        ("r:P1", False, "lead_practitioner"),
        ("r:P2", True, "facilitator"),
    ]
    # Amina spoke from 10:00 to 10:02.5 by the union of both records: 150 s, not 270.
    seconds = {p["key"]: p["seconds"] for p in state["people"]}
    assert seconds["r:P1"] == 150.0
    assert seconds["r:P2"] == 30.0  # still running, counted up to now
    assert state["mine"] is None
    assert state["others"] == [
        {"attendee": "r:P2", "started_at": (MORNING + datetime.timedelta(minutes=2)).isoformat()}
    ]
    # Finishing ends every running turn, whoever recorded it.
    with at(3):
        finished = priya.post(room.url("console_finish"), follow=True)
    assert "1 running turns ended" in finished.content.decode()
    assert Turn.objects.filter(ended_at__isnull=True).count() == 0
    with at(4):
        page = tom.get("/p/riverside/room/sessions/1/speaking/").content.decode()
    assert "by 2 team members (a moment recorded twice counts once)" in page
    assert "2 min 30 s" in page  # Amina's time


def test_finishing_is_in_the_record_without_names_or_times(room: Room) -> None:
    client = room.cast.client("facilitator")
    with at(0):
        client.post(room.url("console_start"), {"attendee": "r:P1", "uuid": str(uuid.uuid4())})
    with at(1):
        client.post(room.url("console_finish"))
    entries = LedgerEntry.objects.filter(process=room.cast.process, event__startswith="speaking")
    assert [entry.event for entry in entries] == ["speaking.recording_finished"]
    entry = entries.get()
    public = entry.to_entry().public_record()
    assert entry.payload["turns"] == 1
    assert len(entry.payload["digest"]) == 64
    text = json.dumps(public)
    assert public["payload"]["session"] == 1
    assert public["payload"]["table"] == 1
    assert entry.payload["digest"] not in text  # only a salted commitment is public
    assert "P1" not in text
    assert "Amina" not in text
    # No other entry of the ledger names anyone's speaking.
    everything = json.dumps([e.to_entry().public_record() for e in LedgerEntry.objects.all()])
    assert "r:P1" not in everything


# ---------------------------------------------------------------- who sees which figures


def _record_a_table(room: Room) -> None:
    """Table 1: Amina 5 min, Bernard 1 min, Chloe and the participant silent."""
    client = room.cast.client("facilitator")
    with at(0):
        client.post(room.url("console_start"), {"attendee": "r:P1", "uuid": str(uuid.uuid4())})
    with at(5):
        client.post(room.url("console_start"), {"attendee": "r:P2", "uuid": str(uuid.uuid4())})
    with at(6):
        client.post(room.url("console_finish"))


def test_the_team_sees_each_person_and_who_has_not_spoken(room: Room) -> None:
    _record_a_table(room)
    with at(7):
        page = room.cast.client("facilitator").get("/p/riverside/room/sessions/1/speaking/")
    html = page.content.decode()
    assert "Not spoken yet — invite them in:</strong> Chloe D., participant" in html
    rows = re.findall(r'<th scope="row">([^<]+)</th>\s*<td[^>]*>([^<]+)</td>', html)
    # By name, never by time.
    assert rows[:4] == [
        ("Amina H.", "5 min 00 s"),
        ("Bernard C.", "1 min 00 s"),
        ("Chloe D.", "0 s"),
        ("participant", "0 s"),
    ]
    assert "83%" in html  # Amina's share of the talk
    assert "3.3 times" in html  # against a fair share of 25%
    assert "a fair share is 25%" in html
    # Gini of [300, 60, 0, 0]: sum |xi - xj| = 2 * (240 + 300 + 300 + 60 + 60) = 1920;
    # 2 * 16 * 90 = 2880 -> 0.67.
    assert "<dd>0.67</dd>" in html


@pytest.mark.parametrize("name", ["participant", "commissioner", "oversight", "observer"])
def test_members_see_aggregates_only(room: Room, name: str) -> None:
    _record_a_table(room)
    client = room.cast.client(name)
    with at(7):
        html = client.get("/p/riverside/room/speaking/").content.decode()
        refused = [
            client.get("/p/riverside/room/sessions/1/speaking/").status_code,
            client.get(room.url("console")).status_code,
            client.get(room.url("console_state")).status_code,
        ]
    assert refused == [403, 403, 403]
    assert "<dd>0.67</dd>" in html or ">0.67</td>" in html  # the table's Gini
    assert "2 of 4 (50%)" in html  # members who spoke at table 1
    assert "6 min 00 s" in html  # total speaking time
    for personal in ("Amina", "Bernard", "Chloe", "r:P1", "5 min 00 s", "1 min 00 s", "83%"):
        assert personal not in html, personal
    assert "invite them in" not in html
    assert "/room/sessions/1/speaking/" not in html  # no link to the team's page
    # The participant sat at table 1: it is marked as theirs, and only for them.
    assert ('Table 1 <span class="tag">your table</span>' in html) == (name == "participant")
    assert html.count("your table") == (1 if name == "participant" else 0)


def test_the_menu_links_every_member_to_the_aggregates(room: Room) -> None:
    for name in ("participant", "facilitator", "commissioner"):
        html = room.cast.client(name).get("/p/riverside/").content.decode()
        assert 'href="/p/riverside/room/speaking/"' in html, name
    html = room.cast.client("anonymous").get("/p/riverside/")
    assert html.status_code == 404


def test_the_public_sees_no_speaking_figures(public_cast: Cast) -> None:
    with clock.frozen_at(MORNING - datetime.timedelta(hours=2)):
        room = make_room(public_cast)
    _record_a_table(room)
    anonymous = public_cast.client("anonymous")
    assert anonymous.get("/p/riverside/room/speaking/").status_code == 403
    assert anonymous.get("/p/riverside/room/sessions/1/speaking/").status_code == 403
    assert anonymous.get(room.url("console")).status_code == 403
    page = anonymous.get("/p/riverside/").content.decode()
    assert "/room/speaking/" not in page
    assert "Gini" not in page
