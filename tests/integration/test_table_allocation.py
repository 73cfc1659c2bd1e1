"""Table allocation through its pages: who may see and do what, running, pinning, groups,
applying (seats and the public record), bad input, and a participant's own tables."""

from __future__ import annotations

import datetime
import json
import re

import pytest
from django.test import Client

from minipublic.deliberation.models import AllocationRun, Seat, Session, TableGroup, TablePin
from minipublic.deliberation.sessions import do_add_session, do_set_tables
from minipublic.integrity.models import LedgerEntry
from minipublic.recruitment.models import Registrant, RegistrantStatus
from tests.cast import Cast

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _quick(monkeypatch: pytest.MonkeyPatch) -> None:
    """A shorter search: these tests are about the pages, the engine has its own."""
    monkeypatch.setattr("minipublic.deliberation.allocation.EFFORT", 0.1)


BASE = "/p/riverside/manage/tables/"
GENDERS = ("female", "male")
AGES = ("16-29", "30-44", "45-64")
NAMES = ("Amira", "Bo", "Cai", "Dana", "Eli", "Fatma", "Gus", "Hana", "Ivo", "Jo", "Kit", "Lena")


@pytest.fixture
def room(cast: Cast) -> Cast:
    """Riverside with twelve confirmed members (the participant account is the first of
    them) and two sessions of three tables."""
    for i, first in enumerate(NAMES):
        Registrant.objects.create(
            process=cast.process,
            pseudonym=f"P{i:02d}",
            first_name=first,
            last_name="Surname",
            email=f"p{i}@example.org",
            answers={"gender": GENDERS[i % 2], "age": AGES[i % 3]},
            registered_on=datetime.date(2026, 3, 1),
            status=RegistrantStatus.CONFIRMED,
            user=cast.users["participant"] if i == 0 else None,
        )
    facilitator = cast.users["facilitator"]
    for day in (1, 2):
        session = do_add_session(
            facilitator, cast.process, title=f"Day {day}", on=datetime.date(2026, 9, 11 + day)
        )
        do_set_tables(facilitator, cast.process, session, 3)
    return cast


def _run(client: Client, **fields: object) -> object:
    data = {"sessions": ["1", "2"], "features": ["gender", "age"], "tables": "3", **fields}
    return client.post(f"{BASE}run/", data)


def _table_of(seating: dict[str, list[list[str]]], session: int, key: str) -> int:
    return next(t for t, members in enumerate(seating[str(session)], 1) if key in members)


# ------------------------------------------------------------------ who may do what


@pytest.mark.parametrize(
    ("actor", "status"),
    [
        ("lead_practitioner", 200),
        ("facilitator", 200),
        ("participant", 403),
        ("commissioner", 403),
        ("oversight", 403),
        ("expert", 403),
        ("observer", 403),
        ("recruiter", 403),
        ("outsider", 404),
        ("staff", 404),
        ("anonymous", 302),
    ],
)
def test_only_the_team_sees_the_tables_page_and_its_runs(
    room: Cast, actor: str, status: int
) -> None:
    assert _run(room.client("facilitator")).status_code == 302
    client = room.client(actor)
    assert client.get(BASE).status_code == status
    assert client.get(f"{BASE}runs/1/").status_code == status


@pytest.mark.parametrize(
    "path",
    ["run/", "runs/1/apply/", "pins/", "pins/remove/", "groups/", "groups/1/remove/"],
)
@pytest.mark.parametrize("actor", ["participant", "commissioner", "oversight", "outsider"])
def test_nobody_outside_the_team_changes_anything(room: Cast, path: str, actor: str) -> None:
    _run(room.client("facilitator"))
    TableGroup.objects.create(process=room.process, kind="apart", members=["r:P01", "r:P02"])
    data = {"sessions": ["1"], "tables": "3", "session": "1", "attendee": "r:P01", "table": "1"}
    data |= {"kind": "together", "members": ["r:P01", "r:P02"]}
    response = room.client(actor).post(f"{BASE}{path}", data)
    assert response.status_code in (403, 404)
    assert AllocationRun.objects.count() == 1
    assert not AllocationRun.objects.filter(applied_at__isnull=False).exists()
    assert not TablePin.objects.exists()
    assert TableGroup.objects.count() == 1
    assert not Seat.objects.exists()


