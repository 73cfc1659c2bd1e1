"""Translated wording for the portal part's LifecycleError codes."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

TEXTS: dict[str, Promise] = {
    "consent_needs_participant": _("Only a participant chooses this."),
    "consent_not_in_room": _(
        "Your account is not linked to a member of the panel. Ask the recruiter or the lead "
        "practitioner."
    ),
    "consent_withdrawn": _(
        "You withdrew your consent and your personal data was erased; this cannot change."
    ),
    "contact_needs_name": _("Say who you are."),
    "contact_needs_email": _("Give an e-mail address for the answer."),
    "contact_needs_request": _("Say what you are asking for."),
    "contact_elsewhere": _("That request belongs to another process."),
    "contact_handled": _("This request was handled already."),
    "contact_needs_message": _("Write the message to the participants."),
    "contact_no_recipients": _("There is no participant to pass it on to."),
    "contact_needs_reason": _("Give the reason for declining."),
    "contact_not_forwarded": _("Pass the request on to the participants first."),
    "contact_declined": _("This request was declined."),
    "contact_needs_outcome": _("Say what came of the request."),
}
