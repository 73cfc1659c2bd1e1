"""The deliberation room's records: sessions, agenda items and their timers, requests for
more time, tables and seats, speaking turns, parked concerns and table summaries.

People in the room are named by their *attendee key* (``deliberation.roster``): a drawn
panel member's pseudonym (``r:<pseudonym>``) or, for a participant account not linked to
a panel member, ``u:<user id>``. The key carries no personal data; names are looked up
only for the team that runs the room.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from minipublic.processes.models import Process

ATTENDEE_MAX = 40


class Session(models.Model):
    """One meeting of the members: a day, a half-day or an evening, numbered in order."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="sessions")
    number = models.PositiveIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200)
    date = models.DateField(_("date"))
    starts_at = models.TimeField(_("starts at"), null=True, blank=True)
    location = models.CharField(_("place"), max_length=200, blank=True)

    class Meta:
        ordering = ["process", "number"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.UniqueConstraint(fields=["process", "number"], name="one_session_number")
        ]

    def __str__(self) -> str:
        return f"{self.process_id} session {self.number}"


class ItemKind(models.TextChoices):
    """What happens during an agenda item (the time report groups by these)."""

    PLENARY = "plenary", _("Plenary")
    SMALL_GROUPS = "small_groups", _("Small groups")
    WITNESS_SESSION = "witness_session", _("Witness session")
    REFLECTION = "reflection", _("Individual reflection")
    BREAK = "break", _("Break")


class AgendaItem(models.Model):
    """One item of a session's agenda, with the minutes planned for it.

    ``extra_minutes`` is the time granted since, on the members' requests
    (``TimeRequest``); the time actually used comes from the item's ``TimerInterval``s.
    """

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField(_("position"))
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=ItemKind.choices)
    planned_minutes = models.PositiveIntegerField(_("minutes planned"))
    extra_minutes = models.PositiveIntegerField(_("minutes granted since"), default=0)
    description = models.TextField(_("description"), blank=True)
    #: When the facilitator stopped the item for good (None while it may still run).
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["session", "position"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [
            models.UniqueConstraint(fields=["session", "position"], name="one_item_position")
        ]

    def __str__(self) -> str:
        return f"{self.session} item {self.position}: {self.title}"


class TimerInterval(models.Model):
    """A stretch of time an agenda item ran, from the facilitator's live timer.

    Pausing closes the interval; resuming opens a new one. An interval with no end is
    running now. The state lives here, on the server, so a reload or a dropped
    connection loses nothing.
    """

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="intervals")
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    started_by_role = models.CharField(max_length=32)

    class Meta:
        ordering = ["item", "started_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["item"],
                condition=models.Q(ended_at__isnull=True),
                name="one_running_interval_per_item",
            )
        ]

    def __str__(self) -> str:
        return f"{self.item_id}: {self.started_at} to {self.ended_at or '…'}"


class RequestStatus(models.TextChoices):
    """Where a request for more time stands."""

    PENDING = "pending", _("Waiting for a decision")
    GRANTED = "granted", _("Granted")
    DECLINED = "declined", _("Declined")


class TimeRequest(models.Model):
    """The members' request for more time on an agenda item, and the decision on it.

    Who asked stays private (the team sees it, the public log does not); the request,
    its reason and the decision with its reason are public.
    """

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="time_requests")
    number = models.PositiveIntegerField(_("number"))
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="time_requests")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    minutes = models.PositiveIntegerField(_("minutes asked for"))
    reason = models.TextField(_("why"))
    made_at = models.DateTimeField()
    status = models.CharField(
        _("status"), max_length=16, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    granted_minutes = models.PositiveIntegerField(_("minutes granted"), default=0)
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by_role = models.CharField(max_length=32, blank=True)

    class Meta:
        ordering = ["process", "number"]
        constraints = [
            models.UniqueConstraint(fields=["process", "number"], name="one_time_request_number")
        ]

    def __str__(self) -> str:
        return f"{self.process_id} time request {self.number}"


class Table(models.Model):
    """A small-group table in one session."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="tables")
    number = models.PositiveIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=60, blank=True)
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["session", "number"]
        verbose_name = _("table")
        verbose_name_plural = _("tables")
        constraints = [
            models.UniqueConstraint(fields=["session", "number"], name="one_table_number")
        ]

    def __str__(self) -> str:
        return self.name or f"{self.session} table {self.number}"


class Seat(models.Model):
    """One attendee at one table in one session; ``pinned`` seats stay put on re-allocation."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="seats")
    table = models.ForeignKey(Table, on_delete=models.CASCADE, related_name="seats")
    attendee = models.CharField(max_length=ATTENDEE_MAX)
    pinned = models.BooleanField(default=False)

    class Meta:
        ordering = ["table", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["session", "attendee"], name="one_seat_per_session")
        ]

    def __str__(self) -> str:
        return f"{self.table}: {self.attendee}"


