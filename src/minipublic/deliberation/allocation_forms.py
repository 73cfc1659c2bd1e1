"""Forms of the table allocation pages (the actions check everything again)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from minipublic.deliberation.allocation import NOTE_MAX, SEED_MAX
from minipublic.deliberation.models import GroupKind, Session
from minipublic.deliberation.sessions import TABLES_MAX
from minipublic.room.allocation import MAX_SLACK

Choices = list[tuple[str, str]]


def session_choices(sessions: Iterable[Session]) -> Choices:
    """Each session as "number: title (date)"."""
    return [(str(s.number), f"{s.number}: {s.title} ({s.date.isoformat()})") for s in sessions]


class RunForm(forms.Form):
    """Run the allocation: which sessions, features and tables."""

    sessions = forms.MultipleChoiceField(
        label=_("Sessions to allocate"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "The seats of the other sessions count as earlier seatings: the allocation "
            "avoids seating their tablemates together again."
        ),
    )
    features = forms.MultipleChoiceField(
        label=_("Balance every table on"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Each table gets its fair share of each answer, as far as pins allow."),
    )
    tables = forms.IntegerField(
        label=_("Tables in each session"), min_value=1, max_value=TABLES_MAX
    )
    capacities = forms.CharField(
        label=_("Seats at each table (optional)"),
        required=False,
        max_length=400,
        help_text=_(
            "For tables of different sizes, the seats of table 1, 2, … separated by commas, "
            "for example 8, 8, 6, 10. Leave empty for tables as equal as possible."
        ),
    )
    slack = forms.IntegerField(
        label=_("People each session may seat outside their fair range"),
        min_value=0,
        max_value=MAX_SLACK,
        required=False,
        help_text=_(
            "0 keeps the best balance possible, whatever it costs the mixing. With many "
            "features and few tables, the best balance can seat the same people together "
            "every time: allowing 1 or 2 lets people meet more others."
        ),
    )
    seed = forms.CharField(
        label=_("Seed (optional)"),
        required=False,
        max_length=SEED_MAX,
        help_text=_("The same seed gives the same allocation; leave empty for a new one."),
    )

    def __init__(self, *args: Any, sessions: Choices, features: Choices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sessions"].choices = sessions  # type: ignore[attr-defined]
        self.fields["features"].choices = features  # type: ignore[attr-defined]

    def clean_slack(self) -> int:
        """No answer means no slack."""
        return int(self.cleaned_data["slack"] or 0)

    def clean_capacities(self) -> tuple[int, ...]:
        """The seats as whole numbers."""
        text = self.cleaned_data["capacities"].strip()
        if not text:
            return ()
        parts = [part for part in re.split(r"[,;\s]+", text) if part]
        if not all(part.isdigit() and 1 <= int(part) <= 100 for part in parts):
            raise forms.ValidationError(
                _("Give whole numbers of seats from 1 to 100, separated by commas.")
            )
        return tuple(int(part) for part in parts)


class PinForm(forms.Form):
    """Keep one person at one table in one session."""

    session = forms.ChoiceField(label=_("Session"))
    attendee = forms.ChoiceField(label=_("Person"))
    table = forms.IntegerField(label=_("Table"), min_value=1, max_value=TABLES_MAX)

    def __init__(
        self, *args: Any, sessions: Choices, people: Mapping[str, str], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["session"].choices = sessions  # type: ignore[attr-defined]
        self.fields["attendee"].choices = list(people.items())  # type: ignore[attr-defined]


class UnpinForm(forms.Form):
    """Release one pin."""

    session = forms.IntegerField(widget=forms.HiddenInput)
    attendee = forms.CharField(widget=forms.HiddenInput, max_length=40)


class GroupForm(forms.Form):
    """People who sit together in every session, or never share a table."""

    kind = forms.ChoiceField(
        label=_("These people"), choices=GroupKind.choices, widget=forms.RadioSelect
    )
    members = forms.MultipleChoiceField(label=_("People"), widget=forms.CheckboxSelectMultiple)
    note = forms.CharField(
        label=_("Why (for the team)"),
        required=False,
        max_length=NOTE_MAX,
        help_text=_("For example: need the hearing-loop table. Not shown to the members."),
    )

    def __init__(self, *args: Any, people: Mapping[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["members"].choices = list(people.items())  # type: ignore[attr-defined]
