"""docs/evaluation.md agrees with the code: its addresses resolve, its thresholds are the
ones applied, its table of questionnaire files matches the shipped files, and every
ledger event the app writes is documented there and in docs/integrity.md."""

from __future__ import annotations

import re
from pathlib import Path

from django.urls import resolve

from minipublic.evaluation import results
from minipublic.standards.member_questionnaire import instruments

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "evaluation.md").read_text()
APP = ROOT / "src" / "minipublic" / "evaluation"


def test_the_documented_addresses_resolve() -> None:
    addresses = set(re.findall(r"`(/p/<slug>/evaluation/[^`]*)`", DOC))
    assert len(addresses) >= 5
    for address in addresses:
        for kind in ("start", "end"):
            path = address.replace("<slug>", "demo").replace("<start|end>", kind)
            assert resolve(path).app_name == "evaluation", address


def test_the_documented_thresholds_are_applied() -> None:
    assert f"at least {results.MIN_ANSWERS} questionnaires" in DOC
    assert f"fewer than {results.MIN_ITEM_ANSWERS} members is withheld" in DOC
    assert f"given by 1 or {results.SMALL_GROUP - 1}" in DOC


def test_the_table_lists_each_shipped_questionnaire() -> None:
    for instrument in instruments().values():
        row = next(line for line in DOC.splitlines() if f"`{instrument.key}.toml`" in line)
        assert f"version {instrument.version}" in row
        assert ("incomplete" in row) is (not instrument.complete)


def test_every_ledger_event_is_documented() -> None:
    code = "\n".join(path.read_text() for path in APP.glob("*.py"))
    events = set(re.findall(r'"(evaluation\.[a-z_]+)"', code))
    assert events == {"evaluation.round_opened", "evaluation.round_closed"}
    integrity = (ROOT / "docs" / "integrity.md").read_text()
    index = (ROOT / "docs" / "index.md").read_text()
    for event in events:
        assert f"`{event}`" in DOC
        assert f"`{event}`" in integrity
    assert "(evaluation.md)" in index
