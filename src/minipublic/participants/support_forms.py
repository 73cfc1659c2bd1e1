"""Forms of the support pages. They read what was typed; the actions in ``support.py``
check it (currency, amounts, owners) and refuse with a message naming the field."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from minipublic.deliberation.models import Session
from minipublic.participants.support import (
    EDITABLE_STATUSES,
    PAYMENT_METHODS,
    TEXT_MAX,
    item_owners,
)
from minipublic.participants.support_models import ItemKind, ItemStatus, StipendBasis
from minipublic.processes.models import Process


def _choice(form: forms.Form, name: str) -> forms.ChoiceField:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)  # noqa: S101 - declared above
    return field


class SettingsForm(forms.Form):
    """The stipend and the ways of payment offered."""

    stipend_amount = forms.CharField(
        label=_("Stipend"),
        required=False,
        max_length=20,
        help_text=_("Per meeting or per day attended, e.g. 60 or 45.50. Leave empty for none."),
    )
    currency = forms.CharField(
        label=_("Currency"),
        max_length=3,
        help_text=_("Three capital letters (ISO 4217), e.g. GBP, EUR, USD."),
    )
    basis = forms.ChoiceField(label=_("Counted"), choices=StipendBasis.choices)
    payment_methods = forms.MultipleChoiceField(
        label=_("Payment methods offered"),
        choices=[(key, label) for key, label in PAYMENT_METHODS.items()],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class PlanFilterForm(forms.Form):
    """Filter the list of plans."""

    kind = forms.ChoiceField(
        label=_("Kind of support"), required=False, choices=[("", _("Any")), *ItemKind.choices]
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any")), *ItemStatus.choices]
    )
    owner = forms.ChoiceField(label=_("Responsible"), required=False)

    def __init__(self, process: Process, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        owners = [
            (str(user.pk), user.display_name or user.get_username())
            for user in item_owners(process)
        ]
        _choice(self, "owner").choices = [("", _("Anyone")), *owners]


class PlanForm(forms.Form):
    """A plan's needs and how the person is paid."""

    needs = forms.CharField(
        label=_("Needs, in their words"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    payment_method = forms.ChoiceField(label=_("Payment method"), required=False)
    payment_details = forms.CharField(
        label=_("Payment details"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Bank details or where to send vouchers. Stored encrypted."),
    )

    def __init__(self, methods: list[str], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choice(self, "payment_method").choices = [
            ("", _("Not chosen yet")),
            *[(method, PAYMENT_METHODS.get(method, method)) for method in methods],
        ]


class ItemForm(forms.Form):
    """Add or change one support item."""

    kind = forms.ChoiceField(label=_("Kind"), choices=ItemKind.choices)
    details = forms.CharField(
        label=_("Details"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    owner = forms.ChoiceField(label=_("Responsible"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[(status.value, status.label) for status in EDITABLE_STATUSES],
        help_text=_("Approving and paying have their own buttons on the plan."),
    )
    amount = forms.CharField(label=_("Amount"), required=False, max_length=20)
    currency = forms.CharField(label=_("Currency"), required=False, max_length=3)
    session = forms.ChoiceField(label=_("Meeting"), required=False)

    def __init__(self, process: Process, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.owners = {str(user.pk): user for user in item_owners(process)}
        _choice(self, "owner").choices = [
            ("", _("Nobody yet")),
            *[(pk, user.display_name or user.get_username()) for pk, user in self.owners.items()],
        ]
        self.sessions = {str(s.pk): s for s in Session.objects.filter(process=process)}
        _choice(self, "session").choices = [
            ("", _("None")),
            *[(pk, f"{s.number}. {s.title} ({s.date})") for pk, s in self.sessions.items()],
        ]


class ReceiptForm(forms.Form):
    """Upload a receipt for an expense."""

    receipt = forms.FileField(
        label=_("Receipt"),
        help_text=_("A PDF, PNG or JPEG file within the upload size limit. Stored encrypted."),
    )


class PaidForm(forms.Form):
    """Mark an approved payment paid."""

    reference = forms.CharField(
        label=_("Payment reference"),
        required=False,
        max_length=200,
        help_text=_("The bank transfer's reference or the voucher number. Stored encrypted."),
    )
