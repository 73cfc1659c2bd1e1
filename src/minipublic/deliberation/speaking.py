"""Recording speaking turns at a table: the facilitator console's named actions.

A turn is started and stopped by the person recording it. Starting a turn ends the
recorder's own running turn at that table (one speaker at a time, as they see it); the
turns of another facilitator recording the same table are left alone, and each
person's time is later the union of everybody's records (``room.equity``), so two
recorders never lose a turn nor count one twice.

The console names every turn with a UUID it makes itself, so an event sent again after
a dropped connection changes nothing. Times come from the server's clock, except for
events the console queued while offline, which carry the console's own times; those are
corrected and clamped by the rule below (docs/speaking-time.md):

1. The console's clock is trusted for the time between its events, not for the date:
   each time is shifted by (server time on arrival - console time of sending).
2. No time lies in the future (it becomes now) or before the session's day (it becomes
   the day's first moment, in the site's time zone); recording is refused outright
   before the session's day.
3. A turn ends no earlier than it started, and lasts at most ``TURN_MAX``: a longer one
   is taken for a forgotten stop and ends ``TURN_MAX`` after it started. A turn still
   running counts up to now, at most ``TURN_MAX``; the console stops showing it then.

A corrected time marks the turn ``adjusted``; nothing is dropped. Nothing here enters the
public record but the fact that a table's recording was finished (``do_finish_recording``),
with a private, committed digest of its turns: per-person times are never public.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Literal
from uuid import UUID

from django.db import transaction
from django.utils import timezone

from minipublic import clock
from minipublic.accounts.models import User
from minipublic.deliberation.models import Seat, Session, Table, Turn
from minipublic.deliberation.roster import roster
from minipublic.integrity.record import append
from minipublic.lifecycle import Action, LifecycleError
from minipublic.processes.access import Actor, performs
from minipublic.processes.actions import _actor_role
from minipublic.processes.models import Process

#: The longest plausible turn: anything longer is a stop that was never pressed.
TURN_MAX = timedelta(minutes=20)
#: The most events one request may carry (a console sends its queue in batches).
EVENTS_MAX = 200

EventKind = Literal["start", "stop"]
Status = Literal["recorded", "duplicate", "refused"]


@dataclass(frozen=True)
class TurnEvent:
    """One press on the console: ``start`` a turn of ``attendee`` or ``stop`` the turn
    ``uuid``, at ``at`` on the console's clock (None: now, on the server's)."""

    kind: EventKind
    uuid: UUID
    attendee: str = ""
    at: datetime | None = None


@dataclass(frozen=True)
class Outcome:
    """What became of one event: ``recorded``, ``duplicate`` (already known: nothing
    changed) or ``refused`` (with the error); ``adjusted`` if a time was clamped."""

    kind: EventKind
    uuid: UUID
    status: Status
    adjusted: bool = False
    error: LifecycleError | None = None


def day_start(session: Session) -> datetime:
    """The first moment of the session's day, in the site's time zone."""
    return datetime.combine(session.date, time.min, tzinfo=timezone.get_default_timezone())


def turn_end(turn: Turn, now: datetime) -> datetime:
    """When ``turn`` ends for counting: its end, or now for a running turn, never more
    than ``TURN_MAX`` after its start (nor before it)."""
    end = turn.ended_at if turn.ended_at is not None else now
    return max(turn.started_at, min(end, turn.started_at + TURN_MAX))


def _recorder(actor: Actor) -> User | None:
    return actor if isinstance(actor, User) else None


def _own_table(process: Process, table: Table) -> None:
    if table.session.process_id != process.pk:
        raise LifecycleError("table_elsewhere", "That table belongs to another process.")


def _check_started(session: Session, now: datetime) -> None:
    if now < day_start(session):
        raise LifecycleError(
            "session_not_started",
            "Session {session} is on {date}: its speaking time is recorded from that day on.",
            session=session.number,
            date=session.date.isoformat(),
        )


def _plausible(moment: datetime, session: Session, now: datetime) -> tuple[datetime, bool]:
    """``moment`` clamped to [the session's day start, now]; True if it had to be."""
    clamped = min(max(moment, day_start(session)), now)
    return clamped, clamped != moment


def _end(turn: Turn, moment: datetime, adjusted: bool = False) -> bool:
    """End ``turn`` at ``moment``, within [its start, its start + TURN_MAX]; True if the
    end had to be clamped (or ``adjusted`` already)."""
    end = max(turn.started_at, min(moment, turn.started_at + TURN_MAX))
    adjusted = adjusted or end != moment
    turn.ended_at = end
    turn.adjusted = turn.adjusted or adjusted
    turn.save(update_fields=["ended_at", "adjusted"])
    return adjusted


def _start(
    recorder: User | None,
    table: Table,
    event: TurnEvent,
    in_room: Callable[[str], bool],
    now: datetime,
) -> Outcome:
    existing = Turn.objects.filter(uuid=event.uuid).first()
    if existing is not None:
        if existing.table_id != table.pk or existing.attendee != event.attendee:
            raise LifecycleError(
                "turn_uuid_reused", "That turn's identifier was already used for another turn."
            )
        return Outcome("start", event.uuid, "duplicate", adjusted=existing.adjusted)
    if not in_room(event.attendee):
        raise LifecycleError("speaker_not_in_room", "{key} is not in the room.", key=event.attendee)
    started, adjusted = _plausible(event.at or now, table.session, now)
    mine = Turn.objects.filter(
        table=table, recorded_by=recorder, ended_at__isnull=True, started_at__lte=started
    )
    for running in mine:
        _end(running, started)
    Turn.objects.create(
        uuid=event.uuid,
        table=table,
        attendee=event.attendee,
        started_at=started,
        recorded_by=recorder,
        received_at=now,
        adjusted=adjusted,
    )
    return Outcome("start", event.uuid, "recorded", adjusted=adjusted)


def _stop(recorder: User | None, table: Table, event: TurnEvent, now: datetime) -> Outcome:
    turn = Turn.objects.filter(uuid=event.uuid, table=table).first()
    if turn is None:
        raise LifecycleError(
            "turn_unknown", "That turn was never started at this table, so it cannot stop."
        )
    if turn.recorded_by_id != (recorder.pk if recorder else None):
        raise LifecycleError(
            "turn_not_yours",
            "That turn is another team member's record: only they stop it, or finish the "
            "recording at this table to end every turn.",
        )
    if turn.ended_at is not None:
        return Outcome("stop", event.uuid, "duplicate", adjusted=turn.adjusted)
    ended, adjusted = _plausible(event.at or now, table.session, now)
    adjusted = _end(turn, ended, adjusted)
    return Outcome("stop", event.uuid, "recorded", adjusted=adjusted)


def _apply(actor: Actor, table: Table, event: TurnEvent, in_room: Callable[[str], bool]) -> Outcome:
    now = clock.now()
    _check_started(table.session, now)
    if event.kind == "start":
        return _start(_recorder(actor), table, event, in_room, now)
    return _stop(_recorder(actor), table, event, now)


def _room_check(process: Process, session: Session) -> Callable[[str], bool]:
    """Whether an attendee key is in the room: seated in ``session`` (seats are only
    ever given to the room's attendees), else on the ``roster`` (read once, if needed)."""
    known: dict[str, bool] = {}
    everyone: list[frozenset[str]] = []

    def in_room(key: str) -> bool:
        if key not in known:
            known[key] = Seat.objects.filter(session=session, attendee=key).exists()
            if not known[key]:
                if not everyone:
                    everyone.append(frozenset(a.key for a in roster(process)))
                known[key] = key in everyone[0]
        return known[key]

    return in_room


@performs(Action.RECORD_SPEAKING)
def do_start_turn(
    actor: Actor, process: Process, table: Table, attendee: str, *, uuid: UUID
) -> Outcome:
    """Start ``attendee``'s turn at ``table`` now (ending the actor's running turn there).

    ``uuid`` names the turn; a second request with the same one changes nothing
    (``duplicate``). The speaker must be in the room (``roster``).
    """
    _own_table(process, table)
    in_room = _room_check(process, table.session)
    return _apply(actor, table, TurnEvent("start", uuid, attendee), in_room)


@performs(Action.RECORD_SPEAKING)
def do_stop_turn(actor: Actor, process: Process, table: Table, *, uuid: UUID) -> Outcome:
    """Stop the actor's turn ``uuid`` at ``table`` now (``duplicate`` if it had ended)."""
    _own_table(process, table)
    return _apply(actor, table, TurnEvent("stop", uuid), lambda key: False)


@performs(Action.RECORD_SPEAKING)
def do_record_events(
    actor: Actor,
    process: Process,
    table: Table,
    events: Sequence[TurnEvent],
    *,
    sent_at: datetime | None = None,
) -> list[Outcome]:
    """Record a console's ``events`` in order, as sent at ``sent_at`` on its clock.

    Each event's time is corrected by the console clock's offset (server time now -
    ``sent_at``) and clamped (see the module). An event refused (an unknown speaker, a
    turn that is not the actor's…) is reported in its ``Outcome`` and does not stop the
    others; events already known are ``duplicate``.
    """
    _own_table(process, table)
    if len(events) > EVENTS_MAX:
        raise LifecycleError(
            "too_many_events", "Send at most {limit} events at a time.", limit=EVENTS_MAX
        )
    offset = clock.now() - sent_at if sent_at is not None else timedelta(0)
    in_room = _room_check(process, table.session)
    outcomes: list[Outcome] = []
    for event in events:
        corrected = TurnEvent(
            event.kind, event.uuid, event.attendee, None if event.at is None else event.at + offset
        )
        try:
            with transaction.atomic():
                outcomes.append(_apply(actor, table, corrected, in_room))
        except LifecycleError as error:
            outcomes.append(Outcome(event.kind, event.uuid, "refused", error=error))
    return outcomes


def turns_digest(table: Table) -> str:
    """A SHA-256 digest of every turn recorded at ``table`` (for the private ledger field)."""
    digest = hashlib.sha256()
    rows = Turn.objects.filter(table=table).order_by("uuid")
    for turn in rows.values_list("uuid", "attendee", "started_at", "ended_at", "recorded_by_id"):
        uuid, attendee, started, ended, recorder = turn
        end = ended.isoformat() if ended else "-"
        digest.update(f"{uuid} {attendee} {started.isoformat()} {end} {recorder}\n".encode())
    return digest.hexdigest()


@performs(Action.RECORD_SPEAKING)
def do_finish_recording(actor: Actor, process: Process, table: Table) -> int:
    """End every turn still running at ``table`` (whoever recorded it) and note in the
    public record that its recording is finished; returns how many turns were ended.

    The entry names the session and table only; the number of turns and a digest of them
    are private fields (only their salted commitments are published), so that the
    speaking records can later be shown unchanged without ever being made public. Turns
    that arrive afterwards (a console that was offline) are still recorded; finishing
    again seals them too.
    """
    _own_table(process, table)
    now = clock.now()
    running = list(Turn.objects.filter(table=table, ended_at__isnull=True))
    for turn in running:
        _end(turn, max(now, turn.started_at))
    append(
        process,
        _actor_role(actor, process, Action.RECORD_SPEAKING),
        "speaking.recording_finished",
        {
            "session": table.session.number,
            "table": table.number,
            "turns": Turn.objects.filter(table=table).count(),
            "digest": turns_digest(table),
        },
        private_fields=["turns", "digest"],
    )
    return len(running)
