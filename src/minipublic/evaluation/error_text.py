"""Translated wording for this app's LifecycleError codes (merged into processes.error_text)."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

TEXTS: dict[str, Promise] = {
    "evaluation_kind_unknown": _("A round is either the start round or the end round."),
    "evaluation_round_exists": _("The %(kind)s round has already been opened: each is asked once."),
    "evaluation_start_after_end": _(
        "The end round has been opened already, so a start round can no longer be asked."
    ),
    "evaluation_round_open": _("Another round is open: close it before opening this one."),
    "evaluation_instrument_unknown": _("No questionnaire is called %(key)s."),
    "evaluation_instrument_incomplete": _(
        "The questionnaire %(key)s is incomplete (%(missing)s); it cannot be asked yet."
    ),
    "evaluation_instrument_changed": _(
        "The questionnaire %(key)s has changed since this round opened; its answers could no "
        "longer be compared. Install the version the round opened with."
    ),
    "evaluation_eligible_range": _(
        "Count between %(low)s and %(high)s members asked: the participants with an account, "
        "plus those answering on paper."
    ),
    "evaluation_elsewhere": _("That round belongs to another process."),
    "evaluation_round_closed": _("The %(kind)s round is closed: no more answers are taken."),
    "evaluation_answer_unknown": _(
        "“%(value)s” is not an answer to question “%(item)s” of this round."
    ),
    "evaluation_nothing_answered": _(
        "You may skip any question, but a questionnaire needs at least one answer to be sent."
    ),
    "evaluation_round_full": _("All %(eligible)s members asked have answered already."),
    "evaluation_needs_member": _("Only a member answers the questionnaire, for themselves."),
    "evaluation_already_answered": _("You have already answered this questionnaire."),
}
