"""Time planned and time used on an agenda: per item, per session, per kind of item.

The facilitator's timer records, for each agenda item, the stretches of time it ran
(``Interval``: a start and an end, no end while it runs). From them and the minutes
planned this module computes what the public agenda page reports. No Django here.

How the figures are made (the agenda page and docs/agenda.md say the same):

- An item's **used time** is the length of the *union* of its intervals, so two
  stretches that overlap (after a correction, say) are never counted twice. An interval
  still running counts up to ``now``; an interval ending before it starts counts nothing.
  It is counted in whole seconds, any fraction of a second dropped.
- An item's **allowed time** is the minutes planned plus the minutes granted since on the
  members' requests.
- An item **overran** when it used at least two minutes more than its allowed time; it
  was **cut short** when it was finished having used at least two minutes less than its
  planned time (an item finished without ever running was *skipped*, also a cut). Smaller
  differences are the ordinary give and take of a day; the difference is shown anyway.
- **Totals** (per session, per kind) add up the seconds of their items; their percentage
  compares the time used with the time planned *for the items that have run so far*, so
  that items still to come do not make the past look short (an item still running counts
  with its time so far).
- **Minutes shown** are the seconds divided by 60, rounded to the nearest minute, halves
  up; **percentages** are rounded to the nearest whole percent, halves up. A total is
  rounded once from its exact seconds, so it may differ by a minute from the sum of its
  items' rounded minutes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

#: Less than this much over the allowed time, or short of the plan, counts as on time.
TOLERANCE_SECONDS = 120


@dataclass(frozen=True)
class Interval:
    """One stretch of time an item ran; ``end`` is None while it runs."""

    start: datetime
    end: datetime | None = None


def merged(intervals: Iterable[Interval], now: datetime) -> list[tuple[datetime, datetime]]:
    """The union of ``intervals`` as sorted, disjoint (start, end) pairs.

    A running interval ends at ``now``; empty and backwards intervals are left out;
    intervals that touch or overlap become one.
    """
    closed = sorted(
        (interval.start, interval.end if interval.end is not None else now)
        for interval in intervals
    )
    union: list[tuple[datetime, datetime]] = []
    for start, end in closed:
        if end <= start:
            continue
        if union and start <= union[-1][1]:
            union[-1] = (union[-1][0], max(union[-1][1], end))
        else:
            union.append((start, end))
    return union


def used_seconds(intervals: Iterable[Interval], now: datetime) -> int:
    """Whole seconds covered by ``intervals`` (their union, running ones up to ``now``)."""
    total = sum((end - start for start, end in merged(intervals, now)), timedelta())
    return int(total.total_seconds())


def minutes(seconds: int) -> int:
    """``seconds`` as whole minutes, rounded to the nearest, halves up (also below zero)."""
    return (2 * seconds + 60) // 120


def percent(part: int, whole: int) -> int | None:
    """``part`` as a whole percentage of ``whole``, halves up; None when ``whole`` is 0."""
    if whole <= 0:
        return None
    return (200 * part + whole) // (2 * whole)


class ItemState(StrEnum):
    """Where an item stands on the timer."""

    WAITING = "waiting"  # never run, not finished
    RUNNING = "running"
    PAUSED = "paused"  # has run, not finished, not running
    FINISHED = "finished"
    SKIPPED = "skipped"  # finished without ever running


class Verdict(StrEnum):
    """How the time an item used compares with its plan."""

    NOT_RUN = "not_run"  # waiting: nothing to say yet
    ON_TIME = "on_time"
    OVERRAN = "overran"
    CUT_SHORT = "cut_short"


@dataclass(frozen=True)
class ItemPlan:
    """What the timing needs to know about one agenda item."""

    kind: str
    planned_minutes: int
    granted_minutes: int
    intervals: tuple[Interval, ...]
    finished: bool


@dataclass(frozen=True)
class ItemUse:
    """The time one item was planned, allowed and used, in seconds."""

    kind: str
    planned: int
    granted: int
    used: int
    state: ItemState

    @property
    def allowed(self) -> int:
        """Planned plus granted."""
        return self.planned + self.granted

    @property
    def left(self) -> int:
        """Seconds still allowed (negative once over)."""
        return self.allowed - self.used

    @property
    def over(self) -> int:
        """Seconds used beyond the allowed time (0 if none)."""
        return max(0, self.used - self.allowed)

    @property
    def short(self) -> int:
        """Seconds of the plan not used by a finished item (0 otherwise)."""
        finished = self.state in (ItemState.FINISHED, ItemState.SKIPPED)
        return max(0, self.planned - self.used) if finished else 0

    @property
    def versus_plan(self) -> int:
        """Seconds used minus seconds planned (negative when under the plan)."""
        return self.used - self.planned

    @property
    def has_run(self) -> bool:
        """Whether the item has started (or was skipped: its planned time is behind us)."""
        return self.state is not ItemState.WAITING

    @property
    def verdict(self) -> Verdict:
        """Overran, cut short, on time, or not run yet."""
        if self.over >= TOLERANCE_SECONDS:
            return Verdict.OVERRAN
        if self.short >= TOLERANCE_SECONDS:
            return Verdict.CUT_SHORT
        return Verdict.ON_TIME if self.has_run else Verdict.NOT_RUN


def item_use(plan: ItemPlan, now: datetime) -> ItemUse:
    """The planned, granted and used seconds of one item, and its state, at ``now``."""
    running = any(interval.end is None for interval in plan.intervals)
    if running:
        state = ItemState.RUNNING
    elif plan.finished:
        state = ItemState.FINISHED if plan.intervals else ItemState.SKIPPED
    else:
        state = ItemState.PAUSED if plan.intervals else ItemState.WAITING
    return ItemUse(
        kind=plan.kind,
        planned=plan.planned_minutes * 60,
        granted=plan.granted_minutes * 60,
        used=used_seconds(plan.intervals, now),
        state=state,
    )


@dataclass(frozen=True)
class Totals:
    """The sums over some items, in seconds, with counts."""

    items: int = 0
    run: int = 0  # items that have run (or were skipped)
    planned: int = 0  # all items
    planned_run: int = 0  # the items that have run
    granted: int = 0
    used: int = 0
    overran: int = 0
    cut_short: int = 0

    @property
    def versus_plan(self) -> int:
        """Seconds used minus seconds planned, for the items run so far."""
        return self.used - self.planned_run

    @property
    def share(self) -> int | None:
        """Time used as a percentage of the time planned for the items run so far."""
        return percent(self.used, self.planned_run)

    def plus(self, use: ItemUse) -> Totals:
        """These totals with one more item."""
        return Totals(
            items=self.items + 1,
            run=self.run + use.has_run,
            planned=self.planned + use.planned,
            planned_run=self.planned_run + (use.planned if use.has_run else 0),
            granted=self.granted + use.granted,
            used=self.used + use.used,
            overran=self.overran + (use.verdict is Verdict.OVERRAN),
            cut_short=self.cut_short + (use.verdict is Verdict.CUT_SHORT),
        )


def totals(uses: Iterable[ItemUse]) -> Totals:
    """The totals of ``uses``."""
    result = Totals()
    for use in uses:
        result = result.plus(use)
    return result


def by_kind(uses: Iterable[ItemUse], kinds: Iterable[str] = ()) -> dict[str, Totals]:
    """Totals per kind of item: first ``kinds`` in their order (even with no items), then
    any other kind met, in the order met."""
    result: dict[str, Totals] = {kind: Totals() for kind in kinds}
    for use in uses:
        result[use.kind] = result.get(use.kind, Totals()).plus(use)
    return result


def running_item(states: Mapping[str, ItemUse]) -> str | None:
    """The key of the first running item in ``states`` (None when nothing runs)."""
    return next((key for key, use in states.items() if use.state is ItemState.RUNNING), None)