@pytest.mark.parametrize(
    ("actor", "status"),
    [
        ("participant", 200),
        ("facilitator", 403),
        ("commissioner", 403),
        ("outsider", 404),
        ("anonymous", 302),
    ],
)
def test_only_participants_have_a_my_tables_page(room: Cast, actor: str, status: int) -> None:
    assert room.client(actor).get("/p/riverside/room/my-tables/").status_code == status


def test_the_process_menu_links_the_pages_to_whom_they_serve(room: Cast) -> None:
    team = room.client("facilitator").get("/p/riverside/").text
    member = room.client("participant").get("/p/riverside/").text
    assert BASE in team
    assert "/room/my-tables/" not in team
    assert "/room/my-tables/" in member
    assert BASE not in member


# ------------------------------------------------------------------ run, look, apply


def test_a_run_is_balanced_mixed_shown_with_names_and_applied(room: Cast) -> None:
    client = room.client("facilitator")
    response = _run(client)
    assert response.status_code == 302
    assert response["Location"] == f"{BASE}runs/1/"
    run = AllocationRun.objects.get()
    assert run.sessions == [1, 2]
    assert run.seed == "riverside-1"
    assert run.report["score"]["balance"] == 100.0  # 12 people, 3 tables of 4: balanceable
    assert run.report["attendees"] == 12
    assert not Seat.objects.exists()  # a proposal only

    page = client.get(f"{BASE}runs/1/").text
    assert "Allocation 1" in page
    assert "Amira S." in page  # names, first name and initial, for the team
    assert "Surname" not in page
    assert "Not applied" in page
    assert f"{run.report['score']['mixing']}%" in page

    response = client.post(f"{BASE}runs/1/apply/")
    assert response.status_code == 302
    run.refresh_from_db()
    assert run.applied_at is not None
    for number in (1, 2):
        seats = Seat.objects.filter(session__number=number, session__process=room.process)
        assert seats.count() == 12
        for seat in seats:
            assert seat.table.number == _table_of(run.seating, number, seat.attendee)
    assert "Applied on" in client.get(f"{BASE}runs/1/").text

    entry = LedgerEntry.objects.filter(process=room.process, event="tables.allocated").get()
    payload = entry.payload
    assert payload["run"] == 1
    assert payload["runs_since_last_applied"] == 1
    assert payload["features"] == ["gender", "age"]
    assert payload["sessions"] == [1, 2]
    assert payload["attendees"] == 12
    assert payload["score"] == run.report["score"]
    assert payload["seed"] == "riverside-1"
    text = json.dumps(entry.to_entry().public_record())
    assert not re.search(r"r:P\d\d|Amira|Surname", text)  # no keys, no names
    seated = LedgerEntry.objects.filter(process=room.process, event="session.seated")
    assert seated.count() == 2

    again = client.post(f"{BASE}runs/1/apply/", follow=True)
    assert "has already been applied" in again.text


def test_a_balance_slack_is_recorded_and_published(room: Cast) -> None:
    client = room.client("facilitator")
    _run(client, slack="2")
    run = AllocationRun.objects.get()
    assert run.balance_slack == run.report["balance_slack"] == 2
    assert "Each session was allowed 2 people outside" in client.get(f"{BASE}runs/1/").text
    client.post(f"{BASE}runs/1/apply/")
    entry = LedgerEntry.objects.get(process=room.process, event="tables.allocated")
    assert entry.payload["balance_slack"] == 2


def test_the_same_seed_gives_the_same_seating(room: Cast) -> None:
    client = room.client("facilitator")
    _run(client, seed="chosen")
    _run(client, seed="chosen")
    first, second = AllocationRun.objects.order_by("number")
    assert first.seating == second.seating
    assert first.seed == second.seed == "chosen"


