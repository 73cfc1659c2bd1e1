"""Translated wording for the support part's LifecycleError codes."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

TEXTS: dict[str, Promise] = {
    "support_currency": _(
        "%(given)s is not a currency code we accept. Use three capital letters from ISO 4217, "
        "such as GBP, EUR or USD (accepted: %(accepted)s)."
    ),
    "support_currency_required": _("Give the currency of %(amount)s."),
    "support_amount": _("%(amount)s is not an amount; write it like 60 or 12.50."),
    "support_amount_decimals": _("%(amount)s has more than two decimals."),
    "support_amount_required": _("Give the amount to pay."),
    "support_basis": _("Choose per meeting or per day."),
    "support_method": _("Unknown payment method %(method)s."),
    "support_method_not_offered": _(
        "This process does not offer %(method)s: choose one it offers, or add it in the "
        "support settings first."
    ),
    "support_text_too_long": _("Keep the %(field)s to %(limit)s characters (it has %(length)s)."),
    "support_plan_elsewhere": _("That plan belongs to another process."),
    "support_owner": _(
        "The person responsible must be a lead practitioner or a recruiter of this process."
    ),
    "support_kind": _("Choose what kind of support this is."),
    "support_status": _("Approve or pay an item with its own button, not in the form."),
    "support_stipend_twice": _("This person already has a stipend for that meeting."),
    "support_receipt_kind": _("Only expenses take a receipt."),
    "support_receipt_paid": _("This expense is paid: its receipt stays."),
    "support_receipt_type": _("%(name)s: a receipt must be a PDF, PNG or JPEG file."),
    "support_receipt_refused": _("%(reason)s"),
    "support_not_payable": _("Only stipends and expenses are paid."),
    "support_already_approved": _("This payment is already approved."),
    "support_not_due": _("Only a payment that is due can be approved (this one is %(status)s)."),
    "support_already_paid": _(
        "This payment was already marked paid on %(date)s: it is not paid twice."
    ),
    "support_not_approved": _("Approve this payment before marking it paid."),
}
