"""Forms for creating and running a process."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from minipublic.lifecycle import Phase, Role
from minipublic.processes.design import DAY_STEP, LIMITS, PLANNED_LABELS, PlannedDesign
from minipublic.processes.labels import PHASE_LABELS, ROLE_LABELS, VISIBILITY_LABELS, choices
from minipublic.processes.models import Process
from minipublic.standards import TEMPLATES


class ProcessDetailsForm(forms.ModelForm[Process]):
    """The descriptive fields of a process."""

    class Meta:
        model = Process
        fields = ["title", "question", "description", "commissioning_body", "model"]
        widgets = {
            "question": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 5}),
        }


class ProcessCreateForm(ProcessDetailsForm):
    """A new process: its short name (fixed for good) and its details."""

    class Meta(ProcessDetailsForm.Meta):
        fields = ["slug", *ProcessDetailsForm.Meta.fields, "visibility"]
        widgets = ProcessDetailsForm.Meta.widgets
        help_texts = {"model": _("A template that names its own model sets this for you.")}


class TemplateChoiceForm(forms.Form):
    """Which template a new process starts from; "no template" is the explicit last option."""

    template = forms.ChoiceField(
        label=_("Start from a template"),
        choices=[*((t.id, t.name) for t in TEMPLATES.values()), ("", _("No template"))],
        required=False,
        initial="citizens_assembly",
        widget=forms.RadioSelect,
    )


def _planned(name: str, field: Callable[..., forms.Field], **options: Any) -> forms.Field:
    low, high = LIMITS[name]
    return field(
        label=PLANNED_LABELS[name],
        required=False,
        min_value=low,
        max_value=high,
        help_text=format_lazy(
            _("From {min} to {max}; leave empty if not decided yet."), min=low, max=high
        ),
        **options,
    )


class PlannedDesignForm(forms.Form):
    """The planned design of a process, each value within its range."""

    planned_days = _planned(
        "planned_days", forms.DecimalField, max_digits=3, decimal_places=1, step_size=DAY_STEP
    )
    planned_hours = _planned("planned_hours", forms.IntegerField)
    planned_meetings = _planned("planned_meetings", forms.IntegerField)
    planned_panel_size = _planned("planned_panel_size", forms.IntegerField)
    response_days = _planned("response_days", forms.IntegerField)

    def design(self) -> PlannedDesign:
        """The valid values as a design (empty fields are unset)."""
        return PlannedDesign(**self.cleaned_data)


class PhaseForm(forms.Form):
    """Move the process to another phase."""

    to_phase = forms.ChoiceField(label=_("New phase"), choices=choices(PHASE_LABELS))
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Shown publicly in the process history. Required when going back a phase."),
    )

    def target(self) -> Phase:
        """The chosen phase as the core's enum."""
        return Phase(self.cleaned_data["to_phase"])


class VisibilityForm(forms.Form):
    """Make the process public or private."""

    visibility = forms.ChoiceField(
        label=_("Who can read this process"),
        choices=choices(VISIBILITY_LABELS),
        widget=forms.RadioSelect,
    )


class AddMemberForm(forms.Form):
    """Give an existing account a role in the process."""

    person = forms.CharField(
        label=_("User name or e-mail address"),
        max_length=254,
        help_text=_("The person must already have an account on this site."),
    )
    role = forms.ChoiceField(label=_("Role"), choices=choices(ROLE_LABELS))

    def clean_person(self) -> Any:
        """Find exactly one active account by user name or e-mail address."""
        value = self.cleaned_data["person"].strip()
        matches = list(
            get_user_model()
            .objects.filter(Q(username__iexact=value) | Q(email__iexact=value), is_active=True)
            .distinct()[:2]
        )
        if not matches:
            raise forms.ValidationError(_("No account has that user name or e-mail address."))
        if len(matches) > 1:
            raise forms.ValidationError(
                _("More than one account matches; enter the user name instead.")
            )
        return matches[0]

    def chosen_role(self) -> Role:
        """The chosen role as the core's enum."""
        return Role(self.cleaned_data["role"])


class RemoveMemberForm(forms.Form):
    """Identify one role held by one member, for removal."""

    user_id = forms.IntegerField(widget=forms.HiddenInput)
    role = forms.ChoiceField(choices=choices(ROLE_LABELS), widget=forms.HiddenInput)
