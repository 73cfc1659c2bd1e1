"""Rule-based detection of names: the caller's known names first, then patterns."""

from __future__ import annotations

import re
from collections.abc import Iterator

from minipublic.anonymise.rules import HONORIFICS, pattern_findings
from minipublic.anonymise.types import Finding, Kind, KnownName, KnownNames

NO_KNOWN_NAMES = KnownNames()
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_HONORIFIC_PREFIX = r"(?:(?:" + "|".join(HONORIFICS) + r")\.?\s+)"
_HONORIFIC_START = re.compile(r"^" + _HONORIFIC_PREFIX + "+")
#: Ties in length go to the caller's lists, then to the more specific patterns.
_RULE_RANK = {"known": 0, "email": 1, "url": 2, "phone": 3, "honorific": 4}


def _word_pattern(term: str) -> re.Pattern[str]:
    """``term`` as a whole word (or words), any case, any run of spaces between words."""
    words = [re.escape(word) for word in term.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", re.IGNORECASE)


def _person_patterns(name: KnownName) -> Iterator[re.Pattern[str]]:
    """A person's full name, with or without an honorific ("Ms Dana Whitfield"), and their
    surname after an honorific ("Ms Whitfield") or capitalised on its own ("Whitfield's")."""
    bare = _HONORIFIC_START.sub("", name.text.strip())
    words = [re.escape(word) for word in bare.split()] or [re.escape(name.text.strip())]
    full = r"\s+".join(words)
    yield re.compile(rf"(?<![\w.]){_HONORIFIC_PREFIX}?{full}(?!\w)", re.IGNORECASE)
    if len(words) >= 2 and len(words[-1]) >= 3:
        surname = words[-1]
        yield re.compile(rf"(?<![\w.]){_HONORIFIC_PREFIX}{surname}(?!\w)", re.IGNORECASE)
        # The bare surname only when capitalised as a name: "Whitfield's view", not "whitfield".
        yield re.compile(rf"(?<!\w){surname}(?!\w)")


def _known_findings(text: str, name: KnownName) -> Iterator[Finding]:
    if not name.text.strip():
        return
    if name.kind is Kind.PERSON:
        patterns = list(_person_patterns(name))
    else:
        patterns = [_word_pattern(name.text)]
    for pattern in patterns:
        for match in pattern.finditer(text):
            yield Finding(match.start(), match.end(), match.group(), name.kind, name.label, "known")


def detect(text: str, known: KnownNames = NO_KNOWN_NAMES) -> list[Finding]:
    """Every name found in ``text``, in order, never overlapping (the longest match wins;
    on a tie the caller's known names win over the patterns).

    Found: the known names (a person's also with an honorific, by surname, possessive),
    e-mail addresses, telephone numbers and web addresses, an honorific followed by
    capitalised words (a person), capitalised words ending in an organisation word
    ("Riverford Borough Council", "Acme Ltd", "Riverford Gazette") or starting with one
    ("University of Northfield"), capitalised words ending in a place word ("Mill Lane",
    "Riverside Ward"), and "in/at/from X" where X is a word of a known place.
    """
    candidates: list[Finding] = []
    for name in known.names:
        candidates.extend(_known_findings(text, name))
    for match in _EMAIL.finditer(text):
        candidates.append(
            Finding(match.start(), match.end(), match.group(), Kind.CONTACT, "[e-mail]", "email")
        )
    place_words = frozenset(
        word.lower()
        for name in known.names
        if name.kind is Kind.PLACE
        for word in name.text.split()
    )
    candidates.extend(pattern_findings(text, place_words))
    return _without_overlaps(candidates)


def _without_overlaps(candidates: list[Finding]) -> list[Finding]:
    chosen: list[Finding] = []
    taken: list[tuple[int, int]] = []
    ranked = sorted(
        candidates, key=lambda f: (-(f.end - f.start), _RULE_RANK.get(f.rule, 9), f.start)
    )
    for finding in ranked:
        if any(finding.start < end and start < finding.end for start, end in taken):
            continue
        chosen.append(finding)
        taken.append((finding.start, finding.end))
    return sorted(chosen, key=lambda f: f.start)
