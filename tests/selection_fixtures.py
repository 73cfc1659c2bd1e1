"""A finished selection run on the demo pool, made by calling the engine directly.

The engine's files are computed once per test session (LEXIMIN on the demo's 247
registrants, panel of 24) and copied into each test's own directory, because the draw
writes into it. The registrants are created from the same people file, with the file's
ids as their pseudonyms.
"""

from __future__ import annotations

import csv
import json
import shutil
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

import minipublic
from minipublic import clock
from minipublic.lifecycle import Phase
from minipublic.processes.access import SYSTEM
from minipublic.processes.actions import do_change_phase
from minipublic.processes.models import Process
from minipublic.recruitment.models import Registrant
from minipublic.selection.models import RunStatus, SelectionRun
from tests.cast import Cast

DEMO = Path(minipublic.__file__).parent / "demo" / "selection"
PEOPLE = DEMO / "people.csv"
QUOTAS = DEMO / "quotas.csv"
PANEL_SIZE = 24
ADDRESS = ["address_line", "postcode"]
FEATURES = ("gender", "age", "area", "tenure", "climate_concern")


def compute_run(directory: Path) -> None:
    """Write a committed-to-be selection of the demo pool into ``directory`` (engine only)."""
    from minipublic.sortition.certify import certify_directory
    from minipublic.sortition.inputs import load_instance
    from minipublic.sortition.outputs import write_commitment
    from minipublic.sortition.report import add_certification
    from minipublic.sortition.select import run_selection

    instance = load_instance(PEOPLE, QUOTAS, PANEL_SIZE, address_columns=ADDRESS)
    selection = run_selection(instance, lottery_size=1000)
    context = {
        "created": "2026-01-01T00:00:00+00:00",
        "inputs": {
            "people": PEOPLE.name,
            "quotas": QUOTAS.name,
            "quota_layout": "feature,value,min,max",
            "id_column": "id",
            "address_columns": ADDRESS,
        },
    }
    write_commitment(selection, directory, context)
    checked = certify_directory(directory)
    add_certification(directory, [level.ok for level in checked.levels], list(checked.problems))


_COMPUTED: dict[str, Path] = {}


def engine_files(factory: pytest.TempPathFactory) -> Path:
    """The engine's output for the demo pool, computed once per session."""
    if "demo" not in _COMPUTED:
        directory = factory.mktemp("selection-run")
        compute_run(directory)
        _COMPUTED["demo"] = directory
    return _COMPUTED["demo"]


def add_registrants(process: Process) -> list[Registrant]:
    """The demo pool as registrants of ``process`` (pseudonym = the file's id)."""
    with PEOPLE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return Registrant.objects.bulk_create(
        Registrant(
            process=process,
            pseudonym=row["id"],
            first_name=row["first_name"],
            last_name=row["last_name"],
            email=row["email"],
            address=row["address_line"],
            postcode=row["postcode"],
            answers={feature: row[feature] for feature in FEATURES},
            registered_on=date(2026, 1, 1),
        )
        for row in rows
    )


def to_selection_phase(process: Process) -> None:
    """Move ``process`` from design to the selection phase."""
    do_change_phase(SYSTEM, process, Phase.RECRUITMENT)
    do_change_phase(SYSTEM, process, Phase.SELECTION)


def finished_run(
    cast: Cast, source: Path, directory: Path, *, number: int = 1, reason: str = "First run"
) -> SelectionRun:
    """A done selection run of ``cast.process`` whose files are a copy of ``source``."""
    shutil.copytree(source, directory)
    commitment = json.loads((directory / "commitment.json").read_text())
    now = clock.now()
    return SelectionRun.objects.create(
        process=cast.process,
        number=number,
        reason=reason,
        status=RunStatus.DONE,
        started_by=cast.users["lead_practitioner"],
        started_by_role="lead_practitioner",
        created_at=now,
        started_at=now,
        finished_at=now,
        inputs_sha256=commitment["inputs_sha256"],
        commitment_sha256=commitment["commitment"],
        output_dir=str(directory),
    )


def later(minutes: int = 10) -> datetime:
    """A moment ``minutes`` from now."""
    return clock.now() + timedelta(minutes=minutes)
