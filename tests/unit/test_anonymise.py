"""The anonymiser's rules: a table of examples, and invariants over arbitrary texts."""

from __future__ import annotations

import itertools
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from minipublic.anonymise import (
    Kind,
    KnownName,
    KnownNames,
    Location,
    LocationLevel,
    Replacement,
    apply,
    detect,
    generalise_location,
    suppress_count,
)

KNOWN = KnownNames(
    (
        KnownName("Dana Whitfield", Kind.PERSON, "[the commissioner's officer]"),
        KnownName("Priya Raman", Kind.PERSON, "[the lead practitioner]"),
        KnownName("Riverford City Council", Kind.ORGANISATION, "[the commissioner]"),
        KnownName("Riverford", Kind.PLACE, "[the town]"),
    )
)

# (text, the name that must be found exactly, its kind, its label or None for any)
EXAMPLES = [
    ("We met Ms Whitfield on Monday.", "Ms Whitfield", Kind.PERSON, "[the commissioner's officer]"),
    ("Whitfield's letter arrived.", "Whitfield", Kind.PERSON, "[the commissioner's officer]"),
    ("Cllr Dana Whitfield objected.", "Cllr Dana Whitfield", Kind.PERSON, None),
    ("priya raman chaired it.", "priya raman", Kind.PERSON, "[the lead practitioner]"),
    ("Prof. Helen Achterberg signed.", "Prof. Helen Achterberg", Kind.PERSON, "[a person]"),
    ("Thanks to Dr Sam Kowalski today.", "Dr Sam Kowalski", Kind.PERSON, "[a person]"),
    ("Councillor Ade Bello's motion", "Councillor Ade Bello", Kind.PERSON, "[a person]"),
    ("Sir Ian Blair spoke.", "Sir Ian Blair", Kind.PERSON, "[a person]"),
    ("The Riverford City Council agreed.", "Riverford City Council", Kind.ORGANISATION, None),
    (
        "Then Northfield Borough Council paid.",
        "Northfield Borough Council",
        Kind.ORGANISATION,
        None,
    ),
    ("Greenway Consulting Ltd ran it.", "Greenway Consulting Ltd", Kind.ORGANISATION, None),
    ("Funded by the Hallam Foundation.", "Hallam Foundation", Kind.ORGANISATION, None),
    (
        "A study by the University of Northfield.",
        "University of Northfield",
        Kind.ORGANISATION,
        None,
    ),
    ("The Department for Transport wrote.", "Department for Transport", Kind.ORGANISATION, None),
    ("Read the Riverford Gazette's story.", "Riverford Gazette", Kind.ORGANISATION, None),
    ("Lobbying by Clean Air Campaign members.", "Clean Air Campaign", Kind.ORGANISATION, None),
    ("She sells cars at Riverford Motors.", "Riverford Motors", Kind.ORGANISATION, None),
    (
        "A trustee of Riverford Community Energy.",
        "Riverford Community Energy",
        Kind.ORGANISATION,
        None,
    ),
    ("The hall on Mill Lane was cold.", "Mill Lane", Kind.PLACE, "[a place]"),
    ("Residents of Eastgate Ward came.", "Eastgate Ward", Kind.PLACE, "[a place]"),
    ("We met in Riverford in March.", "Riverford", Kind.PLACE, "[the town]"),
    ("Call 0161 496 0000 now.", "0161 496 0000", Kind.CONTACT, "[a telephone number]"),
    ("Or +44 20 7946 0958.", "+44 20 7946 0958", Kind.CONTACT, "[a telephone number]"),
    ("See https://example.org/a?b=1.", "https://example.org/a?b=1", Kind.CONTACT, None),
    ("Visit www.riverford.example today", "www.riverford.example", Kind.CONTACT, None),
    ("Write to dana@riverford.example.", "dana@riverford.example", Kind.CONTACT, "[e-mail]"),
]


@pytest.mark.parametrize(("text", "name", "kind", "label"), EXAMPLES)
def test_each_example_is_found_with_its_kind_and_label(
    text: str, name: str, kind: Kind, label: str | None
) -> None:
    found = {f.text: f for f in detect(text, KNOWN)}
    assert name in found, f"{name!r} not found in {text!r}: {sorted(found)}"
    assert found[name].kind is kind
    if label is not None:
        assert found[name].label == label


