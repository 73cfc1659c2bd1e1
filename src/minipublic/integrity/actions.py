"""Named actions on the register of steering attempts (see docs/access.md).

Each ``do_*`` function checks access through ``processes.access.performs`` and records
what it did in the process's ledger in the same transaction. Incidents are known by
their register number (1, 2, ... per process), never by their database id.

An anonymous report is *held*: stored without number, reporter, role or time of day,
and written to the ledger only the next day, together with the other held reports and
in a random order (``integrity.release``), so that its place in the chain cannot tell
when it was made.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date

from django.db.models import Max

from minipublic import clock
from minipublic.integrity import notify
from minipublic.integrity.models import (
    DEFAULT_PUBLISHED_PARTS,
    PUBLISHABLE_PARTS,
    Attachment,
    Incident,
    IncidentStatus,
    PressureSource,
    RedLineDecision,
    Severity,
    Target,
)
from minipublic.integrity.record import append
from minipublic.integrity.uploads import CheckedFile
from minipublic.lifecycle import Action, LifecycleError, Role
from minipublic.processes.access import Actor, SystemActor, performs, roles_in
from minipublic.processes.actions import _actor_role, _identity, _person
from minipublic.processes.models import Process

#: The ledger's actor role for an anonymous report: not even the reporter's role is kept.
ANONYMOUS = "anonymous"


def _today() -> date:
    return clock.now().astimezone(UTC).date()


def _public_fields(incident: Incident) -> dict[str, object]:
    return {
        "incident": incident.number,
        "target": incident.target,
        "pressure_source": incident.pressure_source,
        "phase": incident.phase,
        "status": incident.status,
        "severity": incident.severity,
    }


def attachment_record(attachment: Attachment | CheckedFile) -> dict[str, object]:
    """What the ledger keeps (privately) about a file: its SHA-256, size and type."""
    return {
        "sha256": attachment.sha256,
        "size": attachment.size,
        "content_type": attachment.content_type,
    }


def _check_incident(process: Process, incident: Incident) -> None:
    # Read it afresh under the process lock that ``performs`` holds: the change then
    # starts from what is stored, not from a copy loaded before.
    incident.refresh_from_db()
    if incident.process_id != process.pk:
        raise LifecycleError("incident_elsewhere", "That incident belongs to another process.")
    if incident.held or incident.number is None:
        raise LifecycleError("incident_held", "That report reaches the register only the next day.")


def _next_number(process: Process) -> int:
    # Callers hold the process row locked (``performs`` or ``release``), so two incidents
    # entering the register at once cannot take the same number.
    highest = Incident.objects.filter(process=process).aggregate(top=Max("number"))["top"]
    return (highest or 0) + 1


def _save_attachments(
    incident: Incident, files: Sequence[CheckedFile], *, role: str, on: date
) -> list[Attachment]:
    return [
        Attachment.objects.create(
            incident=incident,
            filename=file.filename,
            content_type=file.content_type,
            size=file.size,
            sha256=file.sha256,
            content=file.content,
            added_on=on,
            added_by_role=role,
        )
        for file in files
    ]


def enter_register(
    incident: Incident,
    actor_role: str,
    *,
    reporter: dict[str, object] | None = None,
    time: str | None = None,
) -> None:
    """Give ``incident`` its register number and append its ``incident.reported`` entry.

    For ``do_report_incident`` and ``integrity.release`` only: the caller holds the
    process row locked. What happened, the files and the reporter stay private.
    """
    incident.number = _next_number(incident.process)
    incident.held = False
    incident.save(update_fields=["number", "held"])
    payload: dict[str, object] = {
        **_public_fields(incident),
        "what_happened": incident.what_happened,
        "attachments": [attachment_record(item) for item in incident.attachments.all()],
        "anonymous": incident.anonymous,
    }
    private = ["what_happened", "attachments"]
    if reporter is not None:
        payload["reporter"] = reporter
        private.append("reporter")
    append(
        incident.process,
        actor_role,
        "incident.reported",
        payload,
        private_fields=private,
        time=time,
    )
    notify.notify_new_incident(incident)


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
    attachments: Sequence[CheckedFile] = (),
) -> Incident:
    """Record an attempt to steer ``process``, with files of evidence; participants may
    report anonymously.

    A named report enters the register at once. An anonymous one keeps no reporter, no
    role and no time of day, and is held: nothing is appended to the ledger until
    ``integrity.release.release_held_reports`` lets it in the next day.
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
    now = clock.now()
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
    if anonymous:
        incident.held = True
        incident.save()
        _save_attachments(incident, attachments, role="", on=incident.reported_on)
        return incident
    role = _actor_role(actor, process, Action.REPORT_INCIDENT)
    person = _person(actor)
    incident.reported_at = now
    incident.reporter = person
    incident.reporter_role = role
    incident.save()
    _save_attachments(incident, attachments, role=role, on=incident.reported_on)
    enter_register(incident, role, reporter=None if person is None else _identity(person))
    return incident