class Turn(models.Model):
    """One attendee's turn at speaking at a table, from the facilitator console.

    ``uuid`` is made by the console, so an event sent twice (after a dropped connection)
    is stored once; two facilitators recording the same turn overlap in time, and the
    equity figures count the union of a person's turns, never twice.
    """

    uuid = models.UUIDField(unique=True)
    table = models.ForeignKey(Table, on_delete=models.CASCADE, related_name="turns")
    attendee = models.CharField(max_length=ATTENDEE_MAX)
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # When the server first heard of the turn (later than ``started_at`` for a turn the
    # console queued while offline), and whether a time the console sent was implausible
    # and corrected by the clamping rule (docs/speaking-time.md).
    received_at = models.DateTimeField(null=True, blank=True)
    adjusted = models.BooleanField(default=False)

    class Meta:
        ordering = ["table", "started_at", "pk"]

    def __str__(self) -> str:
        return f"{self.table}: {self.attendee} {self.started_at}"


class ConcernStatus(models.TextChoices):
    """Where a parked concern stands."""

    OPEN = "open", _("Open")
    RESOLVED = "resolved", _("Resolved")


class ConcernKind(models.TextChoices):
    """Why a concern was parked: outside the question for now, or for later."""

    OUT_OF_SCOPE = "out_of_scope", _("Out of scope for now")
    LATER = "later", _("For later")


class Resolution(models.TextChoices):
    """How a parked concern was resolved; every kind needs words saying how or why."""

    DISCUSSED = "discussed", _("Discussed in a session")
    REFERRED = "referred", _("Referred to the commissioner")
    OUT_OF_REMIT = "out_of_remit", _("Out of the remit")


