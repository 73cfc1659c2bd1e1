"""A permanent citizens' council: its seats and terms, the rotation schedule and the
rotation draws, the topics it proposes, the experts it chooses and its follow-ups.

The council is a ``Process`` of the model ``permanent_council``. Its members are drawn
through the selection app (a committed, public run); this app records which seat each
drawn pseudonym holds and for how long, and which run filled it.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from minipublic.processes.models import Process
from minipublic.selection.models import SelectionRun


class RotationSchedule(models.Model):
    """How many seats the council has, how long a term lasts and when a share rotates."""

    process = models.OneToOneField(
        Process, on_delete=models.CASCADE, related_name="council_schedule"
    )
    seats = models.PositiveIntegerField(_("number of seats"))
    term_months = models.PositiveIntegerField(_("term of a member (months)"))
    seats_per_rotation = models.PositiveIntegerField(_("seats drawn at each rotation"))
    first_rotation = models.DateField(_("date of the first rotation"))
    set_at = models.DateTimeField()

    class Meta:
        verbose_name = _("rotation schedule")
        verbose_name_plural = _("rotation schedules")

    def __str__(self) -> str:
        return f"{self.process_id}: {self.seats} seats, {self.term_months} months"

    @property
    def cohorts(self) -> int:
        """How many groups of members rotate in turn (seats / seats per rotation)."""
        return self.seats // self.seats_per_rotation

    @property
    def interval_months(self) -> int:
        """Months between two rotations (the term divided by the cohorts)."""
        return self.term_months // self.cohorts


class Rotation(models.Model):
    """One rotation draw: the run of the engine filling the seats whose terms end on ``due_on``."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="rotations")
    run = models.OneToOneField(SelectionRun, on_delete=models.CASCADE, related_name="rotation")
    due_on = models.DateField(_("rotation date"))
    seats = models.JSONField(default=list)  # seat numbers to fill
    leaving = models.JSONField(default=list)  # pseudonyms whose terms end
    former = models.JSONField(default=list)  # former members kept out of the pool
    started_at = models.DateTimeField()
    filled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["process", "due_on", "pk"]
        verbose_name = _("rotation")
        verbose_name_plural = _("rotations")

    def __str__(self) -> str:
        return f"{self.process_id} rotation of {self.due_on}"


class EndReason(models.TextChoices):
    ROTATED = "rotated", _("Term ended (rotation)")
    RESIGNED = "resigned", _("Left the council")


class Term(models.Model):
    """One member's term on one seat: from ``starts_on`` until ``ends_on`` (or until they left)."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="council_terms")
    seat = models.PositiveIntegerField(_("seat"))
    pseudonym = models.CharField(_("pseudonym"), max_length=16)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    starts_on = models.DateField(_("term starts"))
    ends_on = models.DateField(_("term ends"))
    # Runs are deleted only with their whole process (and so with these terms).
    run = models.ForeignKey(SelectionRun, on_delete=models.CASCADE, related_name="council_terms")
    ended_on = models.DateField(_("left on"), null=True, blank=True)
    ended_reason = models.CharField(max_length=16, choices=EndReason.choices, blank=True)

    class Meta:
        ordering = ["process", "seat", "starts_on"]
        verbose_name = _("term")
        verbose_name_plural = _("terms")

    def __str__(self) -> str:
        return f"{self.process_id} seat {self.seat}: {self.pseudonym}"


class TopicStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ADOPTED = "adopted", _("Adopted")
    DECLINED = "declined", _("Declined")
    CONVENED = "convened", _("Assembly convened")


class Topic(models.Model):
    """A topic the council proposes for an assembly, and what the council decided on it."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="council_topics")
    title = models.CharField(_("topic"), max_length=200)
    why = models.TextField(_("why the council proposes it"))
    proposed_on = models.DateField(_("proposed on"))
    proposed_by_role = models.CharField(max_length=32)
    status = models.CharField(
        max_length=16, choices=TopicStatus.choices, default=TopicStatus.PROPOSED
    )
    decision_note = models.TextField(_("decision"), blank=True)
    votes_for = models.PositiveIntegerField(null=True, blank=True)
    votes_against = models.PositiveIntegerField(null=True, blank=True)
    votes_abstaining = models.PositiveIntegerField(null=True, blank=True)
    decided_on = models.DateField(null=True, blank=True)
    assembly = models.ForeignKey(
        Process, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["process", "-proposed_on", "-pk"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self) -> str:
        return self.title


class ExpertChoice(models.Model):
    """An expert the council chose to inform the assembly on a topic."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="experts")
    name = models.CharField(_("name"), max_length=200)
    field = models.CharField(_("field or organisation"), max_length=200)
    why = models.TextField(_("why the council chose them"))
    chosen_on = models.DateField(_("chosen on"))

    class Meta:
        ordering = ["topic", "chosen_on", "pk"]
        verbose_name = _("expert choice")
        verbose_name_plural = _("expert choices")

    def __str__(self) -> str:
        return self.name


class FollowUpStatus(models.TextChoices):
    AWAITING = "awaiting", _("Awaiting the response")
    RECEIVED = "received", _("Response received")
    PARTLY = "partly", _("Partly implemented")
    IMPLEMENTED = "implemented", _("Implemented")
    REJECTED = "rejected", _("Rejected, with reasons")


#: Statuses after which no further check is due.
SETTLED = (FollowUpStatus.IMPLEMENTED, FollowUpStatus.REJECTED)


class FollowUp(models.Model):
    """The council's check of how an earlier assembly's recommendations were answered."""

    process = models.ForeignKey(
        Process, on_delete=models.CASCADE, related_name="council_follow_ups"
    )
    assembly = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="+")
    subject = models.CharField(_("recommendation (or the response overall)"), max_length=300)
    status = models.CharField(max_length=16, choices=FollowUpStatus.choices)
    summary = models.TextField(_("what the response said or did"))
    recorded_on = models.DateField(_("recorded on"))
    next_check_on = models.DateField(_("next check"), null=True, blank=True)

    class Meta:
        ordering = ["process", "-recorded_on", "-pk"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")

    def __str__(self) -> str:
        return f"{self.assembly_id}: {self.subject}"

    def overdue_on(self, today: date) -> bool:
        """Whether the next check was due before ``today`` and the matter is not settled."""
        return (
            self.status not in SETTLED
            and self.next_check_on is not None
            and self.next_check_on < today
        )
