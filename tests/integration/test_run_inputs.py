"""Downloading a committed run's inputs.json: who may, when, and what is logged."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from minipublic.processes import access
from minipublic.recruitment.models import PersonalDataExport
from minipublic.selection import run_views
from minipublic.selection.commit import do_commit_run
from minipublic.selection.models import SelectionRun
from tests.cast import Cast
from tests.selection_fixtures import (
    add_registrants,
    engine_files,
    finished_run,
    later,
    to_selection_phase,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def ready(cast: Cast, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> SelectionRun:
    """The riverside process in selection, with the demo pool and a finished run 1."""
    to_selection_phase(cast.process)
    add_registrants(cast.process)
    return finished_run(cast, engine_files(tmp_path_factory), tmp_path / "run-1")


def _commit(cast: Cast, run: SelectionRun) -> None:
    do_commit_run(
        cast.users["lead_practitioner"],
        cast.process,
        run,
        announced_for=later(10),
        randomness_source="Three dice rolled at the meeting",
    )


def test_inputs_are_offered_only_once_committed_and_the_download_is_logged_once(
    cast: Cast, ready: SelectionRun
) -> None:
    lead = cast.client("lead_practitioner")
    url = "/p/riverside/manage/runs/1/inputs.json"
    assert lead.get(url).status_code == 404  # finished, but not committed: it may be re-rolled
    assert not PersonalDataExport.objects.exists()
    _commit(cast, ready)
    response = lead.get(url)
    assert response.status_code == 200
    people = json.loads(response.content)["people"]
    [export] = PersonalDataExport.objects.all()
    assert (export.exported_by_role, export.rows) == ("lead_practitioner", len(people))
    assert response.content == (Path(ready.output_dir) / "inputs.json").read_bytes()


def test_who_may_read_the_inputs_is_asked_with_one_reading_of_the_roles(
    cast: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[object] = []
    real = access.roles_in

    def counted(user: Any, process: Any) -> Any:
        calls.append(user)
        return real(user, process)

    monkeypatch.setattr(access, "roles_in", counted)
    monkeypatch.setattr(run_views, "roles_in", counted)
    assert run_views.may_read_inputs(cast.users["oversight"], cast.process)
    assert len(calls) == 1
    assert not run_views.may_read_inputs(cast.users["observer"], cast.process)
    assert len(calls) == 2
