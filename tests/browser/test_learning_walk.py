"""Issue 9's "done when", walked in the browser on its own demo server (axe on every page).

The lead practitioner reviews the climate assembly's case record (demo/case_story.py left
it awaiting review): the review lists the demo's people, organisations and places, each
with its replacement; the published record shows none of them. Anyone then finds it in
the case library. The demo researcher adds its reflections to her project, codes three
excerpts, and downloads the theme report and a REFI-QDA project that the published
schema accepts. (tests/integration/test_case_record_demo.py checks every demo name.)
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import xmlschema
from playwright.sync_api import Browser, Page, expect

from tests.browser.axe import AxeChecker
from tests.browser.helpers import sign_in
from tests.servers import load_demo, serving
from tests.support import scratch_database

SCHEMA = Path(__file__).parents[1] / "vendor" / "refi-qda" / "Project.xsd"
# Names in the climate assembly's draft case record (its generated sections and the
# practitioners' reflections), by kind: the review must list each one for replacement.
PEOPLE = ("Dana Whitfield", "Helen Achterberg", "Tom Okafor", "Priya Raman", "Maria Gonzalez")
ORGANISATIONS = ("Riverford City Council", "Riverford Motorists' Forum", "Riverford Gazette")
PLACES = ("Riverford",)
TITLE = "[the town] Climate Assembly"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The demo on a fresh database (publishing must not change the shared demo server)."""
    var_dir = tmp_path_factory.mktemp("learning-walk")
    with scratch_database(var_dir) as database_url:
        load_demo(var_dir, database_url)
        with serving(var_dir, DEBUG="1", DATABASE_URL=database_url) as base:
            yield base


def _click(page: Page, axe: AxeChecker, role: str, name: str) -> None:
    with page.expect_navigation():
        page.get_by_role(role, name=name).first.click()  # type: ignore[arg-type]
    axe(page)


def test_a_case_record_reaches_the_library_and_a_researcher_codes_it(
    browser: Browser, axe: AxeChecker, server: str
) -> None:
    lead = browser.new_page()
    axe.track(lead)
    sign_in(lead, axe, server, "practitioner")
    lead.goto(server + "/p/demo/")
    axe(lead)
    _click(lead, axe, "link", "Case record for the library")
    _click(lead, axe, "link", "Review the names")
    terms = lead.get_by_role("table", name="Names and their replacements")
    written = terms.locator("input[name$='-term']").evaluate_all("els => els.map(e => e.value)")
    kinds = terms.locator("select[name$='-kind']").evaluate_all("els => els.map(e => e.value)")
    found = dict(zip(written, kinds, strict=True))
    for name in (*PEOPLE, *ORGANISATIONS, *PLACES):
        assert any(name in term for term in found), f"{name} is not proposed for replacement"
    for name in ORGANISATIONS:
        assert found.get(name) == "organisation", name
    for name in PLACES:
        assert found.get(name) == "place", name
    _click(lead, axe, "button", "Confirm this review")
    record = lead.get_by_role("article")
    for name in (*PEOPLE, *ORGANISATIONS, *PLACES, "Whitfield", "01632 960 123"):
        expect(record).not_to_contain_text(name)
    expect(record).to_contain_text("[the commissioner]")
    lead.get_by_label("I have read the anonymised record above").check()
    _click(lead, axe, "button", "Publish in the library")
    expect(lead.get_by_role("status")).to_contain_text("published in the library")

    visitor = browser.new_page()
    axe.track(visitor)
    visitor.goto(server + "/library/")
    axe(visitor)
    visitor.get_by_label("Search words").fill("climate assembly")
    _click(visitor, axe, "button", "Search")
    _click(visitor, axe, "link", TITLE)
    entry = visitor.locator("main")
    expect(entry).to_contain_text("what the panel relied on")
    for name in (*PEOPLE, *ORGANISATIONS, *PLACES):
        expect(entry).not_to_contain_text(name)

    researcher = browser.new_page()
    axe.track(researcher)
    sign_in(researcher, axe, server, "researcher")
    _click(researcher, axe, "link", "Research")
    _click(researcher, axe, "link", "Pressure and practice in local mini-publics")
    _click(researcher, axe, "link", "Add reflections from the library")
    with researcher.expect_navigation():
        researcher.locator("form", has_text=TITLE).get_by_role("button").click()
    axe(researcher)
    _click(researcher, axe, "link", TITLE)
    excerpts = (
        ("1", "soften the workplace parking levy", "Pressure to steer: Report content"),
        ("2", "refusing the edit", "Responses: Red lines"),
        ("3", "", "Pressure to steer: Lobbying participants"),
    )
    for paragraph, words, code in excerpts:
        researcher.get_by_label("Paragraph number").fill(paragraph)
        researcher.get_by_label("Exact words to code").fill(words)
        researcher.get_by_label(code).check()
        _click(researcher, axe, "button", "Code the excerpt")
    expect(researcher.locator("blockquote.quoted")).to_have_count(3)

    project = researcher.url.split("/sources/")[0]
    researcher.goto(project + "/report/")
    axe(researcher)
    expect(researcher.get_by_role("table", name="Co-occurrence of codes")).to_be_visible()
    with researcher.expect_download() as download:
        researcher.get_by_role("link", name="Coded excerpts (CSV)").click()
    rows = list(csv.DictReader(io.StringIO(download.value.path().read_text())))
    assert {"soften the workplace parking levy", "refusing the edit"} <= {r["quote"] for r in rows}
    with researcher.expect_download() as download:
        researcher.get_by_role("link", name="REFI-QDA", exact=False).click()
    with zipfile.ZipFile(download.value.path()) as archive:
        project_xml = archive.read("project.qde")
        sources = [archive.read(n).decode() for n in archive.namelist() if n.startswith("Sources/")]
    xmlschema.XMLSchema(SCHEMA).validate(project_xml)
    assert any("what the panel relied on" in text for text in sources)
    assert b"Lobbying participants" in project_xml
