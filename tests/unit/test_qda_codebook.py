"""The seed codebook and the checks of the codebook loader."""

from __future__ import annotations

import pytest

from minipublic.qda.codebook import CodebookError, parse_codebook, seed_codebook

SEED_KEYS = {
    "steer": [
        "steer.expert_selection",
        "steer.report_content",
        "steer.lobbying_participants",
        "steer.vested_interests",
        "steer.framing_remit",
        "steer.time",
    ],
    "impact": [
        "impact.no_response",
        "impact.no_follow_up_funding",
        "impact.transformation_constrained",
    ],
    "market": [
        "market.deliberation_wash",
        "market.participation_wash",
        "market.new_providers",
        "market.non_disclosure",
    ],
    "response": [
        "response.red_flags",
        "response.red_lines",
        "response.walking_away",
        "response.participants_as_defenders",
        "response.marginalised_voices",
    ],
}


def test_the_seed_codebook_holds_the_papers_codes_with_definitions() -> None:
    book = seed_codebook()
    assert book.version >= 1
    assert {c.key: [code.key for code in c.codes] for c in book.categories} == SEED_KEYS
    names = {c.key: c.name for c in book.categories}
    assert names["steer"] == "Pressure to steer"
    assert names["market"] == "Market pressure"
    for category in book.categories:
        for code in category.codes:
            assert len(code.definition) > 40, code.key


GOOD = """
version = 1
name = "x"
source = "y"
[[category]]
key = "a"
name = "A"
definition = "d"
colour = "#123456"
[[category.code]]
key = "a.one"
name = "One"
definition = "d"
"""


def test_a_valid_codebook_parses() -> None:
    assert parse_codebook(GOOD).code_keys() == ["a.one"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("version = 1", "version = 0"), "'version' must be a whole number"),
        (('key = "a.one"', 'key = "b.one"'), "category 1, code 1: key 'b.one' must be 'a.<"),
        (('colour = "#123456"', 'colour = "red"'), "colour 'red' must look like"),
        (('name = "One"', 'name = ""'), "category 1, code 1: 'name' must be a non-empty text"),
        (("[[category.code]]", "[[category.code]]\nkey = 1"), "not valid TOML"),
    ],
)
def test_a_bad_codebook_is_refused_naming_the_entry(change: tuple[str, str], message: str) -> None:
    with pytest.raises(CodebookError, match=message.replace("(", r"\(").replace("[", r"\[")):
        parse_codebook(GOOD.replace(*change), "book.toml")


def test_duplicate_keys_are_refused() -> None:
    twice = GOOD + '[[category.code]]\nkey = "a.one"\nname = "Again"\ndefinition = "d"\n'
    with pytest.raises(CodebookError, match=r"'a\.one' is used twice"):
        parse_codebook(twice)
