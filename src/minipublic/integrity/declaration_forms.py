"""Forms of the declarations of interest."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.dateformat import format as format_date
from django.utils.translation import gettext_lazy as _

from minipublic.integrity.models import Declaration, DeclarationReview, InterestKind
from minipublic.lifecycle import Role
from minipublic.processes.labels import ROLE_LABELS


def role_label(value: str) -> str:
    """The translated name of the role ``value`` (the value itself if it is no role)."""
    try:
        return str(ROLE_LABELS[Role(value)])
    except ValueError:
        return value


class _DeclarationChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    """A choice of declaration, shown by its date, kind and role (and name, if asked)."""

    def __init__(self, *args: Any, with_name: bool = False, **kwargs: Any) -> None:
        self.with_name = with_name
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj: Declaration) -> str:
        role = role_label(obj.role)
        text = f"{format_date(obj.declared_on, 'j M Y')}: {obj.get_kind_display()} ({role})"
        return f"{obj.name}, {text}" if self.with_name else text


def _details_field() -> forms.CharField:
    return forms.CharField(
        label=_("Details"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "What the interest is and how it touches the question of this process: "
            "who pays or employs whom, which organisation, which office. "
            "Leave empty only when there is nothing to declare."
        ),
    )


def _require_details(form: forms.Form, data: dict[str, Any]) -> None:
    if data.get("kind") and data["kind"] != InterestKind.NONE and not data.get("details"):
        form.add_error("details", _("Describe the interest you declare."))


class DeclareInterestForm(forms.Form):
    """Declare one's own interest, or correct an earlier declaration."""

    role = forms.ChoiceField(
        label=_("Declaring as"),
        help_text=_("You hold several roles in this process: say in which one you declare."),
    )
    kind = forms.ChoiceField(label=_("Kind of interest"), choices=InterestKind.choices)
    details = _details_field()
    supersedes = _DeclarationChoice(
        label=_("Correct an earlier declaration"),
        queryset=Declaration.objects.none(),
        required=False,
        empty_label=_("— No: this is a new declaration"),
        help_text=_(
            "Choose one of your declarations to replace it with this one. "
            "The earlier one stays on record, marked as corrected."
        ),
    )

    def __init__(
        self,
        *args: Any,
        roles: Iterable[Role] = (),
        current: QuerySet[Declaration] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        roles = list(roles)
        if len(roles) > 1:
            field = cast(forms.ChoiceField, self.fields["role"])
            field.choices = [(role.value, ROLE_LABELS[role]) for role in roles]
        else:
            del self.fields["role"]
        if current is not None and current.exists():
            self.fields["supersedes"].queryset = current  # type: ignore[attr-defined]
        else:
            del self.fields["supersedes"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        _require_details(self, data)
        return data


#: The roles a declaration may be recorded for: anyone but a participant.
RECORDABLE_ROLES = tuple(role for role in Role if role is not Role.PARTICIPANT)


class RecordDeclarationForm(forms.Form):
    """Record the declaration of an expert or witness who has no account."""

    name = forms.CharField(
        label=_("Name of the person declaring"),
        max_length=200,
        help_text=_("As it will be shown. Experts' declarations are public."),
    )
    role = forms.ChoiceField(
        label=_("Their role in the process"),
        choices=[(role.value, ROLE_LABELS[role]) for role in RECORDABLE_ROLES],
        initial=Role.EXPERT.value,
    )
    kind = forms.ChoiceField(label=_("Kind of interest"), choices=InterestKind.choices)
    details = _details_field()
    supersedes = _DeclarationChoice(
        label=_("Correct an earlier recorded declaration"),
        queryset=Declaration.objects.none(),
        required=False,
        with_name=True,
        empty_label=_("— No: this is a new declaration"),
        help_text=_("The earlier one stays on record, marked as corrected."),
    )

    def __init__(
        self, *args: Any, current: QuerySet[Declaration] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if current is not None and current.exists():
            self.fields["supersedes"].queryset = current  # type: ignore[attr-defined]
        else:
            del self.fields["supersedes"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        _require_details(self, data)
        return data


class ReviewDeclarationForm(forms.Form):
    """Oversight's review of a declaration."""

    review = forms.ChoiceField(
        label=_("Outcome"),
        choices=[
            (DeclarationReview.NOTED.value, DeclarationReview.NOTED.label),
            (DeclarationReview.MANAGED.value, DeclarationReview.MANAGED.label),
        ],
    )
    note = forms.CharField(
        label=_("What was done"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Required when the interest was managed. Public with an expert's or staff "
            "member's declaration; private with a participant's."
        ),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("review") == DeclarationReview.MANAGED and not data.get("note"):
            self.add_error("note", _("Say what was done to manage the interest."))
        return data
