"""The anonymisation review every published text goes through (case records, transcripts).

The framework-free ``minipublic.anonymise`` finds names; this module keeps the reviewer's
decisions on the object being anonymised (``Redactable``), renders the text with every
finding highlighted, and reads the review form. Nothing is replaced until a person has
seen every term: ``Redactable.reviewed_at`` is set only by a review, and any later change
to the text clears it.

A *term* is one distinct name, whatever the number of its occurrences:
``{"term": "Jane Smith", "kind": "person", "label": "[a participant]", "replace": true}``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, TypedDict

from django import forms
from django.conf import settings
from django.db import models
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from minipublic.anonymise import Kind, KnownNames, Replacement, apply, detect, highlight_spans

KIND_LABELS = {
    Kind.PERSON: _("person"),
    Kind.ORGANISATION: _("organisation"),
    Kind.PLACE: _("place"),
    Kind.CONTACT: _("contact detail"),
}


class Term(TypedDict):
    """One reviewed (or proposed) name and what it becomes."""

    term: str
    kind: str
    label: str
    replace: bool


class Redactable(models.Model):
    """Fields of an object whose text is anonymised before it leaves its process."""

    redaction_terms = models.JSONField(default=list, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        abstract = True


def proposed_terms(
    texts: Iterable[str], known: KnownNames, kept: Sequence[Term] = ()
) -> list[Term]:
    """The terms to review: those already decided (``kept``), then every new name found in
    ``texts``, proposed for replacement with its suggested label, in order of appearance."""
    terms: list[Term] = list(kept)
    seen = {term["term"].lower() for term in terms}
    for text in texts:
        for finding in detect(text, known):
            key = finding.text.lower()
            if key not in seen:
                seen.add(key)
                terms.append(
                    Term(
                        term=finding.text,
                        kind=finding.kind.value,
                        label=finding.label,
                        replace=True,
                    )
                )
    return terms


def replacements(terms: Sequence[Term]) -> list[Replacement]:
    """The terms the reviewer chose to replace, as the anonymiser's replacements."""
    return [
        Replacement(term["term"], Kind(term["kind"]), term["label"])
        for term in terms
        if term["replace"] and term["term"].strip()
    ]


def anonymised(text: str, terms: Sequence[Term]) -> str:
    """``text`` with the chosen terms replaced by their labels."""
    return apply(text, replacements(terms))


def highlighted(text: str, terms: Sequence[Term]) -> SafeString:
    """``text`` as HTML with every occurrence of each term marked: the replacement shown
    beside the original, so the reviewer sees exactly what will change."""
    all_terms = [
        Replacement(term["term"], Kind(term["kind"]), term["label"] if term["replace"] else "")
        for term in terms
        if term["term"].strip()
    ]
    pieces: list[str] = []
    position = 0
    for start, end, replacement in highlight_spans(text, all_terms):
        pieces.append(format_html("{}", text[position:start]))
        if replacement.label:
            pieces.append(
                format_html(
                    '<mark class="redaction redaction-{}"><del>{}</del> <ins>{}</ins></mark>',
                    replacement.kind.value,
                    text[start:end],
                    replacement.label,
                )
            )
        else:
            pieces.append(format_html('<mark class="redaction-kept">{}</mark>', text[start:end]))
        position = end
    pieces.append(format_html("{}", text[position:]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece is escaped by format_html


def occurrences(texts: Iterable[str], terms: Sequence[Term]) -> dict[str, int]:
    """How many times each term occurs in ``texts`` (by its lower-case spelling)."""
    counts = {term["term"].lower(): 0 for term in terms}
    all_terms = [Replacement(t["term"], Kind(t["kind"]), t["label"]) for t in terms if t["term"]]
    for text in texts:
        for _start, _end, replacement in highlight_spans(text, all_terms):
            counts[replacement.term.lower()] += 1
    return counts


class TermForm(forms.Form):
    """One row of the review: the name, what it is, its replacement, and whether to replace."""

    term = forms.CharField(label=_("Name as written"), max_length=200, required=False)
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[(k.value, v) for k, v in KIND_LABELS.items()]
    )
    label = forms.CharField(
        label=_("Replace with"),
        max_length=100,
        required=False,
        help_text=_("A role label, e.g. [the commissioner] or [a regional council]."),
    )
    replace = forms.BooleanField(label=_("Replace"), required=False)

    def clean(self) -> dict[str, Any]:
        """A replaced name needs its replacement label."""
        data = super().clean() or {}
        if (
            data.get("term", "").strip()
            and data.get("replace")
            and not data.get("label", "").strip()
        ):
            self.add_error("label", _("Say what replaces this name, e.g. [a participant]."))
        return data


TermFormSet = forms.formset_factory(TermForm, extra=3, max_num=500, validate_max=True)


def term_formset(terms: Sequence[Term], data: Any = None) -> Any:
    """The review form for ``terms`` (bound to ``data`` when posted); three empty rows
    let the reviewer add names the detection missed."""
    return TermFormSet(data=data, initial=[dict(term) for term in terms], prefix="terms")


def terms_from(formset: Any) -> list[Term]:
    """The reviewed terms from a valid formset (empty rows dropped)."""
    terms: list[Term] = []
    for form in formset.forms:
        data = form.cleaned_data
        if data.get("term", "").strip():
            terms.append(
                Term(
                    term=data["term"].strip(),
                    kind=data["kind"],
                    label=data.get("label", "").strip(),
                    replace=bool(data.get("replace")),
                )
            )
    return terms


def kind_summary(terms: Sequence[Term]) -> SafeString:
    """A short line such as "3 people, 2 organisations, 1 place" for the review page."""
    counts: dict[str, int] = {}
    for term in terms:
        if term["replace"]:
            counts[term["kind"]] = counts.get(term["kind"], 0) + 1
    return format_html_join(", ", "{} {}", ((n, KIND_LABELS[Kind(k)]) for k, n in counts.items()))
