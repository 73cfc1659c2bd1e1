"""Composing a message to participants: who it reaches (all, one table of a meeting, or one
person), and queueing it for the background worker (``message_mail``)."""

from __future__ import annotations

from minipublic import clock
from minipublic.deliberation.models import Seat, Table
from minipublic.deliberation.roster import roster
from minipublic.integrity.record import append
from minipublic.lifecycle import Action, LifecycleError
from minipublic.participants.message_models import (
    Audience,
    DeliveryStatus,
    Message,
    MessageDelivery,
)
from minipublic.processes.access import Actor, performs
from minipublic.processes.actions import _actor_role
from minipublic.processes.models import Process

SUBJECT_MAX = 200
BODY_MAX = 10000


def recipients(
    process: Process, audience: str, *, table: Table | None = None, person: str = ""
) -> list[str]:
    """The attendee keys a message to ``audience`` reaches (in roster order)."""
    room = [attendee.key for attendee in roster(process)]
    if audience == Audience.ALL:
        return room
    if audience == Audience.TABLE:
        if table is None:
            raise LifecycleError("message_needs_table", "Choose the table to write to.")
        if table.session.process_id != process.pk:
            raise LifecycleError(
                "message_table_elsewhere", "That table belongs to another process."
            )
        seated = set(Seat.objects.filter(table=table).values_list("attendee", flat=True))
        return [key for key in room if key in seated]
    if audience == Audience.PERSON:
        if not person:
            raise LifecycleError("message_needs_person", "Choose the person to write to.")
        if person not in room:
            raise LifecycleError(
                "message_person_not_in_room", "That person is not a member of this assembly."
            )
        return [person]
    raise LifecycleError("message_audience_unknown", "Choose who the message is for.")


def _words(text: str, limit: int, code: str, message: str) -> str:
    words = text.strip()
    if not words:
        raise LifecycleError(code, message)
    if len(words) > limit:
        raise LifecycleError(
            "message_too_long",
            "Keep it to {limit} characters (it has {length}).",
            limit=limit,
            length=len(words),
        )
    return words


@performs(Action.MESSAGE_PARTICIPANTS)
def do_send_message(
    actor: Actor,
    process: Process,
    *,
    audience: str,
    subject: str,
    body: str,
    table: Table | None = None,
    person: str = "",
) -> Message:
    """Record a message and one delivery per recipient, and queue it for the worker (once
    the transaction commits). Nobody's address is looked up until it is sent."""
    from minipublic.participants.message_mail import queue_message

    title = _words(subject, SUBJECT_MAX, "message_needs_subject", "Give the message a subject.")
    text = _words(body, BODY_MAX, "message_needs_body", "Write the message.")
    keys = recipients(process, audience, table=table, person=person)
    if not keys:
        raise LifecycleError(
            "message_nobody", "Nobody would receive this message: the audience is empty."
        )
    role = _actor_role(actor, process, Action.MESSAGE_PARTICIPANTS)
    message = Message.objects.create(
        process=process,
        audience=audience,
        table=table if audience == Audience.TABLE else None,
        subject=title,
        body=text,
        sender=actor if getattr(actor, "is_authenticated", False) else None,  # type: ignore[misc]
        sender_role=role,
        created_at=clock.now(),
    )
    MessageDelivery.objects.bulk_create(
        MessageDelivery(message=message, attendee_key=key) for key in keys
    )
    payload: dict[str, object] = {
        "message": message.pk,
        "audience": audience,
        "recipients": len(keys),
        "subject": title,
    }
    if table is not None and audience == Audience.TABLE:
        payload |= {"session": table.session.number, "table": table.number}
    append(process, role, "message.queued", payload, private_fields=["subject"])
    queue_message(message)
    return message


@performs(Action.MESSAGE_PARTICIPANTS)
def do_retry_message(actor: Actor, process: Process, message: Message) -> int:
    """Put the failed deliveries of ``message`` back in the queue (after fixing the cause,
    say an address or the mail server); returns how many."""
    from minipublic.participants.message_mail import queue_message

    if message.process_id != process.pk:
        raise LifecycleError("message_elsewhere", "That message belongs to another process.")
    again = MessageDelivery.objects.filter(message=message, status=DeliveryStatus.FAILED).update(
        status=DeliveryStatus.PENDING, claimed_at=None, error=""
    )
    if not again:
        raise LifecycleError("message_nothing_to_retry", "No delivery of this message failed.")
    queue_message(message)
    return again
