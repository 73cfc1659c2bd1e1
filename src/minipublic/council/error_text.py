"""Translated wording for this app's LifecycleError codes (merged into processes.error_text)."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

TEXTS: dict[str, Promise] = {
    "not_a_council": _("%(title)s is not a permanent citizens' council."),
    "council_text_too_long": _("Write at most %(limit)s characters."),
    # Schedule and rotation (actions.py).
    "schedule_invalid": _("Seats, term and rotation must be at least 1."),
    "schedule_uneven": _("%(seats)s seats do not divide into groups of %(share)s."),
    "schedule_months_uneven": _(
        "A term of %(months)s months does not divide into %(cohorts)s equal intervals."
    ),
    "schedule_missing": _("Set the rotation schedule first."),
    "rotation_needs_reason": _("Say publicly why this draw is made."),
    "council_not_seated": _("The council has no seated members yet: seat the first draw."),
    "rotation_open": _("A rotation draw is already under way: commit, draw and seat it first."),
    "rotation_not_due": _("No seat is due for rotation."),
    "nothing_to_seat": _("There is no new draw whose members need seats."),
    "seats_mismatch": _(
        "The draw chose %(drawn)s members for %(seats)s seats; correct the schedule."
    ),
    "run_not_rotation": _("Run %(number)s is not a rotation draw."),
    # Topics, experts and follow-ups.
    "topic_needs_text": _("Give the topic a title and say why."),
    "topic_elsewhere": _("That topic belongs to another process."),
    "topic_status_unknown": _("%(status)s is not a decision."),
    "topic_already_decided": _("The council has already decided on %(title)s."),
    "convene_needs_assembly": _("Name the assembly convened for the topic."),
    "assembly_is_council": _("An assembly convened by the council cannot be a council."),
    "votes_negative": _("A vote count cannot be negative."),
    "decision_needs_note": _("Say what the council decided and why."),
    "topic_not_adopted": _("Experts are chosen for a topic the council adopted."),
    "expert_needs_text": _("Give the expert's name, field and why the council chose them."),
    "follow_up_status_unknown": _("%(status)s is not a status of a response."),
    "follow_up_needs_text": _("Say what is followed up and what you found."),
    "follow_up_needs_next_check": _("Give a date after today for the next check."),
}
