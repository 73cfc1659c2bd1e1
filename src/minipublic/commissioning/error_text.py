"""Translated wording for this app's LifecycleError codes and the appraisal's answer problems."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

TEXTS: dict[str, Promise] = {
    # The commission appraisal (actions.py).
    "appraisal_answers_invalid": _("Some answers cannot be used; see each question."),
    "appraisal_elsewhere": _("That appraisal belongs to another process."),
    "appraisal_final": _("Appraisal %(number)s is final and cannot change."),
    "appraisal_not_final": _("Finalise appraisal %(number)s first."),
    "appraisal_already_published": _("Appraisal %(number)s is already published."),
    "appraisal_draft_open": _("Finish or finalise the open draft before starting another."),
    "appraisal_red_line_remains": _(
        "A red line remains (%(rules)s): renegotiate it, or give your reason to accept "
        "the commission anyway. The reason is recorded."
    ),
    "negotiation_status_unknown": _("%(status)s is not a negotiation status."),
    "negotiation_rule_unknown": _("%(rule)s is not an appraisal rule."),
    "negotiation_needs_ask": _("Say what was asked of the commissioner."),
    "negotiation_text_too_long": _("A text has at most %(limit)s characters."),
}

#: Wording of the questionnaire's ``AnswerProblem`` codes, shown next to the question.
PROBLEM_TEXTS: dict[str, Promise] = {
    "not_a_mapping": _("The answers could not be read."),
    "unknown_question": _("This is not a question of the appraisal."),
    "wrong_type": _("Enter a valid %(kind)s."),
    "out_of_bounds": _("Enter a number between %(min)s and %(max)s."),
    "not_a_choice": _("Choose one of the options."),
    "too_long": _("Write at most %(max)s characters (this has %(length)s)."),
    "date_order": _("This date comes before an earlier step (%(before_on)s)."),
}
