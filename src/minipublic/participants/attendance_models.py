"""Attendance at each meeting (a deliberation session), by attendee key."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["Attendance", "AttendanceStatus", "CheckInMethod"]


class AttendanceStatus(models.TextChoices):
    """Whether someone came."""

    PRESENT = "present", _("Present")
    ABSENT = "absent", _("Absent")
    EXCUSED = "excused", _("Absent, excused")


class CheckInMethod(models.TextChoices):
    """How the attendance was recorded."""

    FACILITATOR = "facilitator", _("Checked in by the team")
    CODE = "code", _("Checked in with the meeting's code")


class Attendance(models.Model):
    """One person's attendance at one meeting (the latest record wins; history is in the ledger
    only as counts, never by person)."""

    session = models.ForeignKey(
        "deliberation.Session", on_delete=models.CASCADE, related_name="attendance"
    )
    attendee_key = models.CharField(max_length=40)
    status = models.CharField(_("status"), max_length=16, choices=AttendanceStatus.choices)
    method = models.CharField(max_length=16, choices=CheckInMethod.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["session", "attendee_key"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "attendee_key"], name="one_attendance_per_meeting"
            )
        ]

    def __str__(self) -> str:
        return f"{self.session_id} {self.attendee_key} {self.status}"
