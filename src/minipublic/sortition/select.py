"""One selection from start to finish: solve, round to a lottery, certify, report.

``run_selection`` is what the command line and the web app call. It never draws a
panel: drawing needs public randomness and happens in ``draw`` (see outputs.py).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from minipublic import __version__
from minipublic.sortition.algorithms import Algorithm, fair_lottery
from minipublic.sortition.certificate import certificate_document
from minipublic.sortition.commitment import canonical, inputs_document, sha256
from minipublic.sortition.feasibility import check_feasible
from minipublic.sortition.lottery import Lottery, member_order, round_to_lottery
from minipublic.sortition.model import Instance
from minipublic.sortition.progress import NullProgress, Progress, SafeProgress
from minipublic.sortition.relaxation import Profile, relaxed_leximin
from minipublic.sortition.types import FloatArray, TypeModel, build_type_model

ENGINE_VERSION = __version__


@dataclass(frozen=True)
class Selection:
    """Everything a selection produced, before any panel is drawn."""

    instance: Instance
    algorithm: Algorithm
    probabilities: FloatArray
    lottery: Lottery
    certificate: dict[str, Any]
    levels: list[dict[str, Any]]
    runtime_seconds: float
    path: str
    legacy: dict[str, Any] | None = None
    notes: list[str] = field(default_factory=list)


def run_selection(
    instance: Instance,
    *,
    algorithm: Algorithm = Algorithm.LEXIMIN,
    lottery_size: int = 1000,
    legacy_runs: int = 0,
    progress: Progress | None = None,
) -> Selection:
    """Compute the fair lottery for ``instance`` and round it to ``lottery_size`` panels."""
    reporter = SafeProgress(progress or NullProgress())
    started = time.perf_counter()
    model = build_type_model(instance)
    check_feasible(instance, model)
    ids = [person.id for person in instance.pool.people]
    salt = sha256(canonical(inputs_document(instance)))
    order = member_order(ids, salt)
    if algorithm is Algorithm.LEGACY:
        selection = _legacy(instance, model, lottery_size, salt, reporter)
    else:
        solution = fair_lottery(model, algorithm, reporter)
        person_probabilities = solution.probabilities[model.type_of]
        reporter.update("lottery", None, f"rounding to {lottery_size} panels")
        lottery = round_to_lottery(
            model, solution.distribution, person_probabilities, lottery_size, order
        )
        profile = solution.profile or relaxed_leximin(model, max_levels=1)
        complete = algorithm is Algorithm.LEXIMIN
        certificate = certificate_document(
            model, profile, person_probabilities, ids, algorithm=algorithm.value, complete=complete
        )
        selection = Selection(
            instance=instance,
            algorithm=algorithm,
            probabilities=person_probabilities,
            lottery=lottery,
            certificate=certificate,
            levels=_levels(profile, model, complete or algorithm is Algorithm.MAXIMIN),
            runtime_seconds=0.0,
            path=solution.path,
        )
    runtime = time.perf_counter() - started
    legacy = _legacy_estimate(instance, legacy_runs, salt, reporter) if legacy_runs else None
    return replace(selection, runtime_seconds=runtime, legacy=legacy or selection.legacy)


def _levels(profile: Profile, model: TypeModel, proved: bool) -> list[dict[str, Any]]:
    return [
        {
            "value": float(level.value),
            "people": int(model.size[level.types].sum()),
            "method": level.method if proved else f"upper bound only: {level.method}",
            "certified": None,
        }
        for level in profile.levels
    ]


def _legacy(
    instance: Instance, model: TypeModel, lottery_size: int, salt: str, reporter: Progress
) -> Selection:
    """The greedy baseline: its lottery is ``lottery_size`` independent greedy panels."""
    from minipublic.sortition.legacy_lottery import legacy_lottery

    lottery = legacy_lottery(instance, lottery_size, salt, reporter)
    profile = relaxed_leximin(model, max_levels=1)
    ids = [person.id for person in instance.pool.people]
    certificate = certificate_document(
        model, profile, lottery.probabilities, ids, algorithm="legacy", complete=False
    )
    return Selection(
        instance=instance,
        algorithm=Algorithm.LEGACY,
        probabilities=lottery.probabilities,
        lottery=lottery,
        certificate=certificate,
        levels=_levels(profile, model, False),
        runtime_seconds=0.0,
        path="simulation",
        notes=[
            "The legacy probabilities are estimates: each is the share of the "
            f"{lottery_size} greedy panels in the lottery that contain the person."
        ],
    )


def _legacy_estimate(
    instance: Instance, runs: int, salt: str, reporter: Progress
) -> dict[str, Any] | None:
    from minipublic.sortition.legacy import estimate_legacy

    reporter.update("legacy comparison", None, f"{runs} greedy panels")
    estimate = estimate_legacy(instance, runs=runs, seed=salt, progress=reporter)
    if estimate.runs == 0:
        return None
    probabilities = np.array(estimate.probabilities)
    return {
        "runs": estimate.runs,
        "failures": estimate.failures,
        "probabilities_sorted": sorted(float(p) for p in probabilities),
        "min": float(probabilities.min()),
        "min_upper_99": float(min(estimate.upper_99)),
    }
