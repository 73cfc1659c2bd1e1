"""The case library's public pages through HTTP: search, each filter with its counts,
pagination, an entry, withdrawn entries (410, absent from the list and exports) and the
Participedia-like exports, which never link a process the author did not choose to link
or one the visitor may not read."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from django.test import Client

from minipublic import clock
from minipublic.learning.library_export import BODY_FIELDS, CSV_COLUMNS
from minipublic.learning.library_models import LibraryEntry, Licence, Outcome
from minipublic.learning.library_views import PAGE_SIZE
from minipublic.lifecycle import ProcessModel
from tests.cast import Cast
from tests.library_fixtures import make_entry

pytestmark = pytest.mark.django_db


def _titles(response: Any) -> list[str]:
    return [entry.title for entry in response.context["entries"]]


@pytest.fixture
def shelf(cast: Cast) -> dict[str, LibraryEntry]:
    author = cast.users["lead_practitioner"]
    return {
        "jury": make_entry(
            author,
            title="Glenholm jury on the harbour",
            sections={"summary": "Walked away when the council rewrote the Report."},
            pressures=["steer.report_content", "market.deliberation_wash"],
            outcome=Outcome.WALKED_AWAY,
        ),
        "cell": make_entry(
            author,
            title="Planning cell on the ring road",
            model=ProcessModel.PLANNING_CELL,
            country="Germany",
            region="Saxony",
            year=2022,
            sections={"summary": "Nobody answered the Bürgergutachten."},
            pressures=["impact.no_response"],
            outcome=Outcome.NO_RESPONSE,
        ),
        "assembly": make_entry(
            None,
            title="Assembly on heat pumps",
            model=ProcessModel.CITIZENS_ASSEMBLY,
            country="England",
            region="North West",
            year=2023,
            pressures=["steer.time", "impact.no_response"],
            outcome=Outcome.MIXED,
        ),
    }


def test_the_list_is_public_and_counts_each_choice(shelf: dict[str, LibraryEntry]) -> None:
    response = Client().get("/library/")
    assert response.status_code == 200
    assert set(_titles(response)) == {entry.title for entry in shelf.values()}
    facets = response.context["facets"]
    pressure = {choice.value: choice.count for choice in facets["pressure"].choices}
    assert pressure["impact.no_response"] == 2
    assert pressure["steer.report_content"] == 1
    assert [heading for heading, _ in facets["pressure"].groups] == [
        "Pressure to steer",
        "Pressure for impact",
        "Market pressure",
    ]
    html = response.content.decode()
    assert "No response to the recommendations (2)" in html
    assert "Scotland (1)" in html
    assert "Germany (1)" in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("q=REWROTE", {"jury"}),  # sections, any case
        ("q=HARBOUR", {"jury"}),  # title, any case
        ("q=bürgergutachten", {"cell"}),  # non-ASCII text, any case
        ("q=ring+road", {"cell"}),
        ("q=harbour+nowhere", set()),  # every word must appear
        ("model=planning_cell", {"cell"}),
        ("country=England", {"assembly"}),
        ("region=Highlands", {"jury"}),
        ("pressure=impact.no_response", {"cell", "assembly"}),
        ("pressure=market.deliberation_wash", {"jury"}),
        ("outcome=walked_away", {"jury"}),
        ("year=2022", {"cell"}),
        ("year=abc", set()),
        ("pressure=impact.no_response&country=Germany", {"cell"}),
    ],
)
def test_search_and_each_filter(
    shelf: dict[str, LibraryEntry], query: str, expected: set[str]
) -> None:
    response = Client().get(f"/library/?{query}")
    assert response.status_code == 200
    assert set(_titles(response)) == {shelf[name].title for name in expected}


def test_counts_follow_the_other_filters(shelf: dict[str, LibraryEntry]) -> None:
    response = Client().get("/library/?country=Germany")
    pressure = {c.value: c.count for c in response.context["facets"]["pressure"].choices}
    assert pressure == {"impact.no_response": 1}
    # The country filter itself still offers every country.
    countries = {c.value for c in response.context["facets"]["country"].choices}
    assert countries == {"Scotland", "Germany", "England"}


def test_an_empty_result_says_so(shelf: dict[str, LibraryEntry]) -> None:
    html = Client().get("/library/?q=zeppelin").content.decode()
    assert "No record matches this search." in html
    assert "Clear the search and filters" in html


def test_an_empty_library_says_so(db: None) -> None:
    html = Client().get("/library/").content.decode()
    assert "No case record has been published yet." in html


def test_results_come_a_page_at_a_time(cast: Cast) -> None:
    for _ in range(PAGE_SIZE + 3):
        make_entry(cast.users["lead_practitioner"], sections={"summary": "Ferry jury"})
    first = Client().get("/library/?q=ferry")
    assert len(first.context["entries"]) == PAGE_SIZE
    html = first.content.decode()
    assert "Page 1 of 2" in html
    assert 'href="?q=ferry&amp;page=2"' in html
    second = Client().get("/library/?q=ferry&page=2")
    assert len(second.context["entries"]) == 3
    assert not set(_titles(first)) & set(_titles(second))
    assert Client().get("/library/?q=ferry&page=99").status_code == 200  # last page


def test_an_entry_shows_its_sections_in_order_with_its_facts(cast: Cast) -> None:
    entry = make_entry(
        cast.users["lead_practitioner"],
        sections={
            "lessons": "Agree editing rules first.",
            "summary": "A jury on buses.",
            "process": "The commissioner rewrote a paragraph.",
        },
        author_label="An experienced lead practitioner",
        licence=Licence.CC_BY_SA,
    )
    response = Client().get(f"/library/{entry.public_id}/")
    assert response.status_code == 200
    html = response.content.decode()
    headings = ["<h2>Summary</h2>", "<h2>What went on</h2>", "<h2>Lessons: what we would do"]
    positions = [html.index(heading) for heading in headings]
    assert positions == sorted(positions)
    assert "An experienced lead practitioner" in html
    assert 'href="https://creativecommons.org/licenses/by-sa/4.0/"' in html
    assert '<th scope="row">Members</th><td>16</td>' in html
    assert "fewer than 5" in html
    assert "Steering the content of the report" in html
    assert "About the process" not in html
    assert Client().get("/library/nothing-here/").status_code == 404


def test_the_process_link_shows_only_when_chosen_and_readable(cast: Cast) -> None:
    private = make_entry(cast.users["lead_practitioner"], process=cast.process)
    html = Client().get(f"/library/{private.public_id}/").content.decode()
    assert "About the process" not in html  # the process is private
    member = cast.client("lead_practitioner").get(f"/library/{private.public_id}/")
    assert "About the process" in member.content.decode()
    data = json.loads(Client().get(f"/library/{private.public_id}.json").content)
    assert data["process_url"] is None


def test_a_public_linked_process_is_exported(public_cast: Cast) -> None:
    entry = make_entry(public_cast.users["lead_practitioner"], process=public_cast.process)
    data = json.loads(Client().get(f"/library/{entry.public_id}.json").content)
    assert data["process_url"] == "http://testserver/p/riverside/"
    unlinked = make_entry(public_cast.users["lead_practitioner"])
    data = json.loads(Client().get(f"/library/{unlinked.public_id}.json").content)
    assert data["process_url"] is None


def _withdraw(entry: LibraryEntry) -> None:
    entry.withdrawn_at = clock.now()
    entry.withdrawn_reason = "It identified a council officer."
    entry.save()


def test_a_withdrawn_entry_is_gone_everywhere(shelf: dict[str, LibraryEntry]) -> None:
    jury = shelf["jury"]
    _withdraw(jury)
    client = Client()
    page = client.get(f"/library/{jury.public_id}/")
    assert page.status_code == 410
    html = page.content.decode()
    assert "It identified a council officer." in html
    assert "Walked away" not in html
    assert client.get(f"/library/{jury.public_id}.json").status_code == 410
    assert jury.title not in _titles(client.get("/library/?q=report"))
    assert jury.title not in client.get("/library/export.csv").content.decode()
    exported = json.loads(client.get("/library/export.json").content)
    assert jury.public_id not in {item["id"] for item in exported["cases"]}
    counts = {c.value for c in client.get("/library/").context["facets"]["outcome"].choices}
    assert "walked_away" not in counts


def test_the_exports_have_the_case_shape(shelf: dict[str, LibraryEntry]) -> None:
    client = Client()
    data = json.loads(client.get("/library/export.json").content)
    assert data["count"] == 3
    cell = next(item for item in data["cases"] if item["id"] == shelf["cell"].public_id)
    assert cell["title"] == "Planning cell on the ring road"
    assert cell["description"] == "Nobody answered the Bürgergutachten."
    assert set(cell["body"]) == {name for name, _ in BODY_FIELDS}
    assert cell["location"] == {"country": "Germany", "region": "Saxony"}
    assert cell["start_year"] == 2022
    assert cell["model"] == "planning_cell"
    assert cell["licence_url"] == "https://creativecommons.org/licenses/by/4.0/"
    assert cell["url"] == f"http://testserver/library/{shelf['cell'].public_id}/"
    assert cell["published_by"] == "A lead practitioner"
    text = json.dumps(data)
    assert "lead_practitioner" not in text
    assert "author_id" not in text
    response = client.get("/library/export.csv")
    assert response["Content-Disposition"] == 'attachment; filename="library.csv"'
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert tuple(rows[0]) == CSV_COLUMNS
    by_id = {row["id"]: row for row in rows}
    assert by_id[shelf["jury"].public_id]["pressures"] == (
        "steer.report_content; market.deliberation_wash"
    )
    assert all(row["process_url"] == "" for row in rows)
