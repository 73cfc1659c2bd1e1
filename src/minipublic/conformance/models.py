"""Evidence for the standards that only people can give, and the label's last state.

An ``Attestation`` is a statement by the lead practitioner about a fact the platform
cannot see (e.g. that the arm's-length team has the final say on the design); the
conformance page marks every finding that rests on one. A ``SignOff`` is the oversight
group's sign-off of, or objection to, one part of the design. ``ConformanceState`` keeps
the gates as last evaluated, so a change of the label is noticed and logged.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from minipublic.processes.models import Process


class Attestation(models.Model):
    """A statement of one fact (a ``ProcessFacts`` field name) by a named role; the
    latest per fact counts, earlier ones stay as history."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="attestations")
    fact = models.CharField(_("fact"), max_length=64)
    value = models.JSONField(_("value"))
    note = models.TextField(_("note"), blank=True)
    attested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    attested_by_role = models.CharField(max_length=32)
    attested_at = models.DateTimeField()

    class Meta:
        ordering = ["process", "fact", "pk"]
        verbose_name = _("attestation")
        verbose_name_plural = _("attestations")

    def __str__(self) -> str:
        return f"{self.process_id} {self.fact}"


class SignOffSubject(models.TextChoices):
    """What the oversight group signs off."""

    QUESTION = "question", _("The question and remit")
    SELECTION = "selection", _("The selection method and quotas")
    WITNESSES = "witnesses", _("The list of witnesses")
    MATERIALS = "materials", _("The briefing materials")


class SignOffDecision(models.TextChoices):
    SIGNED_OFF = "signed_off", _("Signed off")
    OBJECTED = "objected", _("Objected")


class SignOff(models.Model):
    """The oversight group's sign-off of, or objection to (with reasons), one subject.

    Never edited: a later decision on the same subject is a new row; the latest counts.
    """

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="sign_offs")
    number = models.PositiveIntegerField()
    subject = models.CharField(_("subject"), max_length=16, choices=SignOffSubject.choices)
    decision = models.CharField(_("decision"), max_length=16, choices=SignOffDecision.choices)
    reasons = models.TextField(_("reasons"), blank=True)
    # What was signed off, e.g. the remit's text or the quotas' hash, so later changes show.
    subject_sha256 = models.CharField(max_length=64, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField()

    class Meta:
        ordering = ["process", "number"]
        verbose_name = _("sign-off")
        verbose_name_plural = _("sign-offs")
        constraints = [
            models.UniqueConstraint(fields=["process", "number"], name="one_sign_off_per_number")
        ]

    def __str__(self) -> str:
        return f"{self.process_id} {self.subject} {self.decision}"


class ConformanceState(models.Model):
    """The label and gate outcomes as last evaluated (to log when they change)."""

    process = models.OneToOneField(
        Process, on_delete=models.CASCADE, related_name="conformance_state"
    )
    label = models.CharField(max_length=200)
    label_earned = models.BooleanField(default=False)
    gates = models.JSONField(default=dict)  # criterion id -> outcome
    catalogue_version = models.CharField(max_length=20)
    evaluated_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.process_id} {self.label}"
