"""The facilitator's live timer through its pages: who may run it, start / pause / resume /
finish / skip / reopen, one item at a time per session, the state surviving a reload,
two facilitators pressing at once, and the JSON the page's script re-syncs with."""

from __future__ import annotations

import itertools
import threading

import pytest
from django.db import OperationalError, connection
from django.test import Client

from minipublic import clock
from minipublic.deliberation.models import Session, TimerInterval
from minipublic.integrity.record import entries
from minipublic.lifecycle import Phase
from minipublic.processes.models import Process
from tests.agenda_fixtures import item, lay_out_day, minute, text_of, to_the_room
from tests.cast import ACTORS, Cast, make_cast

pytestmark = pytest.mark.django_db

TIMER = "/p/riverside/manage/timer/1/"


def press(client: Client, step: str, item_id: int, at: float) -> object:
    """Press a timer button at ``at`` minutes into the session."""
    with clock.frozen_at(minute(at)):
        return client.post(TIMER, {"step": step, "item": item_id})


def _timer_events(process: Process) -> list[tuple[str, dict[str, object]]]:
    return [(row.event, row.payload) for row in entries(process).filter(event__startswith="timer.")]


@pytest.fixture
def day(cast: Cast) -> Session:
    to_the_room(cast.process)
    return lay_out_day(cast)


@pytest.mark.parametrize("actor", ACTORS)
def test_only_the_team_runs_the_timer(cast: Cast, day: Session, actor: str) -> None:
    client = cast.client(actor)
    allowed = actor in ("lead_practitioner", "facilitator")
    for url in ("/p/riverside/manage/timer/", TIMER, f"{TIMER}state.json"):
        status = client.get(url).status_code
        if actor == "anonymous":
            assert status == 302, url  # to the sign-in page
        elif actor in ("outsider", "staff"):
            assert status == 404, url  # a private process does not reveal itself
        else:
            assert status == (200 if allowed else 403), (actor, url)
    response = press(client, "start", item(day, 1).pk, 0)
    assert TimerInterval.objects.exists() == allowed
    if not allowed:
        assert response.status_code in (302, 403, 404)  # type: ignore[attr-defined]


def test_the_timer_is_refused_outside_the_room_phases(cast: Cast) -> None:
    day = lay_out_day(cast)  # still in design
    client = cast.client("facilitator")
    assert client.get(TIMER).status_code == 403
    press(client, "start", item(day, 1).pk, 0)
    assert not TimerInterval.objects.exists()


def test_a_session_timed_from_start_to_finish(cast: Cast, day: Session) -> None:
    client = cast.client("facilitator")
    welcome, talk = item(day, 1), item(day, 2)
    press(client, "start", welcome.pk, 0)
    # Starting the talk pauses the welcome: one item at a time.
    press(client, "start", talk.pk, 22)
    assert list(TimerInterval.objects.filter(ended_at__isnull=True)) == [
        TimerInterval.objects.get(item=talk)
    ]
    press(client, "pause", talk.pk, 40)
    press(client, "start", talk.pk, 45)  # resume
    press(client, "stop", talk.pk, 80)
    press(client, "stop", welcome.pk, 81)  # the paused welcome is finished for good
    # Talk: 22 -> 40 and 45 -> 80 = 53 minutes of 50 planned.
    with clock.frozen_at(minute(82)):
        page = text_of(client.get(TIMER).content)
    assert "1. Welcome" in page
    assert "Used: 22:00 · Finished: overran by 2 min" in page
    assert "Used: 53:00 · Finished: overran by 3 min" in page
    assert "Used: 0:00 · Not run yet" in page
    events = _timer_events(cast.process)
    assert [(event, payload["position"]) for event, payload in events] == [
        ("timer.started", 1),
        ("timer.paused", 1),
        ("timer.started", 2),
        ("timer.paused", 2),
        ("timer.resumed", 2),
        ("timer.stopped", 2),
        ("timer.stopped", 1),
    ]
    stopped = events[5][1]
    assert stopped["used_seconds"] == 53 * 60
    assert (stopped["planned_minutes"], stopped["granted_minutes"]) == (50, 0)
    assert stopped["at"] == "2026-09-12T11:20:00Z"
    assert all(payload["at"] for _, payload in events)


