"""The team's agenda pages: sessions added and edited, items added, edited, moved and
removed, tables set; per-field messages that keep what was typed; items with recorded
time or requests refused with their reason; every change in the public record."""

from __future__ import annotations

import datetime
from html import escape

import pytest

from minipublic import clock
from minipublic.deliberation.agenda import do_edit_item
from minipublic.deliberation.models import Session
from minipublic.deliberation.time_requests import do_request_time
from minipublic.deliberation.timer import do_start_item
from minipublic.integrity.record import entries
from minipublic.lifecycle import LifecycleError
from minipublic.processes.models import Process
from tests.agenda_fixtures import item, lay_out_day, minute, text_of, to_the_room
from tests.cast import ACTORS, Cast

pytestmark = pytest.mark.django_db

MANAGE = "/p/riverside/manage/agenda/"
SESSION = f"{MANAGE}1/"


def _events(process: Process, prefix: str) -> list[tuple[str, dict[str, object]]]:
    return [(row.event, row.payload) for row in entries(process).filter(event__startswith=prefix)]


def _titles(session: Session) -> list[str]:
    return list(session.items.order_by("position").values_list("title", flat=True))


@pytest.mark.parametrize("actor", ACTORS)
def test_only_the_team_manages_the_agenda(cast: Cast, actor: str) -> None:
    day = lay_out_day(cast)
    client = cast.client(actor)
    allowed = actor in ("lead_practitioner", "facilitator")
    urls = [
        MANAGE,
        SESSION,
        f"{SESSION}edit/",
        f"{SESSION}items/{item(day, 1).pk}/",
        f"{SESSION}items/{item(day, 1).pk}/remove/",
    ]
    for url in urls:
        status = client.get(url).status_code
        expected = {"anonymous": 302, "outsider": 404, "staff": 404}.get(
            actor, 200 if allowed else 403
        )
        assert status == expected, (actor, url)
    client.post(f"{SESSION}items/{item(day, 1).pk}/remove/")
    assert day.items.count() == (3 if allowed else 4)


def test_a_session_is_added_and_edited_through_the_pages(cast: Cast) -> None:
    client = cast.client("facilitator")
    response = client.post(
        MANAGE,
        {"title": " Day one ", "date": "2026-09-12", "starts_at": "10:00", "location": "Hall"},
    )
    assert response.status_code == 302
    assert response["Location"] == SESSION
    page = text_of(client.get(SESSION).content)
    assert "Session 1 has been added. Now add its agenda items." in page
    assert "Saturday 12 September 2026" in page
    response = client.post(
        f"{SESSION}edit/",
        {"title": "Day one", "date": "2026-09-19", "starts_at": "09:30", "location": "Library"},
    )
    assert response.status_code == 302
    session = Session.objects.get()
    assert (session.date, session.starts_at, session.location) == (
        datetime.date(2026, 9, 19),
        datetime.time(9, 30),
        "Library",
    )
    assert _events(cast.process, "session.changed") == [
        (
            "session.changed",
            {
                "session": 1,
                "changes": {"date": "2026-09-19", "starts_at": "09:30", "location": "Library"},
            },
        )
    ]


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"title": "", "date": "2026-09-12"}, "title", "Give it a title."),
        ({"title": "Day", "date": ""}, "date", "Give the date of the session."),
        ({"title": "Day", "date": "12/09/2026x"}, "date", "Enter a date such as 2026-09-12."),
        ({"title": "Day", "date": "2026-09-12", "starts_at": "ten"}, "starts_at", "10:00"),
        ({"title": "x" * 201, "date": "2026-09-12"}, "title", "at most 200 characters"),
    ],
)
def test_a_bad_session_is_refused_next_to_its_field_keeping_the_input(
    cast: Cast, fields: dict[str, str], field: str, message: str
) -> None:
    data = {"title": "", "date": "", "starts_at": "", "location": "Guildhall annex"} | fields
    response = cast.client("facilitator").post(MANAGE, data)
    assert response.status_code == 400
    assert not Session.objects.exists()
    page = response.content.decode()
    error = page[page.index(f'id="id_{field}_error"') :]
    assert message in error[: error.index("</p>")]
    assert 'value="Guildhall annex"' in page  # nothing typed is lost


