"""Theme statistics over coded excerpts: counts, co-occurrence and quotes.

**Co-occurrence** (docs/learning.md). A *coding* is one code applied to one excerpt. Two
codings co-occur when they are on the same excerpt, or on two different excerpts of the
same source whose character ranges overlap (share at least one character). The
co-occurrence of codes A and B (A ≠ B) is the number of co-occurring pairs of codings, one
coded A and one coded B, each pair counted once. The matrix is therefore symmetric; its
diagonal holds the number of codings of each code (its excerpt count).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations


@dataclass(frozen=True)
class Excerpt:
    """A coded stretch ``[start, end)`` of a source's text, with its codes' keys."""

    id: str
    source: str
    start: int
    end: int
    codes: frozenset[str]
    quote: str = ""
    memo: str = ""

    def overlaps(self, other: Excerpt) -> bool:
        """Whether the two excerpts share at least one character of the same source."""
        return self.source == other.source and self.start < other.end and other.start < self.end


@dataclass(frozen=True)
class CodeCount:
    """How often a code was applied: to how many excerpts, in how many sources."""

    excerpts: int
    sources: int


def counts(excerpts: Iterable[Excerpt]) -> dict[str, CodeCount]:
    """Excerpts and distinct sources per code (codes never applied are absent)."""
    by_code: dict[str, list[Excerpt]] = defaultdict(list)
    for excerpt in excerpts:
        for code in excerpt.codes:
            by_code[code].append(excerpt)
    return {
        code: CodeCount(len(items), len({item.source for item in items}))
        for code, items in sorted(by_code.items())
    }


def _overlapping_pairs(excerpts: Sequence[Excerpt]) -> Iterable[tuple[Excerpt, Excerpt]]:
    by_source: dict[str, list[Excerpt]] = defaultdict(list)
    for excerpt in excerpts:
        by_source[excerpt.source].append(excerpt)
    for items in by_source.values():
        for first, second in combinations(items, 2):
            if first.overlaps(second):
                yield first, second


def cooccurrence(excerpts: Sequence[Excerpt]) -> dict[tuple[str, str], int]:
    """The symmetric co-occurrence matrix as ``{(a, b): n}`` for every pair with n > 0,
    both orders present, plus the diagonal ``(a, a)``: the number of codings of ``a``."""
    matrix: dict[tuple[str, str], int] = defaultdict(int)
    pairs: list[tuple[str, str]] = []
    for excerpt in excerpts:
        for code in excerpt.codes:
            matrix[(code, code)] += 1
        pairs.extend(combinations(sorted(excerpt.codes), 2))
    for first, second in _overlapping_pairs(excerpts):
        pairs.extend((a, b) for a in first.codes for b in second.codes if a != b)
    for a, b in pairs:
        matrix[(a, b)] += 1
        matrix[(b, a)] += 1
    return dict(matrix)


def quotes_by_code(excerpts: Iterable[Excerpt]) -> dict[str, list[Excerpt]]:
    """The excerpts of each code, in source order then position."""
    grouped: dict[str, list[Excerpt]] = defaultdict(list)
    for excerpt in sorted(excerpts, key=lambda e: (e.source, e.start, e.end, e.id)):
        for code in excerpt.codes:
            grouped[code].append(excerpt)
    return dict(grouped)
