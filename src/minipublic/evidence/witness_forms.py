"""Forms of the witness register and the participants' requests for witnesses."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from minipublic.evidence.models import (
    NAME_MAX,
    TEXT_MAX,
    AgeBand,
    Gender,
    ProposerKind,
    RequestKind,
    RequestStatus,
    Witness,
    WitnessRequest,
    WitnessStatus,
    YesNo,
)
from minipublic.evidence.witness_actions import NEXT_STATUSES, TAG_MAX, TAGS_MAX
from minipublic.integrity.declarations import current_declarations
from minipublic.integrity.models import Declaration, InterestKind
from minipublic.lifecycle import Role
from minipublic.processes.models import Process

_NOT_GIVEN = ("", _("Not given"))


class _RequestChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        label = obj.person or obj.perspective
        return str(_("Request #{number}: {label}")).format(number=obj.number, label=label)


class _WitnessChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"#{obj.number} {obj.name} ({obj.role_organisation})"


class WitnessDetailsForm(forms.Form):
    """Who a witness is and what they would bring."""

    name = forms.CharField(label=_("Name"), max_length=NAME_MAX)
    role_organisation = forms.CharField(
        label=_("Role and organisation"),
        max_length=NAME_MAX,
        help_text=_("For example: “Chair, Riverford Tenants' Association”."),
    )
    expertise = forms.CharField(
        label=_("Expertise"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What they know about that the members need to hear."),
    )
    perspectives = forms.CharField(
        label=_("Perspectives and positions"),
        max_length=TAGS_MAX * (TAG_MAX + 2),
        help_text=_(
            "Separate them with commas, e.g. “renters, against road charging”. The register "
            "counts how many witnesses bring each perspective."
        ),
    )

    def __init__(self, *args: Any, process: Process, team: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        known = sorted(
            {
                tag
                for row in Witness.objects.filter(process=process).values_list(
                    "perspectives", flat=True
                )
                for tag in row
            },
            key=str.casefold,
        )
        if known:
            self.fields["perspectives"].help_text = _(
                "Separate them with commas. Already in the register (reuse the same words so "
                "the balance counts them together): {tags}."
            ).format(tags=", ".join(known))
        if team:
            self.fields["name_withheld"] = forms.BooleanField(
                label=_("Do not publish the name (a private individual)"),
                required=False,
                help_text=_(
                    "The register then shows only the role and organisation. Use it for people "
                    "who speak from their own experience, not in a public capacity."
                ),
            )


class ProposeWitnessForm(WitnessDetailsForm):
    """A new proposal; the team also says on whose behalf it records it."""

    def __init__(self, *args: Any, process: Process, team: bool, **kwargs: Any) -> None:
        super().__init__(*args, process=process, team=team, **kwargs)
        if not team:
            return
        self.fields["proposer_kind"] = forms.ChoiceField(
            label=_("Proposed by"),
            choices=ProposerKind.choices,
            initial=ProposerKind.TEAM.value,
            help_text=_(
                "Record proposals made to the team by stakeholders, the commissioner, the "
                "oversight group, experts or the participants under their proposer."
            ),
        )
        self.fields["proposer_name"] = forms.CharField(
            label=_("Proposing organisation (for a stakeholder)"),
            max_length=NAME_MAX,
            required=False,
        )
        self.fields["request"] = _RequestChoice(
            label=_("In answer to the participants' request"),
            queryset=WitnessRequest.objects.filter(process=process)
            .exclude(status=RequestStatus.WITHDRAWN)
            .order_by("number"),
            required=False,
            empty_label=_("— none"),
            help_text=_("Only for a witness proposed by the participants."),
        )
        self.order_fields(["proposer_kind", "proposer_name", "request"])


class EditWitnessForm(WitnessDetailsForm):
    """Correct a witness's details (the team); a stakeholder's organisation too."""

    def __init__(self, *args: Any, process: Process, witness: Witness, **kwargs: Any) -> None:
        super().__init__(*args, process=process, team=True, **kwargs)
        if witness.proposer_kind == ProposerKind.STAKEHOLDER:
            self.fields["proposer_name"] = forms.CharField(
                label=_("Proposing organisation"), max_length=NAME_MAX
            )


def witness_initial(witness: Witness) -> dict[str, object]:
    """The edit form's starting values."""
    return {
        "name": witness.name,
        "role_organisation": witness.role_organisation,
        "expertise": witness.expertise,
        "perspectives": ", ".join(witness.perspectives),
        "proposer_name": witness.proposer_name,
        "name_withheld": witness.name_withheld,
    }


