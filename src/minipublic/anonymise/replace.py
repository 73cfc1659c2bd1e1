"""Apply reviewed replacements to a text, and mark where they fall."""

from __future__ import annotations

from collections.abc import Sequence

from minipublic.anonymise.detect import _word_pattern
from minipublic.anonymise.types import Replacement


def highlight_spans(
    text: str, replacements: Sequence[Replacement]
) -> list[tuple[int, int, Replacement]]:
    """Where each replacement applies in ``text`` (start, end, replacement), in order, longest
    term first where two overlap: what a review screen highlights."""
    spans: list[tuple[int, int, Replacement]] = []
    for replacement in sorted(replacements, key=lambda r: -len(r.term)):
        if not replacement.term.strip():
            continue
        for match in _word_pattern(replacement.term).finditer(text):
            if any(match.start() < end and start < match.end() for start, end, _ in spans):
                continue
            spans.append((match.start(), match.end(), replacement))
    return sorted(spans, key=lambda span: span[0])


def apply(text: str, replacements: Sequence[Replacement]) -> str:
    """``text`` with every occurrence of each replacement's term (whole words, any case)
    replaced by its label."""
    pieces: list[str] = []
    position = 0
    for start, end, replacement in highlight_spans(text, replacements):
        pieces.append(text[position:start])
        pieces.append(replacement.label)
        position = end
    pieces.append(text[position:])
    return "".join(pieces)
