"""Forms of the register of steering attempts."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from minipublic.integrity.models import (
    IncidentStatus,
    PressureSource,
    RedLineDecision,
    Severity,
    Target,
)


class ReportIncidentForm(forms.Form):
    """Report an attempt to steer the process."""

    what_happened = forms.CharField(
        label=_("What happened"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Who did what, when, and how. Only oversight and the lead practitioner read this."
        ),
    )
    pressure_source = forms.ChoiceField(
        label=_("Who exerted the pressure"), choices=PressureSource.choices
    )
    target = forms.ChoiceField(label=_("What it tried to steer"), choices=Target.choices)
    severity = forms.ChoiceField(
        label=_("How serious is it"), choices=Severity.choices, initial=Severity.MEDIUM
    )
    anonymous = forms.BooleanField(
        label=_("Report anonymously"),
        required=False,
        help_text=_(
            "Your name, your role and the time of day are then not stored at all, "
            "so nobody can find out who reported."
        ),
    )

    def __init__(self, *args: Any, allow_anonymous: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not allow_anonymous:
            del self.fields["anonymous"]


class ReviewIncidentForm(forms.Form):
    """Move an incident along its workflow and record the response."""

    status = forms.ChoiceField(label=_("Status"), choices=IncidentStatus.choices)
    response = forms.CharField(
        label=_("Response taken"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Published with the incident if oversight publishes it."),
    )
    red_line_decision = forms.ChoiceField(
        label=_("Decision on the red line"),
        required=False,
        choices=[("", _("— (not a red line breach)")), *RedLineDecision.choices],
        help_text=_("Required when the status is red line breached."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        breached = data.get("status") == IncidentStatus.RED_LINE_BREACHED
        if breached and not data.get("red_line_decision"):
            self.add_error(
                "red_line_decision",
                _("A red line breach needs the decision taken: continue, pause or withdraw."),
            )
        if not breached and data.get("red_line_decision"):
            self.add_error(
                "red_line_decision", _("A decision on the red line is only taken for a breach.")
            )
        return data


class PublishIncidentForm(forms.Form):
    """Show an incident on the public integrity page, or take it off."""

    published = forms.TypedChoiceField(
        coerce=lambda value: value == "1",
        choices=[("1", "1"), ("0", "0")],
        widget=forms.HiddenInput,
    )
