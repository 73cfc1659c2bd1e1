"""The rule-based patterns ``detect`` applies besides the caller's known names.

Each rule is a regular expression plus a little clean-up; none needs a model or a
download. They aim to propose too much rather than too little: a person reviews every
finding and may keep a name (see docs/learning.md for what they miss).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from minipublic.anonymise.types import Finding, Kind

HONORIFICS = (
    "Mr",
    "Mrs",
    "Ms",
    "Miss",
    "Mx",
    "Dr",
    "Prof",
    "Professor",
    "Cllr",
    "Councillor",
    "Sir",
    "Dame",
    "Lord",
    "Lady",
    "Rev",
    "Revd",
    "Judge",
)
ORGANISATION_WORDS = (
    "Council",
    "Ltd",
    "Limited",
    "plc",
    "PLC",
    "LLP",
    "Inc",
    "Trust",
    "University",
    "College",
    "School",
    "Association",
    "Foundation",
    "Agency",
    "Department",
    "Ministry",
    "Party",
    "Group",
    "Society",
    "Partnership",
    "Campaign",
    "Network",
    "Institute",
    "Alliance",
    "Federation",
    "Union",
    "Company",
    "Consultancy",
    "Consulting",
    "Authority",
    "Commission",
    "Board",
    "Forum",
    "Co-operative",
    "Cooperative",
    "Holdings",
    "Services",
    "Industries",
    "Solutions",
    "Motors",
    "Energy",
    "Bank",
    "Church",
    "Club",
    "Centre",
    "Gazette",
    "Times",
    "News",
    "Herald",
    "Echo",
    "Chronicle",
    "Post",
)
#: Organisation words that may come first: "University of Northfield", "Department for Transport".
LEADING_ORGANISATION_WORDS = (
    "University",
    "College",
    "Department",
    "Ministry",
    "Institute",
    "Society",
    "Association",
    "Friends",
    "Bank",
    "Office",
)
PLACE_WORDS = (
    "Street",
    "Road",
    "Lane",
    "Avenue",
    "Park",
    "Square",
    "Ward",
    "District",
    "County",
    "Bridge",
    "Close",
    "Crescent",
    "Drive",
    "Estate",
    "Gardens",
    "Hill",
    "Place",
    "Terrace",
    "Way",
    "Village",
    "Quarter",
)
#: Capitalised words that start sentences or name times, never part of a name found by
#: a pattern (trimmed from the front of a match).
NOT_NAMES = frozenset(
    [
        "a",
        "an",
        "the",
        "this",
        "that",
        "these",
        "those",
        "our",
        "their",
        "his",
        "her",
        "its",
        "my",
        "your",
        "we",
        "they",
        "he",
        "she",
        "it",
        "i",
        "when",
        "while",
        "after",
        "before",
        "if",
        "as",
        "at",
        "in",
        "on",
        "from",
        "by",
        "with",
        "for",
        "and",
        "but",
        "then",
        "so",
        "yesterday",
        "today",
        "tomorrow",
        "later",
        "last",
        "next",
        "every",
        "each",
        "some",
        "many",
        "most",
        "all",
        "both",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "dear",
        "also",
        "however",
        "meanwhile",
    ]
)
PLACE_PREPOSITIONS = ("in", "at", "from", "near", "outside", "around")

_GAP = r"[^\S\n]+"  # spaces between the words of one name, never a line break
_CAP = r"(?:[A-Z][\w-]*(?:['\u2019][A-Za-z]+)?|[A-Z]\.)"
_NOT_AFTER = r"(?<![\w'\u2019])"
_HONORIFIC = re.compile(rf"(?<![\w.])(?:{'|'.join(HONORIFICS)})\.?(?:{_GAP}{_CAP}){{1,4}}(?!\w)")
_ORGANISATION = re.compile(
    rf"{_NOT_AFTER}(?:{_CAP}{_GAP}(?:&{_GAP})?)+(?:{'|'.join(ORGANISATION_WORDS)})(?!\w)"
)
_LEADING_ORGANISATION = re.compile(
    rf"{_NOT_AFTER}(?:{'|'.join(LEADING_ORGANISATION_WORDS)}){_GAP}(?:of|for){_GAP}"
    rf"(?:the{_GAP})?{_CAP}(?:{_GAP}(?:and{_GAP})?{_CAP})*(?!\w)"
)
_PLACE = re.compile(rf"{_NOT_AFTER}(?:{_CAP}{_GAP})+(?:{'|'.join(PLACE_WORDS)})(?!\w)")
_PREPOSITION_PLACE = re.compile(
    rf"(?<!\w)(?i:{'|'.join(PLACE_PREPOSITIONS)}){_GAP}({_CAP}(?:{_GAP}{_CAP})*)"
)
_PHONE = re.compile(r"(?<![\w+])(?:\+\d{1,3}[ .-]?|0|\(0)[\d ().-]{7,18}\d(?!\w)")
_URL = re.compile(r"(?<![\w@])(?:https?://|www\.)[^\s<>\"']+", re.IGNORECASE)
_TRAILING_PUNCTUATION = ".,;:!?)]}'\"\u2019"
_POSSESSIVE = re.compile(r"['\u2019]s$")

LABELS = {
    "honorific": "[a person]",
    "organisation": "[an organisation]",
    "place": "[a place]",
    "phone": "[a telephone number]",
    "url": "[a web address]",
}


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without leading non-name words and without a possessive 's."""
    while True:
        match = re.match(r"([\w'\u2019.-]+)\s+", text[start:end])
        if match is None or match.group(1).lower() not in NOT_NAMES:
            break
        start += match.end()
    if _POSSESSIVE.search(text[start:end]):
        end -= 2
    return start, end


