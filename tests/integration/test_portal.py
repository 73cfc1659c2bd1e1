"""The transparency portal /p/<slug>/: its own sections, the sections other apps provide
(through ``portal.sections``, with fakes here), privacy, and a constant number of queries."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from minipublic import clock
from minipublic.evidence.witness_actions import do_decide_witness, do_propose_witness
from minipublic.integrity.actions import do_report_incident
from minipublic.lifecycle import Phase
from minipublic.portal import sections
from minipublic.processes import actions
from minipublic.processes.access import SYSTEM
from minipublic.selection.commit import do_commit_run
from minipublic.selection.draw import do_draw_panel
from tests.cast import Cast
from tests.selection_fixtures import (
    add_registrants,
    engine_files,
    finished_run,
    later,
    to_selection_phase,
)

PAGE = "/p/riverside/"


def _section(page: str, key: str) -> str:
    return page.partition(f'<section id="{key}"')[2].partition("</section>")[0]


def test_every_part_has_its_section_and_the_contents_link_to_each(public_cast: Cast) -> None:
    page = public_cast.client("anonymous").get(PAGE).content.decode()
    keys = [
        "remit",
        "standards",
        "funding",
        "design",
        "phases",
        "selection",
        "people",
        "evidence",
        "parking",
        "integrity",
        *(s.key for s in sections.SECTIONS),
        "updates",
    ]
    for key in keys:
        assert f'<section id="{key}"' in page, key
        assert f'href="#{key}"' in page, key
    assert 'href="/p/riverside/agenda/"' in _section(page, "design")
    assert 'href="/p/riverside/selection/"' in _section(page, "selection")
    assert 'href="/p/riverside/integrity/dictionary/"' in _section(page, "integrity")
    assert 'href="/p/riverside/integrity/bundle.zip"' in _section(page, "integrity")


def test_a_section_not_reached_yet_says_so(
    public_cast: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    for section in sections.SECTIONS:
        monkeypatch.setattr(f"{section.module}.portal_section", lambda process: None)
    page = public_cast.client("anonymous").get(PAGE).content.decode()
    for section in sections.SECTIONS:
        body = _section(page, section.key)
        assert f">{escape(section.heading)}</h2>" in body
        assert 'class="not-yet"' in body
    assert "once they have signed it off and it is frozen" in _section(page, "report")


def test_a_section_with_content_is_rendered_with_its_apps_template(
    public_cast: Cast,
    monkeypatch: pytest.MonkeyPatch,
    settings: Any,
    tmp_path: Path,
) -> None:
    folder = tmp_path / "recommendations"
    folder.mkdir()
    (folder / "portal_section.html").write_text(
        "<h3>{{ headline }}</h3><p>{{ process.slug }}: {% url 'portal:process' process.slug %}</p>"
    )
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    ]
    seen = []

    def fake(process: object) -> dict[str, object]:
        seen.append(process)
        return {"headline": "Seven recommendations <adopted>"}

    for section in sections.SECTIONS:
        monkeypatch.setattr(f"{section.module}.portal_section", lambda process: None)
    monkeypatch.setattr("minipublic.recommendations.portal.portal_section", fake)
    page = public_cast.client("anonymous").get(PAGE).content.decode()
    body = _section(page, "recommendations")
    assert "<h3>Seven recommendations &lt;adopted&gt;</h3>" in body
    assert "<p>riverside: /p/riverside/</p>" in body
    assert 'class="not-yet"' not in body
    assert [p.pk for p in seen] == [public_cast.process.pk]  # type: ignore[attr-defined]
    # The other sections are unaffected.
    assert 'class="not-yet"' in _section(page, "evaluation")


def test_the_portal_names_no_participant(public_cast: Cast) -> None:
    participant = public_cast.users["participant"]
    participant.display_name = "Zebedee Quartermain"
    participant.save()
    for who in ("anonymous", "commissioner", "participant"):
        page = public_cast.client(who).get(PAGE).content.decode()
        body = page.partition("<main")[2].partition("</main>")[0]
        assert "Zebedee" not in body
        assert "Quartermain" not in body
        assert ">participant<" not in body  # the user name


def test_a_private_process_is_for_members_only(cast: Cast) -> None:
    assert cast.client("anonymous").get(PAGE).status_code in (302, 404)
    assert cast.client("outsider").get(PAGE).status_code == 404
    page = cast.client("participant").get(PAGE).content.decode()
    assert 'type="application/atom+xml"' not in page  # no feed for a private process


def _grow(cast: Cast, witnesses: int) -> None:
    lead = cast.users["lead_practitioner"]
    for number in range(witnesses):
        witness = do_propose_witness(
            lead,
            cast.process,
            name=f"Dr Witness {number}",
            role_organisation="Hydrologist, Riverside University",
            expertise="Floods",
            perspectives=["science"],
        )
        do_decide_witness(lead, cast.process, witness, status="invited", reasons="Needed.")
        do_report_incident(
            cast.users["facilitator"],
            cast.process,
            what_happened=f"A councillor phoned member {number}.",
            pressure_source="politician",
            target="participant_contact",
            severity="low",
        )


def _queries(cast: Cast) -> int:
    client = cast.client("lead_practitioner")
    client.get(PAGE)  # warm caches (sessions, templates)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(PAGE).status_code == 200
    return len(queries)


def test_the_portal_makes_the_same_number_of_queries_however_much_there_is(
    public_cast: Cast,
) -> None:
    _grow(public_cast, 1)
    few = _queries(public_cast)
    _grow(public_cast, 6)
    assert _queries(public_cast) == few
    # The page's own sections and the four sections of the outcomes (about 20 of them
    # reading the conformance label): a bound that fails when a section starts looping.
    assert few <= 70, few


def test_a_later_phase_still_shows_every_section(public_cast: Cast) -> None:
    for phase in (Phase.RECRUITMENT, Phase.SELECTION, Phase.DELIBERATION):
        actions.do_change_phase(SYSTEM, public_cast.process, phase)
    page = public_cast.client("anonymous").get(PAGE).content.decode()
    assert "No selection run has been committed on this platform yet" in page
    assert "No witness has been proposed yet." in page


def test_the_selection_section_shows_the_draw_and_survives_lost_files(
    public_cast: Cast, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    to_selection_phase(public_cast.process)
    add_registrants(public_cast.process)
    run = finished_run(public_cast, engine_files(tmp_path_factory), tmp_path / "run-1")
    lead = public_cast.users["lead_practitioner"]
    do_commit_run(
        lead,
        public_cast.process,
        run,
        announced_for=later(10),
        randomness_source="Dice thrown at the town hall.",
    )
    with clock.frozen_at(later(15)):
        do_draw_panel(lead, public_cast.process, run, randomness="381")
    client = public_cast.client("anonymous")
    body = _section(client.get(PAGE).content.decode(), "selection")
    assert "Dice thrown at the town hall." in body
    assert "randomness “381”" in body
    assert run.commitment_sha256 in body
    assert "make-up against its quotas" in body
    # No registrant's name or pseudonym is shown.
    assert "R-0" not in body
    assert "Hollowmere" not in body
    assert "fewer than 5" in body

    shutil.rmtree(tmp_path / "run-1")
    response = client.get(PAGE)
    assert response.status_code == 200
    assert "Dice thrown" not in _section(response.content.decode(), "selection")
