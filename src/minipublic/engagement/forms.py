"""Forms of the terms pages: choose a role's charter, and write its new version."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from minipublic.engagement.actions import BODY_LIMIT, TITLE_LIMIT
from minipublic.lifecycle import Role
from minipublic.processes.labels import ROLE_LABELS


class ChooseCharterForm(forms.Form):
    """Which role's charter to write a new version of."""

    role = forms.ChoiceField(
        label=_("Charter of the role"),
        choices=[(role.value, ROLE_LABELS[role]) for role in Role],
    )


class CharterForm(forms.Form):
    """A new version of one role's charter.

    The fields are not required here: the action says what is missing, in its own words
    (``charter_needs_text``, ``charter_needs_note``), and nothing typed is lost.
    """

    title = forms.CharField(label=_("Title"), required=False, max_length=TITLE_LIMIT)
    body = forms.CharField(
        label=_("Terms"),
        required=False,
        max_length=BODY_LIMIT,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_(
            "One commitment per line, numbered “1.”, “2.”…; a blank line starts a new "
            "paragraph. Say where a commitment comes from (a standard, the commission "
            "appraisal) at the end."
        ),
    )
    change_note = forms.CharField(
        label=_("What changed and why"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Required. Every member of the role reads this note, with the changed lines, "
            "before they accept the new version."
        ),
    )
