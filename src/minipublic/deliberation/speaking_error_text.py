"""Translated wording for the LifecycleError codes of speaking-time recording
(``speaking.py``, ``console_views.py``), merged into ``processes.error_text``."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

TEXTS: dict[str, Promise] = {
    "table_elsewhere": _("That table belongs to another process."),
    "session_not_started": _(
        "Session %(session)s is on %(date)s: its speaking time is recorded from that day on."
    ),
    "turn_uuid_reused": _("That turn's identifier was already used for another turn."),
    "speaker_not_in_room": _("%(key)s is not in the room."),
    "turn_unknown": _("That turn was never started at this table, so it cannot stop."),
    "turn_not_yours": _(
        "That turn is another team member's record: only they stop it, or finish the "
        "recording at this table to end every turn."
    ),
    "too_many_events": _("Send at most %(limit)s events at a time."),
    "event_malformed": _("Event %(position)s cannot be read: %(problem)s."),
}
