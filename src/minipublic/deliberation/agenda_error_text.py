"""Translated wording for the agenda's, the timer's and the time requests' refusals
(merged into ``deliberation.error_text``)."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

TEXTS: dict[str, Promise] = {
    # Changing the agenda (agenda.py).
    "item_elsewhere": _("That agenda item belongs to another process."),
    "item_gone": _("That agenda item has just been removed. Reload the page."),
    "item_description_too_long": _("A description has at most %(limit)s characters."),
    "item_recorded_change": _(
        "Item %(position)s “%(title)s” already has recorded time or requests for more "
        "time: its title, kind and planned minutes are part of the record. Only its "
        "description can still change."
    ),
    "item_recorded_move": _(
        "Item %(position)s “%(title)s” already has recorded time or requests for more "
        "time: it keeps its place in the agenda."
    ),
    "item_recorded_remove": _(
        "Item %(position)s “%(title)s” already has recorded time or requests for more "
        "time: it is part of the record and cannot be removed."
    ),
    "item_position_out_of_range": _("Choose a place between 1 and %(count)s."),
    "session_has_time": _(
        "Session %(number)s already has recorded time: its date can no longer change."
    ),
    # The timer (timer.py).
    "item_finished": _(
        "Item %(position)s “%(title)s” has been stopped. Reopen it to run it again."
    ),
    "timer_other_session": _("Both items must be on the same session's agenda."),
    "timer_conflict": _(
        "Someone else changed the timer at the same moment. Reload the page to see it."
    ),
    # Correcting the recorded times (timer_corrections.py).
    "correction_backwards": _("A stretch must end after it starts (%(start)s to %(end)s)."),
    "correction_in_future": _("A stretch cannot end later than now."),
    "correction_overlaps_itself": _("Two of the stretches overlap: join them into one."),
    "correction_overlaps_other": _(
        "From %(start)s to %(end)s item %(position)s “%(title)s” was running: one item runs "
        "at a time."
    ),
    "correction_running": _("Pause or finish the item before correcting its times."),
    "correction_needs_reason": _("Say why the times are corrected: it is published."),
    # Requests for more time (time_requests.py).
    "time_request_needs_reason": _("Say why more time would help."),
    "time_decision_needs_reason": _(
        "Give the reason for the decision: the members and the public read it."
    ),
    "time_reason_too_long": _("A reason has at most %(limit)s characters."),
    "time_item_finished": _(
        "Item %(position)s “%(title)s” is over: more time can only be asked for an item "
        "that has not finished."
    ),
    "time_request_minutes": _("Ask for between 1 and %(limit)s minutes."),
    "time_request_pending": _(
        "You have already asked for more time on this item: the team has not decided yet."
    ),
    "time_request_elsewhere": _("That request belongs to another process."),
    "time_request_decided": _("Request %(number)s has already been decided (%(status)s)."),
    "time_grant_minutes": _(
        "Grant between 1 and the %(asked)s minutes asked for, or decline the request."
    ),
}
