"""Named actions on the register of steering attempts (see docs/access.md).

Each ``do_*`` function checks access through ``processes.access.performs`` and records
what it did in the process's ledger in the same transaction.
"""

from __future__ import annotations

from datetime import UTC

from django.utils import timezone

from minipublic.integrity.models import (
    Incident,
    IncidentStatus,
    PressureSource,
    RedLineDecision,
    Severity,
    Target,
)
from minipublic.integrity.record import append
from minipublic.ledger import format_time
from minipublic.lifecycle import Action, LifecycleError, Role
from minipublic.processes.access import Actor, SystemActor, performs, roles_in
from minipublic.processes.actions import _actor_role, _identity, _person
from minipublic.processes.models import Process

#: The ledger's actor role for an anonymous report: not even the reporter's role is kept.
ANONYMOUS = "anonymous"


def _public_fields(incident: Incident) -> dict[str, object]:
    return {
        "incident": incident.pk,
        "target": incident.target,
        "pressure_source": incident.pressure_source,
        "phase": incident.phase,
        "status": incident.status,
        "severity": incident.severity,
    }


def _check_incident(process: Process, incident: Incident) -> None:
    if incident.process_id != process.pk:
        raise LifecycleError("incident_elsewhere", "That incident belongs to another process.")


@performs(Action.REPORT_INCIDENT)
def do_report_incident(
    actor: Actor,
    process: Process,
    *,
    what_happened: str,
    pressure_source: PressureSource | str,
    target: Target | str,
    severity: Severity | str,
    anonymous: bool = False,
) -> Incident:
    """Record an attempt to steer ``process``; participants may report anonymously.

    An anonymous report keeps no reporter, no role and no time of day, in the register
    and in the ledger alike, so there is nothing from which to learn who made it.
    """
    what_happened = what_happened.strip()
    if not what_happened:
        raise LifecycleError("incident_needs_text", "Say what happened.")
    if anonymous and (
        isinstance(actor, SystemActor) or Role.PARTICIPANT not in roles_in(actor, process)
    ):
        raise LifecycleError(
            "anonymous_needs_participant", "Only participants may report anonymously."
        )
    now = timezone.now()
    incident = Incident(
        process=process,
        anonymous=anonymous,
        reported_on=now.astimezone(UTC).date(),
        what_happened=what_happened,
        pressure_source=PressureSource(pressure_source).value,
        target=Target(target).value,
        severity=Severity(severity).value,
        phase=process.current_phase.value,
        status=IncidentStatus.REPORTED.value,
    )
    payload: dict[str, object]
    if anonymous:
        incident.save()
        payload = {**_public_fields(incident), "what_happened": what_happened}
        append(
            process,
            ANONYMOUS,
            "incident.reported",
            {**payload, "anonymous": True},
            private_fields=["what_happened"],
            time=format_time(now, "day"),
        )
        return incident
    role = _actor_role(actor, process, Action.REPORT_INCIDENT)
    person = _person(actor)
    incident.reported_at = now
    incident.reporter = person
    incident.reporter_role = role
    incident.save()
    payload = {**_public_fields(incident), "what_happened": what_happened, "anonymous": False}
    private = ["what_happened"]
    if person is not None:
        payload["reporter"] = _identity(person)
        private.append("reporter")
    append(process, role, "incident.reported", payload, private_fields=private)
    return incident


@performs(Action.REVIEW_INCIDENT)
def do_review_incident(
    actor: Actor,
    process: Process,
    incident: Incident,
    *,
    status: IncidentStatus | str,
    response: str = "",
    red_line_decision: RedLineDecision | str | None = None,
) -> Incident:
    """Move ``incident`` along its workflow and record the response taken.

    A red line breach needs the decision taken (continue under conditions, pause or
    withdraw); other statuses take none.
    """
    _check_incident(process, incident)
    status = IncidentStatus(status)
    decision = RedLineDecision(red_line_decision) if red_line_decision else None
    if status is IncidentStatus.RED_LINE_BREACHED and decision is None:
        raise LifecycleError(
            "red_line_needs_decision",
            "A red line breach needs the decision taken: continue, pause or withdraw.",
        )
    if status is not IncidentStatus.RED_LINE_BREACHED and decision is not None:
        raise LifecycleError(
            "decision_needs_red_line", "A decision on the red line is only taken for a breach."
        )
    before = incident.status
    incident.status = status.value
    incident.response = response.strip()
    incident.red_line_decision = decision.value if decision else ""
    incident.save(update_fields=["status", "response", "red_line_decision"])
    append(
        process,
        _actor_role(actor, process, Action.REVIEW_INCIDENT),
        "incident.status_changed",
        {
            **_public_fields(incident),
            "from": before,
            "response": incident.response,
            "red_line_decision": incident.red_line_decision,
        },
        private_fields=["response", "red_line_decision"],
    )
    return incident


@performs(Action.PUBLISH_INCIDENT)
def do_publish_incident(
    actor: Actor, process: Process, incident: Incident, *, published: bool
) -> Incident:
    """Show ``incident`` on the public integrity page (or take it off), by oversight's choice."""
    _check_incident(process, incident)
    if incident.published == published:
        return incident
    incident.published = published
    incident.save(update_fields=["published"])
    append(
        process,
        _actor_role(actor, process, Action.PUBLISH_INCIDENT),
        "incident.published" if published else "incident.unpublished",
        {**_public_fields(incident), "published": published},
    )
    return incident
