"""Terms of engagement: each role's charter, who accepted which version, and the
participants' own code of conduct, drafted and adopted by their vote.

A ``Charter`` is one version of the terms for one role in one process; versions are
never edited, a change is a new version that every holder of the role accepts again.
An ``Acceptance`` records that one person accepted one version. A ``CodeProposal`` is a
draft code of conduct written by participants; once adopted by their vote (``CodeVote``)
it becomes the next version of the participant charter.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from minipublic.processes.labels import ROLE_LABELS, choices
from minipublic.processes.models import Process


class CharterOrigin(models.TextChoices):
    """Who wrote a charter version."""

    DEFAULT = "default", _("minipublic's default terms")
    PRACTITIONER = "lead_practitioner", _("Written by the lead practitioner")
    PARTICIPANTS = "participants", _("Adopted by the participants' vote")


class Charter(models.Model):
    """One version of the terms of engagement for one role in one process."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="charters")
    role = models.CharField(_("role"), max_length=32, choices=choices(ROLE_LABELS))
    version = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("terms"))
    change_note = models.TextField(_("what changed and why"), blank=True)
    origin = models.CharField(max_length=20, choices=CharterOrigin.choices)
    # Only the newest version of each role is current; members must accept that one.
    is_current = models.BooleanField(default=True)
    sha256 = models.CharField(max_length=64)
    published_at = models.DateTimeField()
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    published_by_label = models.CharField(max_length=150)
    adopted_code = models.ForeignKey(
        "CodeProposal", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["process", "role", "version"]
        verbose_name = _("charter")
        verbose_name_plural = _("charters")
        constraints = [
            models.UniqueConstraint(
                fields=["process", "role", "version"], name="one_charter_per_version"
            ),
            models.UniqueConstraint(
                fields=["process", "role"],
                condition=models.Q(is_current=True),
                name="one_current_charter_per_role",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.process_id} {self.role} v{self.version}"


class Acceptance(models.Model):
    """One person's acceptance of one charter version."""

    charter = models.ForeignKey(Charter, on_delete=models.CASCADE, related_name="acceptances")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="acceptances"
    )
    accepted_at = models.DateTimeField()

    class Meta:
        ordering = ["charter", "accepted_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["charter", "user"], name="accept_a_version_once")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} accepted {self.charter}"


class CodeStatus(models.TextChoices):
    """Where a participants' draft code of conduct stands."""

    DRAFT = "draft", _("Draft")
    VOTING = "voting", _("Vote open")
    ADOPTED = "adopted", _("Adopted")
    REJECTED = "rejected", _("Not adopted")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class CodeProposal(models.Model):
    """A code of conduct drafted by participants, put to their vote."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="code_proposals")
    number = models.PositiveIntegerField()
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text of the code"))
    status = models.CharField(
        max_length=16, choices=CodeStatus.choices, default=CodeStatus.DRAFT.value
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    proposed_at = models.DateTimeField()
    edited_at = models.DateTimeField()
    vote_opened_at = models.DateTimeField(null=True, blank=True)
    vote_closes_at = models.DateTimeField(null=True, blank=True)
    vote_closed_at = models.DateTimeField(null=True, blank=True)
    # The count, fixed when the vote closes (individual votes are never shown).
    votes_for = models.PositiveIntegerField(default=0)
    votes_against = models.PositiveIntegerField(default=0)
    abstentions = models.PositiveIntegerField(default=0)
    eligible = models.PositiveIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["process", "number"]
        verbose_name = _("participants' code proposal")
        verbose_name_plural = _("participants' code proposals")
        constraints = [
            models.UniqueConstraint(fields=["process", "number"], name="one_code_per_number"),
            models.UniqueConstraint(
                fields=["process"],
                condition=models.Q(status="voting"),
                name="one_code_vote_at_a_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.process_id} code #{self.number}"


class VoteChoice(models.TextChoices):
    """A participant's vote on a proposed code."""

    FOR = "for", _("For")
    AGAINST = "against", _("Against")
    ABSTAIN = "abstain", _("Abstain")


class CodeVote(models.Model):
    """One participant's vote on one proposal; changeable until the vote closes."""

    proposal = models.ForeignKey(CodeProposal, on_delete=models.CASCADE, related_name="votes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    choice = models.CharField(max_length=8, choices=VoteChoice.choices)
    cast_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["proposal", "user"], name="one_vote_per_participant")
        ]

    def __str__(self) -> str:
        return f"{self.proposal} {self.user_id}"
