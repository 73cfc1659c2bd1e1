"""Translated wording for the research part's LifecycleError codes."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

TEXTS: dict[str, Promise] = {
    "research_owner": _("A research project needs a person as its owner."),
    "research_name": _("Give the project a name."),
    "research_parent": _("A code can only be put under a category."),
    "research_code_exists": _("The codebook already has a code called %(name)s."),
    "research_invitee": _(
        "There is no researcher called %(username)s. Only accounts the site marks as "
        "researchers can join a project; ask the site's operator."
    ),
    "research_reviewed": _("This source has already been reviewed."),
    "research_no_reflections": _("This library entry has no published reflections."),
    "research_imported": _("The reflections of %(title)s are already in this project."),
    "research_not_reviewed": _("Review the anonymisation of %(name)s before coding it."),
    "research_span": _("Choose some words of the text to code."),
    "research_no_codes": _("Tick at least one code."),
    "research_bad_code": _("Only this project's codes can be applied."),
    "transcript_type": _(
        "%(name)s: only plain text (.txt) and Word (.docx) transcripts are accepted. "
        "Save the transcript in one of these formats."
    ),
    "transcript_too_large": _(
        "%(name)s is larger than %(limit)s MB. Split the transcript into parts and upload each."
    ),
    "transcript_not_text": _(
        "%(name)s is not readable text. Save it as plain text (UTF-8) or as a .docx file."
    ),
    "transcript_not_docx": _(
        "%(name)s is not a Word document (.docx). Open it in your word processor and "
        "save it again as .docx, or as plain text (.txt)."
    ),
    "transcript_empty": _("%(name)s holds no text. Check that you chose the right file."),
}
