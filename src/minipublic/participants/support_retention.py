"""Retention of support data: what is erased, and when.

The lead practitioner and recruiters need a participant's support needs, payment details,
receipts and payment references while the process runs and while its accounts are being
settled. Once the process is **closed** and its retention period
(``RegistrationSettings.retention_days``, the same period as registrants' data) has passed
since the day it closed, ``minipublic erase-personal-data`` erases them: needs, payment
details, every item's details, receipts and payment references. What the accounts need
stays, pseudonymous: each item's kind, amount, currency, status, meeting and dates, under
the attendee key (a pseudonym). Each run appends ``support.personal_data_erased`` with
the number of plans erased only.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from minipublic.integrity.record import append
from minipublic.lifecycle import Action, Phase
from minipublic.participants.support_models import SupportItem, SupportPlan
from minipublic.processes.access import Actor, performs
from minipublic.processes.actions import _actor_role
from minipublic.processes.models import Process
from minipublic.recruitment.retention import retention_days


def closed_on(process: Process) -> dt.date | None:
    """The day (UTC) ``process`` was closed, or None while it is open."""
    if process.current_phase is not Phase.CLOSED:
        return None
    change = process.phase_changes.filter(to_phase=Phase.CLOSED.value).order_by("-changed_at")
    when = change.values_list("changed_at", flat=True).first()
    return None if when is None else when.astimezone(dt.UTC).date()


def support_erasure_due_on(process: Process) -> dt.date | None:
    """The first day the support data of ``process`` may be erased (None while open)."""
    closed = closed_on(process)
    return None if closed is None else closed + dt.timedelta(days=retention_days(process))


def plans_due_for_erasure(process: Process, today: dt.date) -> QuerySet[SupportPlan]:
    """The plans whose personal data is due for erasure on ``today`` (may be none)."""
    due_on = support_erasure_due_on(process)
    if due_on is None or today < due_on:
        return SupportPlan.objects.none()
    return SupportPlan.objects.filter(process=process, personal_data_erased_on__isnull=True)


@performs(Action.MANAGE_SUPPORT)
def do_erase_support_personal_data(actor: Actor, process: Process, *, today: dt.date) -> int:
    """Erase the personal data in the support plans due on ``today``; returns how many.

    Only the system (``minipublic erase-personal-data``) reaches this once a process is
    closed: nobody may manage support then.
    """
    plans = plans_due_for_erasure(process, today)
    ids = list(plans.values_list("pk", flat=True))
    if not ids:
        return 0
    SupportItem.objects.filter(plan_id__in=ids).update(
        details="", receipt=None, receipt_name="", receipt_type="", payment_reference=""
    )
    SupportPlan.objects.filter(pk__in=ids).update(
        needs="", payment_details="", personal_data_erased_on=today
    )
    append(
        process,
        _actor_role(actor, process, Action.MANAGE_SUPPORT),
        "support.personal_data_erased",
        {"plans": len(ids), "retention_days": retention_days(process)},
    )
    return len(ids)
