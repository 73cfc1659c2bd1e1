"""Translated wording for the LifecycleError codes of drafting, votes and minority
reports (``drafting.py``, ``votes.py``, ``minority.py``), merged into processes.error_text."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

TEXTS: dict[str, Promise] = {
    "drafting_needs_person": _("Only a participant does this, as themselves."),
    "drafting_too_long": _("A text has %(length)s characters; at most %(limit)s are accepted."),
    "recommendation_needs_title": _("Give the recommendation a title."),
    "recommendation_needs_text": _("Write what you recommend."),
    "recommendation_elsewhere": _("That recommendation belongs to another process."),
    "recommendation_not_draft": _(
        "Recommendation %(number)s is no longer a draft: its wording is fixed."
    ),
    "recommendation_unchanged": _("The wording is the same as before: nothing to save."),
    "recommendation_decided": _("Recommendation %(number)s has been decided: comments are closed."),
    "not_in_drafting_group": _(
        "Only the drafting group of recommendation %(number)s does this: join the group first."
    ),
    "already_in_drafting_group": _(
        "You are already in the drafting group of recommendation %(number)s."
    ),
    "withdrawal_needs_reason": _("Say why the recommendation is withdrawn."),
    "amendments_undecided": _(
        "Amendments to recommendation %(number)s await a decision: accept them, put them to "
        "a vote, or ask their proposers to withdraw them first."
    ),
    "amendment_vote_pending": _(
        "An amendment to recommendation %(number)s has been put to a vote: its text stays as "
        "it is until that vote is decided."
    ),
    "amendment_needs_text": _("Write the new text you propose."),
    "amendment_needs_reason": _("Say why you propose this change."),
    "amendment_unchanged": _("The new text is the same as the recommendation's text."),
    "amendment_decided": _(
        "Amendment %(amendment)s to recommendation %(number)s has already been decided."
    ),
    "amendment_elsewhere": _("That amendment is to another recommendation."),
    "amendment_not_for_vote": _(
        "Amendment %(amendment)s has not been put to a vote by the drafting group, or its "
        "vote has already opened."
    ),
    "not_the_proposer": _("Only the participant who proposed an amendment withdraws it."),
    "comment_needs_text": _("Write your comment."),
    "rules_fixed": _("A vote has opened: the thresholds can no longer change."),
    "rule_out_of_bounds": _(
        "Adoption and sign-off need between 50%% and 100%%, a minority report between 1%% and 50%%."
    ),
    "vote_no_voters": _("The process has no participants to vote yet."),
    "vote_elsewhere": _("That vote belongs to another process."),
    "vote_closed": _(
        "Vote %(number)s closed at %(closed)s: ballots can no longer be cast or changed."
    ),
    "vote_empty": _("Nobody has voted yet: wait for the ballots before closing the vote."),
    "support_level_unknown": _("Choose one of the levels of support."),
    "paper_count_out_of_bounds": _(
        "A count of paper ballots is a whole number from 0 to %(limit)s."
    ),
    "minority_needs_title": _("Give the minority report a title."),
    "minority_needs_text": _("Write the minority view."),
    "minority_elsewhere": _("That minority report belongs to another process."),
    "minority_withdrawn": _("Minority report %(number)s has been withdrawn by its author."),
    "already_supporting": _("You already support this minority report."),
    "not_supporting": _("You do not support this minority report."),
    "not_the_author": _("Only the participant who wrote a minority report withdraws it."),
}
