"""Translated, human wording for the core's coded errors."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from minipublic.accountability.error_text import TEXTS as ACCOUNTABILITY_TEXTS
from minipublic.commissioning.error_text import TEXTS as COMMISSIONING_TEXTS
from minipublic.conformance.error_text import TEXTS as CONFORMANCE_TEXTS
from minipublic.council.error_text import TEXTS as COUNCIL_TEXTS
from minipublic.deliberation.error_text import TEXTS as DELIBERATION_TEXTS
from minipublic.deliberation.speaking_error_text import TEXTS as SPEAKING_TEXTS
from minipublic.engagement.code_error_text import TEXTS as CODE_TEXTS
from minipublic.engagement.error_text import TEXTS as ENGAGEMENT_TEXTS
from minipublic.evaluation.error_text import TEXTS as EVALUATION_TEXTS
from minipublic.evidence.error_text import TEXTS as EVIDENCE_TEXTS
from minipublic.learning.error_text import TEXTS as LEARNING_TEXTS
from minipublic.lifecycle import LifecycleError, Phase, Role
from minipublic.participants.error_text import TEXTS as PARTICIPANTS_TEXTS
from minipublic.processes.labels import PHASE_LABELS, ROLE_LABELS
from minipublic.recommendations.error_text import TEXTS as RECOMMENDATION_TEXTS
from minipublic.recommendations.report_error_text import TEXTS as REPORT_TEXTS
from minipublic.recruitment.error_text import TEXTS as RECRUITMENT_TEXTS
from minipublic.selection.error_text import TEXTS as SELECTION_TEXTS

_TEXTS: dict[str, Promise] = {
    "phase_closed": _("The process is closed; its phase cannot change."),
    "phase_unchanged": _("The process is already in the %(phase)s phase."),
    "phase_skipped": _(
        "Phases move forward one at a time: from %(current)s the next phase is %(expected)s."
    ),
    "phase_back_needs_reason": _(
        "Going back from %(current)s to %(target)s needs a written reason."
    ),
    "public_record_stays_public": _(
        "Once a public process has left the design phase, it stays public."
    ),
    "lead_required": _("A new process needs a lead practitioner."),
    "slug_taken": _("The short name %(slug)s is already in use."),
    "member_exists": _("%(user)s already holds the role %(role)s."),
    "member_missing": _("%(user)s does not hold the role %(role)s."),
    "last_lead": _(
        "A process always needs a lead practitioner: add another one before removing %(user)s."
    ),
    "incident_needs_text": _("Say what happened."),
    "anonymous_needs_participant": _("Only participants may report anonymously."),
    "red_line_needs_decision": _(
        "A red line breach needs the decision taken: continue, pause or withdraw."
    ),
    "decision_needs_red_line": _("A decision on the red line is only taken for a breach."),
    "incident_elsewhere": _("That incident belongs to another process."),
    "incident_held": _("That report reaches the register only the next day."),
    "unknown_part": _("These parts of an incident cannot be published: %(parts)s."),
    "document_needs_title": _("Give the document a title."),
    "document_title_too_long": _("A title has at most %(limit)s characters."),
    "document_elsewhere": _("That document belongs to another process."),
    "document_already_replaced": _("%(path)s has already been replaced by a newer version."),
    "declaration_kind_unknown": _("%(kind)s is not a kind of interest."),
    "declaration_needs_details": _("Describe the interest you declare."),
    "declaration_elsewhere": _("That declaration belongs to another process."),
    "declaration_not_yours": _("A correction replaces a declaration of the same person."),
    "declaration_already_corrected": _(
        "That declaration has already been corrected; correct the newer one."
    ),
    "declaration_needs_person": _("Only a person declares their own interests."),
    "declaration_role_not_held": _("You do not hold that role in this process."),
    "declaration_role_unknown": _("%(role)s is not a role in a process."),
    "participant_declares_own": _(
        "Participants declare their own interests; nobody records them for them."
    ),
    "declaration_needs_name": _("Give the name of the person declaring."),
    "declaration_name_too_long": _("A name has at most %(limit)s characters."),
    "declaration_review_unknown": _("A review either notes the declaration or manages it."),
    "declaration_managed_needs_note": _("Say what was done to manage the interest."),
    "token_owner": _("API tokens belong to a signed-in person."),
    "token_missing": _("There is no such token among yours."),
    # Templates and the planned design (design.py).
    "unknown_template": _("There is no process template %(template)s."),
    "planned_value_out_of_range": _(
        "%(label)s must lie between %(min)s and %(max)s (days in steps of half a day)."
    ),
    "design_for_practitioner": _(
        "Only the lead practitioner changes the planned design: the time the members get "
        "is the independent team's decision."
    ),
    "funding_too_many_sources": _("List at most %(limit)s funders."),
    "funding_funder_missing": _("Funder %(line)s needs a name."),
    "funding_kind_unknown": _("Funder %(line)s has an unknown kind."),
    "funding_purpose_missing": _("Say what funder %(line)s (%(funder)s) pays for."),
    "funding_amount_out_of_range": _(
        "The amount of funder %(line)s (%(funder)s) must be zero or more."
    ),
    "funding_currency_invalid": _(
        "Give the currency of funder %(line)s (%(funder)s) as a three-letter code such as "
        "GBP or EUR."
    ),
    "funding_text_too_long": _("%(label)s has at most %(limit)s characters."),
    "funding_line_too_long": _(
        "Funder %(line)s: a name has at most %(name_limit)s characters, what it pays for at "
        "most %(text_limit)s."
    ),
}


# Each app keeps the wording of its own codes beside it.
_TEXTS |= RECRUITMENT_TEXTS | SELECTION_TEXTS
_TEXTS |= CONFORMANCE_TEXTS
_TEXTS |= COMMISSIONING_TEXTS
_TEXTS |= ENGAGEMENT_TEXTS
_TEXTS |= COUNCIL_TEXTS
_TEXTS |= EVIDENCE_TEXTS
_TEXTS |= DELIBERATION_TEXTS
_TEXTS |= SPEAKING_TEXTS
_TEXTS |= CODE_TEXTS
_TEXTS |= RECOMMENDATION_TEXTS | REPORT_TEXTS
_TEXTS |= ACCOUNTABILITY_TEXTS
_TEXTS |= EVALUATION_TEXTS
_TEXTS |= LEARNING_TEXTS
_TEXTS |= PARTICIPANTS_TEXTS


def _readable(value: Any) -> str:
    if isinstance(value, Phase):
        return str(PHASE_LABELS[value])
    if isinstance(value, Role):
        return str(ROLE_LABELS[value])
    return str(value)


def describe(error: LifecycleError) -> str:
    """The error in the reader's language, with phase and role names spelled out."""
    text = _TEXTS.get(error.code)
    if text is None:
        return str(error)
    return gettext(str(text)) % {key: _readable(value) for key, value in error.params.items()}


def attempt(request: HttpRequest, form: Any, done: str, run: Callable[[], object]) -> bool:
    """Run one action for a view: on success say ``done`` to the person; on a refusal
    put its translated wording on ``form`` and return False (nothing they typed is lost)."""
    try:
        run()
    except LifecycleError as error:
        form.add_error(None, describe(error))
        return False
    messages.success(request, done)
    return True
