"""Reading a council's state: its schedule's dates, the sitting members, what is due.

Nothing here changes anything; the changes are the ``do_*`` actions in ``actions.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet

from minipublic.council.models import FollowUp, Rotation, RotationSchedule, Term
from minipublic.lifecycle import LifecycleError, ProcessModel
from minipublic.processes.models import Process
from minipublic.selection.commit import committed_selection
from minipublic.selection.draw import current_panel, drawn_runs
from minipublic.selection.models import RunStatus, SelectionRun


def is_council(process: Process) -> bool:
    """Whether ``process`` is a permanent citizens' council."""
    return str(process.model) == ProcessModel.PERMANENT_COUNCIL.value


def require_council(process: Process) -> None:
    """Refuse (coded error ``not_a_council``) unless ``process`` is a permanent council."""
    if not is_council(process):
        raise LifecycleError(
            "not_a_council",
            "{title} is not a permanent citizens' council.",
            title=process.title,
        )


def add_months(day: date, months: int) -> date:
    """``day`` moved by ``months`` calendar months (the last day of a shorter month)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover - every month has 28 days


def rotation_dates(schedule: RotationSchedule, *, after: date, count: int = 3) -> list[date]:
    """The next ``count`` rotation dates on or after ``after``."""
    dates: list[date] = []
    step = 0
    while len(dates) < count:
        moment = add_months(schedule.first_rotation, step * schedule.interval_months)
        if moment >= after:
            dates.append(moment)
        step += 1
    return dates


def cohort_end(schedule: RotationSchedule, seat: int) -> date:
    """When the first term of ``seat`` ends: the first cohort at the first rotation, the
    second one rotation later, and so on (seats 1-8, 9-16, 17-24 for 24 seats by 8)."""
    cohort = (seat - 1) // schedule.seats_per_rotation
    return add_months(schedule.first_rotation, cohort * schedule.interval_months)


def sitting_terms(process: Process) -> QuerySet[Term]:
    """The terms of the members sitting now (not ended), by seat."""
    return Term.objects.filter(process=process, ended_on__isnull=True).order_by("seat")


def former_members(process: Process) -> list[str]:
    """Pseudonyms of everyone who held a seat and no longer does (never drawn again)."""
    sitting = set(sitting_terms(process).values_list("pseudonym", flat=True))
    ended = Term.objects.filter(process=process, ended_on__isnull=False)
    return sorted(set(ended.values_list("pseudonym", flat=True)) - sitting)


@dataclass(frozen=True)
class Due:
    """The next rotation: its date and the sitting terms that end by then."""

    on: date
    terms: list[Term]


def next_due(process: Process) -> Due | None:
    """The earliest rotation date whose seats are not yet rotated, with the terms due."""
    schedule = RotationSchedule.objects.filter(process=process).first()
    terms = list(sitting_terms(process))
    if schedule is None or not terms:
        return None
    earliest = min(term.ends_on for term in terms)
    # The scheduled date on or after the earliest end (terms end on scheduled dates, unless
    # the schedule changed since they started).
    on = rotation_dates(schedule, after=earliest, count=1)[0]
    return Due(on, [term for term in terms if term.ends_on <= on])


def open_rotation(process: Process) -> Rotation | None:
    """The rotation started and not yet seated (its run may be running, committed, drawn).

    A rotation whose run failed or was cancelled is not open: the rotation is started
    again (the members leaving are still marked withdrawn, so they leave all the same).
    """
    return (
        Rotation.objects.filter(process=process, filled_at__isnull=True)
        .exclude(run__status__in=(RunStatus.FAILED, RunStatus.CANCELLED))
        .first()
    )


def unseated_run(process: Process) -> SelectionRun | None:
    """The latest drawn run of the council whose members have no seat yet, if any."""
    runs = drawn_runs(process)
    if not runs:
        return None
    last = runs[-1]
    if Term.objects.filter(run=last).exists():
        return None
    return last


def current_follow_ups(process: Process) -> list[FollowUp]:
    """The latest follow-up of each (assembly, recommendation), newest first."""
    seen: set[tuple[int, str]] = set()
    rows = []
    for row in FollowUp.objects.filter(process=process).select_related("assembly"):
        key = (row.assembly_id, row.subject.casefold())
        if key in seen:
            continue
        seen.add(key)
        rows.append(row)
    return rows


def council_panel(process: Process) -> list[str]:
    """The pseudonyms of the panel as the selection app sees it now."""
    return current_panel(process)[1]


def has_selection(process: Process) -> bool:
    """Whether the council's first selection run is committed."""
    return committed_selection(process) is not None
