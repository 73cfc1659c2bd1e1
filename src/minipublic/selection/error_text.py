"""Translated wording for this app's LifecycleError codes (merged into processes.error_text)."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _  # noqa: F401

TEXTS: dict[str, Promise] = {
    # "code": _("Wording with %(param)s."),
}
