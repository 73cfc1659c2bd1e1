"""Translated wording for the report's LifecycleError codes (``report_actions.py``),
merged into processes.error_text."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

TEXTS: dict[str, Promise] = {
    "report_already_signed": _("You have already signed this version."),
    "report_elsewhere": _("That report belongs to another process."),
    "report_frozen": _(
        "Version %(number)s is frozen and published: it never changes. Start a new version, "
        "with the reason, to change the report."
    ),
    "report_needs_signatures": _(
        "Version %(number)s has %(count)s signatures; %(needed)s are needed to freeze it."
    ),
    "report_needs_title": _("Give the report a title."),
    "report_not_latest": _(
        "Version %(number)s has been followed by a newer version: sign that one."
    ),
    "report_not_signed": _("You have not signed this version."),
    "report_not_started": _("The report has not been assembled yet."),
    "report_request_answered": _("Request %(number)s has already been answered."),
    "report_request_needs_answer": _("Give the participants' answer."),
    "report_request_needs_what": _("Say what should change in the report."),
    "report_request_outcome": _("Say whether you decline the request or take it up."),
    "report_sign_needs_person": _("Only a participant signs, for themselves."),
    "report_signature_final": _("Version %(number)s is frozen: its signatures are final."),
    "report_text_too_long": _("Keep it to %(limit)s characters (it has %(length)s)."),
    "report_unchanged": _("Nothing changed: the report is as it was."),
    "report_version_needs_reason": _("Say why the report needs a new version."),
    "report_version_open": _(
        "Version %(number)s is still being signed: change it instead of starting another."
    ),
}
