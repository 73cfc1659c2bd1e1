"""Forms of the participants' code of conduct: write a draft, open a vote, cast a vote."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from minipublic import clock
from minipublic.engagement.actions import BODY_LIMIT, TITLE_LIMIT
from minipublic.engagement.code_actions import MAX_VOTE_DAYS
from minipublic.engagement.models import VoteChoice


class CodeForm(forms.Form):
    """A draft code of conduct (new, or edited by any participant).

    The fields are not required here: the action says what is missing in its own words
    (``code_needs_text``), and nothing typed is lost.
    """

    title = forms.CharField(label=_("Title"), required=False, max_length=TITLE_LIMIT)
    body = forms.CharField(
        label=_("Our code of conduct"),
        required=False,
        max_length=BODY_LIMIT,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_(
            "One commitment per line, numbered “1.”, “2.”…; a blank line starts a new "
            "paragraph. Any participant may improve the draft until a vote opens on it."
        ),
    )


class OpenVoteForm(forms.Form):
    """When the participants' vote on a draft closes."""

    closes_at = forms.DateTimeField(
        label=_("The vote closes at"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["closes_at"].help_text = _(
            "Time zone: {zone}. At most {days} days from now; the text can no longer be "
            "edited once the vote opens."
        ).format(zone=timezone.get_current_timezone_name(), days=MAX_VOTE_DAYS)

    def clean_closes_at(self) -> datetime:
        """A moment still to come, at most ``MAX_VOTE_DAYS`` away."""
        closes_at: datetime = self.cleaned_data["closes_at"]
        now = clock.now()
        if closes_at <= now:
            raise forms.ValidationError(_("Choose a time still to come."))
        if closes_at > now + timedelta(days=MAX_VOTE_DAYS):
            raise forms.ValidationError(
                _("A vote stays open for at most %(days)s days."), params={"days": MAX_VOTE_DAYS}
            )
        return closes_at


class VoteForm(forms.Form):
    """One participant's vote on a proposal."""

    choice = forms.ChoiceField(
        label=_("Your vote"),
        choices=VoteChoice.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "Nobody else sees how you vote, and you may change it until the vote closes. "
            "Only the totals are published."
        ),
    )
