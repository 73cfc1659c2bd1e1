"""Retention: erase the personal data of people who were never selected.

``RegistrationSettings.retention_days`` after the panel's public draw (the first draw of
the committed selection run), the name, contact details and access needs of everyone
still ``registered`` (never drawn, duplicates included) are blanked. The pseudonymous
row stays: its pseudonym, answers, household and status are what the committed inputs
and the draw are checked against, and what a later replacement run draws from.

People who were drawn (selected, confirmed, declined, unreachable, dropped out) keep
their data: the assembly needs it, and it goes with the process's general deletion.
Nothing is erased before a draw, nor while a replacement run is under way (queued,
running, or committed and waiting for its draw): its draw may pick someone who must
then be contacted. ``minipublic erase-personal-data`` runs the erasure nightly; each
erasure appends one ``registrants.personal_data_erased`` entry, holding counts only.

This module reads the selection app's rows through the reverse relations of
``Process`` only: the selection app imports recruitment, not the other way round.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Max, Q, QuerySet

from minipublic.integrity.record import append
from minipublic.lifecycle import Action, LifecycleError
from minipublic.processes.access import Actor, performs
from minipublic.processes.actions import _actor_role
from minipublic.processes.models import Process
from minipublic.recruitment.models import Registrant, RegistrantStatus, RegistrationSettings

#: The longest retention period the settings accept (ten years).
MAX_RETENTION_DAYS = 3650
#: The default of ``RegistrationSettings.retention_days``, for processes without settings.
DEFAULT_RETENTION_DAYS = 90
#: What erasure writes over a registrant's personal data (pseudonymous fields stay).
_ERASED: dict[str, object] = {
    "first_name": "",
    "last_name": "",
    "email": "",
    "phone": "",
    "address": "",
    "postcode": "",
    "access_needs": [],
    "access_details": "",
    "user": None,
}


def erasure_due(due_on: dt.date | None, today: dt.date, *, replacement_pending: bool) -> bool:
    """The retention rule: erasure is due from ``due_on`` (the draw date plus the
    retention period) on, never before a draw, and not while a replacement is under way."""
    return due_on is not None and not replacement_pending and today >= due_on


def _due_on(drawn: dt.date | None, period: int) -> dt.date | None:
    return None if drawn is None else drawn + dt.timedelta(days=period)


@dataclass(frozen=True)
class Retention:
    """Where the erasure of ``process``'s unselected registrants stands on ``today``."""

    today: dt.date
    retention_days: int
    draw_date: dt.date | None  # None: no public draw yet, so nothing is due
    due_on: dt.date | None  # the draw date plus the retention period
    waiting: int  # unselected people whose data is still held
    erased: int  # rows whose personal data was erased already
    last_erased_on: dt.date | None
    replacement_pending: bool  # a replacement run is under way: erasure waits for it

    @property
    def due(self) -> bool:
        """Whether the erasure would run now (a draw, the period over, nothing pending)."""
        return self.waiting > 0 and erasure_due(
            self.due_on, self.today, replacement_pending=self.replacement_pending
        )


def retention_days(process: Process) -> int:
    """The process's retention period in days (the default if it has no settings yet)."""
    found = RegistrationSettings.objects.filter(process=process).values_list(
        "retention_days", flat=True
    )
    return next(iter(found), DEFAULT_RETENTION_DAYS)


def draw_date(process: Process) -> dt.date | None:
    """The day (UTC) of the panel's public draw, or None before it.

    That is the first draw of the committed selection run; replacement draws do not
    restart the clock.
    """
    drawn = process.selection_runs.filter(
        kind="selection", committed_at__isnull=False, draw__isnull=False
    ).values_list("draw__drawn_at", flat=True)
    first = min(drawn, default=None)
    return None if first is None else first.astimezone(dt.UTC).date()


def replacement_pending(process: Process) -> bool:
    """Whether a replacement run is queued, running, or committed and not yet drawn."""
    runs = process.selection_runs.filter(kind="replacement", draw__isnull=True)
    return bool(
        runs.filter(Q(status__in=["queued", "running"]) | Q(committed_at__isnull=False)).exists()
    )


def unselected_with_data(process: Process) -> QuerySet[Registrant]:
    """Registrants never selected (duplicates included) whose personal data is still held."""
    return Registrant.objects.filter(
        process=process,
        status=RegistrantStatus.REGISTERED,
        personal_data_erased_on__isnull=True,
    )


def due_for_erasure(
    process: Process, today: dt.date, *, days: int | None = None
) -> QuerySet[Registrant]:
    """The registrants whose personal data is due for erasure on ``today`` (may be none).

    Due once ``days`` (the process's retention period by default) have passed since the
    panel's draw, unless a replacement run is under way.
    """
    period = retention_days(process) if days is None else days
    due_on = _due_on(draw_date(process), period)
    if due_on is None or not erasure_due(
        due_on, today, replacement_pending=replacement_pending(process)
    ):
        return Registrant.objects.none()
    return unselected_with_data(process)


def retention_of(process: Process, today: dt.date) -> Retention:
    """The state of the retention rule for ``process`` on ``today`` (for pages and the CLI)."""
    period = retention_days(process)
    drawn = draw_date(process)
    erased = Registrant.objects.filter(process=process, personal_data_erased_on__isnull=False)
    return Retention(
        retention_days=period,
        draw_date=drawn,
        due_on=_due_on(drawn, period),
        waiting=unselected_with_data(process).count(),
        erased=erased.count(),
        last_erased_on=erased.aggregate(last=Max("personal_data_erased_on"))["last"],
        replacement_pending=replacement_pending(process),
        today=today,
    )


@performs(Action.MANAGE_RECRUITMENT)
def do_erase_unselected_personal_data(actor: Actor, process: Process, *, today: dt.date) -> int:
    """Erase the personal data of the unselected registrants due on ``today``; the count.

    Blanks names, contact details and access needs, unlinks the account, and keeps the
    pseudonym, answers, household and status. Appends one ledger entry with the count
    when anyone was erased; running it again erases nothing and records nothing.
    """
    period = retention_days(process)
    # One UPDATE statement, inside the action's transaction.
    count = due_for_erasure(process, today, days=period).update(
        **_ERASED, personal_data_erased_on=today
    )
    if not count:
        return 0
    drawn = draw_date(process)
    append(
        process,
        _actor_role(actor, process, Action.MANAGE_RECRUITMENT),
        "registrants.personal_data_erased",
        {
            "count": count,
            "retention_days": period,
            "draw_date": drawn.isoformat() if drawn else None,
        },
    )
    return count


@performs(Action.MANAGE_RECRUITMENT)
def do_set_retention(actor: Actor, process: Process, *, days: int) -> RegistrationSettings:
    """Set how many days after the draw unselected registrants' data is kept.

    Records ``registration.retention_set`` with the new period when it changes.
    """
    if not 0 <= days <= MAX_RETENTION_DAYS:
        raise LifecycleError(
            "retention_days_range",
            f"Keep the data between 0 and {MAX_RETENTION_DAYS} days after the draw.",
            limit=MAX_RETENTION_DAYS,
        )
    current, _created = RegistrationSettings.objects.get_or_create(process=process)
    if current.retention_days != days:
        current.retention_days = days
        current.save(update_fields=["retention_days"])
        append(
            process,
            _actor_role(actor, process, Action.MANAGE_RECRUITMENT),
            "registration.retention_set",
            {"retention_days": days},
        )
    return current
