"""The climate assembly's time, as dated ``timeline.Step``s through the facilitator's timer.

The first weekend is recorded press by press, as Tom Okafor (the facilitator) ran it:

- Saturday 12 September starts four minutes late. The witness session "Climate change
  and Riverford: the basics" loses three minutes to a failed microphone (paused), then
  runs long: Chen Wei (participant3) asks for 15 more minutes of questions and Priya
  Raman, the lead practitioner, grants 10, taking them from the tables. It still ends
  four minutes over, so the questions at the tables are cut from 45 to 33 minutes.
- Sunday 13 September: the emissions witness overruns by nine minutes; Amina Hassan
  (participant1) asks for 10 more minutes on the values discussion, granted in full;
  Jack Pemberton (participant10) asks for 20 more on choosing witnesses, declined
  because the hall closes; lunch and coffee are shortened to catch up.

The other eight days are recorded more simply, each item run in one stretch for the
minutes in ``LATER_DAYS``: the witnesses keep running long and the small groups keep
being squeezed, which is what the public agenda page shows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from minipublic.accounts.models import User
from minipublic.deliberation.models import AgendaItem, TimeRequest
from minipublic.deliberation.time_requests import do_decide_time_request, do_request_time
from minipublic.deliberation.timer import (
    do_move_on,
    do_pause_item,
    do_start_item,
    do_stop_item,
)
from minipublic.demo.room_content import SESSIONS
from minipublic.processes.models import Process

Step = tuple[datetime, Callable[[], None]]

#: The demo process whose time is recorded.
SLUG = "demo"


@dataclass(frozen=True)
class Press:
    """One moment of a day in detail: at ``clock`` (local time), ``what`` happens to the
    item at ``position``.

    ``what`` is "start", "pause", "stop", "next" (finish the item before, start this
    one), "ask" (``person`` asks for ``minutes`` with ``reason``), "grant" or "decline"
    (``person`` decides the last request on the item, granting ``minutes``).
    """

    clock: str
    what: str
    position: int
    person: str = "facilitator"
    minutes: int = 0
    reason: str = ""


#: Saturday 12 September 2026 (session 1), press by press.
DAY_ONE: tuple[Press, ...] = (
    Press("10:04", "start", 1),
    Press("10:47", "next", 2),
    Press("11:36", "next", 3),
    Press("11:58", "next", 4),
    Press("13:02", "next", 5),
    Press("14:02", "next", 6),
    Press("14:31", "pause", 6),
    Press("14:34", "start", 6),
    Press(
        "14:50",
        "ask",
        6,
        person="participant3",
        minutes=15,
        reason=(
            "The witnesses have only just reached flooding, and several of us live by the "
            "river. We would like a proper round of questions on it."
        ),
    ),
    Press(
        "14:53",
        "grant",
        6,
        person="practitioner",
        minutes=10,
        reason=(
            "Ten minutes: flooding matters to many members. They come out of the questions "
            "at the tables, so the day still ends close to time."
        ),
    ),
    Press("15:19", "next", 7),
    Press("15:52", "next", 8),
    Press("16:05", "next", 9),
    Press("16:30", "stop", 9),
)

#: Sunday 13 September 2026 (session 2), press by press.
DAY_TWO: tuple[Press, ...] = (
    Press("10:02", "start", 1),
    Press("10:21", "next", 2),
    Press("11:20", "next", 3),
    Press(
        "12:15",
        "ask",
        3,
        person="participant1",
        minutes=10,
        reason="Our table has not heard from everyone yet; two members have not spoken.",
    ),
    Press(
        "12:16",
        "grant",
        3,
        minutes=10,
        reason="Yes: everyone should be heard on values. Lunch starts ten minutes later.",
    ),
    Press("12:38", "next", 4),
    Press("13:33", "next", 5),
    Press(
        "14:08",
        "ask",
        5,
        person="participant10",
        minutes=20,
        reason="We have not finished our list of witnesses and want to rank them properly.",
    ),
    Press(
        "14:10",
        "decline",
        5,
        reason=(
            "The hall must be clear by four. Every table can add witnesses to the list "
            "online until Wednesday, and the ranking is done by a vote of all members."
        ),
    ),
    Press("14:18", "next", 6),
    Press("14:35", "next", 7),
    Press("15:12", "next", 8),
    Press("15:36", "stop", 8),
)

#: Sessions 3 to 10: when the first item started, and the minutes each item ran.
LATER_DAYS: tuple[tuple[str, tuple[int, ...]], ...] = (
    ("10:03", (21, 82, 38, 58, 50, 21, 46, 25)),  # heat: the witnesses long, the tables short
    ("10:05", (20, 46, 72, 62, 19, 47, 25)),
    ("10:02", (19, 81, 38, 58, 56, 19, 46, 26)),  # travel
    ("10:00", (22, 74, 55, 31, 47, 24)),
    ("10:04", (20, 64, 36, 60, 70, 25)),  # who pays
    ("10:01", (21, 80, 60, 47, 14, 25)),
    ("10:03", (20, 84, 58, 48, 20, 46, 24)),  # refining
    ("10:00", (18, 95, 60, 44, 30, 27)),  # deciding
)


def _moment(on: str, clock: str) -> datetime:
    # Sessions start at a local time (the site's time zone, UTC unless set otherwise).
    return timezone.make_aware(datetime.combine(date.fromisoformat(on), time.fromisoformat(clock)))


def agenda_steps(process: Process, users: dict[str, User]) -> list[Step]:
    """The steps that record the climate assembly's time (none for other processes)."""
    if process.slug != SLUG:
        return []
    steps = _detailed(process, users, 1, SESSIONS[0].on, DAY_ONE)
    steps += _detailed(process, users, 2, SESSIONS[1].on, DAY_TWO)
    for number, (spec, (first, minutes)) in enumerate(
        zip(SESSIONS[2:], LATER_DAYS, strict=True), start=3
    ):
        steps += _simple(process, users, number, spec.on, first, minutes)
    return steps


