"""The facilitator's live timer: named actions that start, pause, stop and reopen an
agenda item, keeping its stretches of running time as ``TimerInterval`` rows.

One item runs at a time in a session: starting one pauses whichever other item of the
session was running. The state is on the server, so a reload, a dropped connection or a
second facilitator's phone all see the same timer. Two facilitators pressing at once
are serialised by the process row lock every action holds (``access.performs``); the
second sees what the first did, so pressing "start" on an item that another facilitator
has just started changes nothing. Should two running stretches ever meet anyway, the
database's constraint refuses the second and the facilitator is told to reload.

Times are kept to the second, like the ledger's. Every press is a public ledger entry
(``timer.started``, ``timer.resumed``, ``timer.paused``, ``timer.stopped``,
``timer.skipped``), with the item and the moment, and for a stop the seconds used.
"""

from __future__ import annotations

from datetime import datetime

from django.db import IntegrityError, transaction

from minipublic import clock
from minipublic.deliberation.agenda import fresh_item
from minipublic.deliberation.models import AgendaItem, Session, TimerInterval
from minipublic.integrity.record import append
from minipublic.ledger import format_time
from minipublic.lifecycle import Action, LifecycleError
from minipublic.processes.access import Actor, performs
from minipublic.processes.actions import _actor_role
from minipublic.processes.models import Process
from minipublic.room.timing import Interval, used_seconds


def now_to_the_second() -> datetime:
    """The clock's time without its fraction of a second (as the ledger keeps it)."""
    return clock.now().replace(microsecond=0)


def running_in(session: Session) -> TimerInterval | None:
    """The interval running now in ``session`` (None when no item runs)."""
    return (
        TimerInterval.objects.filter(item__session=session, ended_at__isnull=True)
        .select_related("item")
        .order_by("started_at", "pk")
        .first()
    )


def _about(item: AgendaItem, moment: datetime) -> dict[str, object]:
    return {
        "session": item.session.number,
        "position": item.position,
        "title": item.title,
        "at": format_time(moment),
    }


def _close(actor: Actor, process: Process, interval: TimerInterval, moment: datetime) -> None:
    interval.ended_at = max(moment, interval.started_at)
    interval.save(update_fields=["ended_at"])
    append(
        process,
        _actor_role(actor, process, Action.RUN_TIMER),
        "timer.paused",
        _about(interval.item, moment),
    )


def used_by(item: AgendaItem, moment: datetime) -> int:
    """Whole seconds ``item`` has run up to ``moment`` (the union of its intervals)."""
    return used_seconds(
        (Interval(row.started_at, row.ended_at) for row in item.intervals.all()), moment
    )


@performs(Action.RUN_TIMER)
def do_start_item(
    actor: Actor, process: Process, item: AgendaItem, *, reopen: bool = False
) -> bool:
    """Run ``item`` from now: a first start, or a resume after a pause.

    Pauses the item of the same session that was running. A finished item runs again
    only with ``reopen`` (it is then no longer finished). Returns False, changing
    nothing, when ``item`` is already running.
    """
    fresh_item(process, item)
    return _start(actor, process, item, reopen=reopen)


@performs(Action.RUN_TIMER)
def do_move_on(actor: Actor, process: Process, finishing: AgendaItem, item: AgendaItem) -> bool:
    """Finish ``finishing`` and start ``item``, in one step: the usual move from one
    agenda item to the next. Both are named, so a page shown before someone else
    changed the timer finishes what its reader meant. False when ``item`` already runs.
    """
    fresh_item(process, finishing)
    fresh_item(process, item)
    if finishing.session_id != item.session_id:
        raise LifecycleError(
            "timer_other_session", "Both items must be on the same session's agenda."
        )
    if finishing.pk != item.pk and finishing.finished_at is None:
        _stop(actor, process, finishing, now_to_the_second())
    return _start(actor, process, item, reopen=False)


def _start(actor: Actor, process: Process, item: AgendaItem, *, reopen: bool) -> bool:
    if item.finished_at is not None and not reopen:
        raise LifecycleError(
            "item_finished",
            "Item {position} “{title}” has been stopped. Reopen it to run it again.",
            position=item.position,
            title=item.title,
        )
    moment = now_to_the_second()
    running = running_in(item.session)
    if running is not None and running.item_id == item.pk:
        return False
    if running is not None:
        _close(actor, process, running, moment)
    first = not item.intervals.exists()
    try:
        with transaction.atomic():
            TimerInterval.objects.create(
                item=item,
                started_at=moment,
                started_by_role=_actor_role(actor, process, Action.RUN_TIMER),
            )
    except IntegrityError:
        raise LifecycleError(
            "timer_conflict",
            "Someone else changed the timer at the same moment. Reload the page to see it.",
        ) from None
    reopened = item.finished_at is not None
    if reopened:
        item.finished_at = None
        item.save(update_fields=["finished_at"])
    payload = _about(item, moment) | {"reopened": reopened}
    append(
        process,
        _actor_role(actor, process, Action.RUN_TIMER),
        "timer.started" if first else "timer.resumed",
        payload,
    )
    return True


@performs(Action.RUN_TIMER)
def do_pause_item(actor: Actor, process: Process, item: AgendaItem) -> bool:
    """Pause ``item``; False, changing nothing, when it is not running."""
    fresh_item(process, item)
    running = item.intervals.filter(ended_at__isnull=True).first()
    if running is None:
        return False
    _close(actor, process, running, now_to_the_second())
    return True


@performs(Action.RUN_TIMER)
def do_stop_item(actor: Actor, process: Process, item: AgendaItem) -> bool:
    """Finish ``item`` for good (a skip if it never ran); False when already finished.

    Records ``timer.stopped`` with the seconds used and the minutes planned and granted,
    or ``timer.skipped``.
    """
    fresh_item(process, item)
    if item.finished_at is not None:
        return False
    _stop(actor, process, item, now_to_the_second())
    return True


def _stop(actor: Actor, process: Process, item: AgendaItem, moment: datetime) -> None:
    running = item.intervals.filter(ended_at__isnull=True).first()
    if running is not None:
        running.ended_at = max(moment, running.started_at)
        running.save(update_fields=["ended_at"])
    item.finished_at = moment
    item.save(update_fields=["finished_at"])
    payload = _about(item, moment)
    ran = item.intervals.exists()
    if ran:
        payload |= {
            "used_seconds": used_by(item, moment),
            "planned_minutes": item.planned_minutes,
            "granted_minutes": item.extra_minutes,
        }
    append(
        process,
        _actor_role(actor, process, Action.RUN_TIMER),
        "timer.stopped" if ran else "timer.skipped",
        payload,
    )
