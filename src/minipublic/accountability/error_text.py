"""Translated wording for this app's LifecycleError codes (merged into processes.error_text)."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

TEXTS: dict[str, Promise] = {
    "accountability_text_too_long": _("Write at most %(limit)s characters."),
    "recommendation_elsewhere": _("That recommendation belongs to another process."),
    "recommendation_not_adopted": _(
        "Recommendation %(number)s was not adopted by the participants; only adopted "
        "recommendations are answered."
    ),
    "report_not_delivered": _(
        "The participants' report has not been delivered yet: answers come after it."
    ),
    "response_status_unknown": _(
        "Answer accepted, accepted in part, rejected or under consideration."
    ),
    "response_needs_reasons": _("Give the reasons for the answer: they are published with it."),
    "response_needs_final_date": _(
        "Say by which date the final answer will come: it is published with the answer."
    ),
    "response_final_date_past": _("The date of the final answer must be in the future."),
    "response_unchanged": _("This is already the published answer."),
    "progress_not_accepted": _(
        "Recommendation %(number)s has not been accepted (in whole or in part): there is no "
        "implementation to track."
    ),
    "progress_needs_body": _("Name the body responsible for implementing it."),
    "progress_unchanged": _("Nothing has changed."),
    "progress_status_unknown": _("Choose not started, on track, delayed or done."),
    "progress_needs_text": _("Say what has happened."),
    "progress_in_future": _("A progress update cannot be dated ahead."),
    "progress_body_unknown": _("Name the responsible body first: you post on its behalf."),
    "milestone_needs_title": _("Say what the milestone is."),
    "milestone_done_in_future": _("A milestone cannot be done on a day still to come."),
    "rating_needs_participant": _("Only a participant rates."),
    "rating_needs_response": _("There is no answer to this recommendation to rate yet."),
    "rating_out_of_scale": _("A rating is a number from 1 to 5."),
    "rating_no_implementation": _(
        "The recommendation was not accepted, so there is no implementation to rate."
    ),
    "rating_empty": _("Choose a rating for at least one question."),
    "updates_need_participant": _("Only a participant chooses their own e-mails."),
}