@performs(Action.REVIEW_INCIDENT)
def do_add_attachment(
    actor: Actor, process: Process, incident: Incident, file: CheckedFile
) -> Attachment:
    """Add a file of evidence to ``incident`` (oversight or the lead, while reviewing)."""
    _check_incident(process, incident)
    role = _actor_role(actor, process, Action.REVIEW_INCIDENT)
    (attachment,) = _save_attachments(incident, [file], role=role, on=_today())
    append(
        process,
        role,
        "incident.attachment_added",
        {"incident": incident.number, "attachment": attachment_record(attachment)},
        private_fields=["attachment"],
    )
    return attachment


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
    withdraw); other statuses take none. Moving to a breach e-mails the oversight group.
    A published incident is published again with the new values, so that the public page
    and the public record keep saying the same.
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
    fields = ["status", "response", "red_line_decision"]
    if before != incident.status:
        incident.status_changed_on = _today()
        fields.append("status_changed_on")
    incident.save(update_fields=fields)
    role = _actor_role(actor, process, Action.REVIEW_INCIDENT)
    append(
        process,
        role,
        "incident.status_changed",
        {
            **_public_fields(incident),
            "from": before,
            "response": incident.response,
            "red_line_decision": incident.red_line_decision,
        },
        private_fields=["response", "red_line_decision"],
    )
    if incident.published:
        _append_publication(incident, role)
    if status is IncidentStatus.RED_LINE_BREACHED and before != status.value:
        notify.notify_red_line(incident)
    return incident


def published_values(incident: Incident) -> dict[str, str]:
    """The values of the parts oversight chose to publish, as the public record has them."""
    values: dict[str, str] = {}
    for part in incident.published_parts:
        value = getattr(incident, part)
        values[part] = value.isoformat() if isinstance(value, date) else str(value)
    return values


def _append_publication(incident: Incident, role: str) -> None:
    append(
        incident.process,
        role,
        "incident.published",
        {
            "incident": incident.number,
            "published": True,
            "parts": list(incident.published_parts),
            **published_values(incident),
        },
    )


def _parts(parts: Sequence[str] | None) -> list[str]:
    chosen = DEFAULT_PUBLISHED_PARTS if parts is None else tuple(parts)
    unknown = sorted(set(chosen) - set(PUBLISHABLE_PARTS))
    if unknown:
        raise LifecycleError(
            "unknown_part",
            "These parts of an incident cannot be published: {parts}.",
            parts=", ".join(unknown),
        )
    return [part for part in PUBLISHABLE_PARTS if part in chosen]


@performs(Action.PUBLISH_INCIDENT)
def do_publish_incident(
    actor: Actor,
    process: Process,
    incident: Incident,
    *,
    published: bool,
    parts: Sequence[str] | None = None,
    public_summary: str = "",
) -> Incident:
    """Show ``incident`` on the public integrity page (or take it off), by oversight's choice.

    ``parts`` (names in ``PUBLISHABLE_PARTS``; the defaults if None) are what the public
    sees, and the ``incident.published`` entry holds exactly their values, in public.
    ``public_summary`` is oversight's own wording, never the reporter's text. Publishing
    again with other parts records a new entry; nothing changes if nothing would.
    """
    _check_incident(process, incident)
    role = _actor_role(actor, process, Action.PUBLISH_INCIDENT)
    if not published:
        if incident.published:
            incident.published = False
            incident.save(update_fields=["published"])
            append(
                process,
                role,
                "incident.unpublished",
                {"incident": incident.number, "published": False},
            )
        return incident
    chosen = _parts(parts)
    summary = public_summary.strip()
    if (
        incident.published
        and list(incident.published_parts) == chosen
        and incident.public_summary == summary
    ):
        return incident
    incident.published = True
    incident.published_parts = chosen
    incident.public_summary = summary
    incident.save(update_fields=["published", "published_parts", "public_summary"])
    _append_publication(incident, role)
    return incident
