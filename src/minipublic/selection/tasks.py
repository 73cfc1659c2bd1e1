"""The background task that executes selection and replacement runs (django-tasks).

The engine writes into a temporary directory beside the final one, which is renamed
only when everything is written: a cancelled or crashed run leaves nothing half-written.
"""

from __future__ import annotations

import contextlib
import json
import logging
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django_tasks import task

from minipublic import clock
from minipublic.processes.models import Process
from minipublic.selection.instance import build_instance
from minipublic.selection.models import RunKind, RunStatus, SelectionRun
from minipublic.selection.runs import record_finished
from minipublic.sortition.errors import SortitionError
from minipublic.sortition.progress import Cancelled

log = logging.getLogger(__name__)
INTERVAL = 0.5  # seconds between writes of progress to the run row


def final_directory(run: SelectionRun) -> Path:
    """Where a finished run's files live: VAR_DIR/selection/<slug>-<id>/run-<number>/.

    The process's database id keeps a process created again under the same short name
    (after the operator deleted the first) from meeting the old process's files.
    """
    return process_directory(run.process) / f"run-{run.number}"


def process_directory(process: Process) -> Path:
    """The folder of a process's selection runs."""
    return Path(settings.VAR_DIR) / "selection" / f"{process.slug}-{process.pk}"


def _remove_orphan(folder: Path) -> None:
    """Remove files a rolled-back transaction left behind; refuse to touch a run's files.

    A run's folder is named by its process's id and its number, so a folder no recorded
    run points to was written by a run whose database transaction was rolled back.
    """
    if SelectionRun.objects.filter(output_dir=str(folder)).exists():
        raise SortitionError("output_exists", f"{folder} already holds another run's files.")
    log.warning("removing %s: no recorded run owns it (a rolled-back run?)", folder)
    shutil.rmtree(folder)


class RowProgress:
    """Writes the engine's progress and a heartbeat to the run row; raises Cancelled."""

    def __init__(self, run_pk: int) -> None:
        self.run_pk = run_pk
        self.last = 0.0

    def update(self, stage: str, fraction: float | None = None, detail: str = "") -> None:
        """Store the progress at most every INTERVAL seconds and honour a cancel request."""
        now = time.monotonic()
        if now - self.last < INTERVAL:
            return
        self.last = now
        SelectionRun.objects.filter(pk=self.run_pk).update(
            progress_stage=stage[:50],
            progress_fraction=fraction,
            progress_message=detail[:300],
            heartbeat_at=clock.now(),
        )
        if SelectionRun.objects.filter(pk=self.run_pk, cancel_requested=True).exists():
            raise Cancelled


def _claim(run_pk: int) -> SelectionRun | None:
    with transaction.atomic():
        run = SelectionRun.objects.select_for_update().select_related("process").get(pk=run_pk)
        if run.status != RunStatus.QUEUED:
            return None  # cancelled while waiting, or already taken
        run.status = RunStatus.RUNNING
        run.started_at = run.heartbeat_at = clock.now()
        run.progress_stage, run.progress_fraction = "starting", 0.0
        run.save()
        return run


def _finish(run: SelectionRun, **fields: Any) -> None:
    with transaction.atomic():
        fresh = SelectionRun.objects.select_for_update().get(pk=run.pk)
        if fresh.status != RunStatus.RUNNING:
            return  # e.g. failed as stale meanwhile: keep that outcome
        for name, value in fields.items():
            setattr(fresh, name, value)
        fresh.finished_at = clock.now()
        fresh.heartbeat_at = fresh.finished_at
        fresh.save()
        record_finished(fresh)


Produced = tuple[str, str, dict[str, Any]]  # (commitment hash, inputs hash, summary)


