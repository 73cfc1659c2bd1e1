"""Translated wording for the table summaries' LifecycleError codes (``summaries.py``),
merged into ``deliberation.error_text``."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

TEXTS: dict[str, Promise] = {
    "summary_text_too_long": _("Keep it to %(limit)s characters (it has %(length)s)."),
    "summary_not_awaiting": _(
        "Version %(version)s of this summary is no longer awaiting confirmation: %(status)s."
    ),
    "summary_session_not_held": _("Session %(session)s has not been held yet (it is on %(date)s)."),
    "summary_table_empty": _(
        "Nobody sat at table %(table)s in session %(session)s: there is no one to confirm it."
    ),
    "summary_needs_text": _("Write the summary."),
    "summary_already_recorded": _(
        "The summary of table %(table)s in session %(session)s is in the record: it is final."
    ),
    "summary_revision_needs_note": _("Say what you changed and why."),
    "summary_unchanged": _("The text is the same as version %(version)s."),
    "summary_not_your_table": _(
        "Only the members who sat at table %(table)s in session %(session)s confirm or "
        "correct its summary."
    ),
    "summary_correction_needs_words": _("Say what is wrong or missing in the summary."),
    "summary_attestation_not_needed": _(
        "Everyone at table %(table)s has an account: they confirm the summary themselves."
    ),
    "summary_already_attested": _("Version %(version)s has already been confirmed aloud."),
    "summary_has_corrections": _(
        "A member has corrected version %(version)s: revise it, and read the new version to "
        "the table."
    ),
    "summary_attestation_needs_words": _("Say how and when the table confirmed it aloud."),
}
