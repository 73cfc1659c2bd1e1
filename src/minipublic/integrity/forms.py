"""Forms of the register of steering attempts."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from minipublic.integrity.models import (
    DEFAULT_PUBLISHED_PARTS,
    PUBLISHABLE_PARTS,
    IncidentStatus,
    PressureSource,
    RedLineDecision,
    Severity,
    Target,
)
from minipublic.integrity.uploads import accepted_extensions, max_megabytes


class MultipleFileInput(forms.ClearableFileInput):
    """A file input that takes several files at once."""

    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files (a list of uploads); each is checked later by ``integrity.uploads``."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"multiple": True}))
        # Empty files reach ``check_upload``, whose refusal names the file.
        kwargs.setdefault("allow_empty_file", True)
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


def _files_hint() -> str:
    return str(
        _("Optional. Accepted: {accepted}; at most {limit} MB each.").format(
            accepted=accepted_extensions(), limit=max_megabytes()
        )
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
            "Your name, your role and the time of day are then not stored at all, so "
            "nobody can find out who reported. Your report reaches the oversight group "
            "the next day, together with any others, so that its time cannot point to you."
        ),
    )
    evidence = MultipleFileField(label=_("Files of evidence"), required=False)

    def __init__(self, *args: Any, allow_anonymous: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        hint = _files_hint()
        if allow_anonymous:
            hint += " " + str(
                _(
                    "If you report anonymously, remember that files can carry your name "
                    "in their details (photos and documents often do): remove it first, "
                    "or describe the evidence in words instead."
                )
            )
        else:
            del self.fields["anonymous"]
        self.fields["evidence"].help_text = hint


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


class AttachmentForm(forms.Form):
    """Add files of evidence to an incident."""

    evidence = MultipleFileField(label=_("Add files of evidence"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["evidence"].help_text = _files_hint()


#: How the publication form names each part oversight may publish.
PART_LABELS = {
    "target": _("What it tried to steer"),
    "pressure_source": _("Who exerted the pressure"),
    "phase": _("Phase"),
    "status": _("Status"),
    "response": _("Response taken"),
    "severity": _("Severity"),
    "reported_on": _("Date reported"),
    "public_summary": _("The public summary below"),
    "red_line_decision": _("Decision on the red line"),
}


class PublishIncidentForm(forms.Form):
    """Show chosen parts of an incident on the public integrity page, or take it off."""

    published = forms.TypedChoiceField(
        coerce=lambda value: value == "1",
        choices=[("1", _("Publish")), ("0", _("Take off the public page"))],
        widget=forms.HiddenInput,
    )
    parts = forms.MultipleChoiceField(
        label=_("Parts to publish"),
        required=False,
        choices=[(part, PART_LABELS[part]) for part in PUBLISHABLE_PARTS],
        initial=list(DEFAULT_PUBLISHED_PARTS),
        widget=forms.CheckboxSelectMultiple,
    )
    public_summary = forms.CharField(
        label=_("Public summary"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "The oversight group's own words for the public. Never copy what the reporter "
            "wrote, and name no private person."
        ),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("published") and not data.get("parts"):
            self.add_error("parts", _("Choose at least one part to publish."))
        if "public_summary" in (data.get("parts") or []) and not data.get("public_summary"):
            self.add_error("public_summary", _("Write the summary you want to publish."))
        return data
