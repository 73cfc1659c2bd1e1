"""Rule-based detection of names (the caller's known names first, then patterns)."""

from __future__ import annotations

import re

from minipublic.anonymise.types import Finding, Kind, KnownNames

NO_KNOWN_NAMES = KnownNames()
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def _word_pattern(term: str) -> re.Pattern[str]:
    """``term`` as a whole word (or words), any case, any run of spaces between words."""
    words = [re.escape(word) for word in term.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", re.IGNORECASE)


def detect(text: str, known: KnownNames = NO_KNOWN_NAMES) -> list[Finding]:
    """Every name found in ``text``, in order, never overlapping (the longest match wins)."""
    candidates: list[Finding] = []
    for name in known.names:
        if not name.text.strip():
            continue
        for match in _word_pattern(name.text).finditer(text):
            candidates.append(
                Finding(match.start(), match.end(), match.group(), name.kind, name.label, "known")
            )
    for match in _EMAIL.finditer(text):
        candidates.append(
            Finding(match.start(), match.end(), match.group(), Kind.CONTACT, "[e-mail]", "email")
        )
    return _without_overlaps(candidates)


def _without_overlaps(candidates: list[Finding]) -> list[Finding]:
    chosen: list[Finding] = []
    taken: list[tuple[int, int]] = []
    for finding in sorted(candidates, key=lambda f: (-(f.end - f.start), f.start)):
        if any(finding.start < end and start < finding.end for start, end in taken):
            continue
        chosen.append(finding)
        taken.append((finding.start, finding.end))
    return sorted(chosen, key=lambda f: f.start)