def _item(process: Process, session: int, position: int) -> AgendaItem:
    return AgendaItem.objects.get(
        session__process=process, session__number=session, position=position
    )


def _detailed(
    process: Process, users: dict[str, User], session: int, on: str, presses: tuple[Press, ...]
) -> list[Step]:
    return [
        (_moment(on, press.clock), _pressing(process, users, session, press)) for press in presses
    ]


def _pressing(
    process: Process, users: dict[str, User], session: int, press: Press
) -> Callable[[], None]:
    def step() -> None:
        process.refresh_from_db()
        actor = users[press.person]
        item = _item(process, session, press.position)
        if press.what == "next":
            do_move_on(actor, process, _item(process, session, press.position - 1), item)
        elif press.what == "start":
            do_start_item(actor, process, item)
        elif press.what == "pause":
            do_pause_item(actor, process, item)
        elif press.what == "stop":
            do_stop_item(actor, process, item)
        elif press.what == "ask":
            do_request_time(actor, process, item, minutes=press.minutes, reason=press.reason)
        else:
            request = TimeRequest.objects.filter(item=item).latest("number")
            do_decide_time_request(
                actor,
                process,
                request,
                grant=press.what == "grant",
                minutes=press.minutes,
                reason=press.reason,
            )

    return step


def _simple(
    process: Process,
    users: dict[str, User],
    session: int,
    on: str,
    first: str,
    minutes: tuple[int, ...],
) -> list[Step]:
    facilitator = users["facilitator"]
    moment = _moment(on, first)
    steps: list[Step] = []
    for position, length in enumerate(minutes, start=1):
        steps.append((moment, _running(process, facilitator, session, position)))
        moment += timedelta(minutes=length)
    steps.append((moment, _finishing(process, facilitator, session, len(minutes))))
    return steps


def _running(process: Process, actor: User, session: int, position: int) -> Callable[[], None]:
    def step() -> None:
        process.refresh_from_db()
        item = _item(process, session, position)
        if position == 1:
            do_start_item(actor, process, item)
        else:
            do_move_on(actor, process, _item(process, session, position - 1), item)

    return step


def _finishing(process: Process, actor: User, session: int, position: int) -> Callable[[], None]:
    def step() -> None:
        process.refresh_from_db()
        do_stop_item(actor, process, _item(process, session, position))

    return step
