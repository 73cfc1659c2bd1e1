"""Messages from the team to participants (all, one table, or one person), sent by e-mail
by the background worker, one delivery per recipient; and what a participant reads of them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from minipublic.processes.models import Process

__all__ = [
    "Audience",
    "DeliveryStatus",
    "Message",
    "MessageDelivery",
    "messages_for",
]


class Audience(models.TextChoices):
    """Who a message is for."""

    ALL = "all", _("All participants")
    TABLE = "table", _("One table of a meeting")
    PERSON = "person", _("One person")


class DeliveryStatus(models.TextChoices):
    """Where one recipient's e-mail stands."""

    PENDING = "pending", _("Waiting to be sent")
    SENDING = "sending", _("Being sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    UNREACHABLE = "unreachable", _("Not reachable by e-mail")


class Message(models.Model):
    """One message the team sent through the platform (the sender's address is never used)."""

    process = models.ForeignKey(
        "processes.Process", on_delete=models.CASCADE, related_name="participant_messages"
    )
    audience = models.CharField(_("audience"), max_length=16, choices=Audience.choices)
    table = models.ForeignKey(
        "deliberation.Table", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"))
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    sender_role = models.CharField(max_length=32)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["process", "-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.process_id} {self.subject}"


class MessageDelivery(models.Model):
    """One recipient of a message. The worker claims it (``claimed_at``) before sending and
    marks it sent after, so it never goes out twice; the address is looked up when sent."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="deliveries")
    attendee_key = models.CharField(max_length=40)
    status = models.CharField(
        max_length=16, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=500, blank=True)
    tries = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["message", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["message", "attendee_key"], name="one_delivery_per_recipient"
            )
        ]
        indexes = [models.Index(fields=["attendee_key"], name="delivery_by_attendee")]

    def __str__(self) -> str:
        return f"{self.message_id} {self.attendee_key} {self.status}"


def messages_for(attendee_key: str, process: Process) -> QuerySet[Message]:
    """The messages of ``process`` sent (or being sent) to ``attendee_key``, newest first
    (for the participant's own page)."""
    return (
        Message.objects.filter(process=process, deliveries__attendee_key=attendee_key)
        .select_related("process")
        .order_by("-created_at", "-pk")
        .distinct()
    )
