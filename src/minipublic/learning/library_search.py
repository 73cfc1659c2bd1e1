"""Finding entries in the case library: the published entries, the search over their title
and sections, the filters (model, country, region, pressure, outcome, year) and how many
entries each filter choice would show.

The search looks in ``LibraryEntry.search_text`` (kept in lower case when an entry is
saved), so it is case-insensitive the same way on SQLite and PostgreSQL. The pressure
filter reads the entries' JSON lists in Python: the library holds hundreds of records,
not millions, and JSON containment is not portable across the two databases.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import QueryDict

from minipublic.learning.library_models import LibraryEntry, Outcome
from minipublic.learning.library_pressures import PRESSURE_GROUPS, PRESSURE_LABELS
from minipublic.processes.labels import MODEL_LABELS

FILTERS: tuple[str, ...] = ("model", "country", "region", "pressure", "outcome", "year")
MAX_QUERY = 200


def published() -> QuerySet[LibraryEntry]:
    """Every entry the library shows: published and not withdrawn, newest first."""
    return LibraryEntry.objects.filter(withdrawn_at__isnull=True).order_by("-published_at", "pk")


@dataclass(frozen=True)
class Choice:
    """One choice of a filter: its value, its words, how many entries it would show."""

    value: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class Facet:
    """One filter with its choices (for pressures, grouped under headings)."""

    name: str
    choices: tuple[Choice, ...]
    groups: tuple[tuple[str, tuple[Choice, ...]], ...] = ()

    @property
    def selected(self) -> str:
        """The value chosen, or ""."""
        return next((choice.value for choice in self.choices if choice.selected), "")


def criteria(query: QueryDict) -> dict[str, str]:
    """The search words and filters in a request's query string (blank ones left out)."""
    found = {"q": query.get("q", "").strip()[:MAX_QUERY]}
    for name in FILTERS:
        found[name] = query.get(name, "").strip()[:MAX_QUERY]
    return {name: value for name, value in found.items() if value}


def search(entries: QuerySet[LibraryEntry], words: str) -> QuerySet[LibraryEntry]:
    """The entries whose title or sections contain every word of ``words``, in any case."""
    for word in words.lower().split():
        entries = entries.filter(search_text__contains=word)
    return entries


def matching(chosen: dict[str, str], *, leave_out: str = "") -> QuerySet[LibraryEntry]:
    """The published entries matching ``chosen`` (all of it but the filter ``leave_out``)."""
    entries = search(published(), chosen.get("q", ""))
    for name in FILTERS:
        value = chosen.get(name)
        if not value or name == leave_out:
            continue
        if name == "pressure":
            ids = [pk for pk, keys in entries.values_list("pk", "pressures") if value in keys]
            entries = entries.filter(pk__in=ids)
        elif name == "year":
            entries = entries.filter(year=int(value)) if value.isdigit() else entries.none()
        else:
            entries = entries.filter(**{name: value})
    return entries


def facets(chosen: dict[str, str]) -> dict[str, Facet]:
    """Every filter's choices, each counted over the entries the other filters leave."""
    result: dict[str, Facet] = {}
    for name in FILTERS:
        entries = matching(chosen, leave_out=name)
        counts: Counter[str] = Counter()
        if name == "pressure":
            for keys in entries.values_list("pressures", flat=True):
                counts.update(str(key) for key in set(keys or ()))
        else:
            for value in entries.values_list(name, flat=True):
                if value not in (None, ""):
                    counts[str(value)] += 1
        selected = chosen.get(name, "")
        if selected and selected not in counts:
            counts[selected] = 0  # keep the chosen value visible, with its empty count
        result[name] = _facet(name, counts, selected)
    return result


def _facet(name: str, counts: Counter[str], selected: str) -> Facet:
    labels = _labels(name)
    values = _ordered(name, counts, labels)
    choices = tuple(
        Choice(value, str(labels.get(value, value)), counts[value], value == selected)
        for value in values
    )
    groups: tuple[tuple[str, tuple[Choice, ...]], ...] = ()
    if name == "pressure":
        groups = tuple(
            (str(heading), tuple(c for c in choices if c.value.startswith(prefix + ".")))
            for prefix, heading in PRESSURE_GROUPS.items()
        )
        groups = tuple(group for group in groups if group[1])
        others = tuple(c for c in choices if c.value.partition(".")[0] not in PRESSURE_GROUPS)
        if others:
            groups += (("", others),)
    return Facet(name, choices, groups)


def _labels(name: str) -> dict[str, Any]:
    if name == "model":
        return {str(value): label for value, label in MODEL_LABELS.items()}
    if name == "outcome":
        return {str(value): label for value, label in Outcome.choices}
    if name == "pressure":
        return dict(PRESSURE_LABELS)
    return {}


def _ordered(name: str, counts: Counter[str], labels: dict[str, Any]) -> list[str]:
    if labels:  # the codebook's or the choices' own order, then anything unknown
        known = [value for value in labels if value in counts]
        return known + sorted(value for value in counts if value not in labels)
    if name == "year":
        return sorted(counts, reverse=True)
    return sorted(counts, key=str.casefold)
