"""After the report: the commissioner's responses, the implementation of what was
accepted, the e-mails that keep participants informed, and participants' ratings.

Responses and progress updates are never edited: a new answer is a new revision and a
new progress update is a new row, so the history stays public. Change these rows only
through the ``do_*`` actions (``response_actions``, ``progress_actions``,
``rating_actions``, ``deadlines``): each checks access and writes the ledger.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from minipublic.processes.models import Process
from minipublic.recommendations.models import Recommendation

TEXT_MAX = 5000
NAME_MAX = 200


class ResponseStatus(models.TextChoices):
    """The commissioner's answer to one recommendation."""

    ACCEPTED = "accepted", _("Accepted")
    ACCEPTED_IN_PART = "accepted_in_part", _("Accepted in part")
    REJECTED = "rejected", _("Rejected")
    UNDER_CONSIDERATION = "under_consideration", _("Under consideration")


#: Answers that commit the commissioner to implement something (tracked for progress).
ACCEPTING = (ResponseStatus.ACCEPTED, ResponseStatus.ACCEPTED_IN_PART)


class Response(models.Model):
    """One revision of the commissioner's public answer to one adopted recommendation.

    The latest revision is the current answer; earlier ones stay public as its history.
    ``final_answer_by`` is the date by which an answer "under consideration" becomes a
    final one (required for that status, empty for the others).
    """

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="responses")
    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="responses"
    )
    revision = models.PositiveIntegerField()
    status = models.CharField(_("answer"), max_length=24, choices=ResponseStatus.choices)
    reasons = models.TextField(_("reasons"))
    final_answer_by = models.DateField(_("final answer by"), null=True, blank=True)
    made_at = models.DateTimeField()
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["recommendation__number", "revision"]
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        constraints = [
            models.UniqueConstraint(
                fields=["recommendation", "revision"], name="one_response_revision"
            )
        ]

    def __str__(self) -> str:
        return f"{self.recommendation} response r{self.revision}: {self.status}"

    @property
    def is_final(self) -> bool:
        """Whether this answer is final (anything but "under consideration")."""
        return self.status != ResponseStatus.UNDER_CONSIDERATION


class ProgressStatus(models.TextChoices):
    """How the implementation of an accepted recommendation is going."""

    NOT_STARTED = "not_started", _("Not started")
    ON_TRACK = "on_track", _("On track")
    DELAYED = "delayed", _("Delayed")
    DONE = "done", _("Done")


class Implementation(models.Model):
    """Who implements an accepted recommendation, and when its progress is next reviewed.

    ``history`` keeps every earlier value (``[{"at", "role", "responsible_body",
    "next_review_on"}]``), shown in public with the current one.
    """

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="implementations")
    recommendation = models.OneToOneField(
        Recommendation, on_delete=models.CASCADE, related_name="implementation"
    )
    responsible_body = models.CharField(_("responsible body"), max_length=NAME_MAX)
    next_review_on = models.DateField(_("next review"), null=True, blank=True)
    updated_at = models.DateTimeField()
    history = models.JSONField(default=list, blank=True)

    def __str__(self) -> str:
        return f"{self.recommendation} implementation"


class Milestone(models.Model):
    """A step towards implementing an accepted recommendation, numbered per process.

    ``history`` keeps every change (``[{"at", "role", "field", "before", "after"}]``).
    """

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="milestones")
    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="milestones"
    )
    number = models.PositiveIntegerField()
    title = models.CharField(_("milestone"), max_length=NAME_MAX)
    due_on = models.DateField(_("due"))
    done_on = models.DateField(_("done"), null=True, blank=True)
    created_at = models.DateTimeField()
    history = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["due_on", "number"]
        constraints = [
            models.UniqueConstraint(fields=["process", "number"], name="one_milestone_number")
        ]

    def __str__(self) -> str:
        return f"{self.recommendation} milestone {self.number}"


class ProgressUpdate(models.Model):
    """A public progress update on an accepted recommendation, numbered per process.

    ``posted_role`` is who posted it (commissioner or lead practitioner);
    ``on_behalf_of`` names the responsible body when the lead practitioner posts what
    that body sent them, so the page labels it as such.
    """

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="progress_updates")
    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="progress_updates"
    )
    number = models.PositiveIntegerField()
    status = models.CharField(_("status"), max_length=16, choices=ProgressStatus.choices)
    text = models.TextField(_("progress"))
    as_of = models.DateField(_("as of"))
    posted_at = models.DateTimeField()
    posted_role = models.CharField(max_length=32)
    on_behalf_of = models.CharField(max_length=NAME_MAX, blank=True)
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-as_of", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["process", "number"], name="one_progress_number")
        ]

    def __str__(self) -> str:
        return f"{self.recommendation} progress {self.number}"


class Rating(models.Model):
    """One participant's judgement of one recommendation's follow-through, 1 to 5 each:
    is the response faithful to the recommendation, is the implementation? Either may be
    left unanswered. Changeable; shown only in aggregate."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="ratings")
    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="ratings"
    )
    participant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    response_score = models.PositiveSmallIntegerField(null=True, blank=True)
    implementation_score = models.PositiveSmallIntegerField(null=True, blank=True)
    rated_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["recommendation", "participant"], name="one_rating_per_participant"
            )
        ]

    def __str__(self) -> str:
        return f"{self.recommendation} rating"


class UpdateOptOut(models.Model):
    """A participant who asked not to be e-mailed the responses and progress updates.

    Kept out of the ledger: whether someone reads the updates is nobody else's business.
    """

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    since = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["process", "user"], name="one_opt_out_per_process")
        ]

    def __str__(self) -> str:
        return f"{self.process_id} opt-out {self.user_id}"


class Mailing(models.Model):
    """The e-mail to participants about one response or one progress update.

    Created with the response or update; the background worker claims it (``claimed_at``)
    before sending, so it is never sent twice, and records how many it reached.
    """

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="+")
    response = models.OneToOneField(
        Response, on_delete=models.CASCADE, null=True, blank=True, related_name="mailing"
    )
    progress = models.OneToOneField(
        ProgressUpdate, on_delete=models.CASCADE, null=True, blank=True, related_name="mailing"
    )
    created_at = models.DateTimeField()
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    recipients = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.process_id} mailing {self.pk}"


class OverdueNotice(models.Model):
    """That a recommendation's answer was overdue on ``due_on`` was noticed (and the
    oversight group e-mailed) — once per recommendation and due date.

    ``kind`` is ``deadline`` (no answer by the process's deadline) or ``final_answer``
    (still "under consideration" after the date promised for the final answer).
    """

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="+")
    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="overdue_notices"
    )
    kind = models.CharField(max_length=16)
    due_on = models.DateField()
    noticed_at = models.DateTimeField()
    recipients = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["due_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["recommendation", "kind", "due_on"], name="one_overdue_notice"
            )
        ]

    def __str__(self) -> str:
        return f"{self.recommendation} overdue since {self.due_on}"