def test_the_page_shows_time_used_and_left_and_flags_an_overrun(cast: Cast, day: Session) -> None:
    client = cast.client("lead_practitioner")
    press(client, "start", item(day, 1).pk, 0)
    with clock.frozen_at(minute(12.5)):
        page = client.get(TIMER).content.decode()
    assert 'data-used="750"' in page
    assert 'data-allowed="1200"' in page
    assert ">12:30<" in page  # used, rendered on the server for readers without JavaScript
    assert ">7:30<" in page  # left
    assert 'class="overrun-flag" data-overrun-flag hidden' in page
    with clock.frozen_at(minute(23)):
        page = client.get(TIMER).content.decode()
    assert 'class="overrun-flag" data-overrun-flag>' in page
    assert "Overrun: this item has used all the time allowed for it." in page
    assert ">3:00<" in page  # over by
    assert "deliberation/timer.js" in page


def test_a_reload_or_a_new_device_sees_the_same_timer(cast: Cast, day: Session) -> None:
    press(cast.client("facilitator"), "start", item(day, 2).pk, 5)
    # The lead practitioner's phone, never used before, and the JSON the script reads.
    other = cast.client("lead_practitioner")
    with clock.frozen_at(minute(65)):
        page = text_of(other.get(TIMER).content)
        state = other.get(f"{TIMER}state.json").json()
    assert "Running now 2. Flooding: the evidence" in page
    assert "Over time by 10:00" in page
    assert state["running"] == item(day, 2).pk
    talk = next(row for row in state["items"] if row["id"] == item(day, 2).pk)
    assert talk == {
        "id": item(day, 2).pk,
        "state": "running",
        "used_seconds": 3600,
        "allowed_seconds": 3000,
    }


def test_moving_on_finishes_the_item_and_starts_the_next(cast: Cast, day: Session) -> None:
    client = cast.client("facilitator")
    welcome, talk = item(day, 1), item(day, 2)
    press(client, "start", welcome.pk, 0)
    with clock.frozen_at(minute(19)):
        page = text_of(client.get(TIMER).content)
    assert "Finish and start 2. Flooding: the evidence" in page
    data = {"step": "next", "finish": welcome.pk, "item": talk.pk}
    with clock.frozen_at(minute(20)):
        assert client.post(TIMER, data).status_code == 302
    # A second facilitator's page, shown before, sends the same press: nothing changes.
    with clock.frozen_at(minute(21)):
        assert cast.client("lead_practitioner").post(TIMER, data).status_code == 302
    welcome.refresh_from_db()
    assert welcome.finished_at == minute(20)
    assert TimerInterval.objects.get(item=talk).ended_at is None
    assert [(event, p["position"]) for event, p in _timer_events(cast.process)] == [
        ("timer.started", 1),
        ("timer.stopped", 1),
        ("timer.started", 2),
    ]
    with clock.frozen_at(minute(22)):
        page = text_of(client.get(TIMER).content)
    assert "Used: 20:00 · Finished: on time" in page
    assert "Finish and start 3. Questions at the tables" in page
    bad = {"step": "next", "finish": "x", "item": item(day, 3).pk}
    assert client.post(TIMER, bad).status_code == 404


def test_pressing_twice_changes_nothing_and_says_so(cast: Cast, day: Session) -> None:
    client = cast.client("facilitator")
    press(client, "start", item(day, 1).pk, 0)
    response = press(client, "start", item(day, 1).pk, 0.2)
    assert response.status_code == 302  # type: ignore[attr-defined]
    with clock.frozen_at(minute(1)):
        page = text_of(client.get(TIMER).content)
    assert "“Welcome” was already running." in page
    press(client, "pause", item(day, 1).pk, 2)
    press(client, "pause", item(day, 1).pk, 3)
    press(client, "stop", item(day, 1).pk, 4)
    press(client, "stop", item(day, 1).pk, 5)
    assert TimerInterval.objects.count() == 1
    assert [event for event, _ in _timer_events(cast.process)] == [
        "timer.started",
        "timer.paused",
        "timer.stopped",
    ]


def test_a_finished_item_runs_again_only_when_reopened(cast: Cast, day: Session) -> None:
    client = cast.client("facilitator")
    tea = item(day, 4)
    press(client, "stop", tea.pk, 0)  # skipped: never ran
    response = press(client, "start", tea.pk, 1)
    with clock.frozen_at(minute(1)):
        page = text_of(client.get(TIMER).content)
    assert response.status_code == 302  # type: ignore[attr-defined]
    assert "Item 4 “Tea” has been stopped. Reopen it to run it again." in page
    assert "Skipped: cut by 15 min" in page
    assert not TimerInterval.objects.exists()
    press(client, "reopen", tea.pk, 2)
    press(client, "stop", tea.pk, 12)
    events = _timer_events(cast.process)
    assert [event for event, _ in events] == [
        "timer.skipped",
        "timer.started",  # its first stretch
        "timer.stopped",
    ]
    assert events[1][1]["reopened"] is True


