"""Who pays for a process: its funders, what each pays for, and who pays the practitioners.

Part of the process's design, set by the lead practitioner (``processes.funding``) and
shown on the transparency portal; every change is a ``process.funding_set`` ledger entry.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class FunderKind(models.TextChoices):
    """What kind of body a funder is."""

    COMMISSIONER = "commissioner", _("The commissioning body")
    PUBLIC_BODY = "public_body", _("Another public body")
    FOUNDATION = "foundation", _("A charity or foundation")
    COMPANY = "company", _("A company")
    INDIVIDUAL = "individual", _("A private donor")
    OTHER = "other", _("Other")


class FundingStatement(models.Model):
    """The parts of a process's funding that are not a single funder (one per process)."""

    process = models.OneToOneField(
        "processes.Process", on_delete=models.CASCADE, related_name="funding"
    )
    practitioners_paid_by = models.TextField(_("who pays the practitioners"), blank=True)
    participants_paid = models.TextField(_("what the participants receive"), blank=True)
    notes = models.TextField(_("other notes on the funding"), blank=True)
    updated_at = models.DateTimeField()

    class Meta:
        verbose_name = _("funding statement")

    def __str__(self) -> str:
        return f"{self.process_id} funding"


class FundingSource(models.Model):
    """One funder of a process: who, how much, in which currency, and for what."""

    process = models.ForeignKey(
        "processes.Process", on_delete=models.CASCADE, related_name="funding_sources"
    )
    position = models.PositiveIntegerField()
    funder = models.CharField(_("funder"), max_length=200)
    kind = models.CharField(_("kind of funder"), max_length=16, choices=FunderKind.choices)
    amount = models.DecimalField(
        _("amount"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    pays_for = models.TextField(_("what it pays for"))

    class Meta:
        ordering = ["process", "position"]
        verbose_name = _("funding source")
        constraints = [
            models.UniqueConstraint(fields=["process", "position"], name="one_funder_position")
        ]

    def __str__(self) -> str:
        return f"{self.process_id} funder {self.position}"
