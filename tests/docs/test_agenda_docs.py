"""docs/agenda.md agrees with the code: its pages are the real ones (and all of them),
its ledger events are those the actions write with the keys they hold, its rules of
the report are those of ``room.timing``, and the index and docs/integrity.md list it."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from django.urls import resolve, reverse

from minipublic import clock
from minipublic.deliberation import (
    agenda,
    sessions,
    time_requests,
    timer,
    timer_corrections,
)
from minipublic.deliberation.agenda_urls import agenda_urlpatterns
from minipublic.integrity.record import entries
from minipublic.lifecycle import Action, Phase
from minipublic.lifecycle.policy import POLICY
from minipublic.processes.models import Process
from minipublic.room import timing
from tests.cast import Cast

DOCS = Path(__file__).resolve().parents[2] / "docs"
DOC = DOCS / "agenda.md"


def _section(heading: str) -> str:
    text = DOC.read_text(encoding="utf-8")
    start = text.index(f"\n## {heading}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else None]


def _rows(section: str) -> list[list[str]]:
    rows = [
        [cell.strip() for cell in line.strip("|").split("|")]
        for line in section.splitlines()
        if line.startswith("|") and not line.startswith("| ---")
    ]
    return rows[1:]


def test_every_page_is_documented_and_resolves() -> None:
    rows = _rows(_section("Pages"))
    documented = {row[1].strip("`") for row in rows}
    assert documented == {f"deliberation:{pattern.name}" for pattern in agenda_urlpatterns}
    for address, name, _who in rows:
        path = (
            address.strip("`").replace("<slug>", "demo").replace("<n>", "3").replace("<id>", "41")
        )
        match = resolve(path)
        assert f"{match.namespace}:{match.url_name}" == name.strip("`")
        assert reverse(name.strip("`"), kwargs=match.kwargs) == path


def test_the_rules_table_is_the_policy() -> None:
    rows = {row[0].strip("`"): row for row in _rows(_section("Who does what"))}
    assert set(rows) == {"manage_agenda", "run_timer", "request_time", "decide_time"}
    for name, row in rows.items():
        grants = POLICY[Action(name)].grants
        roles = {role.value.replace("_", " ") for role in grants}
        described = (
            row[1].replace("facilitators", "facilitator").replace("participants", "participant")
        )
        assert {part.strip() for part in described.split(",")} == roles, name
        phases = set().union(*grants.values())
        if "every phase but" in row[2]:
            assert phases == set(Phase) - {Phase.CLOSED}, name
        else:
            assert phases == {Phase.DELIBERATION, Phase.RECOMMENDATIONS}, name


def test_the_report_rules_are_those_of_the_timing_module() -> None:
    report = _section("The report: planned against used time")
    assert timing.TOLERANCE_SECONDS == 120
    assert report.count("at least two minutes") == 2
    assert "halves up" in report
    assert "union" in report
    assert timing.minutes(90) == 2  # "rounded to the nearest minute, halves up"
    assert timing.percent(1, 8) == 13  # "to the nearest whole percent, halves up"


def test_the_index_links_it() -> None:
    assert "(agenda.md)" in (DOCS / "index.md").read_text(encoding="utf-8")


@pytest.mark.django_db
def test_the_ledger_events_are_documented_with_their_payloads(cast: Cast) -> None:
    documented = {row[0].strip("`"): row[1] for row in _rows(_section("Ledger events"))}
    Process.objects.filter(pk=cast.process.pk).update(phase=Phase.DELIBERATION)
    process = cast.refresh()
    team, member = cast.users["facilitator"], cast.users["participant"]
    with clock.frozen_at(datetime(2026, 9, 12, 10, tzinfo=UTC)):
        day = sessions.do_add_session(team, process, title="Day", on=date(2026, 9, 12))
        agenda.do_edit_session(
            team, process, day, title="Day 1", on=day.date, starts_at=None, location="Hall"
        )
        sessions.do_set_tables(team, process, day, 2)
        first = sessions.do_add_item(
            team, process, day, title="A", kind="plenary", planned_minutes=5
        )
        second = sessions.do_add_item(
            team, process, day, title="B", kind="break", planned_minutes=5
        )
        third = sessions.do_add_item(team, process, day, title="C", kind="break", planned_minutes=5)
        agenda.do_edit_item(team, process, third, title="C2", kind="break", planned_minutes=6)
        agenda.do_move_item(team, process, third, 1)
        agenda.do_remove_item(team, process, third)
        timer.do_start_item(team, process, first)
        timer.do_pause_item(team, process, first)
        timer.do_start_item(team, process, first)
        request = time_requests.do_request_time(member, process, first, minutes=3, reason="Why")
        time_requests.do_decide_time_request(team, process, request, grant=False, reason="No")
        timer.do_stop_item(team, process, first)
        timer.do_stop_item(team, process, second)
    with clock.frozen_at(datetime(2026, 9, 12, 11, tzinfo=UTC)):
        start = datetime(2026, 9, 12, 10, 30, tzinfo=UTC)
        timer_corrections.do_correct_times(
            team, process, second, [(start, start.replace(minute=40))], reason="Forgotten"
        )
    seen: dict[str, set[str]] = {}
    for entry in entries(process):
        if entry.event.split(".")[0] in ("session", "agenda", "timer", "time"):
            seen.setdefault(entry.event, set()).update(entry.payload)
            if isinstance(entry.payload.get("changes"), dict):
                seen[entry.event].update(entry.payload["changes"])
    assert set(seen) == set(documented)
    integrity = (DOCS / "integrity.md").read_text(encoding="utf-8")
    for event, keys in seen.items():
        assert f"`{event}`" in integrity, event
        for key in keys:
            assert f"`{key}`" in documented[event], (event, key)
    assert re.search(r"`requester` \([^)]*; private\)", documented["time.requested"])
