"""Translated wording for the LifecycleError codes of the participants' code of conduct
(``code_actions.py``), merged into ``processes.error_text``."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

TEXTS: dict[str, Promise] = {
    "code_needs_text": _("A code of conduct needs a title and its text."),
    "code_too_long": _("A title has at most %(title)s characters and the code at most %(body)s."),
    "code_elsewhere": _("That proposal belongs to another process."),
    "code_not_draft": _(
        "Proposal #%(number)s is no longer a draft: its text is fixed once the vote opens."
    ),
    "code_unchanged": _("The text is the same as before: nothing to save."),
    "code_vote_closes_in_past": _("The vote must close at a time still to come."),
    "code_vote_too_long": _("A vote stays open for at most %(days)s days."),
    "code_vote_already_open": _(
        "Another proposal is being voted on: close that vote before opening a new one."
    ),
    "code_same_as_charter": _("This text is already the participants' charter."),
    "code_no_voters": _("The process has no participants to vote yet."),
    "code_vote_needs_person": _("Only a participant votes, for themselves."),
    "code_choice_unknown": _("Vote for, against, or abstain."),
    "code_vote_not_open": _("Proposal #%(number)s is not open for voting."),
    "code_vote_ended": _("The vote on proposal #%(number)s has ended."),
    "code_vote_still_open": _(
        "The vote runs until %(closes)s; it closes earlier only once every participant has voted."
    ),
}
