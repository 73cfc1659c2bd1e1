"""Contact requests and direct approaches: participants are reached only through the
platform.

Media, stakeholders and researchers ask through a public form (``do_request_contact``);
the lead practitioner passes a request on to the participants, declines it with a
reason, and records what came of it. Someone who tries to reach participants directly
(at the venue, by e-mail) is reported into the integrity register through its own
action (``integrity.actions.do_report_incident``), by the lead from the requests page or
by the participant from their own page, and linked to the request it concerns.

The ledger keeps each request's number, kind, status, counts and outcome — never the
requester's name, organisation, address or words.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from minipublic import clock
from minipublic.deliberation.roster import roster
from minipublic.integrity.actions import do_report_incident
from minipublic.integrity.models import PressureSource, Severity, Target
from minipublic.integrity.record import append
from minipublic.lifecycle import Action, LifecycleError
from minipublic.participants.privacy_models import (
    ContactKind,
    ContactRequest,
    ContactStatus,
    DirectApproach,
)
from minipublic.processes.access import Actor, SystemActor, performs
from minipublic.processes.actions import _actor_role
from minipublic.processes.models import Process

#: How a direct approach by each kind of requester is filed in the register.
_SOURCE: dict[str, PressureSource] = {
    ContactKind.MEDIA: PressureSource.MEDIA,
    ContactKind.STAKEHOLDER: PressureSource.STAKEHOLDER,
    ContactKind.RESEARCHER: PressureSource.OTHER,
    ContactKind.OTHER: PressureSource.OTHER,
}


def _text(value: str, code: str, message: str) -> str:
    value = value.strip()
    if not value:
        raise LifecycleError(code, message)
    return value


def _user(actor: Actor) -> object | None:
    return None if isinstance(actor, SystemActor) else actor


def _handled(process: Process, request: ContactRequest) -> ContactRequest:
    request.refresh_from_db()
    if request.process_id != process.pk:
        raise LifecycleError("contact_elsewhere", "That request belongs to another process.")
    return request


@performs(Action.REQUEST_CONTACT)
def do_request_contact(
    actor: Actor,
    process: Process,
    *,
    kind: ContactKind | str,
    name: str,
    organisation: str,
    email: str,
    request: str,
) -> ContactRequest:
    """Store a request to reach the participants; the ledger gets its number and kind."""
    name = _text(name, "contact_needs_name", "Say who you are.")
    email = _text(email, "contact_needs_email", "Give an e-mail address for the answer.")
    text = _text(request, "contact_needs_request", "Say what you are asking for.")
    highest = ContactRequest.objects.filter(process=process).aggregate(top=Max("number"))["top"]
    stored = ContactRequest.objects.create(
        process=process,
        number=(highest or 0) + 1,
        kind=ContactKind(kind).value,
        name=name,
        organisation=organisation.strip(),
        email=email,
        request=text,
        received_at=clock.now(),
    )
    append(
        process,
        _actor_role(actor, process, Action.REQUEST_CONTACT),
        "contact.requested",
        {"request": stored.number, "kind": stored.kind},
    )
    return stored


@performs(Action.HANDLE_CONTACT)
def do_forward_contact(
    actor: Actor, process: Process, request: ContactRequest, *, message: str
) -> ContactRequest:
    """Pass ``request`` on to every participant as a message through the platform (the
    lead's own words, without the requester's address), sent by the worker."""
    from minipublic.participants.message_actions import do_send_message
    from minipublic.participants.message_models import Audience

    request = _handled(process, request)
    if request.status != ContactStatus.RECEIVED:
        raise LifecycleError("contact_handled", "This request was handled already.")
    message = _text(message, "contact_needs_message", "Write the message to the participants.")
    if not roster(process):
        raise LifecycleError("contact_no_recipients", "There is no participant to pass it on to.")
    sent = do_send_message(
        actor,
        process,
        audience=Audience.ALL,
        subject=str(_("A request to talk to you: %(kind)s") % {"kind": request.get_kind_display()}),
        body=message,
    )
    recipients = sent.deliveries.count()
    request.forwarded_message = message
    request.forwarded_to = recipients
    request.forwarded_at = request.handled_at = clock.now()
    request.handled_by = _user(actor)  # type: ignore[assignment]
    request.status = ContactStatus.FORWARDED
    request.save()
    append(
        process,
        _actor_role(actor, process, Action.HANDLE_CONTACT),
        "contact.forwarded",
        {"request": request.number, "kind": request.kind, "participants": recipients},
    )
    return request


@performs(Action.HANDLE_CONTACT)
def do_decline_contact(
    actor: Actor, process: Process, request: ContactRequest, *, reason: str
) -> ContactRequest:
    """Decline ``request`` with a reason (kept in the ledger privately: it may quote them)."""
    request = _handled(process, request)
    if request.status != ContactStatus.RECEIVED:
        raise LifecycleError("contact_handled", "This request was handled already.")
    reason = _text(reason, "contact_needs_reason", "Give the reason for declining.")
    request.decline_reason = reason
    request.handled_at = clock.now()
    request.handled_by = _user(actor)  # type: ignore[assignment]
    request.status = ContactStatus.DECLINED
    request.save()
    append(
        process,
        _actor_role(actor, process, Action.HANDLE_CONTACT),
        "contact.declined",
        {"request": request.number, "kind": request.kind, "reason": reason},
        private_fields=["reason"],
    )
    return request


@performs(Action.HANDLE_CONTACT)
def do_record_contact_outcome(
    actor: Actor, process: Process, request: ContactRequest, *, outcome: str
) -> ContactRequest:
    """Close a forwarded ``request`` with what came of it (e.g. "two participants agreed
    to talk"), in words that name nobody: the outcome is public in the ledger."""
    request = _handled(process, request)
    if request.status == ContactStatus.RECEIVED:
        raise LifecycleError(
            "contact_not_forwarded", "Pass the request on to the participants first."
        )
    if request.status == ContactStatus.DECLINED:
        raise LifecycleError("contact_declined", "This request was declined.")
    outcome = _text(outcome, "contact_needs_outcome", "Say what came of the request.")
    request.outcome = outcome
    request.handled_at = clock.now()
    request.handled_by = _user(actor)  # type: ignore[assignment]
    request.status = ContactStatus.CLOSED
    request.save()
    append(
        process,
        _actor_role(actor, process, Action.HANDLE_CONTACT),
        "contact.outcome_recorded",
        {"request": request.number, "kind": request.kind, "outcome": outcome},
    )
    return request


def report_direct_approach(
    actor: Actor,
    process: Process,
    *,
    source: ContactKind | str,
    what_happened: str,
    request: ContactRequest | None = None,
) -> DirectApproach:
    """File a direct approach to a participant in the integrity register (through its
    own action, which checks REPORT_INCIDENT) and link it to ``request`` if given.

    The register's entry names the kind of source and the target "direct contact with
    participants"; what happened stays private to those who review incidents.
    """
    if request is not None and request.process_id != process.pk:
        raise LifecycleError("contact_elsewhere", "That request belongs to another process.")
    kind = ContactKind(source)
    with transaction.atomic():
        return _file(actor, process, kind, what_happened, request)


def _file(
    actor: Actor,
    process: Process,
    kind: ContactKind,
    what_happened: str,
    request: ContactRequest | None,
) -> DirectApproach:
    incident = do_report_incident(
        actor,
        process,
        what_happened=what_happened,
        pressure_source=_SOURCE[kind],
        target=Target.PARTICIPANT_CONTACT,
        severity=Severity.MEDIUM,
    )
    approach = DirectApproach.objects.create(
        process=process,
        incident=incident,
        contact_request=request,
        source=kind.value,
        reported_by_role=incident.reporter_role,
        reported_at=clock.now(),
    )
    append(
        process,
        incident.reporter_role or "system",
        "contact.direct_approach",
        {
            "incident": incident.number,
            "source": kind.value,
            "request": request.number if request else None,
        },
    )
    return approach
