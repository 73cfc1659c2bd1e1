"""Forms of the member questionnaire: the questionnaire itself and opening a round."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from minipublic.evaluation.actions import MAX_ELIGIBLE
from minipublic.evaluation.models import RoundKind
from minipublic.standards.member_questionnaire import Instrument, Item, Option, option_order


class QuestionnaireForm(forms.Form):
    """One radio group per item, none required (every question may be skipped).

    The question wording and the answers are the instrument's own, shown exactly as it
    has them (they are not passed through translation). ``seed`` orders the answers of
    items marked for randomising, per respondent; ``None`` keeps the instrument's order
    (the paper form's).
    """

    def __init__(self, items: tuple[Item, ...], seed: bytes | None, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.items = items
        for item in items:
            options: tuple[Option, ...] = (
                option_order(item, seed) if seed is not None else item.options
            )
            self.fields[item.key] = forms.ChoiceField(
                label=item.text,
                required=False,
                choices=[(option.key, option.label) for option in options],
                widget=forms.RadioSelect,
            )

    def answers(self) -> dict[str, str]:
        """The answers given (skipped questions left out)."""
        return {key: value for key, value in self.cleaned_data.items() if value}


class OpenRoundForm(forms.Form):
    """Which round to open, with which questionnaire, asking how many members."""

    kind = forms.ChoiceField(label=_("Round"), choices=RoundKind.choices)
    instrument = forms.ChoiceField(label=_("Questionnaire"))
    eligible = forms.IntegerField(
        label=_("Members asked"),
        min_value=1,
        max_value=MAX_ELIGIBLE,
        help_text=_(
            "The participants with an account, plus any members who answer on paper (their "
            "questionnaires are typed in by the team). The response rate is counted "
            "against this number."
        ),
    )

    def __init__(self, instruments: list[Instrument], *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        field: Any = self.fields["instrument"]
        field.choices = [
            (instrument.key, f"{instrument.title} ({instrument.version})")
            for instrument in instruments
            if instrument.usable
        ]
