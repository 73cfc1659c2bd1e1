"""docs/recommendations.md ("The participants' report") agrees with the pages and the
ledger events it names, and docs/integrity.md and the index lead to it."""

from __future__ import annotations

import re
from pathlib import Path

from django.urls import resolve, reverse

DOCS = Path(__file__).resolve().parents[2] / "docs"
REPORT = DOCS / "recommendations.md"
EVENTS = (
    "report.assembled",
    "report.edited",
    "report.version_started",
    "report.signed",
    "report.signature_withdrawn",
    "report.frozen",
    "report.change_requested",
    "report.change_answered",
)
SOURCE = Path(__file__).resolve().parents[2] / "src" / "minipublic" / "recommendations"


def _section(heading: str) -> str:
    text = REPORT.read_text()
    start = text.index(f"\n## {heading}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else None]


def _table(section: str, heading: str) -> list[list[str]]:
    part = section[section.index(f"### {heading}") :]
    rows = []
    for line in part.splitlines()[1:]:
        if line.startswith("### "):
            break
        if line.startswith("|") and not line.startswith("|---"):
            rows.append([cell.strip() for cell in line.strip("|").split("|")])
    return rows[1:]


def test_the_documented_pages_resolve_to_the_named_views() -> None:
    rows = _table(_section("The participants' report"), "Pages")
    assert len(rows) == 4
    for address, name, _who in rows:
        path = address.strip("`").replace("<slug>", "demo").replace("<n>", "2")
        match = resolve(path)
        assert f"{match.namespace}:{match.url_name}" == name.strip("`"), path
        assert reverse(name.strip("`"), kwargs=match.kwargs) == path


def test_the_report_keeps_its_contracted_address() -> None:
    assert reverse("report:page", args=["demo"]) == "/p/demo/report/"


def test_every_event_the_code_appends_is_documented_in_both_pages() -> None:
    appended = set()
    for path in SOURCE.glob("report_*.py"):
        appended |= set(re.findall(r'"(report\.[a-z_]+)"', path.read_text()))
    assert appended == set(EVENTS)
    documented = {
        row[0]
        for row in _table(_section("The participants' report"), "What the public record holds")
    }
    assert {name.strip("`") for name in documented} == set(EVENTS)
    integrity = (DOCS / "integrity.md").read_text()
    missing = [event for event in EVENTS if f"`{event}`" not in integrity]
    assert not missing, missing


def test_the_index_and_the_readme_link_the_page() -> None:
    assert "(recommendations.md)" in (DOCS / "index.md").read_text()
    readme = (DOCS.parent / "README.md").read_text()
    assert "(docs/recommendations.md)" in readme
    assert "http://127.0.0.1:8000/p/demo/report/" in readme
