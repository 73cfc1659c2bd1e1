"""Events of participant support (issue 10): counts and amounts only, never who."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from minipublic.integrity.dictionary.types import EventType as E

_PAYMENT = {
    "kind": _("What was paid: a stipend or a kind of expense."),
    "amount": _("The amount."),
    "currency": _("The currency (ISO 4217 code)."),
}

EVENTS: tuple[E, ...] = (
    E(
        "support.settings_changed",
        _("The participants' stipend changed"),
        _("The stipend per meeting or per day and the payment methods offered are set."),
        ("stipend_amount", "currency", "basis", "payment_methods"),
        meanings={
            "stipend_amount": _("The stipend for each meeting or day attended."),
            "currency": _("The currency (ISO 4217 code)."),
            "basis": _("Whether it is counted per meeting or per day attended."),
            "payment_methods": _("The ways of payment offered."),
        },
    ),
    E(
        "support.plans_started",
        _("Support plans were started"),
        _("Plans were started for participants from the access needs given at registration."),
        ("plans", "items"),
        meanings={
            "plans": _("How many plans were started."),
            "items": _("How many support items they started with."),
        },
    ),
    E(
        "support.payment_approved",
        _("A payment to a participant was approved"),
        _("A stipend or expense was approved for payment; who it is for is not recorded."),
        ("kind", "amount", "currency"),
        meanings=_PAYMENT,
    ),
    E(
        "support.payment_made",
        _("A payment to a participant was made"),
        _("A stipend or expense was marked paid; who it is for is not recorded."),
        ("kind", "amount", "currency"),
        meanings=_PAYMENT,
    ),
    E(
        "support.personal_data_erased",
        _("Participants' support data was erased"),
        _(
            "After the retention period of a closed process, support needs, payment "
            "details, receipts and references are erased; amounts and statuses stay."
        ),
        ("plans", "retention_days"),
        meanings={
            "plans": _("How many plans' data was erased."),
            "retention_days": _("The retention period, in days."),
        },
    ),
)
