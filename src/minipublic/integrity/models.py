"""One row per ledger entry of a process: the private copy the public chain is built from."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from minipublic.ledger import LEDGER_FORMAT, Entry
from minipublic.processes.labels import PHASE_LABELS, choices
from minipublic.processes.models import Process


class LedgerEntry(models.Model):
    """An entry of a process's hash chain, private values and their salts included.

    Rows are only ever added (``integrity.record.append``); the unique sequence per
    process means two concurrent appends can never fork the chain.
    """

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="ledger_entries")
    sequence = models.PositiveIntegerField()
    time = models.CharField(max_length=20)
    actor_role = models.CharField(max_length=100)
    event = models.CharField(max_length=100)
    payload = models.JSONField(default=dict)
    salts = models.JSONField(default=dict)
    private_fields = models.JSONField(default=list)
    previous = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["process", "sequence"]
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        constraints = [
            models.UniqueConstraint(
                fields=["process", "sequence"], name="one_ledger_entry_per_sequence"
            )
        ]

    def __str__(self) -> str:
        return f"{self.process_id} #{self.sequence} {self.event}"

    def private_record(self) -> dict[str, Any]:
        """The row in ``Entry.private_record()``'s form."""
        return {
            "format": LEDGER_FORMAT,
            "sequence": self.sequence,
            "time": self.time,
            "actor_role": self.actor_role,
            "event": self.event,
            "payload": self.payload,
            "previous": self.previous,
            "hash": self.hash,
            "salts": self.salts,
        }

    def to_entry(self) -> Entry:
        """The ledger entry; LedgerError if the row no longer matches its hash."""
        return Entry.from_private_record(self.private_record())


class PressureSource(models.TextChoices):
    """Who exerted the pressure, as a kind of actor (never a name)."""

    COMMISSIONER = "commissioner", _("Commissioner")
    POLITICIAN = "politician", _("Politician")
    OFFICIAL = "official", _("Official")
    STAKEHOLDER = "stakeholder", _("Stakeholder or interest group")
    MEDIA = "media", _("Media")
    PARTICIPANT = "participant", _("Participant")
    PRACTITIONER = "practitioner", _("Practitioner")
    OTHER = "other", _("Other")


class Target(models.TextChoices):
    """What the attempt tried to steer."""

    EXPERT_SELECTION = "expert_selection", _("Choice of experts or information")
    AGENDA_FRAMING_REMIT = "agenda_framing_remit", _("Agenda, framing or remit")
    TIME = "time", _("Time")
    REPORT_CONTENT = "report_content", _("Content of the final report")
    PARTICIPANT_CONTACT = "participant_contact", _("Direct contact with participants")
    SELECTION = "selection", _("Selection of participants")
    PAYMENT_CONTRACT = "payment_contract", _("Payment or contract")
    CONFIDENTIALITY_NDA = "confidentiality_nda", _("Confidentiality or NDA demand")
    OTHER = "other", _("Other")


class Severity(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


class IncidentStatus(models.TextChoices):
    """reported → under review → addressed / escalated / red line breached."""

    REPORTED = "reported", _("Reported")
    UNDER_REVIEW = "under_review", _("Under review")
    ADDRESSED = "addressed", _("Addressed")
    ESCALATED = "escalated", _("Escalated")
    RED_LINE_BREACHED = "red_line_breached", _("Red line breached")


class RedLineDecision(models.TextChoices):
    """What was decided when a red line was breached."""

    CONTINUE_WITH_CONDITIONS = "continue_with_conditions", _("Continue under conditions")
    PAUSE = "pause", _("Pause the process")
    WITHDRAW = "withdraw", _("Withdraw from the process")


class Incident(models.Model):
    """One entry of the register of attempts to steer a process.

    An anonymous report stores no reporter, no role and only the day it was made: the
    identity is never written anywhere, so nobody (staff and database included) can read
    it. Change it only through ``integrity.actions``.
    """

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="incidents")
    anonymous = models.BooleanField(_("anonymous"), default=False)
    reported_on = models.DateField(_("reported on"))
    # The full time, only for reports made under a name (None when anonymous).
    reported_at = models.DateTimeField(_("reported at"), null=True, blank=True)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reporter_role = models.CharField(_("reporter's role"), max_length=32, blank=True)
    what_happened = models.TextField(_("what happened"))
    pressure_source = models.CharField(
        _("who exerted the pressure"), max_length=32, choices=PressureSource.choices
    )
    target = models.CharField(_("what it tried to steer"), max_length=32, choices=Target.choices)
    phase = models.CharField(_("phase"), max_length=32, choices=choices(PHASE_LABELS))
    severity = models.CharField(_("severity"), max_length=16, choices=Severity.choices)
    status = models.CharField(
        _("status"),
        max_length=32,
        choices=IncidentStatus.choices,
        default=IncidentStatus.REPORTED,
    )
    response = models.TextField(_("response taken"), blank=True)
    red_line_decision = models.CharField(
        _("decision on the red line"),
        max_length=32,
        choices=RedLineDecision.choices,
        blank=True,
    )
    published = models.BooleanField(_("published"), default=False)

    class Meta:
        ordering = ["process", "pk"]
        verbose_name = _("incident")
        verbose_name_plural = _("incidents")

    def __str__(self) -> str:
        return f"{self.process_id} incident {self.pk} ({self.target}, {self.status})"
