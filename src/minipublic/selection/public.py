"""What the public selection page shows: only published, pseudonymous or aggregate facts.

Every run is counted with its reason, whatever became of it; the committed run's
commitment, certificate summary and draw are shown with links to the published files
and the commands that re-check them. Counts of people below ``SMALL_CELL`` (but above
zero) are suppressed, so that a rare answer cannot point to a person.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from minipublic.integrity.documents import DOCUMENTS_FOLDER
from minipublic.integrity.models import Document
from minipublic.processes.models import Process
from minipublic.recruitment.models import FeatureValue
from minipublic.selection.commit import (
    COMMITTED_FILES,
    committed_selection,
    public_draw_record,
    read_json,
    run_directory,
)
from minipublic.selection.draw import current_panel, drawn_runs
from minipublic.selection.models import RunStatus, SelectionRun

#: Counts of people from 1 to SMALL_CELL - 1 are not shown.
SMALL_CELL = 5


def suppressed(count: int) -> int | None:
    """``count``, or None when it is a small cell (1 to SMALL_CELL - 1) to hide."""
    return None if 0 < count < SMALL_CELL else count


@dataclass
class QuotaRow:
    """One value of one feature: its quota, the pool and the panel (small cells hidden)."""

    feature: str
    value: str
    label: str
    min: int
    max: int
    pool: int | None
    panel: int | None
    within: bool | None


@dataclass
class PublishedFile:
    """A published file of a run: its name for ``minipublic verify`` and its document path."""

    name: str
    path: str
    url_path: str
    sha256: str


@dataclass
class RunView:
    """One run as the public sees it."""

    number: int
    kind: str
    status: str
    status_label: str
    reason: str
    created_at: datetime
    committed: bool
    drawn: bool
    error_code: str
    files: list[PublishedFile] = field(default_factory=list)
    announced_for: datetime | None = None
    randomness_source: str = ""
    randomness: str = ""
    panel_number: int | None = None
    answers_published: bool = False


def _labels(process: Process) -> dict[tuple[str, str], str]:
    rows = FeatureValue.objects.filter(feature__process=process).values_list(
        "feature__name", "value", "label"
    )
    return {(feature, value): label for feature, value, label in rows}


def _files(run: SelectionRun) -> list[PublishedFile]:
    paths: dict[str, str] = public_draw_record(run).get("documents", {})
    hashes = dict(
        Document.objects.filter(process_id=run.process_id, path__in=paths.values()).values_list(
            "path", "sha256"
        )
    )
    return [
        PublishedFile(name, path, path.removeprefix(f"{DOCUMENTS_FOLDER}/"), hashes.get(path, ""))
        for name, path in paths.items()
        if path in hashes
    ]


def run_views(process: Process) -> list[RunView]:
    """Every run of ``process``, oldest first, with its public facts."""
    views = []
    runs = SelectionRun.objects.filter(process=process).select_related("draw").order_by("number")
    for run in runs:
        record = public_draw_record(run)
        draw = getattr(run, "draw", None) if hasattr(run, "draw") else None
        announced = record.get("announced_for")
        views.append(
            RunView(
                number=run.number,
                kind=run.kind,
                status=run.status,
                status_label=str(RunStatus(run.status).label),
                reason=run.reason,
                created_at=run.created_at,
                committed=run.committed_at is not None,
                drawn=draw is not None,
                error_code=run.error_code,
                files=_files(run) if run.committed_at else [],
                announced_for=datetime.fromisoformat(announced) if announced else None,
                randomness_source=record.get("randomness_source", ""),
                randomness=draw.randomness if draw else "",
                panel_number=draw.panel_number if draw else None,
                answers_published="inputs.json" in record.get("documents", {}),
            )
        )
    return views


def status_counts(process: Process) -> list[tuple[str, int]]:
    """How many runs ended in each status (every status, zeros included)."""
    counts = Counter(SelectionRun.objects.filter(process=process).values_list("status", flat=True))
    return [(str(status.label), counts.get(status.value, 0)) for status in RunStatus]


def quota_rows(
    process: Process, run: SelectionRun, panel: list[str], *, suppress: bool = True
) -> list[QuotaRow]:
    """Quotas with the pool's and the current panel's counts per value.

    Small cells are hidden unless ``suppress`` is False (for those who may see the
    registrants themselves).
    """
    hide = suppressed if suppress else (lambda count: count)
    inputs = read_json(run, "inputs.json")
    features = inputs["features"]
    people = {person["id"]: person["values"] for person in inputs["people"]}
    pool = Counter(
        (f, v) for values in people.values() for f, v in zip(features, values, strict=True)
    )
    on_panel = Counter(
        (f, v) for pid in panel if pid in people for f, v in zip(features, people[pid], strict=True)
    )
    labels = _labels(process)
    rows = []
    for quota in inputs["quotas"]:
        key = (quota["feature"], quota["value"])
        seats = on_panel.get(key, 0)
        rows.append(
            QuotaRow(
                feature=quota["feature"],
                value=quota["value"],
                label=labels.get(key, quota["value"]),
                min=quota["min"],
                max=quota["max"],
                pool=hide(pool.get(key, 0)),
                panel=hide(seats) if panel else None,
                within=quota["min"] <= seats <= quota["max"] if panel else None,
            )
        )
    return rows


def probabilities(run: SelectionRun) -> list[float]:
    """Everyone's chance of selection in ``run`` (from its probabilities.csv)."""
    text = (run_directory(run) / "probabilities.csv").read_text(encoding="utf-8")
    return [float(row["probability"]) for row in csv.DictReader(io.StringIO(text))]


