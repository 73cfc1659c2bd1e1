"""Seating the room: who sits at which table in a session.

``do_seat_session`` replaces a session's whole seating at once (an allocation is
applied, or the team moves people by hand); it keeps which seats are pinned. The
public record says how many sat at each table, never who.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

from minipublic.deliberation.models import Seat, Session
from minipublic.deliberation.roster import roster
from minipublic.integrity.record import append
from minipublic.lifecycle import Action, LifecycleError
from minipublic.processes.access import Actor, performs
from minipublic.processes.actions import _actor_role
from minipublic.processes.models import Process


def seating(session: Session) -> dict[str, int]:
    """The session's seating now: attendee key to table number."""
    rows = Seat.objects.filter(session=session).values_list("attendee", "table__number")
    return dict(rows)


@performs(Action.ALLOCATE_TABLES)
def do_seat_session(
    actor: Actor,
    process: Process,
    session: Session,
    placements: Mapping[str, int],
    *,
    pinned: frozenset[str] = frozenset(),
) -> dict[str, int]:
    """Seat ``session``: each attendee key of ``placements`` at its table number; the
    keys in ``pinned`` stay put when the allocation is run again.

    Every attendee must be in the room (``roster``) and every table must exist; people
    not in ``placements`` are not seated in this session.
    """
    if session.process_id != process.pk:
        raise LifecycleError("session_elsewhere", "That session belongs to another process.")
    known = {attendee.key for attendee in roster(process)}
    strangers = sorted(set(placements) - known)
    if strangers:
        raise LifecycleError(
            "seat_not_in_room",
            "{count} of the people to seat are not in the room: {keys}.",
            count=len(strangers),
            keys=", ".join(strangers[:5]),
        )
    tables = {table.number: table for table in session.tables.all()}
    missing = sorted(set(placements.values()) - set(tables))
    if missing:
        raise LifecycleError(
            "seat_table_missing",
            "Session {session} has no table {number}.",
            session=session.number,
            number=missing[0],
        )
    if not pinned <= set(placements):
        raise LifecycleError("pin_not_seated", "Only people who are seated can be pinned.")
    Seat.objects.filter(session=session).delete()
    Seat.objects.bulk_create(
        Seat(session=session, table=tables[number], attendee=key, pinned=key in pinned)
        for key, number in sorted(placements.items())
    )
    counts = Counter(placements.values())
    append(
        process,
        _actor_role(actor, process, Action.ALLOCATE_TABLES),
        "session.seated",
        {
            "session": session.number,
            "people": len(placements),
            "per_table": {str(number): counts.get(number, 0) for number in sorted(tables)},
            "pinned": len(pinned),
        },
    )
    return dict(placements)
