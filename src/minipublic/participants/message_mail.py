"""Sending the team's messages: the background worker (``minipublic worker``, django-tasks)
e-mails each recipient their own copy, in batches.

Each delivery is *claimed* (an atomic update from pending to sending) just before its
e-mail goes out and marked sent just after, so a second worker, or the same task run
twice, never sends it again. If the worker dies between the claim and the mark, nobody can
know whether that one e-mail left: after ``STALE_AFTER`` the next run marks it failed
("interrupted") rather than risk sending it twice, and the team can retry it by hand from
the message log. Everything not yet claimed is simply sent by the next run.

The address is looked up at send time (the panel member's e-mail, else their account's);
people with none are recorded as not reachable by e-mail.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from minipublic import clock
from minipublic.accounts.models import User
from minipublic.integrity.record import append
from minipublic.lifecycle import Role
from minipublic.participants.message_models import DeliveryStatus, Message, MessageDelivery
from minipublic.processes.labels import ROLE_LABELS
from minipublic.recruitment.models import Registrant

_ROLES = frozenset(role.value for role in Role)
#: Deliveries one run of the task sends before queueing the next run for the rest.
BATCH_SIZE = 100
#: How long a claimed delivery may stay unconfirmed before it counts as interrupted.
STALE_AFTER = timedelta(minutes=10)
_INTERRUPTED = "interrupted: the worker stopped while sending; it may not have gone out"


def queue_message(message: Message) -> None:
    """Queue ``message`` for the worker (in the caller's transaction)."""
    send_message_batch.enqueue(message.pk)


def address_of(message: Message, attendee_key: str) -> str:
    """The e-mail address of ``attendee_key`` now ("" if none is known)."""
    kind, _, ident = attendee_key.partition(":")
    if kind == "r":
        person = (
            Registrant.objects.filter(process=message.process, pseudonym=ident)
            .select_related("user")
            .first()
        )
        if person is None:
            return ""
        return person.email or (person.user.email if person.user else "")
    if kind == "u" and ident.isdigit():
        user = User.objects.filter(pk=int(ident), is_active=True).first()
        return user.email if user else ""
    return ""


def _email(message: Message, address: str) -> EmailMessage:
    process = message.process
    role = message.sender_role
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "process": process,
            "message": message,
            "sender_role": str(ROLE_LABELS[Role(role)]) if role in _ROLES else role,
            "link": f"{settings.SITE_URL}/p/{process.slug}/me/",
        }
        body = render_to_string("participants/email/message.txt", context)
    subject = f"{process.title}: {message.subject}"
    return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [address])


def _claim_next(message: Message) -> MessageDelivery | None:
    while True:
        pk = (
            MessageDelivery.objects.filter(message=message, status=DeliveryStatus.PENDING)
            .order_by("pk")
            .values_list("pk", flat=True)
            .first()
        )
        if pk is None:
            return None
        claimed = MessageDelivery.objects.filter(pk=pk, status=DeliveryStatus.PENDING).update(
            status=DeliveryStatus.SENDING, claimed_at=clock.now()
        )
        if claimed:
            return MessageDelivery.objects.get(pk=pk)


def _mark_interrupted(message: Message) -> int:
    cutoff = clock.now() - STALE_AFTER
    return MessageDelivery.objects.filter(
        message=message, status=DeliveryStatus.SENDING, claimed_at__lt=cutoff
    ).update(status=DeliveryStatus.FAILED, error=_INTERRUPTED)


def deliver(message: Message, delivery: MessageDelivery, connection: object) -> str:
    """Send one claimed delivery through ``connection`` and record the outcome."""
    address = address_of(message, delivery.attendee_key)
    delivery.tries += 1
    if not address:
        delivery.status = DeliveryStatus.UNREACHABLE
        delivery.save(update_fields=["status", "tries"])
        return delivery.status
    try:
        connection.send_messages([_email(message, address)])  # type: ignore[attr-defined]
    except Exception as error:  # any failure of the mail server is recorded, not raised
        delivery.status = DeliveryStatus.FAILED
        delivery.error = f"{type(error).__name__}: {error}"[:500]
        delivery.save(update_fields=["status", "error", "tries"])
        return delivery.status
    delivery.status = DeliveryStatus.SENT
    delivery.sent_at = clock.now()
    delivery.error = ""
    delivery.save(update_fields=["status", "sent_at", "error", "tries"])
    return delivery.status


def tally(message: Message) -> dict[str, int]:
    """How many deliveries of ``message`` are in each status."""
    rows = message.deliveries.values("status").annotate(n=Count("pk"))
    found = {row["status"]: row["n"] for row in rows}
    return {status.value: found.get(status.value, 0) for status in DeliveryStatus}


@task()
def send_message_batch(message_pk: int) -> str:
    """Send up to ``BATCH_SIZE`` waiting deliveries of message ``message_pk`` (the worker
    calls this): "more" when it queued itself again for the rest, "done" when none wait."""
    message = Message.objects.select_related("process").filter(pk=message_pk).first()
    if message is None:
        return "done"
    _mark_interrupted(message)
    sent = 0
    with get_connection() as connection:
        while sent < BATCH_SIZE:
            delivery = _claim_next(message)
            if delivery is None:
                break
            deliver(message, delivery, connection)
            sent += 1
    if message.deliveries.filter(status=DeliveryStatus.PENDING).exists():
        send_message_batch.enqueue(message.pk)
        return "more"
    if sent:
        counts = tally(message)
        append(
            message.process,
            "system",
            "message.delivered",
            {
                "message": message.pk,
                "sent": counts[DeliveryStatus.SENT],
                "failed": counts[DeliveryStatus.FAILED],
                "unreachable": counts[DeliveryStatus.UNREACHABLE],
            },
        )
    return "done"


def sweep_messages() -> int:
    """Run the send task now for every message the worker has left behind: deliveries
    still waiting after ``STALE_AFTER`` (no worker running?) or claimed that long ago and
    never marked (the worker stopped mid-message, so they are marked interrupted). Safe to
    run at any time (``minipublic accountability check-deadlines`` runs it every hour);
    returns how many messages it went through."""
    cutoff = clock.now() - STALE_AFTER
    waiting = Q(deliveries__status=DeliveryStatus.PENDING, created_at__lt=cutoff)
    stuck = Q(deliveries__status=DeliveryStatus.SENDING, deliveries__claimed_at__lt=cutoff)
    stale = list(Message.objects.filter(waiting | stuck).distinct().values_list("pk", flat=True))
    for pk in stale:
        send_message_batch.call(pk)
    return len(stale)