@pytest.mark.parametrize(
    "data",
    [{"step": "launch", "item": "1"}, {"step": "start", "item": "x"}, {"step": "start"}],
)
def test_bad_buttons_are_refused(cast: Cast, day: Session, data: dict[str, str]) -> None:
    assert cast.client("facilitator").post(TIMER, data).status_code == 400
    assert not TimerInterval.objects.exists()


def test_an_item_of_another_session_or_process_is_not_found(cast: Cast, day: Session) -> None:
    second = lay_out_day(cast, "Day 2")
    client = cast.client("facilitator")
    assert press(client, "start", item(second, 1).pk, 0).status_code == 404  # type: ignore[attr-defined]
    assert client.get("/p/riverside/manage/timer/9/").status_code == 404
    assert not TimerInterval.objects.exists()


def test_the_database_refuses_a_second_running_stretch_and_the_page_says_so(
    cast: Cast, day: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The process lock makes this race impossible through the actions; should it happen
    # anyway (here: the check is made to miss the running stretch), the constraint holds.
    client = cast.client("facilitator")
    press(client, "start", item(day, 1).pk, 0)
    monkeypatch.setattr("minipublic.deliberation.timer.running_in", lambda session: None)
    response = press(client, "start", item(day, 1).pk, 1)
    assert response.status_code == 302  # type: ignore[attr-defined]
    with clock.frozen_at(minute(2)):
        page = text_of(client.get(TIMER).content)
    assert "Someone else changed the timer at the same moment. Reload the page" in page
    assert TimerInterval.objects.filter(ended_at__isnull=True).count() == 1


# ---------------------------------------------------------------- two facilitators at once


def _locked_on_sqlite(error: BaseException) -> bool:
    # The test database on SQLite is in memory with a shared cache, where a second writer
    # fails at once ("table is locked") instead of waiting as it does on a database file
    # (the settings give SQLite a 20 s busy timeout) or on PostgreSQL (the process row
    # lock makes the other wait). Such a request may fail before or after its action.
    return (
        isinstance(error, OperationalError)
        and connection.vendor == "sqlite"
        and "locked" in str(error)
    )


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("same_item", [True, False])
def test_two_facilitators_pressing_at_once_leave_one_item_running(same_item: bool) -> None:
    cast = make_cast()
    to_the_room(cast.process)
    day = lay_out_day(cast)
    targets = [item(day, 1).pk, item(day, 1 if same_item else 2).pk]
    clients = [cast.client("facilitator"), cast.client("lead_practitioner")]
    barrier = threading.Barrier(2)
    statuses: list[int] = []
    errors: list[BaseException] = []

    def work(client: Client, item_id: int) -> None:
        try:
            barrier.wait()
            statuses.append(client.post(TIMER, {"step": "start", "item": item_id}).status_code)
        except BaseException as error:  # reported by the assertions below
            errors.append(error)
        finally:
            connection.close()

    workers = [
        threading.Thread(target=work, args=(client, target))
        for client, target in zip(clients, targets, strict=True)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert [error for error in errors if not _locked_on_sqlite(error)] == []
    assert statuses == [302] * len(statuses)
    running = TimerInterval.objects.filter(ended_at__isnull=True, item__session=day)
    assert running.count() == 1
    events = [row.event for row in entries(cast.process).filter(event__startswith="timer.")]
    if same_item:
        assert TimerInterval.objects.count() == 1
        assert events == ["timer.started"]
    elif not errors:
        assert TimerInterval.objects.count() == 2
        assert events == ["timer.started", "timer.paused", "timer.started"]
    # Every stretch but the running one is closed, and none overlaps another.
    stretches = list(TimerInterval.objects.order_by("started_at", "pk"))
    for first, second in itertools.pairwise(stretches):
        assert first.ended_at is not None
        assert first.ended_at <= second.started_at


def test_the_phase_leaving_the_room_stops_the_buttons(cast: Cast, day: Session) -> None:
    client = cast.client("facilitator")
    press(client, "start", item(day, 1).pk, 0)
    Process.objects.filter(pk=cast.process.pk).update(phase=Phase.RESPONSE)
    assert press(client, "pause", item(day, 1).pk, 5).status_code == 403  # type: ignore[attr-defined]
    assert TimerInterval.objects.get().ended_at is None
