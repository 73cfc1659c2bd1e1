"""docs/parking-lot.md and docs/table-summaries.md agree with the pages and the ledger
events they name, and the documentation index and docs/integrity.md lead to them."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import resolve, reverse

from minipublic.deliberation import parking, summaries
from minipublic.deliberation.models import ReopenRequest, TableSummary
from minipublic.integrity.record import entries
from minipublic.lifecycle import LifecycleError, Phase
from minipublic.processes import actions
from minipublic.processes.access import SYSTEM
from tests.cast import make_cast
from tests.parking_room import make_room

DOCS = Path(__file__).resolve().parents[2] / "docs"
PARKING = DOCS / "parking-lot.md"
SUMMARIES = DOCS / "table-summaries.md"
_PLACEHOLDERS = {"<slug>": "demo", "<n>": "3", "<session>": "2", "<table>": "4"}


def _section(doc: Path, heading: str) -> str:
    text = doc.read_text()
    start = text.index(f"\n## {heading}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else None]


def _rows(section: str) -> list[list[str]]:
    rows = []
    for line in section.splitlines():
        if line.startswith("|") and not line.startswith("| ---"):
            rows.append([cell.strip() for cell in line.strip("|").split("|")])
    return rows[1:]  # without the header


def test_the_index_links_both_pages() -> None:
    index = (DOCS / "index.md").read_text()
    assert "(parking-lot.md)" in index
    assert "(table-summaries.md)" in index


@pytest.mark.parametrize(("doc", "count"), [(PARKING, 3), (SUMMARIES, 6)])
def test_the_documented_pages_resolve(doc: Path, count: int) -> None:
    rows = _rows(_section(doc, "Pages"))
    assert len(rows) == count
    for address, name, _who in rows:
        path = address.strip("`")
        for placeholder, value in _PLACEHOLDERS.items():
            path = path.replace(placeholder, value)
        match = resolve(path)
        assert f"{match.namespace}:{match.url_name}" == name.strip("`"), path
        assert reverse(name.strip("`"), kwargs=match.kwargs) == path


def test_the_parking_lot_keeps_its_contracted_address() -> None:
    assert reverse("deliberation:parking_lot", args=["demo"]) == "/p/demo/parking-lot/"
    assert "`/p/<slug>/parking-lot/`" in PARKING.read_text()


def _documented(doc: Path) -> dict[str, str]:
    return {row[0].strip("`"): row[1] for row in _rows(_section(doc, "Ledger events"))}


@pytest.mark.django_db
def test_the_ledger_events_are_documented_with_their_payloads() -> None:
    room = make_room(make_cast())
    process, users = room.cast.process, room.cast.users
    concern = parking.do_raise_concern(room.user("member2"), process, text="The airport.")
    parking.do_resolve_concern(
        users["facilitator"], process, concern, resolution="out_of_remit", text="National."
    )
    parking.do_request_reopening(room.user("member2"), process, concern, reason="Council shares.")
    parking.do_answer_reopen_request(
        users["facilitator"], process, ReopenRequest.objects.get(), accept=True, answer="Yes."
    )
    table = room.tables[1]
    first = summaries.do_write_summary(users["facilitator"], process, table, text="We agreed.")
    member2 = room.user("member2")
    summaries.do_answer_summary(member2, process, first, confirm=False, correction="No.")
    second = summaries.do_write_summary(
        users["facilitator"], process, table, text="We disagreed.", note="Corrected."
    )
    summaries.do_answer_summary(room.user("member2"), process, second, confirm=True)
    summaries.do_answer_summary(room.user("member3"), process, second, confirm=True)
    summaries.do_attest_summary(users["facilitator"], process, second, how="Read out.")
    assert TableSummary.objects.get(pk=second.pk).status == "recorded"

    documented = _documented(PARKING) | _documented(SUMMARIES)
    seen: dict[str, set[str]] = {}
    for entry in entries(process).filter(event__regex=r"^(concern|summary)\."):
        seen.setdefault(entry.event, set()).update(entry.payload)
    assert set(seen) == set(documented)
    for event, keys in seen.items():
        for key in keys:
            assert f"`{key}`" in documented[event], (event, key)
    integrity = (DOCS / "integrity.md").read_text()
    for event in seen:
        assert f"`{event}`" in integrity, event


@pytest.mark.django_db
def test_the_documented_refusal_is_the_one_given() -> None:
    room = make_room(make_cast())
    parking.do_raise_concern(room.user("member2"), room.cast.process, text="Open.")
    actions.do_change_phase(SYSTEM, room.cast.refresh(), Phase.RECOMMENDATIONS)
    with pytest.raises(LifecycleError) as refused:
        actions.do_change_phase(SYSTEM, room.cast.refresh(), Phase.RESPONSE)
    message = (
        str(refused.value)
        .replace("/p/riverside/", "/p/<slug>/")
        .replace("open concerns: 1", "open concerns: N")
        .replace("an answer: 0", "an answer: M")
    )
    assert f'"{message}"' in " ".join(PARKING.read_text().split())
