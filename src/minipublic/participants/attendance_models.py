"""Attendance at each meeting (a deliberation session), by attendee key."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from minipublic.participants.encryption import EncryptedTextField

__all__ = [
    "CODE_ALPHABET",
    "CODE_LENGTH",
    "Attendance",
    "AttendanceStatus",
    "CheckInAttempt",
    "CheckInCode",
    "CheckInMethod",
    "FollowUpTask",
]


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


#: The characters of a check-in code: capitals and digits that cannot be mistaken for one
#: another when read aloud or off a screen (no 0/O, 1/I/L, 2/Z, 5/S, 8/B, G/6, Q).
CODE_ALPHABET = "ACDEFHJKMNPRTUVWXY3479"
CODE_LENGTH = 6


class CheckInCode(models.Model):
    """The code participants enter to check themselves in to one meeting, while it is open."""

    session = models.OneToOneField(
        "deliberation.Session", on_delete=models.CASCADE, related_name="check_in_code"
    )
    code = models.CharField(max_length=CODE_LENGTH)
    is_open = models.BooleanField(default=False)
    created_at = models.DateTimeField()
    changed_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.session_id} {'open' if self.is_open else 'closed'}"


class CheckInAttempt(models.Model):
    """A wrong code entered by a participant (for the limit on wrong tries per account)."""

    process = models.ForeignKey("processes.Process", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["user", "at"], name="check_in_attempt_recent")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.at:%Y-%m-%d %H:%M}"


class FollowUpTask(models.Model):
    """Someone at risk of dropping out (two or more unexcused absences) for the team to
    contact; ``note`` (how it went, often why someone is struggling) is encrypted."""

    process = models.ForeignKey(
        "processes.Process", on_delete=models.CASCADE, related_name="follow_up_tasks"
    )
    attendee_key = models.CharField(max_length=40)
    reason = models.CharField(_("reason"), max_length=300)
    absences = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField()
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = EncryptedTextField(_("note"), blank=True)

    class Meta:
        ordering = ["process", "-created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["process", "attendee_key"],
                condition=models.Q(done_at__isnull=True),
                name="one_open_follow_up_per_person",
            )
        ]

    def __str__(self) -> str:
        return f"{self.process_id} {self.attendee_key} {'done' if self.done_at else 'open'}"
