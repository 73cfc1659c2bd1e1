"""The funding form: one row per funder (blank rows are ignored), and who pays whom."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from minipublic.processes.funding import (
    AMOUNT_MAX,
    FUNDER_MAX,
    MAX_SOURCES,
    TEXT_MAX,
    FunderLine,
    Funding,
)
from minipublic.processes.funding_models import FunderKind

EXTRA_ROWS = 2


class FunderForm(forms.Form):
    """One funder; every field optional so that a blank row means "no funder here"."""

    funder = forms.CharField(
        label=_("Funder"),
        max_length=FUNDER_MAX,
        required=False,
        help_text=_("The organisation's name. A private donor's name is published too."),
    )
    kind = forms.ChoiceField(label=_("Kind of funder"), choices=FunderKind.choices, required=False)
    amount = forms.DecimalField(
        label=_("Amount"),
        required=False,
        min_value=0,
        max_value=AMOUNT_MAX,
        decimal_places=2,
        help_text=_("Leave empty for support in kind (a venue, staff time)."),
    )
    currency = forms.CharField(
        label=_("Currency"),
        max_length=3,
        required=False,
        help_text=_("A three-letter code: GBP, EUR, USD…"),
        widget=forms.TextInput(attrs={"size": 4, "autocapitalize": "characters"}),
    )
    pays_for = forms.CharField(
        label=_("What it pays for"),
        max_length=TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def is_blank(self) -> bool:
        """Whether the row was left empty (it then adds no funder)."""
        data = getattr(self, "cleaned_data", {})
        return not any(
            data.get(name) not in (None, "") for name in ("funder", "amount", "pays_for")
        )

    def clean(self) -> dict[str, Any]:
        """A row with anything in it needs a funder, a kind, what it pays for, and a
        currency with its amount."""
        data = super().clean() or {}
        if self.is_blank():
            return data
        if not data.get("funder"):
            self.add_error("funder", _("Name the funder, or clear the whole row."))
        if not data.get("kind"):
            self.add_error("kind", _("Choose what kind of body the funder is."))
        if not data.get("pays_for"):
            self.add_error("pays_for", _("Say what this money or support pays for."))
        currency = (data.get("currency") or "").strip().upper()
        data["currency"] = currency
        if data.get("amount") is not None and not (len(currency) == 3 and currency.isalpha()):
            self.add_error("currency", _("Give the currency as a three-letter code such as GBP."))
        return data

    def line(self) -> FunderLine:
        """The row as a funder line."""
        data = self.cleaned_data
        return FunderLine(
            funder=data["funder"],
            kind=data["kind"],
            pays_for=data["pays_for"],
            amount=data["amount"],
            currency=data["currency"],
        )


FunderFormSet = forms.formset_factory(
    FunderForm, extra=EXTRA_ROWS, max_num=MAX_SOURCES, validate_max=True
)


class FundingStatementForm(forms.Form):
    """Who pays the practitioners, what participants receive, and anything else to say."""

    practitioners_paid_by = forms.CharField(
        label=_("Who pays the practitioners"),
        max_length=TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Who contracts and pays the lead practitioner, the facilitators and the "
            "recruiters, and whether they depend on the commissioner for it."
        ),
    )
    participants_paid = forms.CharField(
        label=_("What the participants receive"),
        max_length=TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Allowances, expenses, childcare or care costs, equipment lent."),
    )
    notes = forms.CharField(
        label=_("Other notes on the funding"),
        max_length=TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


def funding_from(formset: Any, statement: FundingStatementForm) -> Funding:
    """The funding the two valid forms describe (blank funder rows left out)."""
    lines = tuple(form.line() for form in formset.forms if not form.is_blank())
    data = statement.cleaned_data
    return Funding(
        sources=lines,
        practitioners_paid_by=data["practitioners_paid_by"],
        participants_paid=data["participants_paid"],
        notes=data["notes"],
    )