class Concern(models.Model):
    """A concern put in the parking lot: out of scope for now, or for later.

    Each must end resolved before the participants' report can be closed. Who raised
    it stays private; the concern, where it was raised and how it was resolved are public.
    """

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="concerns")
    number = models.PositiveIntegerField(_("number"))
    text = models.TextField(_("concern"))
    kind = models.CharField(
        _("kind"), max_length=16, choices=ConcernKind.choices, default=ConcernKind.LATER
    )
    raised_at = models.DateTimeField()
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    raised_by_role = models.CharField(max_length=32)
    session = models.ForeignKey(
        Session, on_delete=models.SET_NULL, null=True, blank=True, related_name="concerns_raised"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ConcernStatus.choices, default=ConcernStatus.OPEN
    )
    resolution = models.CharField(
        _("resolution"), max_length=16, choices=Resolution.choices, blank=True
    )
    resolution_session = models.ForeignKey(
        Session,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="concerns_resolved",
    )
    resolution_text = models.TextField(_("how it was resolved"), blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by_role = models.CharField(max_length=32, blank=True)

    class Meta:
        ordering = ["process", "number"]
        verbose_name = _("parked concern")
        verbose_name_plural = _("parked concerns")
        constraints = [
            models.UniqueConstraint(fields=["process", "number"], name="one_concern_number")
        ]

    def __str__(self) -> str:
        return f"{self.process_id} concern {self.number}"


class ConcernStepKind(models.TextChoices):
    """What happened to a parked concern after it was raised."""

    RESOLVED = "resolved", _("Resolved")
    REOPENED = "reopened", _("Reopened")


class ConcernStep(models.Model):
    """One resolution or reopening of a parked concern, kept when a later one replaces it.

    The concern's own fields hold where it stands now; these rows are its public history.
    """

    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(max_length=16, choices=ConcernStepKind.choices)
    resolution = models.CharField(max_length=16, choices=Resolution.choices, blank=True)
    session = models.ForeignKey(
        Session, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    text = models.TextField()
    at = models.DateTimeField()
    actor_role = models.CharField(max_length=32)

    class Meta:
        ordering = ["concern", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.concern}: {self.kind} {self.at}"


class ReopenStatus(models.TextChoices):
    """Where a participant's request to reopen a resolved concern stands."""

    PENDING = "pending", _("Waiting for the team's answer")
    ACCEPTED = "accepted", _("Accepted: the concern was reopened")
    DECLINED = "declined", _("Declined, with the team's reasons")


class ReopenRequest(models.Model):
    """A participant's request to reopen a resolved concern (e.g. it was not really
    discussed), and the team's answer. Who asked stays private; the rest is public."""

    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="reopen_requests")
    number = models.PositiveIntegerField(_("number"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reason = models.TextField(_("why it should be reopened"))
    made_at = models.DateTimeField()
    status = models.CharField(
        max_length=16, choices=ReopenStatus.choices, default=ReopenStatus.PENDING
    )
    answer = models.TextField(_("the team's answer"), blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by_role = models.CharField(max_length=32, blank=True)

    class Meta:
        ordering = ["concern", "number"]
        constraints = [
            models.UniqueConstraint(fields=["concern", "number"], name="one_reopen_request_number"),
            models.UniqueConstraint(
                fields=["concern", "requested_by"],
                condition=models.Q(status="pending"),
                name="one_pending_reopen_request_per_member",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.concern}: reopen request {self.number}"


class SummaryStatus(models.TextChoices):
    """Where one version of a table summary stands."""

    AWAITING = "awaiting", _("Waiting for the table's confirmation")
    RECORDED = "recorded", _("Confirmed and in the record")
    SUPERSEDED = "superseded", _("Replaced by a revised version")


class TableSummary(models.Model):
    """One version of a facilitator's summary of a table's discussion.

    The table's members confirm it or correct it; a version enters the record only once
    they have confirmed it (the reframing guard). A revision is a new version.
    ``attestation`` is the facilitator's word that the table confirmed it aloud (for
    members without an account), shown as such; ``recorded_sequence`` is the ledger
    entry that put the version, with its ``sha256``, in the record.
    """

    table = models.ForeignKey(Table, on_delete=models.CASCADE, related_name="summaries")
    version = models.PositiveIntegerField(_("version"))
    text = models.TextField(_("summary"))
    written_at = models.DateTimeField()
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    written_by_role = models.CharField(max_length=32)
    status = models.CharField(
        _("status"), max_length=16, choices=SummaryStatus.choices, default=SummaryStatus.AWAITING
    )
    recorded_at = models.DateTimeField(null=True, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    revision_note = models.TextField(_("what changed and why"), blank=True)
    attested_at = models.DateTimeField(null=True, blank=True)
    attestation = models.TextField(_("how the table confirmed it aloud"), blank=True)
    attested_by_role = models.CharField(max_length=32, blank=True)
    recorded_sequence = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["table", "version"]
        constraints = [
            models.UniqueConstraint(fields=["table", "version"], name="one_summary_version")
        ]

    def __str__(self) -> str:
        return f"{self.table} summary v{self.version}"


class ResponseKind(models.TextChoices):
    """A member's answer to a table summary."""

    CONFIRM = "confirm", _("This is what we said")
    CORRECT = "correct", _("This needs correcting")


class SummaryResponse(models.Model):
    """One table member's confirmation or correction of one version of a summary."""

    summary = models.ForeignKey(TableSummary, on_delete=models.CASCADE, related_name="responses")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16, choices=ResponseKind.choices)
    correction = models.TextField(_("correction"), blank=True)
    answered_at = models.DateTimeField()

    class Meta:
        ordering = ["summary", "answered_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["summary", "user"], name="one_response_per_member")
        ]

    def __str__(self) -> str:
        return f"{self.summary}: {self.kind}"


# Table allocation's records live in their own module; importing them here registers them.
from minipublic.deliberation.allocation_models import AllocationRun as AllocationRun  # noqa: E402
from minipublic.deliberation.allocation_models import GroupKind as GroupKind  # noqa: E402
from minipublic.deliberation.allocation_models import TableGroup as TableGroup  # noqa: E402
from minipublic.deliberation.allocation_models import TablePin as TablePin  # noqa: E402
