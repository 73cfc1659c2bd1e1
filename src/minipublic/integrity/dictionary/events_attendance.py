"""Events of attendance and of the team's messages to participants (issue 10).

Only counts per meeting and per message are public: never who came, who was absent, who
was followed up, who a message went to, nor what it said (its subject is private).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from minipublic.integrity.dictionary.types import EventType as E

_COUNTS = {
    "present": _("How many were recorded present at the meeting (after this change)."),
    "absent": _("How many were recorded absent without an excuse."),
    "excused": _("How many were recorded absent with an excuse."),
}

EVENTS: tuple[E, ...] = (
    E(
        "attendance.recorded",
        _("Attendance at a meeting was recorded"),
        _(
            "The team saved a meeting's check-in sheet, or a participant checked in with "
            "the meeting's code. Only the counts are recorded, never names."
        ),
        ("session", "present", "absent", "excused", "changed", "follow_ups_opened"),
        meanings={
            **_COUNTS,
            "changed": _("How many people's attendance this change set or changed."),
            "follow_ups_opened": _(
                "How many follow-ups it opened for people with two or more unexcused absences."
            ),
        },
        feed=False,
    ),
    E(
        "attendance.check_in_opened",
        _("Check-in by code was opened"),
        _("The team opened check-in by code for a meeting (the code itself is not recorded)."),
        ("session",),
        feed=False,
    ),
    E(
        "attendance.check_in_closed",
        _("Check-in by code was closed"),
        _("The team closed check-in by code for a meeting."),
        ("session", "checked_in_by_code", "present", "absent", "excused"),
        meanings={
            **_COUNTS,
            "checked_in_by_code": _("How many checked themselves in with the code."),
        },
        feed=False,
    ),
    E(
        "attendance.follow_up_done",
        _("A follow-up was done"),
        _(
            "The team followed up someone with repeated unexcused absences (who, and the "
            "note, are never recorded)."
        ),
        ("absences",),
        meanings={"absences": _("The unexcused absences that opened the follow-up.")},
        feed=False,
    ),
    E(
        "message.queued",
        _("The team wrote to participants"),
        _(
            "A message to all participants, one table or one person was queued for e-mail "
            "through the platform."
        ),
        ("message", "audience", "recipients", "session", "table"),
        private=("subject",),
        meanings={
            "message": _("The message's number in the message log."),
            "audience": _("Who it was for: all, table or person."),
            "recipients": _("How many people it was addressed to."),
            "subject": _("The message's subject."),
        },
    ),
    E(
        "message.delivered",
        _("A message was sent"),
        _("The background worker finished sending a message's e-mails."),
        ("message", "sent", "failed", "unreachable"),
        meanings={
            "message": _("The message's number in the message log."),
            "sent": _("E-mails sent."),
            "failed": _("E-mails that failed (the team can retry them)."),
            "unreachable": _("Recipients with no e-mail address on file."),
        },
        feed=False,
    ),
)
