"""Translated wording for this app's LifecycleError codes (merged into processes.error_text)."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from minipublic.deliberation.agenda_error_text import TEXTS as AGENDA_TEXTS
from minipublic.deliberation.allocation_error_text import TEXTS as ALLOCATION_TEXTS
from minipublic.deliberation.parking_error_text import TEXTS as PARKING_TEXTS
from minipublic.deliberation.summary_error_text import TEXTS as SUMMARY_TEXTS

TEXTS: dict[str, Promise] = {
    # Sessions, agenda items and tables (sessions.py).
    "room_needs_title": _("Give it a title."),
    "room_title_too_long": _("A title has at most %(limit)s characters."),
    "room_place_too_long": _("A place has at most %(limit)s characters."),
    "session_elsewhere": _("That session belongs to another process."),
    "item_kind_unknown": _("%(kind)s is not a kind of item."),
    "item_minutes_out_of_range": _("Plan between 1 and %(limit)s minutes for an item."),
    "tables_out_of_range": _("A session has between 1 and %(limit)s tables."),
    "tables_in_use": _("Table %(number)s has people or records: move them before removing it."),
    # Seating (seating.py).
    "seat_not_in_room": _("%(count)s of the people to seat are not in the room: %(keys)s."),
    "seat_table_missing": _("Session %(session)s has no table %(number)s."),
    "pin_not_seated": _("Only people who are seated can be pinned."),
    # The agenda, the timer and requests for more time (agenda_error_text.py).
    **AGENDA_TEXTS,
    # Table allocation (allocation_error_text.py).
    **ALLOCATION_TEXTS,
}

# The parking lot (parking.py) and the table summaries (summaries.py) keep theirs beside them.
TEXTS |= PARKING_TEXTS
TEXTS |= SUMMARY_TEXTS