def test_other_sessions_seats_are_earlier_seatings_to_avoid(room: Cast) -> None:
    client = room.client("facilitator")
    _run(client, sessions=["1"])
    client.post(f"{BASE}runs/1/apply/")
    _run(client, sessions=["2"])
    run = AllocationRun.objects.get(number=2)
    first = AllocationRun.objects.get(number=1).seating["1"]
    again = sum(
        len(set(table) & set(earlier)) * (len(set(table) & set(earlier)) - 1) // 2
        for table in run.seating["2"]
        for earlier in first
    )
    # session 1's seats reached the engine as an earlier seating: it counts (and keeps
    # low) the pairs who meet again, which tables balanced on gender and age allow
    assert run.report["mixing"]["met_before"] == again
    assert again <= 3


def test_a_run_made_before_the_room_changed_is_not_applied(room: Cast) -> None:
    client = room.client("facilitator")
    _run(client)
    Registrant.objects.filter(pseudonym="P11").update(status=RegistrantStatus.WITHDRAWN)
    response = client.post(f"{BASE}runs/1/apply/", follow=True)
    assert "People joined or left the room since allocation 1 was made" in response.text
    assert not Seat.objects.exists()
    assert AllocationRun.objects.get().applied_at is None


def test_applying_adds_or_removes_tables_to_match(room: Cast) -> None:
    client = room.client("facilitator")
    _run(client, tables="4")
    client.post(f"{BASE}runs/1/apply/")
    assert Session.objects.get(process=room.process, number=1).tables.count() == 4
    _run(client, tables="2")
    client.post(f"{BASE}runs/2/apply/")
    session = Session.objects.get(process=room.process, number=1)
    assert session.tables.count() == 2
    assert set(Seat.objects.filter(session=session).values_list("table__number", flat=True)) == {
        1,
        2,
    }


# ------------------------------------------------------------------ pins and groups


def test_pins_are_kept_by_the_next_run_and_marked_on_the_seats(room: Cast) -> None:
    client = room.client("facilitator")
    _run(client)
    response = client.post(f"{BASE}pins/", {"session": "2", "attendee": "r:P03", "table": "3"})
    assert response.status_code == 302
    page = client.get(BASE).text
    assert "Dana S." in page
    assert "Unpin Dana S. in session 2" in page
    _run(client)
    run = AllocationRun.objects.get(number=2)
    assert _table_of(run.seating, 2, "r:P03") == 3
    assert run.report["pins_honoured"] == run.report["pins"] == 1
    client.post(f"{BASE}runs/2/apply/")
    pinned = Seat.objects.get(session__number=2, attendee="r:P03")
    assert pinned.pinned
    assert pinned.table.number == 3
    client.post(f"{BASE}pins/remove/", {"session": "2", "attendee": "r:P03"})
    assert not TablePin.objects.exists()


def test_groups_sit_together_or_apart_in_every_session(room: Cast) -> None:
    client = room.client("facilitator")
    together = {"kind": "together", "members": ["r:P00", "r:P05"], "note": "hearing loop"}
    apart = {"kind": "apart", "members": ["r:P01", "r:P02", "r:P04"]}
    assert client.post(f"{BASE}groups/", together).status_code == 302
    assert client.post(f"{BASE}groups/", apart).status_code == 302
    page = client.get(BASE).text
    assert "Amira S., Fatma S." in page
    assert "hearing loop" in page
    _run(client)
    run = AllocationRun.objects.get()
    for session in (1, 2):
        assert _table_of(run.seating, session, "r:P00") == _table_of(run.seating, session, "r:P05")
        tables = {_table_of(run.seating, session, k) for k in ("r:P01", "r:P02", "r:P04")}
        assert len(tables) == 3
    assert run.report["together_honoured"] == run.report["apart_honoured"] == 1
    group = TableGroup.objects.get(kind="apart")
    client.post(f"{BASE}groups/{group.pk}/remove/")
    assert TableGroup.objects.count() == 1


