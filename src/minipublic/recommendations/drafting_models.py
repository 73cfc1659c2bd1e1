"""The drafting workspace of a recommendation: its drafting group, its revisions, the
amendments proposed to it and the participants' comments.

Everything here is seen only with ``VIEW_DRAFTS`` (participants, the team, oversight),
never by the commissioner or the public. Who wrote what stays inside that workspace;
the ledger keeps identities as private fields only.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DraftingMember(models.Model):
    """A participant in a recommendation's drafting group (who may edit its text and
    decide on the amendments proposed to it)."""

    recommendation = models.ForeignKey(
        "recommendations.Recommendation", on_delete=models.CASCADE, related_name="drafters"
    )
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    joined_at = models.DateTimeField()

    class Meta:
        ordering = ["recommendation", "joined_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["recommendation", "member"], name="one_drafting_membership"
            )
        ]

    def __str__(self) -> str:
        return f"{self.recommendation_id} drafter {self.member_id}"


class Revision(models.Model):
    """One kept version of a recommendation's wording, numbered from 1 (the first draft).

    A revision comes from a direct edit by the drafting group (``note`` says why) or from
    an amendment accepted by the group or carried by a vote (``amendment``).
    """

    recommendation = models.ForeignKey(
        "recommendations.Recommendation", on_delete=models.CASCADE, related_name="revisions"
    )
    number = models.PositiveIntegerField(_("revision"))
    theme = models.CharField(_("theme"), max_length=200, blank=True)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("recommendation"))
    rationale = models.TextField(_("rationale"), blank=True)
    note = models.TextField(_("what changed and why"), blank=True)
    amendment = models.ForeignKey(
        "recommendations.Amendment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    made_at = models.DateTimeField()
    sha256 = models.CharField(max_length=64)

    class Meta:
        ordering = ["recommendation", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["recommendation", "number"], name="one_recommendation_revision"
            )
        ]

    def __str__(self) -> str:
        return f"{self.recommendation_id} revision {self.number}"


class AmendmentStatus(models.TextChoices):
    """Where an amendment stands. It leaves ``open`` only by a decision: accepted by the
    drafting group, put to a vote (then carried or rejected), or withdrawn by its proposer."""

    OPEN = "open", _("Awaiting the drafting group")
    ACCEPTED = "accepted", _("Accepted by the drafting group")
    VOTING = "voting", _("Put to a vote")
    CARRIED = "carried", _("Carried by a vote")
    REJECTED = "rejected", _("Rejected by a vote")
    WITHDRAWN = "withdrawn", _("Withdrawn by its proposer")


class Amendment(models.Model):
    """A participant's proposal to replace a recommendation's text, with a reason,
    numbered within the recommendation."""

    recommendation = models.ForeignKey(
        "recommendations.Recommendation", on_delete=models.CASCADE, related_name="amendments"
    )
    number = models.PositiveIntegerField(_("amendment"))
    text = models.TextField(_("the new text"))
    reason = models.TextField(_("why"))
    #: The recommendation's text when the amendment was proposed (to show what it changes).
    base_text = models.TextField()
    status = models.CharField(
        max_length=16, choices=AmendmentStatus.choices, default=AmendmentStatus.OPEN
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    proposed_at = models.DateTimeField()
    decided_at = models.DateTimeField(null=True, blank=True)
    #: The drafting group's words when it accepts it or puts it to a vote.
    decision_note = models.TextField(blank=True)

    class Meta:
        ordering = ["recommendation", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["recommendation", "number"], name="one_amendment_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.recommendation_id} amendment {self.number}"

    @property
    def undecided(self) -> bool:
        """Whether it still waits for the group or for its vote."""
        return self.status in (AmendmentStatus.OPEN, AmendmentStatus.VOTING)


class Comment(models.Model):
    """A participant's comment on a recommendation (kept; never published)."""

    recommendation = models.ForeignKey(
        "recommendations.Recommendation", on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    text = models.TextField(_("comment"))
    made_at = models.DateTimeField()

    class Meta:
        ordering = ["recommendation", "made_at", "pk"]

    def __str__(self) -> str:
        return f"{self.recommendation_id} comment {self.pk}"
