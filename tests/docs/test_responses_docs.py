"""docs/responses.md agrees with the pages, the ledger events and the rating threshold it
names, and the documentation index and docs/integrity.md lead to it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from django.urls import resolve, reverse

from minipublic import clock
from minipublic.accountability import progress_actions
from minipublic.accountability.mail import send_mailing
from minipublic.accountability.models import Mailing
from minipublic.accountability.rating_actions import MIN_RATINGS
from minipublic.accountability.response_actions import do_check_deadlines, do_respond
from minipublic.integrity.record import entries
from minipublic.processes.access import SYSTEM
from tests.cast import make_cast
from tests.response_fixtures import AFTER_DEADLINE, BEFORE_DEADLINE, deliver_report

DOCS = Path(__file__).resolve().parents[2] / "docs"
RESPONSES = DOCS / "responses.md"
_PLACEHOLDERS = {"<slug>": "demo-parks-jury", "<n>": "3", "<token>": "abc:def"}


def _section(heading: str) -> str:
    text = RESPONSES.read_text()
    start = text.index(f"\n## {heading}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else None]


def _rows(section: str) -> list[list[str]]:
    rows = [
        [cell.strip() for cell in line.strip("|").split("|")]
        for line in section.splitlines()
        if line.startswith("|") and not line.startswith("|---")
    ]
    return rows[1:]


def test_the_index_and_the_integrity_page_link_it() -> None:
    assert "(responses.md)" in (DOCS / "index.md").read_text()
    assert "(responses.md)" in (DOCS / "integrity.md").read_text()


def test_the_documented_pages_resolve() -> None:
    rows = _rows(_section("Pages"))
    assert len(rows) == 6
    for address, name, _who in rows:
        path = address.strip("`")
        for placeholder, value in _PLACEHOLDERS.items():
            path = path.replace(placeholder, value)
        match = resolve(path)
        assert f"{match.namespace}:{match.url_name}" == name.strip("`"), path
        assert reverse(name.strip("`"), kwargs=match.kwargs) == path


def test_the_responses_page_keeps_its_contracted_address() -> None:
    assert reverse("accountability:responses", args=["demo"]) == "/p/demo/responses/"


def test_the_rating_threshold_is_the_documented_one() -> None:
    assert f"only once at least {MIN_RATINGS} participants have" in RESPONSES.read_text()


def test_every_ledger_event_is_documented_in_both_pages(db: None) -> None:
    cast = make_cast()
    deliver_report(cast)
    process, users = cast.process, cast.users
    with clock.frozen_at(BEFORE_DEADLINE):
        first = process.recommendations.get(number=1)
        do_respond(users["commissioner"], process, first, status="accepted", reasons="Yes.")
        progress_actions.do_set_implementation(
            users["commissioner"], process, first, responsible_body="Parks", next_review_on=None
        )
        milestone = progress_actions.do_add_milestone(
            users["commissioner"], process, first, title="Start", due_on=date(2026, 5, 1)
        )
        progress_actions.do_update_milestone(
            users["commissioner"], process, milestone, due_on=date(2026, 6, 1), done_on=None
        )
        progress_actions.do_report_progress(
            users["lead_practitioner"], process, first, status="on_track", text="Begun."
        )
        for pk in Mailing.objects.values_list("pk", flat=True):
            send_mailing.call(pk)
    with clock.frozen_at(AFTER_DEADLINE):
        do_check_deadlines(SYSTEM, process)
    ours = ("response.", "implementation.", "milestone.", "progress.", "updates.")
    events = {e.event for e in entries(process) if e.event.startswith(ours)}
    assert len(events) == 7
    documented = " ".join(row[0] for row in _rows(_section("Ledger events")))
    integrity = (DOCS / "integrity.md").read_text()
    for event in events:
        assert f"`{event}`" in documented, event
        assert f"`{event}`" in integrity, event