class DecisionForm(forms.Form):
    """A decision on a proposed witness, with its reasons."""

    status = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect)
    reasons = forms.CharField(
        label=_("Reasons"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Published with the decision."),
    )

    def __init__(self, *args: Any, witness: Witness, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        allowed = NEXT_STATUSES[WitnessStatus(witness.status)]
        field = self.fields["status"]
        if isinstance(field, forms.ChoiceField):
            field.choices = [
                (value, label) for value, label in WitnessStatus.choices if value in allowed
            ]


class DeclarationForm(forms.Form):
    """The witness's declaration of interest, recorded by the team."""

    kind = forms.ChoiceField(label=_("Kind of interest"), choices=InterestKind.choices)
    details = forms.CharField(
        label=_("Details"),
        max_length=TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("As the witness declared it. It is published, and oversight reviews it."),
    )


class _DeclarationChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name}: {obj.get_kind_display()} ({obj.declared_on:%d %b %Y})"


class LinkDeclarationForm(forms.Form):
    """Link a public declaration a witness made under their own account."""

    declaration = _DeclarationChoice(
        label=_("Their declaration"),
        queryset=Declaration.objects.none(),
        help_text=_("Current declarations made by experts under their own account."),
    )

    def __init__(self, *args: Any, process: Process, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["declaration"]
        if isinstance(field, forms.ModelChoiceField):
            field.queryset = current_declarations(process).filter(
                declarant__isnull=False, role=Role.EXPERT.value
            )


class ProfileForm(forms.Form):
    """Demographic information the witness chose to give."""

    gender = forms.ChoiceField(
        label=_("Gender"), choices=[_NOT_GIVEN, *Gender.choices], required=False
    )
    age_band = forms.ChoiceField(
        label=_("Age"), choices=[_NOT_GIVEN, *AgeBand.choices], required=False
    )
    minority_ethnic = forms.ChoiceField(
        label=_("From an ethnic minority"), choices=[_NOT_GIVEN, *YesNo.choices], required=False
    )
    disabled = forms.ChoiceField(
        label=_("Disabled or with a long-term condition"),
        choices=[_NOT_GIVEN, *YesNo.choices],
        required=False,
    )
    consent_to_publish = forms.BooleanField(
        label=_("The witness agrees to these answers being counted in the published totals"),
        required=False,
        help_text=_(
            "Only totals are published, and only once enough invited witnesses have agreed. "
            "Leave every answer blank and this unticked to erase what was kept."
        ),
    )


class RequestForm(forms.Form):
    """A participant's request for a witness."""

    kind = forms.ChoiceField(
        label=_("What are you asking for?"),
        choices=RequestKind.choices,
        widget=forms.RadioSelect,
        initial=RequestKind.PERSPECTIVE.value,
    )
    person = forms.CharField(
        label=_("Who (for a named person)"),
        max_length=NAME_MAX,
        required=False,
        help_text=_("Their name and, if you know it, their role or organisation."),
    )
    perspective = forms.CharField(
        label=_("Which perspective or expertise"),
        max_length=NAME_MAX,
        help_text=_("For example: “someone who has had a heat pump fitted in a terraced house”."),
    )
    reason = forms.CharField(
        label=_("Why should the members hear this?"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Your request is put to all the participants' vote. Your name is never shown with it."
        ),
    )


class SupportForm(forms.Form):
    """One participant's vote on a request."""

    choice = forms.ChoiceField(
        label=_("Your vote"),
        choices=[("support", _("Support")), ("oppose", _("Do not support"))],
        widget=forms.RadioSelect,
        help_text=_(
            "Nobody else sees how you vote, and you may change it until the vote closes. "
            "Only the totals are published."
        ),
    )


class AnswerForm(forms.Form):
    """The team's public answer to a supported request."""

    witness = _WitnessChoice(
        label=_("Witness invited in answer"),
        queryset=Witness.objects.none(),
        required=False,
        empty_label=_("— no witness is invited (explain why below)"),
        help_text=_("Invite the witness in the register first; only invited witnesses are listed."),
    )
    reasons = forms.CharField(
        label=_("Your answer to the participants"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Published on the request and in the witness register."),
    )

    def __init__(self, *args: Any, process: Process, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["witness"]
        if isinstance(field, forms.ModelChoiceField):
            field.queryset = Witness.objects.filter(
                process=process, status__in=[WitnessStatus.INVITED, WitnessStatus.APPEARED]
            ).order_by("number")
