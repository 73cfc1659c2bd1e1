"""Correcting an item's recorded times through its page: the timer left running over
lunch is put right, with a reason, in public; impossible times are refused next to
their field (or above the form) with what was typed kept."""

from __future__ import annotations

import pytest
from django.test import Client

from minipublic import clock
from minipublic.deliberation.models import Session, TimerInterval
from minipublic.deliberation.timer import do_move_on, do_start_item, do_stop_item
from minipublic.integrity.record import public_entries
from tests.agenda_fixtures import item, lay_out_day, minute, text_of, to_the_room
from tests.cast import Cast

pytestmark = pytest.mark.django_db


@pytest.fixture
def day(cast: Cast) -> Session:
    """The welcome ran 10:00-10:20; the talk from 10:20, left running until 12:00."""
    to_the_room(cast.process)
    session = lay_out_day(cast)
    team = cast.users["facilitator"]
    with clock.frozen_at(minute(0)):
        do_start_item(team, cast.process, item(session, 1))
    with clock.frozen_at(minute(20)):
        do_move_on(team, cast.process, item(session, 1), item(session, 2))
    with clock.frozen_at(minute(120)):
        do_stop_item(team, cast.process, item(session, 2))
    return session


def _url(session: Session, position: int) -> str:
    return f"/p/riverside/manage/timer/1/items/{item(session, position).pk}/times/"


def _post(client: Client, url: str, at: float = 150, **data: str) -> object:
    with clock.frozen_at(minute(at)):
        return client.post(url, data)


def test_a_stretch_left_running_is_corrected_in_public(cast: Cast, day: Session) -> None:
    client = cast.client("facilitator")
    with clock.frozen_at(minute(150)):
        page = client.get(_url(day, 2)).content.decode()
    assert 'value="10:20:00"' in page
    assert 'value="12:00:00"' in page
    response = _post(
        client,
        _url(day, 2),
        start_0="10:20:00",
        end_0="11:10",
        start_1="",
        end_1="",
        reason="Left running over the lunch break.",
    )
    assert response.status_code == 302  # type: ignore[attr-defined]
    assert [
        (row.started_at, row.ended_at) for row in TimerInterval.objects.filter(item=item(day, 2))
    ] == [(minute(20), minute(70))]
    corrected = [row for row in public_entries(cast.process) if row["event"] == "timer.corrected"]
    assert [row["payload"] for row in corrected] == [
        {
            "session": 1,
            "position": 2,
            "title": "Flooding: the evidence",
            "before": [["2026-09-12T10:20:00Z", "2026-09-12T12:00:00Z"]],
            "after": [["2026-09-12T10:20:00Z", "2026-09-12T11:10:00Z"]],
            "used_seconds_before": 100 * 60,
            "used_seconds_after": 50 * 60,
            "reason": "Left running over the lunch break.",
        }
    ]
    with clock.frozen_at(minute(151)):
        report = text_of(cast.client("observer").get("/p/riverside/agenda/").content)
    assert "2. Flooding: the evidence Witness session 50 — 50 0 Finished: on time" in report


def test_a_forgotten_item_gets_a_stretch_and_nothing_changed_says_so(
    cast: Cast, day: Session
) -> None:
    client = cast.client("lead_practitioner")
    response = _post(
        client, _url(day, 4), start_0="12:00", end_0="12:15", reason="Tea was not timed."
    )
    assert response.status_code == 302  # type: ignore[attr-defined]
    assert TimerInterval.objects.filter(item=item(day, 4)).count() == 1
    _post(client, _url(day, 4), start_0="12:00", end_0="12:15", reason="Again.")
    with clock.frozen_at(minute(151)):
        page = text_of(client.get("/p/riverside/manage/timer/1/").content)
    assert "Nothing changed: these are the times recorded." in page


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"start_0": "10:10"}, None, "item 1 “Welcome” was running"),
        ({"end_0": "10:19"}, None, "A stretch must end after it starts (10:20:00 to 10:19:00)."),
        ({"end_0": "13:00"}, None, "A stretch cannot end later than now."),
        ({"start_1": "10:30", "end_1": "10:40"}, None, "Two of the stretches overlap"),
        ({"end_0": ""}, "end_0", "Give both times, or leave both empty to remove it."),
        ({"end_0": "25:00"}, "end_0", "Enter a time such as 14:05 or 14:05:30."),
        ({"reason": " "}, "reason", "Say why the times are corrected: it is published."),
    ],
)
def test_impossible_times_are_refused_with_what_was_typed(
    cast: Cast, day: Session, data: dict[str, str], field: str | None, message: str
) -> None:
    fields = {"start_0": "10:20", "end_0": "11:10", "reason": "Lunch."} | data
    response = _post(cast.client("facilitator"), _url(day, 2), at=130, **fields)
    assert response.status_code == 400  # type: ignore[attr-defined]
    page = response.content.decode()  # type: ignore[attr-defined]
    if field is None:
        summary = page[page.index('class="error-summary"') :]
        assert message in summary[: summary.index("</div>")]
    else:
        error = page[page.index(f'id="id_{field}_error"') :]
        assert message in error[: error.index("</p>")]
    assert ">\nLunch.</textarea>" in page or field == "reason"
    typed = {"end_0": "11:10"} | data
    if field != "end_0":
        assert f'value="{typed["end_0"]}"' in page
    assert TimerInterval.objects.get(item=item(day, 2)).ended_at == minute(120)


def test_a_running_item_and_other_roles_are_refused(cast: Cast, day: Session) -> None:
    with clock.frozen_at(minute(121)):
        do_start_item(cast.users["facilitator"], cast.process, item(day, 3))
    response = _post(
        cast.client("facilitator"), _url(day, 3), start_0="12:01", end_0="12:05", reason="x"
    )
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert "Pause or finish the item before correcting its times." in text_of(
        response.content  # type: ignore[attr-defined]
    )
    for actor, status in (("participant", 403), ("observer", 403), ("anonymous", 302)):
        assert cast.client(actor).get(_url(day, 2)).status_code == status
