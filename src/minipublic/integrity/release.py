"""Letting held anonymous reports into the register, the day after they were made.

An anonymous report appended to the ledger at once would sit between entries timed to
the second and so give away when it was made, and perhaps by whom. It is therefore held
(``Incident.held``) and enters the register only once its day is over, together with the
other reports held for that process, in a random order, with its day as its only time.

``release_held_reports`` is cheap when nothing is held; pages of the register, the
oversight dashboard, the public page and the export call it before reading, and
``minipublic release-reports`` runs it from the command line (e.g. nightly).
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, time

from django.db import transaction

from minipublic import clock
from minipublic.integrity.actions import ANONYMOUS, enter_register
from minipublic.integrity.models import Incident
from minipublic.ledger import format_time
from minipublic.processes.models import Process


def release_held_reports(
    process: Process | None = None,
    *,
    now: datetime | None = None,
    include_today: bool = False,
) -> int:
    """Let held anonymous reports into the register; how many entered.

    Those made before today (UTC; ``now`` replaces the current time), of ``process`` or
    of every process, or all of them with ``include_today`` (the demo loader). Each gets
    the next register number and an ``incident.reported`` entry by "anonymous" timed to
    its day, in a random order, and the oversight group is told.
    """
    today = (now or clock.now()).astimezone(UTC).date()
    held = Incident.objects.filter(held=True)
    if process is not None:
        held = held.filter(process=process)
    if not include_today:
        held = held.filter(reported_on__lt=today)
    process_ids = sorted(set(held.values_list("process_id", flat=True)))
    released = 0
    for process_id in process_ids:
        with transaction.atomic():
            locked = Process.objects.select_for_update().get(pk=process_id)
            waiting = list(held.filter(process_id=process_id).select_related("process"))
            secrets.SystemRandom().shuffle(waiting)
            for incident in waiting:
                fresh = _recreated(incident)
                fresh.process = locked
                day = datetime.combine(fresh.reported_on, time(0), tzinfo=UTC)
                enter_register(fresh, ANONYMOUS, time=format_time(day, "day"))
                released += 1
    return released


def _recreated(incident: Incident) -> Incident:
    """A copy of ``incident`` (and its files) in new rows; the held rows are deleted.

    The held rows' ids were given in the order reports came in, between those of named
    reports made the same day, so they would date the report to the second for anyone
    reading the database. The copies' ids are given now, in the shuffled order.
    """
    attachments = list(incident.attachments.all())
    held_pk = incident.pk
    incident.pk = None
    incident._state.adding = True
    incident.save()
    for attachment in attachments:
        attachment.pk = None
        attachment._state.adding = True
        attachment.incident = incident
        attachment.save()
    Incident.objects.filter(pk=held_pk).delete()
    return incident
