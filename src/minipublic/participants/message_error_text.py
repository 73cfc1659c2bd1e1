"""Translated wording for the message part's LifecycleError codes."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

TEXTS: dict[str, Promise] = {
    "message_needs_table": _("Choose the table to write to."),
    "message_table_elsewhere": _("That table belongs to another process."),
    "message_needs_person": _("Choose the person to write to."),
    "message_person_not_in_room": _("That person is not a member of this assembly."),
    "message_audience_unknown": _("Choose who the message is for."),
    "message_too_long": _("Keep it to {limit} characters (it has {length})."),
    "message_needs_subject": _("Give the message a subject."),
    "message_needs_body": _("Write the message."),
    "message_nobody": _("Nobody would receive this message: the audience is empty."),
    "message_elsewhere": _("That message belongs to another process."),
    "message_nothing_to_retry": _("No delivery of this message failed."),
}
