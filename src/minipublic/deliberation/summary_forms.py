"""Forms of the table summaries: write or revise one, correct one, attest that the table
confirmed it aloud.

Text fields are not required here: the actions say what is missing in their own words,
and nothing typed is lost.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from minipublic.deliberation.summaries import NOTE_MAX, SUMMARY_MAX


class WriteSummaryForm(forms.Form):
    """A summary of a table's discussion, new or revised."""

    text = forms.CharField(
        label=_("Summary of the table's discussion"),
        required=False,
        max_length=SUMMARY_MAX,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_(
            "In the members' own terms: what they agreed, where they disagreed, and what they "
            "asked for. Do not name anyone. The table's members confirm or correct it before "
            "it enters the public record."
        ),
    )
    note = forms.CharField(
        label=_("What you changed and why"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed for a revision; shown with the version history."),
    )


class CorrectionForm(forms.Form):
    """A member's correction of a summary."""

    correction = forms.CharField(
        label=_("What is wrong or missing?"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Your table and the facilitation team see your correction; the public does not. "
            "The facilitator revises the summary, and you are asked again."
        ),
    )


class AttestForm(forms.Form):
    """The facilitator's word that the table confirmed the summary aloud."""

    how = forms.CharField(
        label=_("How and when the table confirmed it aloud"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "For example: read out at the end of the session; all six members agreed. "
            "Published as your attestation, marked as such."
        ),
    )