def _finding(text: str, start: int, end: int, kind: Kind, rule: str) -> Finding | None:
    start, end = _trimmed(text, start, end)
    if end <= start:
        return None
    return Finding(start, end, text[start:end], kind, LABELS[rule], rule)


def _named(
    text: str, pattern: re.Pattern[str], kind: Kind, rule: str, min_words: int
) -> Iterator[Finding]:
    for match in pattern.finditer(text):
        finding = _finding(text, match.start(), match.end(), kind, rule)
        if finding is not None and len(finding.text.split()) >= min_words:
            yield finding


def pattern_findings(text: str, place_words: frozenset[str] = frozenset()) -> Iterator[Finding]:
    """Every candidate the patterns find in ``text`` (may overlap; ``detect`` chooses).

    ``place_words`` are the lower-case words of the caller's known places: "in Riverford"
    is a place when "riverford" is one of them.
    """
    yield from _named(text, _HONORIFIC, Kind.PERSON, "honorific", 2)
    yield from _named(text, _ORGANISATION, Kind.ORGANISATION, "organisation", 2)
    yield from _named(text, _LEADING_ORGANISATION, Kind.ORGANISATION, "organisation", 3)
    yield from _named(text, _PLACE, Kind.PLACE, "place", 2)
    for match in _PREPOSITION_PLACE.finditer(text):
        words = match.group(1).split()
        if words and _POSSESSIVE.sub("", words[0]).lower() in place_words:
            finding = _finding(text, match.start(1), match.end(1), Kind.PLACE, "place")
            if finding is not None:
                yield finding
    for match in _PHONE.finditer(text):
        digits = sum(char.isdigit() for char in match.group())
        if 9 <= digits <= 15:
            yield Finding(
                match.start(), match.end(), match.group(), Kind.CONTACT, LABELS["phone"], "phone"
            )
    for match in _URL.finditer(text):
        end = match.end()
        while end > match.start() and text[end - 1] in _TRAILING_PUNCTUATION:
            end -= 1
        yield Finding(
            match.start(), end, text[match.start() : end], Kind.CONTACT, LABELS["url"], "url"
        )
