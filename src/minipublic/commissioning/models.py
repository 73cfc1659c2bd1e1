"""An appraisal of a commission, its answers and the negotiation record.

A process may be appraised more than once (conditions change): each appraisal has a
number; a new one starts from the answers of the last. A draft can be saved and resumed;
a final appraisal is frozen, appended to the ledger and, if the lead practitioner
chooses, published.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from minipublic.processes.models import Process


class AppraisalStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    FINAL = "final", _("Final")


class Appraisal(models.Model):
    """One appraisal of a process's commission (answers keyed by question id)."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="appraisals")
    number = models.PositiveIntegerField()
    answers = models.JSONField(default=dict, blank=True)
    questionnaire_version = models.CharField(max_length=20)
    rules_version = models.CharField(max_length=20)
    status = models.CharField(
        max_length=8, choices=AppraisalStatus.choices, default=AppraisalStatus.DRAFT
    )
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    finalised_at = models.DateTimeField(null=True, blank=True)
    # The summary as appended to the ledger when finalised (``appraisal_summary``).
    summary = models.JSONField(default=dict, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["process", "number"]
        verbose_name = _("appraisal")
        verbose_name_plural = _("appraisals")
        constraints = [
            models.UniqueConstraint(fields=["process", "number"], name="one_appraisal_per_number")
        ]

    def __str__(self) -> str:
        return f"{self.process_id} appraisal {self.number}"


class NegotiationStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CONCEDED = "conceded", _("Conceded")
    REFUSED = "refused", _("Refused")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class NegotiationItem(models.Model):
    """What was asked of the commissioner about one finding, and what became of it.

    ``changes`` are the answers that change when the item is conceded (e.g. the NDA
    demand dropped: ``{"control.nda": "no"}``).
    """

    appraisal = models.ForeignKey(
        Appraisal, on_delete=models.CASCADE, related_name="negotiation_items"
    )
    rule_id = models.CharField(max_length=64)
    asked = models.TextField(_("what was asked"))
    status = models.CharField(
        max_length=12, choices=NegotiationStatus.choices, default=NegotiationStatus.OPEN
    )
    conceded = models.TextField(_("what the commissioner conceded"), blank=True)
    final_condition = models.TextField(_("final condition"), blank=True)
    changes = models.JSONField(default=dict, blank=True)
    recorded_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["appraisal", "pk"]
        verbose_name = _("negotiation item")
        verbose_name_plural = _("negotiation items")

    def __str__(self) -> str:
        return f"{self.appraisal_id} {self.rule_id} {self.status}"
