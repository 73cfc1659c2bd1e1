"""Speaking time at the climate assembly's tables on its first weekend, recorded through
the facilitator console's actions with the clock frozen at each tap.

Saturday 12 September, "Getting to know each other at the tables" (10:40-11:30), some
35 minutes at each table after an opening round in which everyone says who they are: at
table 1 two voices take most of the time; table 2 shares it evenly; at table 3 one
member never speaks; table 4 is in between. Each table's recording is finished at the
end (a public ledger entry with no names or times).

Sunday 13 September, "What matters to us: values at the tables" (11:10-12:20), the
first 40 minutes: table 1 is more even after
the team invited its quieter members in; at table 2 the lead practitioner records
alongside the facilitator for a quarter of an hour (their overlapping turns count once);
table 3's wifi drops for 17 minutes and the console sends the queued taps when it
returns, from a phone whose clock runs 90 seconds fast; table 4 is not recorded.

Who speaks is drawn from a seeded generator over the people seated at each table when
the step runs, so it works whatever the seating and is the same on every load.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from minipublic import clock
from minipublic.accounts.models import User
from minipublic.deliberation.models import Seat, Table
from minipublic.deliberation.speaking import (
    TurnEvent,
    do_finish_recording,
    do_record_events,
    do_start_turn,
    do_stop_turn,
)
from minipublic.processes.models import Process

Step = tuple[datetime, Callable[[], None]]

#: The demo process whose tables are recorded.
SLUG = "demo"
_NAMESPACE = uuid.UUID("5f0c3a1e-7d2b-4c8e-9a61-2b7e0d4f9c33")


@dataclass(frozen=True)
class TableTalk:
    """How one table talked: the weight of each seat (in the table's seat order, by
    attendee key), from ``start`` to ``end``. A weight of 0 is a member who never spoke.

    ``co_recorded`` is a stretch (start, end) during which the lead practitioner records
    too; ``offline`` a stretch during which the facilitator's console is offline.
    """

    session: int
    table: int
    start: datetime
    end: datetime
    weights: tuple[float, ...]
    co_recorded: tuple[datetime, datetime] | None = None
    offline: tuple[datetime, datetime] | None = None


def _at(day: int, hour: int, minute: int) -> datetime:
    return datetime(2026, 9, day, hour, minute, tzinfo=UTC)


TALKS: tuple[TableTalk, ...] = (
    TableTalk(1, 1, _at(12, 10, 45), _at(12, 11, 20), (9.0, 8.0, 1.0, 0.8, 0.6, 0.4)),
    TableTalk(1, 2, _at(12, 10, 46), _at(12, 11, 21), (1.1, 1.0, 0.9, 1.0, 1.05, 0.95)),
    TableTalk(1, 3, _at(12, 10, 45), _at(12, 11, 19), (1.6, 1.3, 1.0, 0.8, 0.6, 0.0)),
    TableTalk(1, 4, _at(12, 10, 47), _at(12, 11, 20), (2.5, 1.8, 1.2, 1.0, 0.6, 0.4)),
    TableTalk(2, 1, _at(13, 11, 15), _at(13, 11, 55), (2.2, 2.0, 1.4, 1.2, 1.0, 0.9)),
    TableTalk(
        2,
        2,
        _at(13, 11, 15),
        _at(13, 11, 54),
        (1.0, 1.15, 0.9, 1.0, 1.1, 0.85),
        co_recorded=(_at(13, 11, 30), _at(13, 11, 45)),
    ),
    TableTalk(
        2,
        3,
        _at(13, 11, 16),
        _at(13, 11, 56),
        (1.5, 1.2, 1.0, 1.0, 0.8, 0.5),
        offline=(_at(13, 11, 25), _at(13, 11, 42)),
    ),
)
#: How fast the clock of table 3's phone runs on the Sunday.
PHONE_AHEAD = timedelta(seconds=90)


@dataclass(frozen=True)
class _Turn:
    attendee: str
    start: datetime
    end: datetime


def turns_for(talk: TableTalk, seats: list[str]) -> list[_Turn]:
    """The turns at a table: first a round in which everyone with a weight says who they
    are, then speakers drawn by weight (never the same twice running), each for 15 s to
    a few minutes, a few seconds apart."""
    rng = random.Random(f"speaking:{talk.session}:{talk.table}")  # noqa: S311 (not security)
    weights = dict(zip(seats, (*talk.weights, *[1.0] * len(seats)), strict=False))
    speakers = [key for key in seats if weights[key] > 0]
    turns: list[_Turn] = []
    moment, last = talk.start, ""
    for turn_number in range(10_000):
        if turn_number < len(speakers):
            speaker = speakers[turn_number]  # the opening round
        else:
            choices = [key for key in speakers if key != last]
            if not choices:
                break
            speaker = rng.choices(choices, [weights[key] for key in choices])[0]
        seconds = rng.uniform(15, 75) * (0.7 + 0.3 * min(weights[speaker], 4.0))
        end = moment + timedelta(seconds=round(seconds))
        if end > talk.end:
            break
        turns.append(_Turn(speaker, moment, end))
        moment, last = end + timedelta(seconds=rng.randint(2, 12)), speaker
    return turns


def _turn_id(talk: TableTalk, who: str, number: int) -> uuid.UUID:
    return uuid.uuid5(_NAMESPACE, f"{talk.session}:{talk.table}:{who}:{number}")


def _table(process: Process, talk: TableTalk) -> Table:
    return Table.objects.select_related("session").get(
        session__process=process, session__number=talk.session, number=talk.table
    )


def _record(process: Process, talk: TableTalk, users: dict[str, User]) -> None:
    table = _table(process, talk)
    seats = list(Seat.objects.filter(table=table).order_by("attendee").values_list("attendee"))
    facilitator, lead = users["facilitator"], users["practitioner"]
    # Every tap, in time order: (when, who taps, the event).
    taps: list[tuple[datetime, User, TurnEvent]] = []
    for number, turn in enumerate(turns_for(talk, [key for (key,) in seats])):
        mine = _turn_id(talk, "facilitator", number)
        taps.append((turn.start, facilitator, TurnEvent("start", mine, turn.attendee)))
        taps.append((turn.end, facilitator, TurnEvent("stop", mine)))
        if talk.co_recorded and talk.co_recorded[0] <= turn.start < talk.co_recorded[1]:
            # The lead practitioner taps the same speaker a second or two late.
            theirs = _turn_id(talk, "practitioner", number)
            late = timedelta(seconds=1 + number % 2)
            taps.append((turn.start + late, lead, TurnEvent("start", theirs, turn.attendee)))
            taps.append((turn.end + late, lead, TurnEvent("stop", theirs)))
    taps.sort(key=lambda tap: tap[0])
    queued: list[TurnEvent] = []
    for moment, who, event in taps:
        if talk.offline and who == facilitator and talk.offline[0] <= moment < talk.offline[1]:
            # The console keeps the tap, with the time of the phone's (fast) clock.
            queued.append(TurnEvent(event.kind, event.uuid, event.attendee, moment + PHONE_AHEAD))
            continue
        if queued and talk.offline:
            # The connection is back: the console sends its queue, then goes on live.
            with clock.frozen_at(talk.offline[1]):
                sent = talk.offline[1] + PHONE_AHEAD
                do_record_events(facilitator, process, table, queued, sent_at=sent)
            queued = []
        with clock.frozen_at(moment):
            if event.kind == "start":
                do_start_turn(who, process, table, event.attendee, uuid=event.uuid)
            else:
                do_stop_turn(who, process, table, uuid=event.uuid)


def speaking_steps(process: Process, users: dict[str, User]) -> list[Step]:
    """The steps recording the first weekend's speaking time (none for other processes)."""
    if process.slug != SLUG:
        return []

    def recording(talk: TableTalk) -> Callable[[], None]:
        def record() -> None:
            process.refresh_from_db()
            _record(process, talk, users)

        return record

    def finishing(talk: TableTalk) -> Callable[[], None]:
        def finish() -> None:
            process.refresh_from_db()
            do_finish_recording(users["facilitator"], process, _table(process, talk))

        return finish

    # Each table's taps run as one step (none of them enters the ledger); finishing is a
    # step of its own, at its time, so the ledger's entries stay in time order.
    steps: list[Step] = [(talk.start, recording(talk)) for talk in TALKS]
    steps += [(talk.end + timedelta(minutes=2), finishing(talk)) for talk in TALKS]
    return steps
