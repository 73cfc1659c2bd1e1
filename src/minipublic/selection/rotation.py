"""Rotation runs of a permanent council: a replacement run for the seats whose terms end.

A rotation is an ordinary replacement run of the engine (``RunKind.REPLACEMENT``,
replacing in the council's committed selection), committed and drawn in public with
``commit.do_commit_run`` and ``draw.do_draw_panel`` and checked with ``minipublic
verify``. Two things differ from replacing dropouts, and are why this module exists:

* the members whose terms end are marked "withdrawn" (they leave the panel), so that
  the existing commitment check sees them as the dropouts of the current panel;
* the pool is the committed selection's pool **without former members** (everyone who
  ever held a seat and no longer does): nobody serves twice. They are simply absent
  from the run's ``inputs.json``, so anyone can check it against the public list.

The sitting members are kept as the replacement's confirmed members, so the whole
council still meets the original quotas (``minipublic verify`` checks this: "whole
panel").
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django_tasks import task

from minipublic import clock
from minipublic.accounts.models import User
from minipublic.integrity.record import append
from minipublic.processes.models import Process
from minipublic.recruitment.models import Registrant, RegistrantStatus
from minipublic.selection.models import RunKind, RunStatus, SelectionRun
from minipublic.selection.tasks import (
    INPUTS,
    Produced,
    RowProgress,
    _claim,
    _context,
    _produce,
    final_directory,
)
from minipublic.sortition.errors import SortitionError
from minipublic.sortition.model import Instance, Pool

#: The key of ``SelectionRun.summary`` holding what a rotation run was queued for.
ROTATION = "council_rotation"


def without(instance: Instance, excluded: Iterable[str]) -> Instance:
    """``instance`` with the people ``excluded`` (pseudonyms) taken out of its pool."""
    out = set(excluded)
    pool = instance.pool
    keep = [i for i, person in enumerate(pool.people) if person.id not in out]
    reduced = Pool(
        source=pool.source,
        header=pool.header,
        rows=tuple(pool.rows[i] for i in keep),
        features=pool.features,
        people=tuple(pool.people[i] for i in keep),
        id_column=pool.id_column,
    )
    return Instance(reduced, instance.quotas, instance.k, instance.warnings, None)


def queue_rotation_run(
    process: Process,
    selection: SelectionRun,
    *,
    keeps: list[str],
    leaving: list[str],
    former: list[str],
    reason: str,
    role: str,
    started_by: User | None,
) -> SelectionRun:
    """Record a rotation run (a replacement run) and queue it for the worker.

    The caller has checked access and what is due; ``leaving`` are marked withdrawn
    here, in the caller's transaction, and the run is recorded like any replacement
    (``selection.replacement_run``), so the selection pages list it.
    """
    Registrant.objects.filter(process=process, pseudonym__in=leaving).update(
        status=RegistrantStatus.WITHDRAWN
    )
    numbers = SelectionRun.objects.filter(process=process).values_list("number", flat=True)
    run = SelectionRun.objects.create(
        process=process,
        number=max(numbers, default=0) + 1,
        kind=RunKind.REPLACEMENT,
        algorithm=selection.algorithm,
        lottery_size=selection.lottery_size,
        reason=reason,
        status=RunStatus.QUEUED,
        started_by=started_by,
        started_by_role=role,
        created_at=clock.now(),
        replaces_in=selection,
        summary={"dropouts": leaving, "keeps": keeps, ROTATION: {"former": former}},
    )
    append(
        process,
        role,
        "selection.replacement_run",
        {
            "run": run.number,
            "replaces_in": selection.number,
            "reason": reason,
            "status": run.status,
            "dropouts": leaving,
        },
    )
    result = execute_rotation_run.enqueue(run.pk)
    run.task_id = str(result.id)[:64]
    run.save(update_fields=["task_id"])
    return run


def compute_rotation(run: SelectionRun) -> None:
    """Run the engine for a rotation run: new members for the seats of ``leaving``."""
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
    former = [str(item) for item in (run.summary.get(ROTATION) or {}).get("former", [])]

    def produce(folder: Path, progress: RowProgress) -> Produced:
        if selection is None:
            raise SortitionError("replacement_without_panel", "The replaced run is missing.")
        base = without(run_instance(selection), set(former) - set(keeps) - set(gone))
        instance = replacement_instance(base, keeps, gone)
        result = run_replacement(
            instance,
            algorithm=Algorithm(run.algorithm),
            lottery_size=run.lottery_size,
            progress=progress,
        )
        inputs: dict[str, Any] = dict(INPUTS)
        with contextlib.suppress(OSError, ValueError):
            inputs |= read_json(selection, "report.json").get("inputs") or {}
        inputs["panel"] = f"run {selection.number}"
        inputs["former_members_excluded"] = len(former)
        commitment = write_replacement_commitment(result, folder, _context(inputs))
        inputs_sha256 = json.loads((folder / "commitment.json").read_text())["inputs_sha256"]
        summary = {
            "min_probability": float(result.probabilities.min()),
            "pool_size": instance.n,
            "panel_size": instance.k,
            "dropouts": gone,
            "keeps": keeps,
            ROTATION: {"former": former},
        }
        return commitment, str(inputs_sha256), summary

    _produce(run, produce)


@task()
def execute_rotation_run(run_pk: int) -> str:
    """Execute the rotation run ``run_pk`` (the worker calls this)."""
    run = _claim(run_pk)
    if run is None:
        return "skipped"
    final_directory(run).parent.mkdir(parents=True, exist_ok=True)
    compute_rotation(run)
    return SelectionRun.objects.get(pk=run_pk).status
