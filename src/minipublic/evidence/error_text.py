"""Translated wording for this app's LifecycleError codes (merged into processes.error_text)."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

TEXTS: dict[str, Promise] = {
    "evidence_elsewhere": _("That record belongs to another process."),
    "evidence_text_too_long": _("Write at most %(limit)s characters."),
    "material_author_kind_unknown": _("%(kind)s is not a kind of author."),
    "material_comment_needs_group": _("Name the group or organisation that made the comment."),
    "material_comment_needs_text": _("Write the comment."),
    "material_comment_oversight_only": _(
        "Only a member of the oversight group comments as the oversight group."
    ),
    "material_comment_source": _("A comment comes from oversight or the stakeholders."),
    "material_comment_team_only": _("The team records the stakeholder reference group's comments."),
    "material_comments_unanswered": _(
        "Respond to every review comment before publishing; still without a response: "
        "comment %(numbers)s."
    ),
    "material_commission_unknown": _("Say who asked for the material to be written."),
    "material_needs_author": _("Name the author."),
    "material_needs_change_note": _(
        "Say what changed and why; the note is published with the version."
    ),
    "material_needs_title": _("Give a title."),
    "material_not_draft": _("Version %(number)s is not a draft waiting to be published."),
    "material_not_yours": _(
        "Only the team or the material's own submitter may submit a new version."
    ),
    "material_response_needs_text": _("Write the response: what was changed, or why not."),
    "material_response_outcome": _(
        "Say whether the material was changed, partly changed or not changed."
    ),
    "material_response_team_only": _("Only the team answers review comments."),
    "material_same_file": _("This file is the same as version %(number)s."),
    "material_version_superseded": _(
        "Version %(number)s was revised before publication: comment on the newest version."
    ),
    "request_answer_needs_reasons": _("Explain the answer to the participants; it is published."),
    "request_answer_not_invited": _(
        "Witness #%(number)s has not been invited: invite them first, or explain why no "
        "witness is invited."
    ),
    "request_kind_unknown": _("Ask either for a named person or for a perspective."),
    "request_needs_person": _("Give the name of the person you would like to hear."),
    "request_needs_perspective": _("Say which perspective or expertise the witness would bring."),
    "request_needs_reason": _("Say why the members should hear this witness."),
    "request_no_voters": _("The process has no participants to vote."),
    "request_not_awaiting_vote": _("Request #%(number)s is no longer waiting for a vote."),
    "request_not_supported": _(
        "Request #%(number)s was not supported by the participants' vote: there is "
        "nothing to answer."
    ),
    "request_not_yours": _("Only the participant who made a request may withdraw it."),
    "request_vote_closes_in_past": _("The vote must close in the future."),
    "request_vote_ended": _("The vote on request #%(number)s has ended."),
    "request_vote_needs_person": _("Only a participant votes."),
    "request_vote_not_open": _("Request #%(number)s is not open for voting."),
    "request_vote_still_open": _(
        "The vote runs until %(closes)s; it closes earlier only once everyone has voted."
    ),
    "request_vote_too_long": _("A vote stays open at most %(days)s days."),
    "witness_decision_needs_reasons": _(
        "Give the reasons for the decision; they are published with it."
    ),
    "witness_declaration_not_linkable": _(
        "Link a current, public declaration (an expert's or staff member's)."
    ),
    "witness_needs_expertise": _("Say what the witness knows about that the members need."),
    "witness_needs_name": _("Give the witness's name."),
    "witness_needs_organisation": _("Name the stakeholder organisation that proposed the witness."),
    "witness_needs_perspective": _(
        "Give at least one perspective or position the witness would bring."
    ),
    "witness_needs_request": _(
        "A witness proposed by the participants answers one of their requests: choose it."
    ),
    "witness_needs_role": _("Give the witness's role and organisation."),
    "witness_profile_empty": _("No information was given."),
    "witness_profile_value": _("%(value)s is not one of the answers offered."),
    "witness_proposer_unknown": _("%(kind)s is not a kind of proposer."),
    "witness_request_needs_participants": _(
        "A witness proposed in answer to a participants' request is the participants' proposal."
    ),
    "witness_request_withdrawn": _("Request #%(number)s was withdrawn."),
    "witness_status_not_next": _(
        "Witness #%(number)s is %(current)s: they cannot be recorded as %(new)s now."
    ),
    "witness_status_unknown": _(
        "Choose a decision: invited, not chosen, declined, appeared or withdrew."
    ),
    "witness_tag_too_long": _("A perspective has at most %(limit)s characters: %(tag)s"),
    "witness_too_many_tags": _("Give at most %(limit)s perspectives."),
    "witness_unchanged": _("Nothing was changed."),
}
