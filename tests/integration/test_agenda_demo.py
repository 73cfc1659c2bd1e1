"""The climate assembly's time story (demo/agenda_story.py) fits its agenda
(demo/room_content.py) and tells what its docstring says, replayed through the real
actions on the demo's sessions, without loading the whole demo."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from minipublic import clock
from minipublic.deliberation.agenda_report import agenda_report
from minipublic.deliberation.models import RequestStatus, TimerInterval
from minipublic.demo.agenda_story import DAY_ONE, DAY_TWO, LATER_DAYS, agenda_steps
from minipublic.demo.room_content import SESSIONS
from minipublic.demo.room_story import room_steps
from minipublic.lifecycle import Phase, Role
from minipublic.processes import actions
from minipublic.processes.access import SYSTEM
from minipublic.processes.models import Process
from minipublic.room.timing import ItemState, Verdict
from tests.cast import accept_all_terms, make_user

pytestmark = pytest.mark.django_db

#: A moment after the last session (every item is finished by then).
AFTERWARDS = datetime(2026, 12, 1, tzinfo=UTC)


def test_every_day_of_the_story_fits_its_agenda() -> None:
    assert len(LATER_DAYS) == len(SESSIONS) - 2
    for spec, (_, minutes) in zip(SESSIONS[2:], LATER_DAYS, strict=True):
        assert len(minutes) == len(spec.items), spec.title
    for spec, presses in ((SESSIONS[0], DAY_ONE), (SESSIONS[1], DAY_TWO)):
        assert {press.position for press in presses} == set(range(1, len(spec.items) + 1))
        assert presses[-1].what == "stop"
        assert [press.clock for press in presses] == sorted(press.clock for press in presses)
        assert presses[0].clock >= spec.starts_at


@pytest.fixture
def demo() -> Process:
    """The demo assembly's sessions laid out and its time recorded, as the demo does."""
    users = {
        name: make_user(name)
        for name in ("practitioner", "facilitator", "participant1", "participant3", "participant10")
    }
    process = actions.do_create_process(
        SYSTEM,
        slug="demo",
        title="Riverford Climate Assembly",
        question="How should Riverford reach net zero?",
        commissioning_body="Riverford City Council",
        lead=users["practitioner"],
    )
    actions.do_add_member(SYSTEM, process, users["facilitator"], Role.FACILITATOR)
    for name in ("participant1", "participant3", "participant10"):
        actions.do_add_member(SYSTEM, process, users[name], Role.PARTICIPANT)
    accept_all_terms(process)
    first, *_ = room_steps(process, users)  # lays out the sessions
    with clock.frozen_at(first[0]):
        first[1]()
    Process.objects.filter(pk=process.pk).update(phase=Phase.DELIBERATION)
    for moment, step in sorted(agenda_steps(process, users), key=lambda pair: pair[0]):
        with clock.frozen_at(moment):
            step()
    return process


def test_the_story_is_recorded_as_told(demo: Process) -> None:
    report = agenda_report(demo, AFTERWARDS)
    shares = {line.kind: line.totals.share for line in report.kinds}
    assert (shares["witness_session"], shares["small_groups"]) == (112, 84)
    # Every item ran and was finished; nothing runs on.
    assert all(
        line.use.state is ItemState.FINISHED
        for session in report.sessions
        for line in session.lines
    )
    assert not TimerInterval.objects.filter(ended_at__isnull=True).exists()
    day_one = {line.item.position: line for line in report.sessions[0].lines}
    witnesses = day_one[6]
    assert (witnesses.use.used, witnesses.item.extra_minutes) == (74 * 60, 10)
    assert witnesses.item.intervals.count() == 2  # the failed microphone
    assert witnesses.use.verdict is Verdict.OVERRAN
    assert (day_one[7].use.used, day_one[7].use.verdict) == (33 * 60, Verdict.CUT_SHORT)
    decisions = [(r.status, r.minutes, r.granted_minutes) for r in report.requests]
    assert decisions == [
        (RequestStatus.GRANTED, 15, 10),
        (RequestStatus.GRANTED, 10, 10),
        (RequestStatus.DECLINED, 20, 0),
    ]
    assert [r.requested_by.get_username() for r in report.requests if r.requested_by] == [
        "participant3",
        "participant1",
        "participant10",
    ]