# ------------------------------------------------------------------ bad input


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"sessions": []}, "This field is required."),
        ({"tables": "0"}, "greater than or equal to 1"),
        ({"capacities": "4, four"}, "whole numbers of seats"),
        ({"capacities": "4, 4"}, "Give the seats of each of the 3 tables: 2 numbers were given."),
        ({"capacities": "3, 3, 3"}, "Session 1 has 9 seats for 12 people: add 3 seats"),
        ({"tables": "13"}, "would have 13 tables for 12 people"),
        ({"sessions": ["7"]}, "Select a valid choice."),
        ({"features": ["shoe-size"]}, "Select a valid choice."),
        ({"seed": "x" * 101}, "at most 100 characters"),
        ({"slack": "51"}, "less than or equal to 50"),
    ],
)
def test_bad_requests_are_refused_with_their_reason(
    room: Cast, fields: dict[str, object], message: str
) -> None:
    response = _run(room.client("facilitator"), **fields)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not AllocationRun.objects.exists()


def test_engine_refusals_name_people_not_keys(room: Cast) -> None:
    client = room.client("facilitator")
    for key in ("r:P00", "r:P01", "r:P02"):
        client.post(f"{BASE}pins/", {"session": "1", "attendee": key, "table": "1"})
    client.post(f"{BASE}groups/", {"kind": "apart", "members": ["r:P00", "r:P01"]})
    response = _run(client)
    assert response.status_code == 400
    text = response.content.decode()
    assert "Amira S. and Bo S. must sit apart but are both pinned to table 1 of session 1" in text
    assert "r:P0" not in text.split("<form")[0]


def test_a_pin_beyond_the_tables_asked_for_is_explained(room: Cast) -> None:
    client = room.client("facilitator")
    client.post(f"{BASE}pins/", {"session": "1", "attendee": "r:P03", "table": "5"})
    response = _run(client)
    assert response.status_code == 400
    assert "Dana S. is pinned to table 5 of session 1, which has tables 1 to 3" in response.text


@pytest.mark.parametrize(
    ("path", "data", "message"),
    [
        ("pins/", {"session": "1", "attendee": "r:NOBODY", "table": "1"}, "Select a valid choice"),
        ("pins/", {"session": "1", "attendee": "r:P00", "table": "0"}, "greater than or equal"),
        ("groups/", {"kind": "together", "members": ["r:P00"]}, "at least two people"),
        ("groups/", {"kind": "sideways", "members": ["r:P00", "r:P01"]}, "valid choice"),
    ],
)
def test_bad_pins_and_groups_are_refused(
    room: Cast, path: str, data: dict[str, object], message: str
) -> None:
    response = room.client("facilitator").post(f"{BASE}{path}", data)
    assert response.status_code == 400
    assert message in response.text
    assert not TablePin.objects.exists()
    assert not TableGroup.objects.exists()


def test_an_unknown_run_is_not_found(room: Cast) -> None:
    client = room.client("facilitator")
    assert client.get(f"{BASE}runs/9/").status_code == 404
    assert client.post(f"{BASE}runs/9/apply/").status_code == 404


# ------------------------------------------------------------------ a participant's view


def test_a_participant_sees_their_own_table_and_nobody_else(room: Cast) -> None:
    client = room.client("participant")
    assert "not seated yet" in client.get("/p/riverside/room/my-tables/").text
    facilitator = room.client("facilitator")
    _run(facilitator)
    facilitator.post(f"{BASE}runs/1/apply/")
    run = AllocationRun.objects.get()
    page = client.get("/p/riverside/room/my-tables/").text
    for session in (1, 2):
        assert f"Table {_table_of(run.seating, session, 'r:P00')}" in page
    for first in NAMES[1:]:
        assert f"{first} S." not in page
    assert "r:P" not in page
