"""``allocate``: the whole allocation, from a problem to a checked, measured seating."""

from __future__ import annotations

import random
import time
from collections.abc import Mapping
from dataclasses import dataclass

from minipublic import __version__
from minipublic.room.allocation.balance import balance_session
from minipublic.room.allocation.data import Problem
from minipublic.room.allocation.errors import AllocationError
from minipublic.room.allocation.mixing import mix
from minipublic.room.allocation.model import Model, SessionModel, build_model
from minipublic.room.allocation.report import Report, evaluate

ENGINE_VERSION = __version__
METHOD = (
    "balance: local search, then a HiGHS integer programme per session when needed; "
    "mixing: simulated annealing on swaps that keep the balance"
)


@dataclass(frozen=True)
class Allocation:
    """Who sits where (session key → tables in order → attendee keys) and its report."""

    seating: Mapping[str, tuple[tuple[str, ...], ...]]
    report: Report

    def table_of(self, session: str, attendee: str) -> int | None:
        """The table (1, 2, …) of ``attendee`` in ``session``; None if absent."""
        for number, members in enumerate(self.seating[session], start=1):
            if attendee in members:
                return number
        return None


def _tables(
    model: Model, session: SessionModel, table_of: tuple[int, ...]
) -> tuple[tuple[str, ...], ...]:
    at: list[list[int]] = [[] for _ in range(session.tables)]
    for unit, table in zip(session.units, table_of, strict=True):
        at[table].extend(unit)
    return tuple(tuple(model.keys[i] for i in sorted(members)) for members in at)


def allocate(problem: Problem, *, seed: str | int = 0, effort: float = 1.0) -> Allocation:
    """Seat everyone at every session: tables balanced on the chosen features first, then
    as many different people met as possible; the same ``seed`` gives the same seating.

    ``effort`` scales the number of search steps (1 is the default; 0.1 to 10).
    Raises ``AllocationError`` on input that cannot be allocated, naming what to change.
    """
    if not 0.1 <= effort <= 10:
        raise AllocationError(
            "allocation_bad_effort",
            "The effort must be between 0.1 and 10, not {effort}.",
            effort=effort,
        )
    started = time.perf_counter()
    model = build_model(problem)
    rng = random.Random(f"minipublic-allocation/{seed}")  # noqa: S311 (reproducible, not secret)
    balanced = [balance_session(session, rng, effort) for session in model.sessions]
    mixed = mix(
        model,
        [b.table_of for b in balanced],
        [b.lower_bound for b in balanced],
        rng,
        effort,
        problem.balance_slack,
    )
    seating = {
        session.key: _tables(model, session, table_of)
        for session, table_of in zip(model.sessions, mixed.table_of, strict=True)
    }
    report = evaluate(
        problem,
        seating,
        least_outside=[b.lower_bound for b in balanced],
        method=METHOD,
        seed=str(seed),
        engine_version=ENGINE_VERSION,
        steps=mixed.steps,
        seconds=time.perf_counter() - started,
    )
    return Allocation(seating, report)
