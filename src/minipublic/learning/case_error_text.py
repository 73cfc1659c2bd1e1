"""Translated wording for the case part's LifecycleError codes."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

TEXTS: dict[str, Promise] = {
    "case_no_draft": _("This process has no case record being written: start one first."),
    "case_draft_exists": _("A case record is already being written for this process."),
    "case_unknown_section": _("Unknown section(s): {sections}."),
    "case_section_too_long": _("A section has at most {limit} characters: shorten {sections}."),
    "case_summary_empty": _("Write the summary: it is what the library lists first."),
    "case_sections_empty": _("Write at least one section besides the summary."),
    "case_title_invalid": _("Give a title of 1 to {limit} characters."),
    "case_unknown_pressure": _("Unknown pressure(s): {keys}."),
    "case_choice_invalid": _("Choose an outcome and a licence from the lists."),
    "case_location_invalid": _("Choose how precisely to show the location from the list."),
    "case_not_reviewed": _(
        "Review the names in the record before publishing: nothing leaves unreviewed."
    ),
    "case_changed_since_review": _(
        "The record changed after its review: review the names again, then publish."
    ),
    "case_location_missing": _(
        "Give the country, and the {level} you chose to show, before publishing."
    ),
}
