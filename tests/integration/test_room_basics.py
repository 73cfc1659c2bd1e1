"""Laying out the room: sessions, agenda items and tables, each in the public record; and
linking a confirmed panel member to their participant account."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from minipublic.deliberation.models import ItemKind, Seat
from minipublic.deliberation.roster import roster
from minipublic.deliberation.seating import do_seat_session, seating
from minipublic.deliberation.sessions import do_add_item, do_add_session, do_set_tables
from minipublic.integrity.models import LedgerEntry
from minipublic.lifecycle import LifecycleError
from minipublic.processes.models import Process
from minipublic.recruitment.models import Registrant, RegistrantStatus
from minipublic.selection.accounts import do_link_participant_account
from tests.cast import Cast, make_user
from tests.selection_fixtures import to_selection_phase

pytestmark = pytest.mark.django_db


def _events(process: Process) -> list[tuple[str, dict[str, object]]]:
    rows = LedgerEntry.objects.filter(process=process).order_by("sequence")
    return [(row.event, row.payload) for row in rows if row.event.startswith(("session", "agenda"))]


def test_sessions_items_and_tables_are_numbered_and_recorded(cast: Cast) -> None:
    facilitator = cast.users["facilitator"]
    day = do_add_session(
        facilitator,
        cast.process,
        title="  Day 1:   getting started ",
        on=datetime.date(2026, 9, 12),
        starts_at=datetime.time(10, 0),
        location="Guildhall",
    )
    second = do_add_session(facilitator, cast.process, title="Day 2", on=datetime.date(2026, 9, 13))
    assert (day.number, second.number, day.title) == (1, 2, "Day 1: getting started")
    welcome = do_add_item(
        facilitator, cast.process, day, title="Welcome", kind="plenary", planned_minutes=30
    )
    talk = do_add_item(
        facilitator,
        cast.process,
        day,
        title="Flooding basics",
        kind=ItemKind.WITNESS_SESSION,
        planned_minutes=60,
    )
    assert (welcome.position, talk.position) == (1, 2)
    assert [t.number for t in do_set_tables(facilitator, cast.process, day, 3)] == [1, 2, 3]
    assert _events(cast.process) == [
        (
            "session.added",
            {
                "session": 1,
                "title": "Day 1: getting started",
                "date": "2026-09-12",
                "starts_at": "10:00",
                "location": "Guildhall",
            },
        ),
        (
            "session.added",
            {
                "session": 2,
                "title": "Day 2",
                "date": "2026-09-13",
                "starts_at": None,
                "location": "",
            },
        ),
        (
            "agenda.item_added",
            {
                "session": 1,
                "position": 1,
                "title": "Welcome",
                "kind": "plenary",
                "planned_minutes": 30,
            },
        ),
        (
            "agenda.item_added",
            {
                "session": 1,
                "position": 2,
                "title": "Flooding basics",
                "kind": "witness_session",
                "planned_minutes": 60,
            },
        ),
        ("session.tables_set", {"session": 1, "tables": 3}),
    ]


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"title": " ", "kind": "plenary", "planned_minutes": 10}, "room_needs_title"),
        ({"title": "x" * 201, "kind": "plenary", "planned_minutes": 10}, "room_title_too_long"),
        ({"title": "Chat", "kind": "party", "planned_minutes": 10}, "item_kind_unknown"),
        ({"title": "Chat", "kind": "plenary", "planned_minutes": 0}, "item_minutes_out_of_range"),
        ({"title": "Chat", "kind": "plenary", "planned_minutes": 721}, "item_minutes_out_of_range"),
    ],
)
def test_bad_items_are_refused_with_their_reason(
    cast: Cast, fields: dict[str, object], code: str
) -> None:
    facilitator = cast.users["facilitator"]
    day = do_add_session(facilitator, cast.process, title="Day", on=datetime.date(2026, 9, 12))
    with pytest.raises(LifecycleError) as refused:
        do_add_item(facilitator, cast.process, day, **fields)  # type: ignore[arg-type]
    assert refused.value.code == code
    assert not day.items.exists()


def test_tables_in_use_are_not_removed(cast: Cast) -> None:
    facilitator = cast.users["facilitator"]
    day = do_add_session(facilitator, cast.process, title="Day", on=datetime.date(2026, 9, 12))
    tables = do_set_tables(facilitator, cast.process, day, 4)
    Seat.objects.create(session=day, table=tables[3], attendee="u:1")
    with pytest.raises(LifecycleError) as refused:
        do_set_tables(facilitator, cast.process, day, 2)
    assert refused.value.code == "tables_in_use"
    assert refused.value.params == {"number": 4}
    assert day.tables.count() == 4
    assert len(do_set_tables(facilitator, cast.process, day, 6)) == 6
    with pytest.raises(LifecycleError):
        do_set_tables(facilitator, cast.process, day, 0)


def test_only_the_team_lays_out_the_room(cast: Cast) -> None:
    for name in ("commissioner", "participant", "oversight", "expert"):
        with pytest.raises(PermissionDenied):
            do_add_session(
                cast.users[name], cast.process, title="Day", on=datetime.date(2026, 9, 12)
            )


def _confirmed(cast: Cast, pseudonym: str, status: str = RegistrantStatus.CONFIRMED) -> Registrant:
    if cast.process.phase == "design":
        to_selection_phase(cast.process)
    return Registrant.objects.create(
        process=cast.process,
        pseudonym=pseudonym,
        first_name="Amina",
        last_name="Hassan",
        registered_on=datetime.date(2026, 7, 1),
        status=status,
    )


def test_a_confirmed_member_is_linked_to_their_participant_account(cast: Cast) -> None:
    recruiter, participant = cast.users["recruiter"], cast.users["participant"]
    member = _confirmed(cast, "P7")
    assert [a.key for a in roster(cast.process)] == ["r:P7", f"u:{participant.pk}"]
    do_link_participant_account(recruiter, cast.process, member, participant)
    assert [a.key for a in roster(cast.process)] == ["r:P7"]  # one person, not two
    entry = LedgerEntry.objects.filter(process=cast.process).order_by("-sequence").first()
    assert entry is not None
    assert entry.event == "panel.account_linked"
    assert entry.payload["pseudonym"] == "P7"
    assert "participant" not in str(entry.to_entry().public_record())  # the account is private
    do_link_participant_account(recruiter, cast.process, member, None)
    assert [a.key for a in roster(cast.process)] == ["r:P7", f"u:{participant.pk}"]


def test_links_are_checked(cast: Cast) -> None:
    recruiter, participant = cast.users["recruiter"], cast.users["participant"]
    declined = _confirmed(cast, "P1", RegistrantStatus.DECLINED)
    first, second = _confirmed(cast, "P2"), _confirmed(cast, "P3")
    cases = [
        (declined, participant, "link_needs_confirmed_member"),
        (first, make_user("stranger"), "link_needs_participant"),
    ]
    for registrant, user, code in cases:
        with pytest.raises(LifecycleError) as refused:
            do_link_participant_account(recruiter, cast.process, registrant, user)
        assert refused.value.code == code
    do_link_participant_account(recruiter, cast.process, first, participant)
    with pytest.raises(LifecycleError) as refused:
        do_link_participant_account(recruiter, cast.process, second, participant)
    assert refused.value.code == "account_already_linked"
    with pytest.raises(PermissionDenied):
        do_link_participant_account(cast.users["commissioner"], cast.process, second, None)


def test_a_session_is_seated_at_once_and_the_record_names_nobody(cast: Cast) -> None:
    facilitator, participant = cast.users["facilitator"], cast.users["participant"]
    _confirmed(cast, "P1")
    _confirmed(cast, "P2")
    day = do_add_session(facilitator, cast.process, title="Day", on=datetime.date(2026, 9, 12))
    do_set_tables(facilitator, cast.process, day, 2)
    me = f"u:{participant.pk}"
    placements = {"r:P1": 1, "r:P2": 2, me: 1}
    do_seat_session(facilitator, cast.process, day, placements, pinned=frozenset({"r:P2"}))
    assert seating(day) == placements
    assert set(Seat.objects.filter(pinned=True).values_list("attendee", flat=True)) == {"r:P2"}
    entry = LedgerEntry.objects.filter(process=cast.process).order_by("-sequence").first()
    assert entry is not None
    assert entry.event == "session.seated"
    assert entry.payload == {"session": 1, "people": 3, "per_table": {"1": 2, "2": 1}, "pinned": 1}
    do_seat_session(facilitator, cast.process, day, {"r:P1": 2})  # replaces the whole seating
    assert seating(day) == {"r:P1": 2}
    for placements, code in (
        ({"r:P9": 1}, "seat_not_in_room"),
        ({"r:P1": 3}, "seat_table_missing"),
    ):
        with pytest.raises(LifecycleError) as refused:
            do_seat_session(facilitator, cast.process, day, placements)
        assert refused.value.code == code
    with pytest.raises(LifecycleError) as refused:
        do_seat_session(facilitator, cast.process, day, {"r:P1": 1}, pinned=frozenset({"r:P2"}))
    assert refused.value.code == "pin_not_seated"
    assert seating(day) == {"r:P1": 2}  # nothing lost on a refusal
    with pytest.raises(PermissionDenied):
        do_seat_session(cast.users["commissioner"], cast.process, day, {"r:P1": 1})
