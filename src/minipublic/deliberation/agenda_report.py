"""Planned against used time, read from the database and computed by ``room.timing``:
per item, per session, per kind of item, and for the whole process.

The pages (the public agenda, the facilitator's timer) show what this returns; the
arithmetic and its rounding live in the framework-free ``minipublic.room.timing``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Prefetch, QuerySet
from django.utils.functional import Promise

from minipublic.deliberation.models import (
    AgendaItem,
    ItemKind,
    RequestStatus,
    Session,
    TimeRequest,
    TimerInterval,
)
from minipublic.processes.models import Process
from minipublic.room.timing import Interval, ItemPlan, ItemUse, Totals, by_kind, item_use, totals


@dataclass(frozen=True)
class ItemLine:
    """One agenda item with its time."""

    item: AgendaItem
    use: ItemUse


@dataclass(frozen=True)
class SessionReport:
    """One session's items with their time, and their totals."""

    session: Session
    lines: list[ItemLine]
    totals: Totals


@dataclass(frozen=True)
class KindLine:
    """The totals of one kind of item."""

    kind: str
    label: Promise
    totals: Totals


@dataclass(frozen=True)
class AgendaReport:
    """The whole process: every session, the totals per kind and overall, the requests."""

    sessions: list[SessionReport]
    kinds: list[KindLine]
    overall: Totals
    requests: list[TimeRequest]


def plan_of(item: AgendaItem) -> ItemPlan:
    """What ``room.timing`` needs about ``item`` (its intervals prefetched, or read)."""
    return ItemPlan(
        kind=item.kind,
        planned_minutes=item.planned_minutes,
        granted_minutes=item.extra_minutes,
        intervals=tuple(Interval(row.started_at, row.ended_at) for row in item.intervals.all()),
        finished=item.finished_at is not None,
    )


def _with_intervals(sessions: QuerySet[Session]) -> QuerySet[Session]:
    intervals = TimerInterval.objects.order_by("started_at", "pk")
    items = AgendaItem.objects.order_by("position").prefetch_related(
        Prefetch("intervals", queryset=intervals)
    )
    return sessions.prefetch_related(Prefetch("items", queryset=items))


def session_report(session: Session, now: datetime) -> SessionReport:
    """``session``'s items with their time at ``now``."""
    fresh = _with_intervals(Session.objects.filter(pk=session.pk)).get()
    return _report_of(fresh, now)


def _report_of(session: Session, now: datetime) -> SessionReport:
    lines = [ItemLine(item, item_use(plan_of(item), now)) for item in session.items.all()]
    return SessionReport(session, lines, totals(line.use for line in lines))


def agenda_report(process: Process, now: datetime) -> AgendaReport:
    """Every session of ``process`` with its time at ``now``, the totals per kind (every
    kind listed, in the order of ``ItemKind``) and overall, and the time requests."""
    sessions = [
        _report_of(session, now)
        for session in _with_intervals(Session.objects.filter(process=process).order_by("number"))
    ]
    uses = [line.use for report in sessions for line in report.lines]
    per_kind = by_kind(uses, [kind.value for kind in ItemKind])
    labels = dict(ItemKind.choices)
    kinds = [KindLine(kind, labels[kind], sums) for kind, sums in per_kind.items()]
    requests = list(
        TimeRequest.objects.filter(process=process)
        .select_related("item__session")
        .order_by("number")
    )
    return AgendaReport(sessions, kinds, totals(uses), requests)


def share_sentence_parts(report: AgendaReport) -> list[tuple[Promise, int]]:
    """(kind label, percentage) for each kind with items run, for the summary sentence."""
    return [
        (line.label, share)
        for line in report.kinds
        if line.totals.run and (share := line.totals.share) is not None
    ]


def pending_requests(process: Process) -> QuerySet[TimeRequest]:
    """Requests waiting for a decision, oldest first."""
    return (
        TimeRequest.objects.filter(process=process, status=RequestStatus.PENDING)
        .select_related("item__session")
        .order_by("number")
    )
