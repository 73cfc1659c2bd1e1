"""Correcting the times the timer recorded for an item, with a reason, in public.

A facilitator who forgot to pause for lunch, or pressed a button late, puts right the
stretches of time an item ran. The item must not be running (pause or finish it
first); each stretch must start before it ends, end no later than now, and overlap
neither the item's other stretches nor any other item's of the session (one item runs
at a time). The ledger entry ``timer.corrected`` keeps the stretches before and after,
the seconds used before and after, and the reason, so a correction never hides.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import datetime

from django.utils import timezone

from minipublic import clock
from minipublic.deliberation.agenda import fresh_item
from minipublic.deliberation.models import AgendaItem, TimerInterval
from minipublic.deliberation.time_requests import REASON_MAX
from minipublic.deliberation.timer import running_in, used_by
from minipublic.integrity.record import append
from minipublic.ledger import format_time
from minipublic.lifecycle import Action, LifecycleError
from minipublic.processes.access import Actor, performs
from minipublic.processes.actions import _actor_role
from minipublic.processes.models import Process

Stretch = tuple[datetime, datetime]


def _public(stretches: Sequence[tuple[datetime, datetime | None]]) -> list[list[str | None]]:
    return [[format_time(start), format_time(end) if end else None] for start, end in stretches]


def _hms(moment: datetime) -> str:
    return timezone.localtime(moment).strftime("%H:%M:%S")


def _check(item: AgendaItem, stretches: list[Stretch], now: datetime) -> None:
    for start, end in stretches:
        if end <= start:
            raise LifecycleError(
                "correction_backwards",
                "A stretch must end after it starts ({start} to {end}).",
                start=_hms(start),
                end=_hms(end),
            )
        if end > now:
            raise LifecycleError("correction_in_future", "A stretch cannot end later than now.")
    ordered = sorted(stretches)
    for (_, end), (start, _) in itertools.pairwise(ordered):
        if start < end:
            raise LifecycleError(
                "correction_overlaps_itself", "Two of the stretches overlap: join them into one."
            )
    others = TimerInterval.objects.filter(item__session=item.session).exclude(item=item)
    for start, end in ordered:
        clash = (
            others.filter(started_at__lt=end)
            .exclude(ended_at__isnull=False, ended_at__lte=start)
            .select_related("item")
            .first()
        )
        if clash is not None:
            raise LifecycleError(
                "correction_overlaps_other",
                "From {start} to {end} item {position} “{title}” was running: one item runs "
                "at a time.",
                start=_hms(start),
                end=_hms(end),
                position=clash.item.position,
                title=clash.item.title,
            )


@performs(Action.RUN_TIMER)
def do_correct_times(
    actor: Actor, process: Process, item: AgendaItem, stretches: list[Stretch], *, reason: str
) -> bool:
    """Replace the stretches ``item`` ran by ``stretches`` (to the second), saying why.

    False, changing nothing, when they are the stretches already recorded.
    Records ``timer.corrected``.
    """
    fresh_item(process, item)
    running = running_in(item.session)
    if running is not None and running.item_id == item.pk:
        raise LifecycleError(
            "correction_running", "Pause or finish the item before correcting its times."
        )
    reason = " ".join(reason.split())
    if not reason:
        raise LifecycleError(
            "correction_needs_reason", "Say why the times are corrected: it is published."
        )
    if len(reason) > REASON_MAX:
        raise LifecycleError(
            "time_reason_too_long", "A reason has at most {limit} characters.", limit=REASON_MAX
        )
    now = clock.now()
    wanted = sorted(
        (start.replace(microsecond=0), end.replace(microsecond=0)) for start, end in stretches
    )
    _check(item, wanted, now)
    rows = list(item.intervals.order_by("started_at", "pk"))
    before = [(row.started_at, row.ended_at) for row in rows]
    if before == wanted:
        return False
    used_before = used_by(item, now)
    role = _actor_role(actor, process, Action.RUN_TIMER)
    item.intervals.all().delete()
    TimerInterval.objects.bulk_create(
        TimerInterval(item=item, started_at=start, ended_at=end, started_by_role=role)
        for start, end in wanted
    )
    append(
        process,
        role,
        "timer.corrected",
        {
            "session": item.session.number,
            "position": item.position,
            "title": item.title,
            "before": _public(before),
            "after": _public(wanted),
            "used_seconds_before": used_before,
            "used_seconds_after": used_by(item, now),
            "reason": reason,
        },
    )
    return True
