"""Rounds of the member questionnaire, the anonymous answers, and who has answered.

Confidentiality by design: an ``EvaluationResponse`` holds answers and nothing else — no
person, no time, and a random (UUID) key, so neither its key nor its order can be matched
with the separate ``EvaluationParticipation`` row that stops a member answering twice.
No ledger entry is written per answer; the ledger records each round's opening and its
closing with the counts.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from minipublic.processes.models import Process


class RoundKind(models.TextChoices):
    """The questionnaire at the start (demographics and X2 items) or at the end (all)."""

    START = "start", _("Start of the process")
    END = "end", _("End of the process")


class RoundStatus(models.TextChoices):
    OPEN = "open", _("Open for answers")
    CLOSED = "closed", _("Closed")


class Channel(models.TextChoices):
    """How a questionnaire came in: answered online, or on paper and typed in by the team."""

    ONLINE = "online", _("Online")
    PAPER = "paper", _("On paper")


class EvaluationRound(models.Model):
    """One asking of the questionnaire in a process: once at the start, once at the end."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="evaluation_rounds")
    kind = models.CharField(max_length=8, choices=RoundKind.choices)
    instrument_key = models.CharField(max_length=64)
    instrument_version = models.CharField(max_length=32)
    instrument_sha256 = models.CharField(max_length=64)
    status = models.CharField(max_length=8, choices=RoundStatus.choices, default=RoundStatus.OPEN)
    #: How many members are asked (those answering on paper included).
    eligible = models.PositiveIntegerField()
    opened_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)
    # Counted when the round closes (while it is open, they are counted from the rows).
    online_answers = models.PositiveIntegerField(default=0)
    paper_answers = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["process", "kind"], name="evaluation_round_once"),
        ]
        ordering = ["opened_at", "pk"]

    def __str__(self) -> str:
        return f"{self.process.slug} {self.kind}"

    @property
    def answers(self) -> int:
        """How many questionnaires came in (online and on paper)."""
        return self.online_answers + self.paper_answers


class EvaluationResponse(models.Model):
    """One member's answers, detached from the member: item key -> option key."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(EvaluationRound, on_delete=models.CASCADE, related_name="responses")
    channel = models.CharField(max_length=8, choices=Channel.choices)
    answers = models.JSONField(default=dict)

    def __str__(self) -> str:
        return f"response to {self.round}"


class EvaluationParticipation(models.Model):
    """That a member has answered a round (never what): stops a second answer."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(
        EvaluationRound, on_delete=models.CASCADE, related_name="participations"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "user"], name="evaluation_answer_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} answered {self.round}"
