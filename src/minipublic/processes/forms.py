"""Forms for creating and running a process."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from minipublic.lifecycle import Phase, Role
from minipublic.processes.labels import PHASE_LABELS, ROLE_LABELS, VISIBILITY_LABELS, choices
from minipublic.processes.models import Process


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