def certificate_summary(run: SelectionRun) -> dict[str, Any]:
    """The fairness certificate in brief: algorithm, smallest chance, levels proved."""
    certificate = read_json(run, "certificate.json")
    try:
        report = read_json(run, "report.json")
    except (OSError, ValueError):
        report = {}
    levels = certificate.get("levels", [])
    certified = [level.get("certified") for level in report.get("levels", [])]
    smallest = certificate.get("min_probability")
    best = certificate.get("best_possible_minimum")
    return {
        "algorithm": certificate.get("algorithm", run.algorithm),
        "min_percent": "—" if smallest is None else f"{smallest * 100:.2f}%",
        "best_percent": "—" if best is None else f"{best * 100:.2f}%",
        "complete": bool(certificate.get("complete")),
        "min_probability": certificate.get("min_probability"),
        "best_possible_minimum": certificate.get("best_possible_minimum"),
        "levels": len(levels),
        "levels_certified": sum(1 for ok in certified if ok),
        "checked": bool((report.get("certification") or {}).get("ok")),
    }


def verify_commands(process: Process, runs: list[RunView], bundle_folder: str) -> list[str]:
    """Shell commands that rebuild each committed run's directory from the bundle and check it."""
    lines = [f"unzip {bundle_folder}.zip"]
    for run in runs:
        if not run.files:
            continue
        folder = f"run-{run.number}"
        lines.append(f"mkdir {folder}")
        lines.extend(f"cp {bundle_folder}/{file.path} {folder}/{file.name}" for file in run.files)
        lines.append(f"minipublic verify {folder}")
        if any(file.name == "inputs.json" for file in run.files):
            lines.append(f"minipublic certify {folder}")  # needs the pool's answers
    return lines


def selection_page_data(process: Process, bundle_folder: str) -> dict[str, Any]:
    """Everything the public selection page shows, with no personal data."""
    runs = run_views(process)
    committed = committed_selection(process)
    data: dict[str, Any] = {
        "runs": runs,
        "status_counts": status_counts(process),
        "run_count": len(runs),
        "committed": None,
        "small_cell": SMALL_CELL,
    }
    if committed is None:
        return data
    _selection, panel = current_panel(process)
    by_number = {run.number: run for run in runs}
    chances = probabilities(committed)
    inputs = read_json(committed, "inputs.json")
    data.update(
        committed=by_number[committed.number],
        commitment=committed.commitment_sha256,
        certificate=certificate_summary(committed),
        chances=chances,
        panel_size=inputs["k"],
        pool_size=len(inputs["people"]),
        quotas=quota_rows(process, committed, panel),
        panel_drawn=bool(panel),
        draws=[by_number[run.number] for run in drawn_runs(process)],
        commands=verify_commands(process, runs, bundle_folder),
        answers_published=by_number[committed.number].answers_published,
        files_order=COMMITTED_FILES,
    )
    return data
