"""Translated wording for the attendance part's LifecycleError codes."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

TEXTS: dict[str, Promise] = {
    "attendance_not_in_room": _(
        "{count} of the people on the sheet are not in the room (were they removed from the "
        "panel?). Reload the sheet and record it again."
    ),
    "attendance_status_unknown": _("Choose present, absent or excused for everyone (not {value})."),
    "attendance_step_unknown": _("That button is not known; reload the page."),
    "follow_up_elsewhere": _("That follow-up belongs to another process."),
    "follow_up_assignee": _(
        "Give the follow-up to a lead practitioner or a recruiter of this process."
    ),
    "follow_up_done_already": _("This follow-up is already done."),
    "follow_up_needs_note": _("Say in a few words how the follow-up went."),
    "follow_up_note_too_long": _("Keep the note to {limit} characters (it has {length})."),
    "check_in_not_open": _("Check-in by code is not open for session {session}."),
    "check_in_too_many_tries": _(
        "Too many wrong codes. Wait {minutes} minutes, or ask the team at the door to check you in."
    ),
    "check_in_not_in_room": _(
        "Your account is not on this assembly's list of members; ask the team at the door."
    ),
    "check_in_needs_code": _("Type the code shown in the room."),
    "check_in_closed": _(
        "Check-in with this code is closed. Ask the team at the door to check you in."
    ),
    "check_in_wrong_code": _(
        "That is not the code of a meeting open for check-in. Check the code shown in the room "
        "and type it again (letters and digits only)."
    ),
}
