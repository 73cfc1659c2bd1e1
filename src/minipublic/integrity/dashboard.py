"""The oversight dashboard: what waits for the oversight group in one process.

Open incidents (oldest first, marked when they have waited longer than
``settings.OVERSIGHT_REVIEW_DAYS``), escalations and red line breaches, declarations of
interest awaiting review, counts of each, and the state of the process's ledger (its
head, its length and whether the stored chain still verifies), so that oversight
notices tampering without going to the command line.

Held anonymous reports are let into the register first and are never listed while held.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from minipublic import clock
from minipublic.integrity.declaration_forms import role_label
from minipublic.integrity.declarations import pending_declarations
from minipublic.integrity.models import Declaration, Incident, IncidentStatus
from minipublic.integrity.record import entries, head, verify_database
from minipublic.integrity.release import release_held_reports
from minipublic.ledger import Problem
from minipublic.lifecycle import Action
from minipublic.processes.access import access_process_for_user
from minipublic.processes.models import Process

#: The statuses of an incident oversight still has to deal with.
OPEN_STATUSES = (IncidentStatus.REPORTED.value, IncidentStatus.UNDER_REVIEW.value)
#: The statuses listed as escalations.
ESCALATED_STATUSES = (IncidentStatus.ESCALATED.value, IncidentStatus.RED_LINE_BREACHED.value)


@dataclass(frozen=True)
class WaitingIncident:
    """An open incident, how long it has waited and whether that is too long."""

    incident: Incident
    since: date
    days: int
    overdue: bool


@dataclass(frozen=True)
class WaitingDeclaration:
    """A declaration awaiting review, how long it has waited and whether that is too long."""

    declaration: Declaration
    role: str
    days: int
    overdue: bool


@dataclass(frozen=True)
class Oversight:
    """Everything the dashboard shows for one process."""

    open_incidents: list[WaitingIncident]
    escalations: list[Incident]
    declarations: list[WaitingDeclaration]
    review_days: int
    ledger_head: str
    ledger_count: int
    problems: list[Problem]

    @property
    def overdue(self) -> int:
        """How many open incidents and declarations have waited too long."""
        return sum(row.overdue for row in self.open_incidents) + sum(
            row.overdue for row in self.declarations
        )

    @property
    def escalated(self) -> int:
        """How many incidents are escalated (red line breaches not included)."""
        return sum(row.status == IncidentStatus.ESCALATED for row in self.escalations)

    @property
    def red_lines(self) -> int:
        """How many incidents breached a red line."""
        return sum(row.status == IncidentStatus.RED_LINE_BREACHED for row in self.escalations)


def today() -> date:
    """The current day (UTC), as actions record it."""
    return clock.now().astimezone(UTC).date()


def review_days() -> int:
    """How many days an item may wait for oversight before it is overdue."""
    return int(settings.OVERSIGHT_REVIEW_DAYS)


def waiting_since(incident: Incident) -> date:
    """The day ``incident`` last changed status, or the day it was reported."""
    return incident.status_changed_on or incident.reported_on


def open_incidents(process: Process, *, on: date | None = None) -> list[WaitingIncident]:
    """The incidents of ``process`` reported or under review, oldest first (none held)."""
    day = on or today()
    limit = review_days()
    rows = []
    incidents = Incident.objects.filter(process=process, held=False, status__in=OPEN_STATUSES)
    for incident in incidents.order_by("reported_on", "number"):
        since = waiting_since(incident)
        days = max((day - since).days, 0)
        rows.append(WaitingIncident(incident, since, days, days > limit))
    return rows


def escalations(process: Process) -> list[Incident]:
    """The incidents of ``process`` escalated or breaching a red line, newest first."""
    return list(
        Incident.objects.filter(
            process=process, held=False, status__in=ESCALATED_STATUSES
        ).order_by(F("status_changed_on").desc(nulls_last=True), "-number")
    )


def waiting_declarations(process: Process, *, on: date | None = None) -> list[WaitingDeclaration]:
    """The current declarations of ``process`` awaiting review, oldest first."""
    day = on or today()
    limit = review_days()
    rows = []
    for declaration in pending_declarations(process):
        days = max((day - declaration.declared_on).days, 0)
        rows.append(
            WaitingDeclaration(declaration, role_label(declaration.role), days, days > limit)
        )
    return rows


def oversight(process: Process, *, on: date | None = None) -> Oversight:
    """What the dashboard shows for ``process`` (``on`` replaces today)."""
    return Oversight(
        open_incidents=open_incidents(process, on=on),
        escalations=escalations(process),
        declarations=waiting_declarations(process, on=on),
        review_days=review_days(),
        ledger_head=head(process),
        ledger_count=entries(process).count(),
        problems=verify_database(process),
    )


@login_required
@require_safe
def dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    """The oversight dashboard of a process (members with the oversight role only)."""
    process = access_process_for_user(request.user, slug, Action.VIEW_OVERSIGHT)
    release_held_reports(process)
    context = {"process": process, "oversight": oversight(process)}
    return render(request, "integrity/oversight.html", context)
