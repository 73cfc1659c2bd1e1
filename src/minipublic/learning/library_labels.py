"""The words of the library's entry page: section headings and figure names."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

SECTION_HEADINGS: dict[str, Promise] = {
    "summary": _("Summary"),
    "purpose": _("Problems and purpose"),
    "context": _("Background and context"),
    "organisers": _("Organisers, commissioner and funders"),
    "recruitment": _("Recruitment and selection"),
    "methods": _("Methods and design"),
    "process": _("What went on"),
    "outcomes": _("Outcomes and response"),
    "lessons": _("Lessons: what we would do differently"),
}

FIGURE_LABELS: dict[str, Promise] = {
    "members": _("Members"),
    "panel_size": _("Members"),
    "days": _("Days of deliberation"),
    "sessions": _("Sessions"),
    "weeks": _("Weeks"),
    "recommendations": _("Recommendations"),
    "accepted": _("Recommendations accepted"),
    "rejected": _("Recommendations rejected"),
    "implemented": _("Recommendations implemented"),
    "register_entries": _("Entries in the register of steering attempts"),
    "red_flags": _("Red flags in the appraisal"),
    "invitations": _("Invitations sent"),
    "registrations": _("People who registered"),
}


def figure_label(key: str) -> str:
    """The readable name of a figure (the key, made readable, if it is not listed)."""
    label = FIGURE_LABELS.get(key)
    return str(label) if label is not None else key.replace("_", " ").capitalize()
