"""Forms of drafting, votes and minority reports.

Text fields are not required here: the actions say what is missing in their own words,
and nothing typed is lost.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from minipublic.recommendations.acting import NOTE_LIMIT, TEXT_LIMIT, TITLE_LIMIT
from minipublic.recommendations.models import Recommendation, RecommendationStatus
from minipublic.recommendations.vote_models import SupportLevel
from minipublic.recommendations.votes import PAPER_LIMIT, RULE_BOUNDS


def _text(label: Any, limit: int, rows: int = 6, help_text: Any = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=limit,
        widget=forms.Textarea(attrs={"rows": rows}),
        help_text=help_text,
    )


class RecommendationForm(forms.Form):
    """A recommendation's wording (new, or edited by its drafting group)."""

    theme = forms.CharField(
        label=_("Theme"),
        required=False,
        max_length=TITLE_LIMIT,
        help_text=_("Groups recommendations in the report, e.g. “Heating our homes”."),
    )
    title = forms.CharField(label=_("Title"), required=False, max_length=TITLE_LIMIT)
    text = _text(
        _("What we recommend"),
        TEXT_LIMIT,
        8,
        _("Say who should do what, by when. This is the text the participants vote on."),
    )
    rationale = _text(_("Why"), TEXT_LIMIT, 6, _("The reasons and the evidence behind it."))

    def __init__(self, *args: Any, themes: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if themes:
            self.fields["theme"].help_text = _("Themes so far: %(themes)s.") % {
                "themes": "; ".join(themes)
            }


class ReviseForm(RecommendationForm):
    """The drafting group's direct edit, with a note on what changed."""

    note = forms.CharField(
        label=_("What changed and why (optional)"),
        required=False,
        max_length=NOTE_LIMIT,
    )


class AmendmentForm(forms.Form):
    """A participant's amendment: the whole new text and the reason."""

    text = _text(
        _("The new text"),
        TEXT_LIMIT,
        8,
        _("Change the recommendation's text as you propose it; the page shows the difference."),
    )
    reason = _text(_("Why you propose this change"), NOTE_LIMIT, 3)


class NoteForm(forms.Form):
    """A short optional note with a decision."""

    note = forms.CharField(label=_("A note for the record (optional)"), required=False)


class CommentForm(forms.Form):
    """A comment on a recommendation."""

    text = _text(_("Your comment"), NOTE_LIMIT, 3)


class WithdrawForm(forms.Form):
    """Why the drafting group withdraws its draft."""

    reason = _text(_("Why it is withdrawn"), NOTE_LIMIT, 2)


class BallotForm(forms.Form):
    """One participant's ballot."""

    level = forms.ChoiceField(
        label=_("Your support"),
        choices=SupportLevel.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "Nobody else sees your ballot, and you may change it until the vote closes. "
            "Only the totals per level are kept."
        ),
    )


class CloseVoteForm(forms.Form):
    """Closing a vote, with the ballots cast on paper in the room (if any)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for value, label in SupportLevel.choices:
            self.fields[f"paper_{value}"] = forms.IntegerField(
                label=label, required=False, min_value=0, max_value=PAPER_LIMIT
            )

    def paper_counts(self) -> dict[str, int]:
        """The paper ballots per level (cleaned)."""
        return {
            value: self.cleaned_data.get(f"paper_{value}") or 0 for value in SupportLevel.values
        }


class RulesForm(forms.Form):
    """The process's thresholds."""

    adoption_percent = forms.DecimalField(
        label=_("Support needed to adopt a recommendation or carry an amendment (%)"),
        max_digits=5,
        decimal_places=2,
        min_value=RULE_BOUNDS["adoption_percent"][0],
        max_value=RULE_BOUNDS["adoption_percent"][1],
        help_text=_("The share of supporting ballots among those cast, abstentions left out."),
    )
    minority_percent = forms.DecimalField(
        label=_("Support needed for a minority report (% of the participants)"),
        max_digits=5,
        decimal_places=2,
        min_value=RULE_BOUNDS["minority_percent"][0],
        max_value=RULE_BOUNDS["minority_percent"][1],
    )
    sign_off_percent = forms.DecimalField(
        label=_("Signatures needed to freeze the report (% of the participants)"),
        max_digits=5,
        decimal_places=2,
        min_value=RULE_BOUNDS["sign_off_percent"][0],
        max_value=RULE_BOUNDS["sign_off_percent"][1],
    )

    def values(self) -> dict[str, Decimal]:
        """The three thresholds (cleaned)."""
        return {name: self.cleaned_data[name] for name in RULE_BOUNDS}


class MinorityForm(forms.Form):
    """A minority report, about one recommendation or the report as a whole."""

    recommendation = forms.ModelChoiceField(
        label=_("About"),
        queryset=Recommendation.objects.none(),
        required=False,
        empty_label=_("The report as a whole"),
    )
    title = forms.CharField(label=_("Title"), required=False, max_length=TITLE_LIMIT)
    text = _text(_("The minority view"), TEXT_LIMIT, 8)

    def __init__(self, *args: Any, process: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["recommendation"]
        field.queryset = Recommendation.objects.filter(process=process).exclude(
            status=RecommendationStatus.WITHDRAWN
        )
        field.label_from_instance = lambda r: f"{r.number}. {r.title}"
