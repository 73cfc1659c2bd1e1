"""The public selection page: method, runs, commitment, draw, chances, quotas; no names."""

from __future__ import annotations

import html
import os
import re
import subprocess
from pathlib import Path

import pytest

from minipublic import clock
from minipublic.recruitment.models import Registrant
from minipublic.selection.charts import chance_summary, probability_chart
from minipublic.selection.commit import do_commit_run
from minipublic.selection.draw import do_draw_panel
from minipublic.selection.models import RunStatus, SelectionRun
from minipublic.selection.public import SMALL_CELL, suppressed
from tests.cast import ACTORS, Cast
from tests.selection_fixtures import (
    add_registrants,
    engine_files,
    finished_run,
    later,
    to_selection_phase,
)
from tests.support import MINIPUBLIC, base_env

pytestmark = pytest.mark.django_db

PAGE = "/p/riverside/selection/"
SOURCE = "The six main numbers of the national lottery, smallest first, separated by spaces"


@pytest.fixture
def runs(
    public_cast: Cast, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> SelectionRun:
    """A public process with a failed run 1 (with its reason) and a finished run 2."""
    cast = public_cast
    to_selection_phase(cast.process)
    add_registrants(cast.process)
    SelectionRun.objects.create(
        process=cast.process,
        number=1,
        reason="Trial run before the quotas were final",
        status=RunStatus.FAILED,
        error_code="infeasible",
        started_by_role="recruiter",
        created_at=clock.now(),
    )
    return finished_run(
        cast, engine_files(tmp_path_factory), tmp_path / "run-2", number=2, reason="Final quotas"
    )


def _commit_and_draw(
    cast: Cast, run: SelectionRun, randomness: str, *, publish_answers: bool = True
) -> None:
    lead = cast.users["lead_practitioner"]
    do_commit_run(
        lead,
        cast.process,
        run,
        announced_for=later(5),
        randomness_source=SOURCE,
        publish_answers=publish_answers,
    )
    with clock.frozen_at(later(10)):
        do_draw_panel(lead, cast.process, run, randomness=randomness)


def _row(page: str, label: str) -> str:
    match = re.search(
        rf"<tr>(?:(?!</tr>).)*>{re.escape(label)}</th>(?:(?!</tr>).)*</tr>", page, re.S
    )
    assert match is not None, label
    return match.group(0)


def test_small_cells_are_suppressed() -> None:
    assert [suppressed(n) for n in (0, 1, SMALL_CELL - 1, SMALL_CELL, 40)] == [0, None, None, 5, 40]


def test_before_the_commitment_the_page_counts_every_run(
    public_cast: Cast, runs: SelectionRun
) -> None:
    response = public_cast.client("anonymous").get(PAGE)
    assert response.status_code == 200
    page = response.content.decode()
    assert "The selection was run 2 times" in page
    assert "Trial run before the quotas were final" in page
    assert "Final quotas" in page
    assert "Failed: 1" in page
    assert "Finished: 1" in page
    assert "No run has been committed yet" in page
    assert "<svg" not in page


def test_after_the_draw_the_page_shows_the_verifiable_result(
    public_cast: Cast, runs: SelectionRun
) -> None:
    _commit_and_draw(public_cast, runs, "4 11 23 35 42 58")
    runs.refresh_from_db()
    draw = runs.draw
    response = public_cast.client("anonymous").get(PAGE)
    assert response.status_code == 200
    page = response.content.decode()
    assert runs.commitment_sha256 in page
    assert "<code>4 11 23 35 42 58</code>" in page
    assert f'<td data-label="Panel number drawn">{draw.panel_number}</td>' in page
    assert SOURCE in page
    assert "Trial run before the quotas were final" in page  # the failed run is still counted
    assert "The selection was run 2 times" in page
    # The chart, with its text alternative.
    assert re.search(r'<svg[^>]*role="img"[^>]*aria-labelledby="chances-title chances-desc"', page)
    assert '<title id="chances-title">' in page
    assert "The chances in the chart, as text" in page
    assert "Smallest chance" in page
    assert "<script" not in page.split("<svg", 1)[1].split("</svg>", 1)[0]
    # The certificate summary and the commands to re-check it.
    assert "Levels checked independently" in page
    assert "minipublic verify run-2" in page
    assert "minipublic certify run-2" in page
    assert "riverside-public-record/documents/" in page
    assert "/p/riverside/integrity/bundle.zip" in page
    # Quotas: the pool has 4 non-binary people, a small cell, so the count is hidden.
    row = _row(page, "non-binary")
    assert "fewer than 5" in row
    assert ">4<" not in row
    women = Registrant.objects.filter(answers__gender="female").count()
    assert women >= SMALL_CELL
    assert f">{women}<" in _row(page, "female")  # large cells are shown


def test_withheld_answers_are_explained_and_offered_to_oversight_only(
    public_cast: Cast, runs: SelectionRun
) -> None:
    _commit_and_draw(public_cast, runs, "381", publish_answers=False)
    page = public_cast.client("anonymous").get(PAGE).content.decode()
    assert "minipublic verify run-2" in page
    assert "minipublic certify run-2" not in page  # it needs the withheld answers
    assert "cp riverside-public-record/documents/" in page
    assert "/inputs.json" not in page.split("Check it yourself", 1)[1]
    assert "are not published" in page
    for who in ("commissioner", "observer"):
        seen = public_cast.client(who).get(PAGE).content.decode()
        assert "/manage/runs/2/inputs.json" not in seen
    oversight = public_cast.client("oversight").get(PAGE).content.decode()
    assert "/p/riverside/manage/runs/2/inputs.json" in oversight


def test_the_public_page_never_shows_personal_data(public_cast: Cast, runs: SelectionRun) -> None:
    _commit_and_draw(public_cast, runs, "381")
    for who in ("anonymous", "commissioner", "observer", "lead_practitioner"):
        page = public_cast.client(who).get(PAGE).content.decode()
        for person in Registrant.objects.all():
            assert person.email not in page
            assert f"{person.first_name} {person.last_name}" not in page
            assert not person.address or person.address not in page


@pytest.mark.parametrize("who", ACTORS)
def test_a_private_process_shows_its_selection_to_members_only(cast: Cast, who: str) -> None:
    response = cast.client(who).get(PAGE)
    expected = 404 if who in ("outsider", "staff", "anonymous") else 200
    assert response.status_code == expected


@pytest.mark.parametrize(
    ("who", "panel_link", "draw_link"),
    [
        ("anonymous", False, False),
        ("commissioner", False, False),
        ("observer", False, False),
        ("recruiter", True, False),
        ("lead_practitioner", True, True),
    ],
)
def test_the_process_page_links_the_selection_pages(
    public_cast: Cast, who: str, panel_link: bool, draw_link: bool
) -> None:
    to_selection_phase(public_cast.process)
    page = public_cast.client(who).get("/p/riverside/").content.decode()
    assert 'href="/p/riverside/selection/"' in page
    assert ('href="/p/riverside/manage/panel/"' in page) is panel_link
    assert ('href="/p/riverside/manage/draw/"' in page) is draw_link


def test_the_chart_draws_large_pools_as_one_shape_and_has_a_text_alternative() -> None:
    chances = [0.01 * (i % 7 + 1) for i in range(1000)]
    chart = probability_chart(chances, 40)
    assert chart.count("<polygon") == 1
    assert "<rect" not in chart
    assert "smallest chance 1.00%" in chart
    assert "equal share 4.00%" in chart
    small = probability_chart([0.5, 0.25, 0.25], 1)
    assert small.count("<rect") == 3
    rows = chance_summary([0.5, 0.25, 0.25])
    assert [row.percent for row in rows] == ["25.00%", "25.00%", "25.00%", "50.00%", "50.00%"]


@pytest.mark.parametrize("publish_answers", [True, False])
def test_the_commands_on_the_page_check_the_downloaded_record(
    public_cast: Cast, runs: SelectionRun, tmp_path: Path, publish_answers: bool
) -> None:
    """Run, in a shell, exactly the lines the page prints, on bundle.zip from the site."""
    _commit_and_draw(public_cast, runs, "4 11 23 35 42 58", publish_answers=publish_answers)
    client = public_cast.client("anonymous")
    page = client.get(PAGE).content.decode()
    block = page.split('id="check-heading"', 1)[1].split("<pre><code>", 1)[1]
    lines = [html.unescape(line) for line in block.split("</code></pre>", 1)[0].splitlines()]
    assert lines[0] == "unzip riverside-public-record.zip"
    bundle = client.get("/p/riverside/integrity/bundle.zip")
    assert bundle.status_code == 200
    work = tmp_path / "someone-elses-computer"
    work.mkdir()
    (work / "riverside-public-record.zip").write_bytes(bundle.content)
    env = base_env(work, PATH=f"{Path(MINIPUBLIC).parent}:{os.environ['PATH']}")
    done = subprocess.run(
        ["/bin/sh", "-ec", "\n".join(lines)],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    if publish_answers:
        assert "Verified: the published files re-derive the same panel." in done.stdout
        assert "Certified" in done.stdout
    else:
        assert "Partly verified" in done.stdout
        assert "Certified" not in done.stdout
