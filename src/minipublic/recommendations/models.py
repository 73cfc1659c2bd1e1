"""The participants' recommendations and the rules their votes follow.

Only participants write. Who wrote a draft, an amendment or a comment is kept for the
team and oversight, never published: a recommendation belongs to the assembly.
The report's records (versions, signatures, change requests) are in ``report_models``.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from minipublic.processes.models import Process
from minipublic.recommendations.drafting_models import (  # noqa: F401  (models Django must find)
    Amendment,
    Comment,
    DraftingMember,
    Revision,
)
from minipublic.recommendations.report_models import (  # noqa: F401  (models Django must find)
    ReportChangeRequest,
    ReportSignature,
    ReportVersion,
)
from minipublic.recommendations.vote_models import (  # noqa: F401  (models Django must find)
    Ballot,
    MinorityReport,
    MinoritySupport,
    RecommendationVote,
)

_SHARE = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))]


class DraftingRules(models.Model):
    """The thresholds one process set for its votes and its report, before drafting.

    ``adoption_percent``: a recommendation is adopted when at least this share of the
    votes cast support it. ``minority_percent``: a minority report goes into the report
    when at least this share of the participants support it. ``sign_off_percent``: the
    report is frozen once this share of the participants signed it.
    """

    process = models.OneToOneField(Process, on_delete=models.CASCADE, related_name="drafting_rules")
    adoption_percent = models.DecimalField(
        _("support needed to adopt (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("80"),
        validators=_SHARE,
    )
    minority_percent = models.DecimalField(
        _("support needed for a minority report (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("10"),
        validators=_SHARE,
    )
    sign_off_percent = models.DecimalField(
        _("signatures needed to freeze the report (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("75"),
        validators=_SHARE,
    )

    class Meta:
        verbose_name = _("drafting rules")
        verbose_name_plural = _("drafting rules")

    def __str__(self) -> str:
        return f"{self.process_id} drafting rules"


class RecommendationStatus(models.TextChoices):
    """Where a recommendation stands."""

    DRAFT = "draft", _("Being drafted")
    VOTING = "voting", _("Being voted on")
    ADOPTED = "adopted", _("Adopted")
    NOT_ADOPTED = "not_adopted", _("Not adopted")
    WITHDRAWN = "withdrawn", _("Withdrawn by its drafters")


class Recommendation(models.Model):
    """One recommendation of the participants, numbered within its process.

    ``theme`` groups recommendations in the report (e.g. "Heating our homes").
    ``drafted_by`` is private (the team and oversight may see it; the public never does).
    """

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="recommendations")
    number = models.PositiveIntegerField(_("number"))
    theme = models.CharField(_("theme"), max_length=200, blank=True)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("recommendation"))
    rationale = models.TextField(_("rationale"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=RecommendationStatus.choices,
        default=RecommendationStatus.DRAFT,
    )
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    #: When the vote that adopted (or did not adopt) it closed.
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["process", "number"]
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        constraints = [
            models.UniqueConstraint(fields=["process", "number"], name="one_recommendation_number")
        ]

    def __str__(self) -> str:
        return f"{self.process_id} recommendation {self.number}: {self.title}"