def test_items_are_added_edited_moved_and_removed(cast: Cast) -> None:
    day = lay_out_day(cast)
    client = cast.client("lead_practitioner")
    response = client.post(
        SESSION,
        {
            "step": "add",
            "title": "Closing circle",
            "kind": "reflection",
            "planned_minutes": "10",
            "description": "Each person says one word.",
        },
    )
    assert response.status_code == 302
    closing = item(day, 5)
    assert (closing.kind, closing.planned_minutes) == ("reflection", 10)
    # Up from 5 to 4, then edited, then the tea (now at 5) removed.
    client.post(SESSION, {"step": "move", "item": closing.pk, "to": 4})
    assert _titles(day) == [
        "Welcome",
        "Flooding: the evidence",
        "Questions at the tables",
        "Closing circle",
        "Tea",
    ]
    client.post(
        f"{SESSION}items/{closing.pk}/",
        {"title": "Closing round", "kind": "plenary", "planned_minutes": "15", "description": ""},
    )
    client.post(f"{SESSION}items/{item(day, 5).pk}/remove/")
    assert _titles(day) == [
        "Welcome",
        "Flooding: the evidence",
        "Questions at the tables",
        "Closing round",
    ]
    client.post(SESSION, {"step": "move", "item": item(day, 4).pk, "to": 1})
    assert _titles(day)[0] == "Closing round"
    assert list(day.items.order_by("position").values_list("position", flat=True)) == [1, 2, 3, 4]
    assert [
        (e, p) for e, p in _events(cast.process, "agenda.item_") if e != "agenda.item_added"
    ] == [
        ("agenda.item_moved", {"session": 1, "from": 5, "to": 4, "title": "Closing circle"}),
        (
            "agenda.item_changed",
            {
                "session": 1,
                "position": 4,
                "changes": {
                    "title": "Closing round",
                    "kind": "plenary",
                    "planned_minutes": 15,
                    "description_changed": True,
                },
            },
        ),
        ("agenda.item_removed", {"session": 1, "position": 5, "title": "Tea"}),
        ("agenda.item_moved", {"session": 1, "from": 4, "to": 1, "title": "Closing round"}),
    ]


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"title": ""}, "title", "Give it a title."),
        ({"kind": "party"}, "kind", "Select a valid choice"),
        ({"kind": ""}, "kind", "Choose the kind of item."),
        ({"planned_minutes": "0"}, "planned_minutes", "Enter a whole number from 1 to 720."),
        ({"planned_minutes": "ninety"}, "planned_minutes", "Enter a whole number from 1 to 720."),
        ({"planned_minutes": "721"}, "planned_minutes", "Enter a whole number from 1 to 720."),
        ({"description": "x" * 2001}, "description", "2000 characters"),
    ],
)
def test_a_bad_item_is_refused_next_to_its_field_keeping_the_input(
    cast: Cast, fields: dict[str, str], field: str, message: str
) -> None:
    day = lay_out_day(cast)
    data = {
        "step": "add",
        "title": "Gallery walk",
        "kind": "plenary",
        "planned_minutes": "45",
        "description": "Read every table's posters.",
    } | fields
    response = cast.client("facilitator").post(SESSION, data)
    assert response.status_code == 400
    assert day.items.count() == 4
    page = response.content.decode()
    error = page[page.index(f'id="id_{field}_error"') :]
    assert message in error[: error.index("</p>")]
    for name, value in data.items():
        if name not in (field, "step", "kind") and len(value) < 100:
            assert escape(value) in page, name


def test_tables_are_set_with_their_limits(cast: Cast) -> None:
    lay_out_day(cast)
    client = cast.client("facilitator")
    assert client.post(SESSION, {"step": "tables", "count": "4"}).status_code == 302
    assert Session.objects.get().tables.count() == 4
    response = client.post(SESSION, {"step": "tables", "count": "0"})
    assert response.status_code == 400
    assert "Enter a whole number from 1 to 60." in response.content.decode()
    assert client.post(SESSION, {"step": "dance"}).status_code == 400
    assert _events(cast.process, "session.tables_set") == [
        ("session.tables_set", {"session": 1, "tables": 4})
    ]


def test_items_with_recorded_time_or_requests_stay_as_recorded(cast: Cast) -> None:
    to_the_room(cast.process)
    day = lay_out_day(cast)
    with clock.frozen_at(minute(0)):
        do_start_item(cast.users["facilitator"], cast.process, item(day, 1))
        do_request_time(
            cast.users["participant"], cast.process, item(day, 3), minutes=5, reason="Long queue."
        )
    client = cast.client("facilitator")
    welcome, tables = item(day, 1), item(day, 3)
    # A timed item's title, kind and minutes are read-only on its page (a post keeps the
    # recorded values); its description may change. The action refuses the rest.
    response = client.post(
        f"{SESSION}items/{welcome.pk}/",
        {"title": "Welcome", "kind": "plenary", "planned_minutes": "25", "description": "x"},
    )
    assert response.status_code == 302
    with pytest.raises(LifecycleError) as refused:
        do_edit_item(
            cast.users["facilitator"],
            cast.process,
            welcome,
            title="Hello",
            kind="plenary",
            planned_minutes=20,
        )
    assert refused.value.code == "item_recorded_change"
    welcome.refresh_from_db()
    assert (welcome.planned_minutes, welcome.description) == (20, "x")
    page = text_of(client.get(f"{SESSION}items/{welcome.pk}/").content)
    assert "its title, kind and planned minutes are part of the record" in page
    assert "Remove this item" not in page
    # Removing or moving either: refused with the reason.
    response = client.post(f"{SESSION}items/{tables.pk}/remove/")
    assert response.status_code == 400
    assert "Item 3 “Questions at the tables” already has recorded time or requests" in (
        text_of(response.content)
    )
    response = client.post(SESSION, {"step": "move", "item": welcome.pk, "to": 2})
    assert response.status_code == 400
    assert "it keeps its place in the agenda" in text_of(response.content)
    assert _titles(day)[0] == "Welcome"
    assert day.items.count() == 4
    # The session's date stays; its place may change.
    response = client.post(
        f"{SESSION}edit/",
        {"title": "Day 1", "date": "2026-09-13", "starts_at": "10:00", "location": "Hall"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Session 1 already has recorded time: its date can no longer change." in page
    assert 'value="2026-09-13"' in page
    assert Session.objects.get().date == datetime.date(2026, 9, 12)
