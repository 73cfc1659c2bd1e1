"""The case-record part of docs/learning.md agrees with the pages and the ledger event."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import resolve

from minipublic.integrity.dictionary import EVENTS
from minipublic.learning.case_generate import PRESSURE_KEYS, TARGET_PRESSURES

DOCS = Path(__file__).resolve().parents[2] / "docs"
LEARNING = (DOCS / "learning.md").read_text()


def _section(heading: str) -> str:
    start = LEARNING.index(f"\n### {heading}\n")
    end = LEARNING.find("\n### ", start + 1)
    return LEARNING[start : end if end != -1 else None]


def _addresses() -> list[str]:
    rows = [line for line in _section("Case record pages").splitlines() if line.startswith("| `")]
    return [row.split("`")[1] for row in rows]


def test_five_pages_are_documented() -> None:
    assert len(_addresses()) == 5


@pytest.mark.parametrize("address", _addresses())
def test_each_documented_address_resolves_to_a_case_page(address: str) -> None:
    match = resolve(address.replace("<slug>", "demo"))
    assert match.namespace == "learning"
    assert match.url_name.startswith("case_")


def test_the_ledger_event_is_documented_and_in_the_dictionary() -> None:
    assert "learning.case_published" in EVENTS
    assert "`learning.case_published`" in (DOCS / "integrity.md").read_text()
    assert "`learning.case_published`" in LEARNING


def test_the_documented_pressures_are_the_codebook_keys() -> None:
    generated = _section("What is generated")
    for key in set(TARGET_PRESSURES.values()):
        assert f"`{key}`" in generated
    assert set(TARGET_PRESSURES.values()) <= set(PRESSURE_KEYS)
