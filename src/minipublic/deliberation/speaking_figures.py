"""Speaking-time figures from the stored turns, for the console and the equity pages.

The members of a table are the people seated at it, plus anyone with a turn recorded
there (moved to another table since); the members of a session are the members of its
tables. ``room.equity`` does the arithmetic; a running turn counts up to now, at most
``speaking.TURN_MAX``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from minipublic.accounts.models import User
from minipublic.deliberation.models import Seat, Session, Table, Turn
from minipublic.deliberation.roster import roster
from minipublic.deliberation.speaking import TURN_MAX, turn_end
from minipublic.integrity.models import LedgerEntry
from minipublic.processes.models import Process
from minipublic.room.equity import Equity, SpokenTurn, equity

_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


def _seconds(moment: datetime) -> float:
    return (moment - _EPOCH).total_seconds()


def spoken(turns: Iterable[Turn], now: datetime) -> list[SpokenTurn]:
    """``turns`` as the equity arithmetic reads them (seconds; running ones up to now)."""
    return [
        SpokenTurn(turn.attendee, _seconds(turn.started_at), _seconds(turn_end(turn, now)))
        for turn in turns
    ]


@dataclass(frozen=True)
class TableFigures:
    """A table's figures, with how many turns were recorded, by how many people, and how
    many had a time corrected by the clamping rule."""

    table: Table
    equity: Equity
    turns: int
    recorders: int
    adjusted: int


@dataclass(frozen=True)
class SessionFigures:
    """A session's figures over all its members, and each of its tables'."""

    session: Session
    equity: Equity
    tables: tuple[TableFigures, ...]

    @property
    def turns(self) -> int:
        """How many turns were recorded in the session."""
        return sum(table.turns for table in self.tables)


def _table_figures(
    table: Table, seated: list[str], turns: list[Turn], now: datetime
) -> TableFigures:
    return TableFigures(
        table=table,
        equity=equity(seated, spoken(turns, now)),
        turns=len(turns),
        recorders=len({turn.recorded_by_id for turn in turns}),
        adjusted=sum(1 for turn in turns if turn.adjusted),
    )


def process_figures(process: Process, now: datetime) -> list[SessionFigures]:
    """The figures of every session of ``process`` that has tables, in order."""
    sessions = list(Session.objects.filter(process=process).order_by("number"))
    tables = Table.objects.filter(session__process=process).order_by("session__number", "number")
    seats: dict[int, list[str]] = defaultdict(list)
    for table_id, attendee in (
        Seat.objects.filter(session__process=process)
        .order_by("attendee")
        .values_list("table_id", "attendee")
    ):
        seats[table_id].append(attendee)
    turns: dict[int, list[Turn]] = defaultdict(list)
    for turn in Turn.objects.filter(table__session__process=process):
        turns[turn.table_id].append(turn)
    by_session: dict[int, list[TableFigures]] = defaultdict(list)
    for table in tables:
        figures = _table_figures(table, seats[table.pk], turns[table.pk], now)
        by_session[table.session_id].append(figures)
    result: list[SessionFigures] = []
    for session in sessions:
        parts = by_session.get(session.pk, [])
        if not parts:
            continue
        members = [person for part in parts for person in seats[part.table.pk]]
        session_turns = [turn for part in parts for turn in turns[part.table.pk]]
        result.append(
            SessionFigures(session, equity(members, spoken(session_turns, now)), tuple(parts))
        )
    return result


def session_figures(session: Session, now: datetime) -> SessionFigures | None:
    """The figures of ``session`` (None if it has no tables)."""
    for figures in process_figures(session.process, now):
        if figures.session.pk == session.pk:
            return figures
    return None


def names(process: Process) -> dict[str, str]:
    """Attendee key to "First L." name, for the team only (VIEW_ROOM)."""
    return {attendee.key: attendee.name for attendee in roster(process)}


def last_finished(table: Table) -> datetime | None:
    """When the recording at ``table`` was last finished (from the ledger), if ever."""
    time = (
        LedgerEntry.objects.filter(
            process_id=table.session.process_id,
            event="speaking.recording_finished",
            payload__session=table.session.number,
            payload__table=table.number,
        )
        .order_by("-sequence")
        .values_list("time", flat=True)
        .first()
    )
    return None if time is None else datetime.fromisoformat(time.replace("Z", "+00:00"))


@dataclass(frozen=True)
class Speaker:
    """One person on the console: their total at this table, whether anyone records them
    speaking now, and the recorder's own running turn of them (if any)."""

    key: str
    name: str
    seconds: float
    speaking: bool
    my_turn: Turn | None
    seated: bool


@dataclass(frozen=True)
class ConsoleState:
    """What the console shows: the people, the recorder's running turn, other team
    members' running turns, and the table's figures, as of ``now``."""

    now: datetime
    people: tuple[Speaker, ...]
    mine: Turn | None
    others: tuple[Turn, ...]
    equity: Equity
    turns: int


def console_state(table: Table, user: User, now: datetime) -> ConsoleState:
    """The console of ``table`` as ``user`` sees it now."""
    seated = list(Seat.objects.filter(table=table).values_list("attendee", flat=True))
    turns = list(Turn.objects.filter(table=table))
    figures = equity(seated, spoken(turns, now))
    running = [t for t in turns if t.ended_at is None and now - t.started_at <= TURN_MAX]
    mine = max(
        (t for t in running if t.recorded_by_id == user.pk),
        key=lambda t: t.started_at,
        default=None,
    )
    speaking = {t.attendee for t in running}
    known = names(table.session.process)
    people = sorted(
        (
            Speaker(
                key=member.person,
                name=known.get(member.person, member.person),
                seconds=member.seconds,
                speaking=member.person in speaking,
                my_turn=mine if mine is not None and mine.attendee == member.person else None,
                seated=member.person in seated,
            )
            for member in figures.members
        ),
        key=lambda speaker: (not speaker.seated, speaker.name.casefold(), speaker.key),
    )
    others = tuple(sorted((t for t in running if t is not mine), key=lambda t: t.started_at))
    return ConsoleState(now, tuple(people), mine, others, figures, len(turns))


def state_json(state: ConsoleState) -> dict[str, Any]:
    """The console state as the console's script reads it (times in ISO 8601)."""
    return {
        "now": state.now.isoformat(),
        "people": [
            {
                "key": person.key,
                "name": person.name,
                "seconds": round(person.seconds, 1),
                "speaking": person.speaking,
                "seated": person.seated,
            }
            for person in state.people
        ],
        "mine": None
        if state.mine is None
        else {
            "uuid": str(state.mine.uuid),
            "attendee": state.mine.attendee,
            "started_at": state.mine.started_at.isoformat(),
        },
        "others": [
            {"attendee": turn.attendee, "started_at": turn.started_at.isoformat()}
            for turn in state.others
        ],
        "turns": state.turns,
        "silent": list(state.equity.silent),
    }
