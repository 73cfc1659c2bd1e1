"""One session's balance as an integer programme, solved exactly by HiGHS.

Variables: ``x[u, t] = 1`` when free unit ``u`` sits at table ``t``; ``y[t] = 1`` when
table ``t`` takes its larger size; ``over``/``under[t, c]`` how far the count of cell
``c`` at table ``t`` lies above or below its fair range (the floor and ceiling of the
table's share, which depend on ``y[t]``). Minimise the sum of ``over`` and ``under``:
the number of people outside their fair range. Pins are constants; sizes, apart groups
and "everyone seated once" are constraints.

Tables that nobody is pinned to and that take the same sizes are interchangeable: the
``j``-th free unit may only sit at the first ``j + 1`` of them, which removes the
equivalent relabellings without losing any seating (tables in the order their first
free unit is seated). The objective is a whole number, so an incumbent less than one
above the proven bound is optimal.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import highspy
import numpy as np

from minipublic.room.allocation.errors import AllocationError
from minipublic.room.allocation.highs import new_model, run
from minipublic.room.allocation.model import SessionModel

# Deterministic work limit (no time limit, which would make results depend on the
# machine); enough to prove small cases and improve large ones within seconds.
NODE_LIMIT = 400

Row = tuple[float, float, list[int], list[float]]


@dataclass(frozen=True)
class MipResult:
    """The seating found (table per unit), its people outside, the proven lower bound."""

    table_of: tuple[int, ...]
    outside: int
    lower_bound: int

    @property
    def proven(self) -> bool:
        """Whether no seating has fewer people outside their fair range."""
        return self.outside <= self.lower_bound


class _Layout:
    """Column numbers of the programme's variables."""

    def __init__(self, session: SessionModel) -> None:
        self.tables = session.tables
        self.free = [u for u, table in enumerate(session.pinned) if table < 0]
        self.x0 = 0
        self.y: dict[int, int] = {}
        column = len(self.free) * self.tables
        for t in range(self.tables):
            if session.hi[t] > session.lo[t]:
                self.y[t] = column
                column += 1
        self.cells = session.cells
        self.dev0 = column
        self.count = column + 2 * self.tables * len(self.cells)

    def x(self, f: int, t: int) -> int:
        return self.x0 + f * self.tables + t

    def over(self, t: int, k: int) -> int:
        return self.dev0 + 2 * (t * len(self.cells) + k)


def interchangeable_classes(session: SessionModel) -> list[list[int]]:
    """Tables with nobody pinned and the same sizes and capacity, in classes of two or more."""
    pinned_at = {table for table in session.pinned if table >= 0}
    classes: dict[tuple[int, int, int | None], list[int]] = {}
    for t in range(session.tables):
        if t not in pinned_at:
            signature = (session.lo[t], session.hi[t], session.capacities[t])
            classes.setdefault(signature, []).append(t)
    return [tables for tables in classes.values() if len(tables) > 1]


def canonical(session: SessionModel, table_of: Sequence[int]) -> list[int]:
    """``table_of`` with interchangeable tables renumbered in order of their first free unit."""
    result = list(table_of)
    free = [u for u, table in enumerate(session.pinned) if table < 0]
    for tables in interchangeable_classes(session):
        order: list[int] = []
        for u in free:
            if table_of[u] in tables and table_of[u] not in order:
                order.append(table_of[u])
        order += [t for t in tables if t not in order]
        rename = dict(zip(order, tables, strict=True))
        for u in free:
            if table_of[u] in rename:
                result[u] = rename[table_of[u]]
    return result


def _rows(session: SessionModel, layout: _Layout) -> list[Row]:
    rows: list[Row] = []
    free, tables = layout.free, layout.tables
    weight = [len(unit) for unit in session.units]
    for f in range(len(free)):
        rows.append((1, 1, [layout.x(f, t) for t in range(tables)], [1.0] * tables))
    pinned_weight = [0] * tables
    pinned_cells = [[0] * len(session.totals) for _ in range(tables)]
    for u, table in enumerate(session.pinned):
        if table >= 0:
            pinned_weight[table] += weight[u]
            for cell, k in session.unit_cells[u]:
                pinned_cells[table][cell] += k
    for t in range(tables):
        columns = [layout.x(f, t) for f in range(len(free))]
        values = [float(weight[u]) for u in free]
        if t in layout.y:
            columns.append(layout.y[t])
            values.append(-1.0)
        target = session.lo[t] - pinned_weight[t]
        rows.append((target, target, columns, values))
    rows += _apart_rows(session, layout)
    rows += _balance_rows(session, layout, pinned_cells)
    return rows


def _apart_rows(session: SessionModel, layout: _Layout) -> list[Row]:
    rows: list[Row] = []
    position = {u: f for f, u in enumerate(layout.free)}
    for group in session.apart:
        for t in range(layout.tables):
            pinned_here = sum(1 for u in group if session.pinned[u] == t)
            columns = [layout.x(position[u], t) for u in group if u in position]
            rows.append((-highspy.kHighsInf, 1 - pinned_here, columns, [1.0] * len(columns)))
    return rows


