"""Translated wording for the parking lot's LifecycleError codes (``parking.py``), merged
into ``deliberation.error_text``."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

TEXTS: dict[str, Promise] = {
    "report_blocked_by_concerns": _(
        "The participants' report cannot be closed while the parking lot has open items "
        "(open concerns: %(concerns)s; requests to reopen awaiting an answer: %(requests)s). "
        "Resolve each one first: %(url)s"
    ),
    "parking_text_too_long": _("Keep it to %(limit)s characters (it has %(length)s)."),
    "concern_session_not_held": _("Session %(session)s has not been held yet (it is on %(date)s)."),
    "concern_elsewhere": _("That concern belongs to another process."),
    "concern_needs_text": _("Say what the concern is."),
    "concern_kind_unknown": _("Say whether it is out of scope for now or for later."),
    "concern_not_open": _("Concern #%(number)s is already resolved: reopen it first."),
    "resolution_unknown": _(
        "Choose how it was resolved: discussed, referred, or out of the remit."
    ),
    "resolution_needs_words_discussed": _("Say what came of the discussion."),
    "resolution_needs_words_referred": _("Say what was referred to the commissioner, and how."),
    "resolution_needs_words_out_of_remit": _("Give the reason it is outside the remit."),
    "resolution_needs_session": _("Say in which session the concern was discussed."),
    "concern_not_resolved": _("Concern #%(number)s is still open: there is nothing to reopen."),
    "reopen_needs_reason": _("Say why the concern is reopened."),
    "reopen_request_needs_reason": _("Say why the concern should be reopened."),
    "reopen_request_for_participants": _(
        "Requests to reopen are for participants; the team reopens a concern itself."
    ),
    "reopen_request_pending": _(
        "You have already asked to reopen concern #%(number)s; the team has yet to answer."
    ),
    "reopen_request_answered": _(
        "Request %(request)s on concern #%(number)s has already been answered."
    ),
    "reopen_answer_needs_words": _("Give the participants your answer."),
}