@pytest.mark.parametrize(
    "text",
    [
        "In 2026, 24 members met 6 times over 12 days (2026-03-01 to 2026-05-30).",
        "The panel voted 18 to 4 with 2 abstentions.",
        "the council agreed to a park and ride.",
        "We asked whether the remit was too narrow.",
    ],
)
def test_ordinary_text_has_no_findings(text: str) -> None:
    assert detect(text, KNOWN) == []


def test_known_names_win_ties_and_patterns_do_not_swallow_sentence_starts() -> None:
    findings = detect("Yesterday Riverford City Council met.", KNOWN)
    assert [(f.text, f.rule) for f in findings] == [("Riverford City Council", "known")]


def test_a_longer_pattern_beats_a_shorter_known_name() -> None:
    findings = detect("Families in Riverford Park", KNOWN)
    assert [(f.text, f.kind) for f in findings] == [("Riverford Park", Kind.PLACE)]


def test_names_do_not_run_across_lines() -> None:
    findings = detect("Notes from Northfield\nCouncil officers met on Mill\nLane", KNOWN)
    assert findings == []


# ------------------------------------------------------------------ invariants

_words = st.sampled_from(
    [
        "Dana", "Whitfield", "Whitfield's", "Ms", "Dr.", "Riverford", "City", "Council",
        "Ltd", "Park", "Lane", "in", "at", "the", "The", "and", "0161", "496", "0000",
        "+44", "www.x.example", "a@b.example", "met", "said", "Prof.", "Helen", "Trust",
        "\n", ",", ".", "\u2019s", "University", "of", "Northfield",
    ]
)  # fmt: skip
_texts = st.lists(_words, max_size=40).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(_texts)
def test_findings_slice_the_text_in_order_without_overlaps(text: str) -> None:
    findings = detect(text, KNOWN)
    for finding in findings:
        assert 0 <= finding.start < finding.end <= len(text)
        assert text[finding.start : finding.end] == finding.text
        assert finding.text == finding.text.strip()
    for before, after in itertools.pairwise(findings):
        assert before.end <= after.start


@settings(max_examples=300, deadline=None)
@given(_texts)
def test_apply_leaves_no_reviewed_term_behind(text: str) -> None:
    terms = {f.text.lower(): f for f in detect(text, KNOWN)}
    replacements = [Replacement(f.text, f.kind, f.label) for f in terms.values()]
    clean = apply(text, replacements)
    for finding in terms.values():
        assert not _occurs_as_word(finding.text, clean), (finding.text, clean)


def _occurs_as_word(term: str, text: str) -> bool:
    words = r"\s+".join(re.escape(w) for w in term.split())
    return re.search(rf"(?<!\w){words}(?!\w)", text, re.IGNORECASE) is not None


# ------------------------------------------------------------------ figures


def test_generalised_locations_drop_what_is_finer_than_the_level() -> None:
    where = Location("Riverford", "North West", "England")
    assert generalise_location(where, LocationLevel.EXACT) == where
    assert generalise_location(where, "region") == Location("", "North West", "England")
    assert generalise_location(where, LocationLevel.COUNTRY) == Location("", "", "England")
    with pytest.raises(ValueError, match="street"):
        generalise_location(where, "street")


@pytest.mark.parametrize(
    ("n", "threshold", "shown"),
    [(0, 5, 0), (1, 5, "fewer than 5"), (4, 5, "fewer than 5"), (5, 5, 5), (120, 5, 120),
     (2, 3, "fewer than 3"), (3, 3, 3), (1, 1, 1)],
)  # fmt: skip
def test_small_counts_are_suppressed_zero_is_kept(n: int, threshold: int, shown: int | str) -> None:
    assert suppress_count(n, threshold) == shown


def test_negative_counts_and_thresholds_are_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        suppress_count(-1)
    with pytest.raises(ValueError, match="threshold"):
        suppress_count(3, 0)
