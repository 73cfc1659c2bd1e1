"""Translated wording for this app's LifecycleError codes (merged into processes.error_text)."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

TEXTS: dict[str, Promise] = {
    # Attestations (actions.py).
    "fact_not_attestable": _("%(fact)s is not a fact a practitioner can attest."),
    "attestation_value_invalid": _("The value for %(fact)s must be %(expected)s."),
    "attestation_needs_text": _("Write the justification; it cannot be empty."),
    "attestation_note_too_long": _("A note has at most %(limit)s characters."),
    # Oversight sign-offs (signoffs.py).
    "sign_off_subject_unknown": _("%(subject)s is not a subject of sign-off."),
    "sign_off_decision_unknown": _("A decision either signs off or objects."),
    "objection_needs_reasons": _(
        "Give the reasons for the objection: they are published as the oversight group's position."
    ),
    "sign_off_reasons_too_long": _("Give the reasons in at most %(limit)s characters."),
}
