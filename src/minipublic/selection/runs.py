"""Recorded selection runs: start, cancel, and fail runs whose worker died.

Every run is kept with its reason, who started it (role), the inputs hash and its
outcome, so the public page can say how many runs were made and why. The engine runs in
the background worker (``tasks.execute_run``); the run row holds its progress.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.db import transaction

from minipublic import clock
from minipublic.integrity.record import append
from minipublic.lifecycle import Action
from minipublic.lifecycle.errors import LifecycleError
from minipublic.processes.access import Actor, performs
from minipublic.processes.actions import _actor_role, _person
from minipublic.processes.models import Process
from minipublic.selection.instance import build_instance
from minipublic.selection.models import RunKind, RunStatus, SelectionRun

REASON_MAX = 500
ALGORITHMS = ("leximin", "maximin", "nash", "legacy")
STALE_AFTER = timedelta(minutes=5)
ACTIVE = (RunStatus.QUEUED, RunStatus.RUNNING)
FINISHED = (RunStatus.DONE, RunStatus.FAILED, RunStatus.CANCELLED)


def finished_payload(run: SelectionRun) -> dict[str, Any]:
    """The public payload of ``selection.run_finished`` (no personal data)."""
    return {
        "run": run.number,
        "status": run.status,
        "inputs_sha256": run.inputs_sha256,
        "commitment_sha256": run.commitment_sha256 or None,
        "min_probability": run.summary.get("min_probability") if run.summary else None,
        "error_code": run.error_code or None,
    }


def record_finished(run: SelectionRun) -> None:
    """Append ``selection.run_finished`` for ``run`` (call in the transaction that ends it)."""
    append(run.process, "system", "selection.run_finished", finished_payload(run))


@performs(Action.RUN_SELECTION)
def do_start_run(
    actor: Actor, process: Process, *, reason: str, algorithm: str = "leximin"
) -> SelectionRun:
    """Record a new run and queue it for the background worker.

    Refused while another run of the process is waiting or running, so that at most one
    run computes at a time and no panel is computed twice.
    """
    from minipublic.selection.tasks import execute_run

    reason = reason.strip()
    if not reason:
        raise LifecycleError("run_needs_reason", "Say publicly why this run is made.")
    if len(reason) > REASON_MAX:
        raise LifecycleError(
            "run_reason_too_long", "Say why in at most {limit} characters.", limit=REASON_MAX
        )
    if algorithm not in ALGORITHMS:
        raise LifecycleError("algorithm_unknown", "Unknown algorithm {name}.", name=algorithm)
    fail_stale_runs(process)
    busy = SelectionRun.objects.filter(process=process, status__in=ACTIVE).first()
    if busy is not None:
        raise LifecycleError(
            "run_in_progress",
            "Run {number} has not finished yet; wait for it or cancel it.",
            number=busy.number,
        )
    instance, inputs_sha256 = build_instance(process)
    if instance.k < 1:
        raise LifecycleError("panel_size_missing", "Set the panel size before running.")
    numbers = SelectionRun.objects.filter(process=process).values_list("number", flat=True)
    run = SelectionRun.objects.create(
        process=process,
        number=max(numbers, default=0) + 1,
        kind=RunKind.SELECTION,
        algorithm=algorithm,
        reason=reason,
        status=RunStatus.QUEUED,
        started_by=_person(actor),
        started_by_role=_actor_role(actor, process, Action.RUN_SELECTION),
        created_at=clock.now(),
        inputs_sha256=inputs_sha256,
    )
    append(
        process,
        run.started_by_role,
        "selection.run_started",
        {
            "run": run.number,
            "reason": reason,
            "algorithm": algorithm,
            "inputs_sha256": inputs_sha256,
            "pool_size": instance.n,
            "panel_size": instance.k,
        },
    )
    result = execute_run.enqueue(run.pk)
    run.task_id = str(result.id)[:64]
    run.save(update_fields=["task_id"])
    return run


@performs(Action.RUN_SELECTION)
def do_cancel_run(actor: Actor, process: Process, run: SelectionRun) -> SelectionRun:
    """Ask a run to stop; a run still waiting is cancelled at once."""
    if run.process_id != process.pk:
        raise LifecycleError("run_elsewhere", "That run belongs to another process.")
    run.refresh_from_db()
    if run.status not in ACTIVE:
        raise LifecycleError(
            "run_already_ended", "Run {number} has already ended.", number=run.number
        )
    run.cancel_requested = True
    if run.status == RunStatus.QUEUED:
        run.status = RunStatus.CANCELLED
        run.finished_at = clock.now()
        run.error_message = "Cancelled before it started."
        run.save()
        record_finished(run)
    else:
        run.save(update_fields=["cancel_requested"])
    return run


def fail_stale_runs(process: Process | None = None, *, now: datetime | None = None) -> int:
    """Mark running runs whose worker stopped sending heartbeats as failed; returns how many.

    Such a run can simply be started again: it wrote nothing to its final directory.
    """
    limit = (now or clock.now()) - STALE_AFTER
    runs = SelectionRun.objects.filter(status=RunStatus.RUNNING, heartbeat_at__lt=limit)
    also = SelectionRun.objects.filter(
        status=RunStatus.RUNNING, heartbeat_at__isnull=True, started_at__lt=limit
    )
    if process is not None:
        runs, also = runs.filter(process=process), also.filter(process=process)
    count = 0
    for run in list(runs) + list(also):
        with transaction.atomic():
            fresh = SelectionRun.objects.select_for_update().get(pk=run.pk)
            if fresh.status != RunStatus.RUNNING:
                continue
            fresh.status = RunStatus.FAILED
            fresh.error_code = "worker_lost"
            fresh.error_message = (
                "The worker stopped while computing this run (no sign of life for 5 "
                "minutes). Nothing was written; start the run again."
            )
            fresh.finished_at = now or clock.now()
            fresh.save()
            record_finished(fresh)
            count += 1
    return count
