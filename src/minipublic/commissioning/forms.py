"""Forms of the commission appraisal: the questionnaire, a negotiation item, finalising.

The questionnaire form is built from ``standards.appraisal.QUESTIONNAIRE``; its fields
take the answers as typed and leave the validation to the core (``validate_answers``),
so the page and the action refuse exactly the same values.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from minipublic.commissioning.models import NegotiationStatus
from minipublic.standards.appraisal import QUESTIONNAIRE, QUESTIONS, RULES, Question, QuestionKind

#: The choice of the update form that removes an item's recorded answer change.
CLEAR_CHANGE = "-"
YES_NO_CHOICES = (("yes", _("Yes")), ("no", _("No")), ("unsure", _("Not sure")))


def field_name(question_id: str) -> str:
    """The form field name of a question ("control.nda" -> "q_control__nda")."""
    return "q_" + question_id.replace(".", "__").replace("-", "_")


def _field(q: Question) -> forms.Field:
    help_text = q.help
    if q.kind is QuestionKind.YES_NO:
        return forms.ChoiceField(
            label=q.text,
            help_text=help_text,
            required=False,
            choices=YES_NO_CHOICES,
            widget=forms.RadioSelect,
        )
    if q.kind is QuestionKind.CHOICE:
        return forms.ChoiceField(
            label=q.text,
            help_text=help_text,
            required=False,
            choices=[("", _("Not answered yet")), *q.choices],
        )
    if q.kind is QuestionKind.NUMBER:
        attrs = {"inputmode": "decimal", "class": "narrow"}
        return forms.CharField(
            label=f"{q.text} ({q.unit})" if q.unit else q.text,
            help_text=help_text,
            required=False,
            widget=forms.TextInput(attrs=attrs),
        )
    if q.kind is QuestionKind.DATE:
        return forms.CharField(
            label=q.text,
            help_text=help_text or _("As a date, e.g. 2026-03-31."),
            required=False,
            widget=forms.DateInput(attrs={"type": "date"}),
        )
    return forms.CharField(
        label=q.text, help_text=help_text, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class AnswersForm(forms.Form):
    """Every question of the questionnaire, all optional (answers may be partial)."""

    def __init__(self, *args: Any, answers: Mapping[str, Any] | None = None, **kwargs: Any):
        kwargs["initial"] = {field_name(k): v for k, v in (answers or {}).items() if k in QUESTIONS}
        super().__init__(*args, **kwargs)
        for section in QUESTIONNAIRE:
            for q in section.questions:
                self.fields[field_name(q.id)] = _field(q)

    def sections(self) -> list[tuple[str, str, list[tuple[Question, forms.BoundField]]]]:
        """(section id, title, [(question, bound field)]) in questionnaire order."""
        return [
            (s.id, s.title, [(q, self[field_name(q.id)]) for q in s.questions])
            for s in QUESTIONNAIRE
        ]

    def answers(self) -> dict[str, object]:
        """The answers as typed, by question id (blank means unanswered)."""
        return {q: self.cleaned_data.get(field_name(q), "") for q in QUESTIONS}


def rule_choices() -> list[tuple[str, str]]:
    """Every appraisal rule as (id, title), for choosing what a negotiation item is about."""
    return [(r.id, r.title) for r in RULES]


class NegotiationForm(forms.Form):
    """One negotiation item: the finding, what was asked, what came of it."""

    rule_id = forms.ChoiceField(label=_("Finding negotiated"), choices=rule_choices)
    asked = forms.CharField(
        label=_("What was asked of the commissioner"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    status = forms.ChoiceField(
        label=_("Where it stands"), choices=NegotiationStatus.choices, initial="open"
    )
    conceded = forms.CharField(
        label=_("What the commissioner conceded"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    final_condition = forms.CharField(
        label=_("Final condition, as written into the terms"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    change_question = forms.ChoiceField(
        label=_("Answer that changes when conceded (optional)"),
        required=False,
        choices=[("", _("None"))] + [(q.id, q.text) for q in QUESTIONS.values()],
        help_text=_("For example the non-disclosure question, which becomes no."),
    )
    change_value = forms.CharField(
        label=_("The answer as agreed"),
        required=False,
        max_length=4000,
        help_text=_("yes, no or unsure; a number; a date such as 2026-03-31; or a choice key."),
    )

    def changes(self) -> dict[str, object]:
        """The answer changes this item makes when conceded."""
        question = self.cleaned_data.get("change_question")
        return {question: self.cleaned_data.get("change_value", "")} if question else {}


class UpdateNegotiationForm(NegotiationForm):
    """A new status (and concession, condition, changes) for an item already recorded.

    A blank concession or condition clears it; the answer change is kept unless another
    is chosen or "None" removes it."""

    item = forms.TypedChoiceField(label=_("Item to update"), coerce=int)

    field_order = ["item", "status", "conceded", "final_condition"]

    def __init__(self, *args: Any, items: list[tuple[int, str]], **kwargs: Any):
        kwargs["prefix"] = "update"
        super().__init__(*args, **kwargs)
        del self.fields["rule_id"]
        del self.fields["asked"]
        self.fields["item"].choices = items  # type: ignore[attr-defined]
        question = self.fields["change_question"]
        question.label = _("Answer that changes when conceded")
        question.help_text = _(
            "Keep the change already recorded, remove it, or choose the answer that changes."
        )
        question.choices = [  # type: ignore[attr-defined]
            ("", _("Keep the change already recorded")),
            (CLEAR_CHANGE, _("None: remove the recorded change")),
            *((q.id, q.text) for q in QUESTIONS.values()),
        ]

    def agreed_changes(self, recorded: Mapping[str, object]) -> dict[str, object]:
        """The item's answer changes after this update: ``recorded`` kept, removed, or
        replaced by the chosen answer."""
        question = self.cleaned_data.get("change_question")
        if question == CLEAR_CHANGE:
            return {}
        if not question:
            return dict(recorded)
        return {question: self.cleaned_data.get("change_value", "")}


class FinaliseForm(forms.Form):
    """Finalise the draft: publish or not, and the reason when a red line remains."""

    publish = forms.BooleanField(
        label=_("Publish the final appraisal among the process's public documents"),
        required=False,
    )
    override_reason = forms.CharField(
        label=_("Reason to accept although a red line remains"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Recorded in the ledger; the oversight group reads it."),
    )

    def __init__(self, *args: Any, red_line: bool = False, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if not red_line:
            del self.fields["override_reason"]
