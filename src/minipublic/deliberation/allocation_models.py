"""The records of table allocation: the facilitators' pins and groups, and every run.

A run keeps what was asked (sessions, features, tables, seed, the pins and groups in
force), the seating the engine found and its report, and when it was applied. Attendees
are named by their keys (``deliberation.roster``), never by name.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from minipublic.deliberation.models import ATTENDEE_MAX, Session
from minipublic.processes.models import Process

NOTE_MAX = 200


class TablePin(models.Model):
    """An attendee the team fixed to a table in one session; the allocation keeps them there."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="table_pins")
    attendee = models.CharField(max_length=ATTENDEE_MAX)
    table = models.PositiveIntegerField(_("table"))

    class Meta:
        ordering = ["session", "table", "attendee"]
        constraints = [
            models.UniqueConstraint(fields=["session", "attendee"], name="one_pin_per_session")
        ]

    def __str__(self) -> str:
        return f"{self.session}: {self.attendee} at table {self.table}"


class GroupKind(models.TextChoices):
    """Whether a group's members share a table or never do."""

    TOGETHER = "together", _("Sit together")
    APART = "apart", _("Sit apart")


class TableGroup(models.Model):
    """People who sit together in every session (e.g. those who need the hearing loop) or
    who never share a table; ``note`` says why, for the team."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="table_groups")
    kind = models.CharField(_("kind"), max_length=16, choices=GroupKind.choices)
    members = models.JSONField(_("members"), default=list)
    note = models.CharField(_("why"), max_length=NOTE_MAX, blank=True)

    class Meta:
        ordering = ["process", "pk"]

    def __str__(self) -> str:
        return f"{self.process_id} {self.kind} group {self.pk}"


class AllocationRun(models.Model):
    """One run of the table allocation: the request, the seating found, its report.

    ``seating`` maps a session number (as text) to its tables in order, each a list of
    attendee keys; ``report`` is the engine's report (``Report.to_dict``). A run is a
    proposal until it is applied, when its seating replaces the sessions' seats.
    """

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="allocation_runs")
    number = models.PositiveIntegerField(_("number"))
    made_at = models.DateTimeField()
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    made_by_role = models.CharField(max_length=32)
    sessions = models.JSONField(default=list)
    features = models.JSONField(default=list)
    tables = models.PositiveIntegerField()
    capacities = models.JSONField(default=list)
    seed = models.CharField(max_length=100)
    balance_slack = models.PositiveIntegerField(default=0)
    pins = models.JSONField(default=list)
    together = models.JSONField(default=list)
    apart = models.JSONField(default=list)
    seating = models.JSONField(default=dict)
    report = models.JSONField(default=dict)
    applied_at = models.DateTimeField(null=True, blank=True)
    applied_by_role = models.CharField(max_length=32, blank=True)

    class Meta:
        ordering = ["process", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["process", "number"], name="one_allocation_number")
        ]

    def __str__(self) -> str:
        return f"{self.process_id} allocation {self.number}"
