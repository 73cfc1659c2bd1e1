"""Forms of the report's pages: the participants' own text, a new version's reason, a
request to change the report, and the participants' answer to one."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from minipublic.recommendations.report_actions import (
    REASON_MAX,
    REQUEST_MAX,
    TEXT_MAX,
    TITLE_MAX,
)
from minipublic.recommendations.report_models import ChangeRequestStatus


class ReportTextForm(forms.Form):
    """The participants' own words around their recommendations."""

    title = forms.CharField(
        label=_("Title of the report"),
        max_length=TITLE_MAX,
        help_text=_("For example: Our recommendations for a fair path to net zero."),
    )
    introduction = forms.CharField(
        label=_("Introduction"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Who you are, how you worked and what you ask of the council, in your own words. "
            "Leave an empty line between paragraphs."
        ),
    )
    closing = forms.CharField(
        label=_("Closing words"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What you want readers to remember; printed after the recommendations."),
    )


class NewVersionForm(forms.Form):
    """Start the next version of a frozen report."""

    reason = forms.CharField(
        label=_("Why a new version?"),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Published with the new version, next to what changed. For example: the "
            "introduction gave a wrong figure."
        ),
    )


class ChangeRequestForm(forms.Form):
    """A request, from outside the participants, to change their report."""

    what = forms.CharField(
        label=_("What should change?"),
        max_length=REQUEST_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Name the recommendation or passage and the change you ask for."),
    )
    why = forms.CharField(
        label=_("Why?"),
        required=False,
        max_length=REQUEST_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class AnswerForm(forms.Form):
    """The participants' answer to a request to change their report."""

    request = forms.IntegerField(widget=forms.HiddenInput)
    outcome = forms.ChoiceField(
        label=_("Your answer"),
        widget=forms.RadioSelect,
        choices=[
            (ChangeRequestStatus.DECLINED.value, _("We decline the request")),
            (ChangeRequestStatus.ACCEPTED.value, _("We take it up in a new version")),
        ],
    )
    answer = forms.CharField(
        label=_("Your reasons"),
        max_length=REQUEST_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The requester and the other participants read it."),
    )
