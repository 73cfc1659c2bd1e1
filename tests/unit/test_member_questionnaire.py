"""The member questionnaire files: the shipped instruments, the format's validation (each
error names the file, the item and the field), and the randomised answer order."""

from __future__ import annotations

from collections import Counter

import pytest

from minipublic.standards import StandardsError
from minipublic.standards.member_questionnaire import (
    ItemKind,
    Moment,
    Wording,
    instrument,
    instruments,
    option_order,
    parse_instrument,
)

GOOD = """
format = 1
key = "t"
version = "1"
status = "complete"
title = "Test"
wording = "minipublic"
source = "Tests"
missing = ""

[scales.yes]
options = [{ key = "yes", label = "Yes" }, { key = "no", label = "No" }]

[[items]]
key = "age"
kind = "demographic"
text = "Age?"
scale = "yes"

[[items]]
key = "q1"
kind = "question"
x2 = true
text = "Q1?"
scale = "yes"

[[items]]
key = "q2"
kind = "question"
text = "Q2?"
scale = "yes"
"""


def test_the_shipped_instruments() -> None:
    shipped = instruments()
    assert set(shipped) == {"oecd-2021-annex-c", "minipublic-interim"}
    oecd = shipped["oecd-2021-annex-c"]
    # No OECD question wording could be verified: none is encoded, and it cannot be asked.
    assert oecd.wording is Wording.OECD
    assert oecd.items == ()
    assert not oecd.complete
    assert not oecd.usable
    assert "missing" in oecd.missing.lower() or oecd.missing
    assert any("X2" in text for text in oecd.instructions)
    interim = shipped["minipublic-interim"]
    assert interim.usable
    assert interim.wording is Wording.MINIPUBLIC
    assert "not the OECD" in interim.title
    kinds = [item.kind for item in interim.items]
    assert kinds == sorted(kinds, key=lambda kind: kind is ItemKind.QUESTION)  # demographics first
    start = interim.items_for(Moment.START)
    assert {item.kind for item in start if not item.x2} == {ItemKind.DEMOGRAPHIC}
    assert interim.items_for(Moment.END) == interim.items
    assert any(item.randomise for item in interim.items)


def test_a_good_file_parses_and_is_fingerprinted() -> None:
    parsed = parse_instrument(GOOD.encode(), "t.toml")
    assert [item.key for item in parsed.items_for(Moment.START)] == ["age", "q1"]
    other = parse_instrument(GOOD.replace("Q2?", "Q2 changed?").encode(), "t.toml")
    assert other.sha256 != parsed.sha256


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("format = 1", "format = 2"), "t.toml: format: this reader knows format 1"),
        (('status = "complete"', 'status = "done"'), "'status' must be"),
        (('wording = "minipublic"', 'wording = "Someone"'), "'wording' must be"),
        (
            ('scale = "yes"\n\n[[items]]\nkey = "q1"', 'scale = "nope"\n\n[[items]]\nkey = "q1"'),
            "t.toml: item 1 (age): no scale called 'nope'",
        ),
        (
            ('kind = "question"\nx2 = true', 'kind = "questions"\nx2 = true'),
            "t.toml: item 2 (q1): 'kind' must be",
        ),
        (('key = "q2"', 'key = "q1"'), "item keys repeat: q1"),
        (('text = "Q2?"', 'text = ""'), "t.toml: item 3 (q2): 'text' must be a non-empty text"),
        (('{ key = "no", label = "No" }', '{ key = "yes", label = "No" }'), "two options share"),
        (
            ('key = "age"\nkind = "demographic"', 'key = "age"\nkind = "demographic"\nx2 = true'),
            "'x2' is for questions",
        ),
        (("= [{ key", "= [3, { key"), "t.toml: yes, option 1: an option is a table"),
        (('status = "complete"', 'status = "incomplete"'), "says what is missing"),
        (("[scales.yes]", "[scales.yes"), "not valid UTF-8 TOML"),
    ],
)
def test_a_bad_file_is_refused_naming_where(change: tuple[str, str], message: str) -> None:
    old, new = change
    assert old in GOOD
    with pytest.raises(StandardsError) as refused:
        parse_instrument(GOOD.replace(old, new, 1).encode(), "t.toml")
    assert refused.value.code == "questionnaire_invalid"
    assert message in str(refused.value)


def test_demographic_items_must_come_first() -> None:
    moved = GOOD.replace('key = "q2"\nkind = "question"', 'key = "q2"\nkind = "demographic"')
    with pytest.raises(StandardsError, match="demographic items come before the questions"):
        parse_instrument(moved.encode(), "t.toml")


def test_unknown_instrument() -> None:
    with pytest.raises(StandardsError) as refused:
        instrument("nope")
    assert refused.value.code == "questionnaire_unknown"


def test_randomised_order_is_a_stable_permutation_with_anchors_last() -> None:
    item = instrument("minipublic-interim").item("reason")
    assert item is not None
    assert item.randomise
    anchors = [option for option in item.options if option.anchor]
    firsts: Counter[str] = Counter()
    for number in range(400):
        seed = number.to_bytes(4, "big")
        order = option_order(item, seed)
        assert sorted(o.key for o in order) == sorted(o.key for o in item.options)
        assert list(order[-len(anchors) :]) == anchors
        assert option_order(item, seed) == order
        firsts[order[0].key] += 1
    movable = len(item.options) - len(anchors)
    # Every movable option comes first for some respondents, roughly evenly.
    assert len(firsts) == movable
    assert min(firsts.values()) > 400 / movable / 2


def test_items_not_marked_keep_their_order() -> None:
    item = instrument("minipublic-interim").item("efficacy")
    assert item is not None
    assert option_order(item, b"any seed") == item.options