def _balance_rows(
    session: SessionModel, layout: _Layout, pinned_cells: list[list[int]]
) -> list[Row]:
    rows: list[Row] = []
    n, inf = session.n, highspy.kHighsInf
    has: dict[int, list[tuple[int, int]]] = {}
    for f, u in enumerate(layout.free):
        for cell, k in session.unit_cells[u]:
            has.setdefault(cell, []).append((f, k))
    for t in range(layout.tables):
        lo, hi = session.lo[t], session.hi[t]
        for k, cell in enumerate(layout.cells):
            total = session.totals[cell]
            floor_lo, floor_hi = total * lo // n, total * hi // n
            ceil_lo, ceil_hi = -(-total * lo // n), -(-total * hi // n)
            columns = [layout.x(f, t) for f, _ in has.get(cell, [])]
            values = [float(count) for _, count in has.get(cell, [])]
            fixed = pinned_cells[t][cell]
            over, under = layout.over(t, k), layout.over(t, k) + 1
            y = [layout.y[t]] if t in layout.y else []
            rows.append(
                (
                    -inf,
                    ceil_lo - fixed,
                    [*columns, *y, over],
                    [*values, *([-float(ceil_hi - ceil_lo)] if y else []), -1.0],
                )
            )
            rows.append(
                (
                    floor_lo - fixed,
                    inf,
                    [*columns, *y, under],
                    [*values, *([-float(floor_hi - floor_lo)] if y else []), 1.0],
                )
            )
    return rows


def _build(session: SessionModel, layout: _Layout, seed: int) -> highspy.Highs:
    model = new_model(seed)
    for name, value in (
        ("mip_rel_gap", 0.0),
        ("mip_abs_gap", 0.999),
        ("mip_max_nodes", NODE_LIMIT),
    ):
        model.setOptionValue(name, value)
    lower = np.zeros(layout.count)
    upper = np.full(layout.count, highspy.kHighsInf)
    upper[: layout.dev0] = 1.0
    for tables in interchangeable_classes(session):
        for rank, t in enumerate(tables):
            for f in range(min(rank, len(layout.free))):
                upper[layout.x(f, t)] = 0.0
    model.addVars(layout.count, lower, upper)
    integers = np.arange(layout.dev0, dtype=np.int32)
    model.changeColsIntegrality(
        len(integers), integers, np.full(len(integers), highspy.HighsVarType.kInteger)
    )
    deviations = np.arange(layout.dev0, layout.count, dtype=np.int32)
    model.changeColsCost(len(deviations), deviations, np.ones(len(deviations)))
    rows = _rows(session, layout)
    starts: list[int] = []
    indices: list[int] = []
    values: list[float] = []
    for _, _, columns, coefficients in rows:
        starts.append(len(indices))
        indices += columns
        values += coefficients
    model.addRows(
        len(rows),
        np.array([r[0] for r in rows], dtype=float),
        np.array([r[1] for r in rows], dtype=float),
        len(indices),
        np.array(starts, dtype=np.int32),
        np.array(indices, dtype=np.int32),
        np.array(values, dtype=float),
    )
    return model


def _start(
    session: SessionModel, layout: _Layout, table_of: Sequence[int]
) -> highspy.HighsSolution:
    values = np.zeros(layout.count)
    for f, u in enumerate(layout.free):
        values[layout.x(f, table_of[u])] = 1.0
    size = [0] * layout.tables
    counts = [[0] * len(session.totals) for _ in range(layout.tables)]
    for u, table in enumerate(table_of):
        size[table] += len(session.units[u])
        for cell, k in session.unit_cells[u]:
            counts[table][cell] += k
    n = session.n
    for t, column in layout.y.items():
        values[column] = float(size[t] - session.lo[t])
    for t in range(layout.tables):
        for k, cell in enumerate(layout.cells):
            total, count = session.totals[cell], counts[t][cell]
            values[layout.over(t, k)] = max(0, count - -(-total * size[t] // n))
            values[layout.over(t, k) + 1] = max(0, total * size[t] // n - count)
    solution = highspy.HighsSolution()
    solution.col_value = [float(v) for v in values]
    solution.value_valid = True
    return solution


def solve_balance(
    session: SessionModel, seed: int, start: Sequence[int] | None = None
) -> MipResult:
    """The seating of ``session`` with the fewest people outside their fair range.

    ``start`` (a table per unit) is a seating to improve on. Raises ``AllocationError``
    if no seating fits the sizes, pins and groups.
    """
    layout = _Layout(session)
    model = _build(session, layout, seed)
    if start is not None:
        model.setSolution(_start(session, layout, canonical(session, start)))
    status = run(model)
    model_status = model.getModelStatus()
    has_solution = int(model.getInfo().primal_solution_status) == 2
    if status == highspy.HighsStatus.kError or (
        not has_solution and model_status != highspy.HighsModelStatus.kInfeasible
    ):
        raise AllocationError(
            "allocation_solver_failed",
            "The solver could not seat session {session} ({status}); try again with fewer "
            "pins or groups.",
            session=session.key,
            status=str(model.modelStatusToString(model_status)),
        )
    if not has_solution:
        raise AllocationError(
            "allocation_infeasible",
            "No seating of session {session} fits its table sizes, pins and groups: unpin "
            "some people, loosen a group or change the tables.",
            session=session.key,
        )
    values = model.getSolution().col_value
    table_of = list(session.pinned)
    for f, u in enumerate(layout.free):
        table_of[u] = max(range(layout.tables), key=lambda t: values[layout.x(f, t)])
    outside = round(model.getInfo().objective_function_value)
    if model_status == highspy.HighsModelStatus.kOptimal:
        bound = outside
    else:
        bound = max(0, int(np.ceil(model.getInfo().mip_dual_bound - 1e-6)))
    return MipResult(tuple(table_of), outside, min(bound, outside))
