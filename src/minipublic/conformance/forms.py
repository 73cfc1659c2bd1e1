"""The lead practitioner's form of attestations: one field per fact only a person can state."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from minipublic.conformance.actions import NOTE_LIMIT
from minipublic.conformance.facts import ATTESTED_TYPES, attestable_facts
from minipublic.conformance.models import Attestation

#: The question each attestable fact answers, as the form asks it.
FACT_LABELS: dict[str, Promise] = {
    "arms_length_final_say": _(
        "Does the independent team, not the commissioner, have the final say on the design?"
    ),
    "data_protection": _("Is the participants' data protected under a written data policy?"),
    "decision_open": _("Is the decision still open, not taken before the process?"),
    "facilitated_small_groups": _("Do participants deliberate in facilitated small groups?"),
    "shorter_time_justification": _(
        "If the process is shorter than its model needs: why is the shorter time enough?"
    ),
}

YES, NO = "yes", "no"
_CHOICES = [("", _("Not stated")), (YES, _("Yes")), (NO, _("No"))]


def fact_label(fact: str) -> str:
    """The translated question for ``fact`` (the fact's name if it has none)."""
    return str(FACT_LABELS.get(fact, fact))


def _initial(row: Attestation | None) -> str:
    if row is None:
        return ""
    if isinstance(row.value, bool):
        return YES if row.value else NO
    return str(row.value)


class AttestationsForm(forms.Form):
    """One field per attestable fact (current values shown) and a note for the changes."""

    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=NOTE_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Any qualification; it is recorded with each statement you change."),
    )

    def __init__(
        self, *args: Any, current: Mapping[str, Attestation] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.current = dict(current or {})
        note = self.fields.pop("note")
        for fact in attestable_facts():
            label = fact_label(fact)
            if ATTESTED_TYPES.get(fact, bool) is str:
                self.fields[fact] = forms.CharField(
                    label=label,
                    required=False,
                    max_length=NOTE_LIMIT,
                    widget=forms.Textarea(attrs={"rows": 3}),
                )
            else:
                self.fields[fact] = forms.ChoiceField(label=label, choices=_CHOICES, required=False)
            self.fields[fact].initial = _initial(self.current.get(fact))
        self.fields["note"] = note

    def changes(self) -> dict[str, bool | str]:
        """The facts whose stated value differs from the current one (after validation)."""
        changed: dict[str, bool | str] = {}
        for fact in attestable_facts():
            raw = self.cleaned_data.get(fact) or ""
            if raw == _initial(self.current.get(fact)) or raw == "":
                continue
            changed[fact] = raw if ATTESTED_TYPES.get(fact, bool) is str else raw == YES
        return changed
