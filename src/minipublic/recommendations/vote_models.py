"""The participants' votes on recommendations and amendments, and their minority reports.

A ballot is kept only while its vote is open, keyed to its voter so that they can change
it; closing the vote counts the ballots into ``RecommendationVote.counts`` and deletes
them (see ``votes.py``). Nobody, at any time, can read who voted what.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from minipublic.processes.models import Process


class SupportLevel(models.TextChoices):
    """A gradient of agreement (after Kaner's "gradients of agreement", as Loomio offers
    them): five levels of support plus abstaining. The first three count as support."""

    FULL = "full", _("I fully support it")
    RESERVATIONS = "reservations", _("I support it, with reservations")
    LIVE_WITH = "live_with", _("I can live with it")
    NOT_SUPPORT = "not_support", _("I do not support it")
    OPPOSE = "oppose", _("I am strongly opposed")
    ABSTAIN = "abstain", _("I abstain")


#: The levels that count as support when the share is compared with the threshold.
SUPPORTING: tuple[str, ...] = (
    SupportLevel.FULL.value,
    SupportLevel.RESERVATIONS.value,
    SupportLevel.LIVE_WITH.value,
)


class RecommendationVote(models.Model):
    """One vote of the participants: adopt a recommendation, or carry an amendment to it
    (``amendment`` set). Numbered within the process; open while ``closed_at`` is empty.

    The text voted on and the threshold are fixed when the vote opens. ``counts`` holds
    the number of ballots per support level once closed, ``paper_counts`` the part of
    them cast on paper in the room (members without an account), entered by the team.
    """

    process = models.ForeignKey(
        Process, on_delete=models.CASCADE, related_name="recommendation_votes"
    )
    number = models.PositiveIntegerField(_("vote"))
    recommendation = models.ForeignKey(
        "recommendations.Recommendation", on_delete=models.CASCADE, related_name="votes"
    )
    amendment = models.ForeignKey(
        "recommendations.Amendment",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="votes",
    )
    text = models.TextField()
    sha256 = models.CharField(max_length=64)
    adoption_percent = models.DecimalField(max_digits=5, decimal_places=2, default=Decimal("80"))
    #: Participants with an account when the vote opened.
    eligible = models.PositiveIntegerField(default=0)
    opened_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)
    counts = models.JSONField(default=dict, blank=True)
    paper_counts = models.JSONField(default=dict, blank=True)
    passed = models.BooleanField(null=True, blank=True)

    class Meta:
        ordering = ["process", "number"]
        constraints = [
            models.UniqueConstraint(fields=["process", "number"], name="one_vote_number")
        ]

    def __str__(self) -> str:
        return f"{self.process_id} vote {self.number}"

    @property
    def is_open(self) -> bool:
        """Whether ballots are still accepted."""
        return self.closed_at is None


class Ballot(models.Model):
    """One participant's ballot in an open vote; changeable until the vote closes, then
    counted and deleted."""

    vote = models.ForeignKey(RecommendationVote, on_delete=models.CASCADE, related_name="ballots")
    voter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    level = models.CharField(max_length=16, choices=SupportLevel.choices)
    cast_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["vote", "voter"], name="one_ballot_per_voter")
        ]

    def __str__(self) -> str:
        return f"ballot in {self.vote_id}"


class MinorityReport(models.Model):
    """A dissenting view written by a participant, about one recommendation or about the
    report as a whole (``recommendation`` empty); it goes into the report once enough
    participants support it (``DraftingRules.minority_percent``)."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="minority_reports")
    number = models.PositiveIntegerField(_("number"))
    recommendation = models.ForeignKey(
        "recommendations.Recommendation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="minority_reports",
    )
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("the minority view"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    written_at = models.DateTimeField()
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["process", "number"]
        constraints = [
            models.UniqueConstraint(fields=["process", "number"], name="one_minority_report_number")
        ]

    def __str__(self) -> str:
        return f"{self.process_id} minority report {self.number}"


class MinoritySupport(models.Model):
    """A participant's support for a minority report (withdrawable)."""

    report = models.ForeignKey(MinorityReport, on_delete=models.CASCADE, related_name="supports")
    supporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    since = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "supporter"], name="one_minority_support")
        ]

    def __str__(self) -> str:
        return f"support for {self.report_id}"
