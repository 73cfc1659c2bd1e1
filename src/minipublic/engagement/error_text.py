"""Translated wording for this app's LifecycleError codes (merged into processes.error_text)."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

TEXTS: dict[str, Promise] = {
    # Charters and acceptance (actions.py).
    "terms_need_person": _("Only a member of the process accepts its terms."),
    "charter_needs_text": _("A charter needs a title and its terms."),
    "charter_too_long": _(
        "A title has at most %(title)s characters and the terms at most %(body)s."
    ),
    "charter_unchanged": _("The terms are the same as the current version: nothing to publish."),
    "charter_needs_note": _(
        "Say what changed and why: every member of the role reads it before accepting again."
    ),
    "charter_owned_by_participants": _(
        "The participants adopted their own code of conduct; only another vote of theirs "
        "changes it."
    ),
}
