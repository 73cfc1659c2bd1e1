"""Forms of the responses pages: answering, implementation, milestones, progress,
ratings and the choice of e-mail updates."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from minipublic.accountability.models import NAME_MAX, TEXT_MAX, ProgressStatus, ResponseStatus
from minipublic.accountability.rating_actions import SCALE


def _date(label: Any, *, required: bool = True, help_text: Any = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class ResponseForm(forms.Form):
    """The commissioner's answer to one recommendation."""

    status = forms.ChoiceField(
        label=_("Your answer"), choices=ResponseStatus.choices, widget=forms.RadioSelect
    )
    reasons = forms.CharField(
        label=_("Reasons"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Published with the answer. For an answer accepted in part or rejected, say what "
            "you will not do and why."
        ),
    )
    final_answer_by = _date(
        _("Final answer by (only for “under consideration”)"),
        required=False,
        help_text=_("The date by which you will publish a final answer."),
    )


class ImplementationForm(forms.Form):
    """Who implements an accepted recommendation and when progress is next reviewed."""

    responsible_body = forms.CharField(label=_("Responsible body"), max_length=NAME_MAX)
    next_review_on = _date(_("Next review of progress"), required=False)


class MilestoneForm(forms.Form):
    """A new milestone."""

    title = forms.CharField(label=_("Milestone"), max_length=NAME_MAX)
    due_on = _date(_("Due on"))
    done_on = _date(_("Done on (if already reached)"), required=False)


class MilestoneChangeForm(forms.Form):
    """Moving a milestone's due date or recording when it was done."""

    due_on = _date(_("Due on"))
    done_on = _date(_("Done on"), required=False, help_text=_("Leave empty while not done."))


class ProgressForm(forms.Form):
    """A progress update."""

    status = forms.ChoiceField(
        label=_("Status"), choices=ProgressStatus.choices, widget=forms.RadioSelect
    )
    text = forms.CharField(
        label=_("What has happened"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 6})
    )
    as_of = _date(_("As of"), required=False, help_text=_("Leave empty for today."))


def _scale(label: Any) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=SCALE,
        coerce=int,
        required=False,
        empty_value=None,
        widget=forms.RadioSelect,
    )


class RatingForm(forms.Form):
    """A participant's rating; the implementation question only once there is one."""

    response_score = _scale(_("Is the response faithful to our recommendation?"))
    implementation_score = _scale(_("Is the implementation faithful to our recommendation?"))

    def __init__(self, *args: Any, implemented: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not implemented:
            del self.fields["implementation_score"]
