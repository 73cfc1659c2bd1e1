"""Forms of the council's pages (the actions check everything again)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from minipublic.council.models import FollowUpStatus, TopicStatus
from minipublic.processes.models import Process


def _date(label: Any, *, required: bool = True, help_text: Any = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class _AssemblyChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Process) -> str:
        return str(obj.title)


class ScheduleForm(forms.Form):
    """The council's size, the term and how many seats rotate at a time."""

    seats = forms.IntegerField(label=_("Number of seats"), min_value=1, max_value=200)
    term_months = forms.IntegerField(
        label=_("Term of a member (months)"), min_value=1, max_value=120
    )
    seats_per_rotation = forms.IntegerField(
        label=_("Seats drawn at each rotation"),
        min_value=1,
        max_value=200,
        help_text=_("In Ostbelgien, a third of the 24 seats every six months."),
    )
    first_rotation = _date(_("Date of the first rotation"))


class RotationForm(forms.Form):
    """Start the rotation draw for the seats due."""

    reason = forms.CharField(
        label=_("Why this draw is made (published)"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class SeatForm(forms.Form):
    """Seat the members of the latest draw (the first draw: from which day)."""

    starts_on = _date(
        _("First sitting day"),
        required=False,
        help_text=_("Only for the first draw; after a rotation, terms start on its date."),
    )


class TopicForm(forms.Form):
    """Propose a topic."""

    title = forms.CharField(label=_("Topic"), max_length=200)
    why = forms.CharField(
        label=_("Why the council should take it up"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class DecisionForm(forms.Form):
    """Record the council's decision on a topic, with the vote."""

    status = forms.ChoiceField(
        label=_("Decision"),
        choices=[(value, label) for value, label in TopicStatus.choices if value != "proposed"],
    )
    note = forms.CharField(
        label=_("What the council decided and why"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    votes_for = forms.IntegerField(label=_("Votes for"), min_value=0, required=False)
    votes_against = forms.IntegerField(label=_("Votes against"), min_value=0, required=False)
    votes_abstaining = forms.IntegerField(label=_("Abstentions"), min_value=0, required=False)
    assembly = _AssemblyChoice(
        label=_("Assembly convened (when convening)"),
        queryset=Process.objects.none(),
        required=False,
    )

    def __init__(self, *args: Any, assemblies: QuerySet[Process], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assembly"].queryset = assemblies  # type: ignore[attr-defined]


class ExpertForm(forms.Form):
    """Record an expert the council chose."""

    name = forms.CharField(label=_("Expert's name"), max_length=200)
    field = forms.CharField(label=_("Field or organisation"), max_length=200)
    why = forms.CharField(
        label=_("Why the council chose them"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class FollowUpForm(forms.Form):
    """Record where the response to an earlier assembly stands."""

    assembly = _AssemblyChoice(label=_("Assembly"), queryset=Process.objects.none())
    subject = forms.CharField(
        label=_("Recommendation, or the response overall"),
        max_length=300,
    )
    status = forms.ChoiceField(label=_("Where it stands"), choices=FollowUpStatus.choices)
    summary = forms.CharField(
        label=_("What the response said or did (reasons, for a rejection)"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    next_check_on = _date(
        _("Next check"),
        required=False,
        help_text=_("Needed unless the recommendation is implemented or rejected."),
    )

    def __init__(self, *args: Any, assemblies: QuerySet[Process], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assembly"].queryset = assemblies  # type: ignore[attr-defined]
