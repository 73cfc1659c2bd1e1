"""docs/terms.md agrees with the default charters and the pages it names."""

from __future__ import annotations

from pathlib import Path

from django.urls import resolve, reverse

from minipublic import clock
from minipublic.engagement.actions import do_accept_terms, do_publish_charter
from minipublic.integrity.record import entries
from minipublic.lifecycle import Role
from minipublic.processes import actions as process_actions
from minipublic.processes.access import SYSTEM
from minipublic.processes.labels import ROLE_LABELS
from minipublic.standards.charters import DEFAULT_CHARTERS
from tests.cast import make_cast, make_user

DOC = Path(__file__).resolve().parents[2] / "docs" / "terms.md"


def _section(heading: str) -> str:
    text = DOC.read_text()
    start = text.index(f"\n## {heading}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else None]


def _rows(section: str) -> list[list[str]]:
    rows = []
    for line in section.splitlines():
        if line.startswith("|") and not line.startswith("| ---"):
            rows.append([cell.strip() for cell in line.strip("|").split("|")])
    return rows[1:]  # without the header


def test_the_table_lists_every_default_charter_with_its_sources() -> None:
    rows = {row[0]: row for row in _rows(_section("The default charters"))}
    assert set(rows) == {str(ROLE_LABELS[role]) for role in Role}
    for role, default in DEFAULT_CHARTERS.items():
        row = rows[str(ROLE_LABELS[role])]
        assert row[1] == default.title, role
        for citation in default.citations:
            assert citation.detail in row[3], (role, citation.detail)


def test_the_documented_pages_resolve() -> None:
    rows = _rows(_section("Pages"))
    assert len(rows) == 3
    for address, name, _who in rows:
        name = name.strip("`")
        path = address.strip("`").replace("<slug>", "demo").replace("<role>", "observer")
        match = resolve(path)
        assert f"{match.namespace}:{match.url_name}" == name
        assert reverse(name, kwargs=match.kwargs) == path


def test_the_ledger_events_are_documented_with_their_payloads(db: None) -> None:
    documented = {row[0].strip("`"): row[1] for row in _rows(_section("Ledger events"))}
    assert set(documented) == {"terms.seeded", "terms.accepted", "terms.published"}
    cast = make_cast()
    newcomer = make_user("newcomer-zq")
    process_actions.do_add_member(SYSTEM, cast.process, newcomer, Role.OBSERVER)
    do_accept_terms(SYSTEM, cast.process, user=newcomer, at=clock.now())
    do_publish_charter(
        cast.users["lead_practitioner"],
        cast.process,
        Role.OBSERVER,
        title="Observer's charter",
        body="1. I watch.",
        change_note="Shorter.",
    )
    seen: dict[str, dict[str, object]] = {}
    for entry in entries(cast.process).filter(event__startswith="terms."):
        seen[entry.event] = entry.payload
    assert set(seen) == set(documented)
    for event, payload in seen.items():
        for key in payload:
            assert f"`{key}`" in documented[event], (event, key)
