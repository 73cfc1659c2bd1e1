"""Models of the privacy part of participant support: each participant's consent
choices, the contact requests of media, stakeholders and researchers, and the direct
approaches to participants that reached the integrity register."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from minipublic.processes.models import Process

__all__ = [
    "ContactKind",
    "ContactRequest",
    "ContactStatus",
    "DirectApproach",
    "ParticipantConsent",
]


class ParticipantConsent(models.Model):
    """One participant's choices: may their name be published once the process has
    ended, and may the team keep in touch after it. Without a row, neither is given.

    ``withdrawn_at`` is set when the person withdrew all consent and their personal data
    was erased; that cannot be undone, and no choice can be changed afterwards."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="+")
    attendee_key = models.CharField(max_length=40)
    name_public = models.BooleanField(
        _("my name may be published after the process"), default=False
    )
    follow_up = models.BooleanField(_("keep me informed after the process"), default=False)
    updated_at = models.DateTimeField()
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["process", "attendee_key"]
        constraints = [
            models.UniqueConstraint(
                fields=["process", "attendee_key"], name="one_consent_per_attendee"
            )
        ]

    def __str__(self) -> str:
        return f"{self.process_id} consent {self.attendee_key}"


class ContactKind(models.TextChoices):
    """Who asks to reach the participants."""

    MEDIA = "media", _("Journalist or media")
    STAKEHOLDER = "stakeholder", _("Stakeholder, campaign or interest group")
    RESEARCHER = "researcher", _("Researcher")
    OTHER = "other", _("Someone else")


class ContactStatus(models.TextChoices):
    """received → forwarded to the participants / declined; then closed with an outcome."""

    RECEIVED = "received", _("Received, not handled yet")
    FORWARDED = "forwarded", _("Passed on to the participants")
    DECLINED = "declined", _("Declined")
    CLOSED = "closed", _("Closed, outcome recorded")


class ContactRequest(models.Model):
    """A request, through the public form, to be put in touch with participants.

    The requester's name, organisation and address are for the lead practitioner only;
    participants are never given them and may choose to answer through the team."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="+")
    number = models.PositiveIntegerField()
    kind = models.CharField(_("who you are"), max_length=16, choices=ContactKind.choices)
    name = models.CharField(_("your name"), max_length=200)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    email = models.EmailField(_("your e-mail address"))
    request = models.TextField(_("what you are asking"))
    received_at = models.DateTimeField()
    status = models.CharField(
        max_length=16, choices=ContactStatus.choices, default=ContactStatus.RECEIVED
    )
    # Forwarding: the lead's words to the participants; the messages part sends them.
    forwarded_message = models.TextField(_("message to the participants"), blank=True)
    forwarded_to = models.PositiveIntegerField(default=0)
    forwarded_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    handled_at = models.DateTimeField(null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["process", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["process", "number"], name="one_contact_number")
        ]

    def __str__(self) -> str:
        return f"{self.process_id} contact request {self.number}"


class DirectApproach(models.Model):
    """Someone tried to reach a participant directly (not through the platform): the
    entry it made in the integrity register, and the contact request it relates to."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="+")
    incident = models.OneToOneField(
        "integrity.Incident", on_delete=models.CASCADE, related_name="direct_approach"
    )
    contact_request = models.ForeignKey(
        ContactRequest,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="direct_approaches",
    )
    source = models.CharField(max_length=16, choices=ContactKind.choices)
    reported_by_role = models.CharField(max_length=32)
    reported_at = models.DateTimeField()

    class Meta:
        ordering = ["process", "reported_at"]

    def __str__(self) -> str:
        return f"{self.process_id} direct approach (incident {self.incident_id})"