def _produce(run: SelectionRun, produce: Callable[[Path, RowProgress], Produced]) -> None:
    """Run ``produce`` into a hidden folder, rename it into place, and record the outcome.

    Shared by selection and replacement runs: progress, heartbeat and cancel go through
    ``RowProgress``; a cancelled, failed or crashed run removes its hidden folder and so
    leaves nothing half-written.
    """
    from minipublic.sortition.certify import certify_directory
    from minipublic.sortition.report import add_certification

    final = final_directory(run)
    temporary = final.with_name(f".{final.name}-partial")
    shutil.rmtree(temporary, ignore_errors=True)
    started = time.perf_counter()
    try:
        commitment, inputs_sha256, summary = produce(temporary, RowProgress(run.pk))
        checked = certify_directory(temporary)
        add_certification(temporary, [level.ok for level in checked.levels], list(checked.problems))
        if not checked.ok:
            raise SortitionError(
                "certificate_failed", "The independent check of the certificate failed."
            )
        if final.exists():
            _remove_orphan(final)
        temporary.rename(final)  # atomic: the run's files appear all at once
    except Cancelled:
        shutil.rmtree(temporary, ignore_errors=True)
        _finish(run, status=RunStatus.CANCELLED, error_message="Cancelled while running.")
        return
    except SortitionError as error:
        shutil.rmtree(temporary, ignore_errors=True)
        _finish(
            run,
            status=RunStatus.FAILED,
            error_code=str(error.code or type(error).__name__)[:64],
            error_message=str(error),
        )
        return
    except Exception as error:
        log.exception("selection run %s crashed", run.pk)
        shutil.rmtree(temporary, ignore_errors=True)
        _finish(
            run,
            status=RunStatus.FAILED,
            error_code="crashed",
            error_message=f"The run stopped with an unexpected error ({type(error).__name__}).",
        )
        return
    _finish(
        run,
        status=RunStatus.DONE,
        inputs_sha256=inputs_sha256,
        output_dir=str(final),
        commitment_sha256=commitment,
        progress_stage="done",
        progress_fraction=1.0,
        summary={
            **summary,
            "algorithm": run.algorithm,
            "certified": True,
            "runtime_seconds": round(time.perf_counter() - started, 3),
        },
    )


def _context(inputs: dict[str, Any]) -> dict[str, Any]:
    return {"created": clock.now().replace(microsecond=0).isoformat(), "inputs": inputs}


INPUTS = {
    "people": "registrants",
    "quotas": "quotas",
    "quota_layout": "feature,value,min,max",
    "id_column": "id",
    "address_columns": [],
}


def compute(run: SelectionRun) -> None:
    """Run the engine for ``run`` and record the outcome (done, failed or cancelled)."""
    from minipublic.sortition.algorithms import Algorithm
    from minipublic.sortition.outputs import write_commitment
    from minipublic.sortition.select import run_selection

    def produce(folder: Path, progress: RowProgress) -> Produced:
        instance, inputs_sha256 = build_instance(run.process)
        if inputs_sha256 != run.inputs_sha256:
            log.info("run %s: the pool or quotas changed since the run was queued", run.pk)
        selection = run_selection(
            instance,
            algorithm=Algorithm(run.algorithm),
            lottery_size=run.lottery_size,
            progress=progress,
        )
        commitment = write_commitment(selection, folder, _context(dict(INPUTS)))
        summary = {
            "min_probability": float(selection.probabilities.min()),
            "pool_size": instance.n,
            "panel_size": instance.k,
        }
        return commitment, inputs_sha256, summary

    _produce(run, produce)


def compute_replacement(run: SelectionRun) -> None:
    """Run the engine for a replacement run: new members for the dropouts it was queued for.

    The panel members kept and the dropouts were fixed when the run was queued (in
    ``run.summary``); the pool and quotas are those committed with the replaced run.
    """
    from minipublic.selection.commit import read_json, run_instance
    from minipublic.sortition.algorithms import Algorithm
    from minipublic.sortition.replace import (
        replacement_instance,
        run_replacement,
        write_replacement_commitment,
    )

    selection = run.replaces_in
    keeps = [str(item) for item in run.summary.get("keeps", [])]
    gone = [str(item) for item in run.summary.get("dropouts", [])]

    def produce(folder: Path, progress: RowProgress) -> Produced:
        if selection is None:
            raise SortitionError("replacement_without_panel", "The replaced run is missing.")
        instance = replacement_instance(run_instance(selection), keeps, gone)
        result = run_replacement(
            instance,
            algorithm=Algorithm(run.algorithm),
            lottery_size=run.lottery_size,
            progress=progress,
        )
        inputs = dict(INPUTS)
        with contextlib.suppress(OSError, ValueError):
            inputs |= read_json(selection, "report.json").get("inputs") or {}
        inputs["panel"] = f"run {selection.number}"
        commitment = write_replacement_commitment(result, folder, _context(inputs))
        inputs_sha256 = json.loads((folder / "commitment.json").read_text())["inputs_sha256"]
        summary = {
            "min_probability": float(result.probabilities.min()),
            "pool_size": instance.n,
            "panel_size": instance.k,
            "dropouts": gone,
            "keeps": keeps,
        }
        return commitment, str(inputs_sha256), summary

    _produce(run, produce)


@task()
def execute_run(run_pk: int) -> str:
    """Execute the selection or replacement run ``run_pk`` (the worker calls this)."""
    run = _claim(run_pk)
    if run is None:
        return "skipped"
    final_directory(run).parent.mkdir(parents=True, exist_ok=True)
    if run.kind == RunKind.REPLACEMENT:
        compute_replacement(run)
    else:
        compute(run)
    return SelectionRun.objects.get(pk=run_pk).status
