"""A small, deterministic interface to the HiGHS LP/MIP solver.

Every model is single-threaded with a fixed random seed, so the same input gives the
same answer on every run and machine build; no time limits are used for the same
reason (work limits are, where a limit is needed).
"""

from __future__ import annotations

from collections.abc import Sequence

import highspy
import numpy as np
from numpy.typing import NDArray

from minipublic.sortition.errors import SolverError
from minipublic.sortition.highs_banner import quiet_highs, run

INF = highspy.kHighsInf
FloatArray = NDArray[np.float64]


def new_model(*, ipm: bool = False) -> highspy.Highs:
    """A silent, single-threaded HiGHS instance (interior point without crossover if ``ipm``)."""
    model = quiet_highs()
    for name, value in (
        ("output_flag", False),
        ("threads", 1),
        ("random_seed", 0),
        ("mip_rel_gap", 1e-9),
        ("mip_abs_gap", 1e-10),
    ):
        model.setOptionValue(name, value)
    if ipm:
        model.setOptionValue("solver", "ipm")
        model.setOptionValue("run_crossover", "off")
    return model


def add_columns(
    model: highspy.Highs, lower: FloatArray, upper: FloatArray, *, integer: bool = False
) -> int:
    """Add one column per bound pair; returns the index of the first new column."""
    first = int(model.getNumCol())
    count = len(lower)
    model.addVars(count, np.asarray(lower, dtype=float), np.asarray(upper, dtype=float))
    if integer:
        indices = np.arange(first, first + count, dtype=np.int32)
        model.changeColsIntegrality(count, indices, np.full(count, highspy.HighsVarType.kInteger))
    return first


def add_row(
    model: highspy.Highs,
    lower: float,
    upper: float,
    columns: Sequence[int] | NDArray[np.int64],
    values: Sequence[float] | FloatArray,
) -> int:
    """Add ``lower <= sum(values * x[columns]) <= upper``; returns the row index."""
    index = int(model.getNumRow())
    cols = np.asarray(columns, dtype=np.int32)
    model.addRow(float(lower), float(upper), len(cols), cols, np.asarray(values, dtype=float))
    return index


def set_costs(model: highspy.Highs, first: int, costs: FloatArray) -> None:
    """Set the objective coefficients of columns ``first, first+1, …``."""
    count = len(costs)
    model.changeColsCost(
        count, np.arange(first, first + count, dtype=np.int32), np.asarray(costs, dtype=float)
    )


def maximise(model: highspy.Highs) -> None:
    """Make the model maximise its objective."""
    model.changeObjectiveSense(highspy.ObjSense.kMaximize)


def solve(model: highspy.Highs, *, what: str) -> str:
    """Run the solver and return the model status as text; raise on solver failure."""
    status = run(model)
    if status == highspy.HighsStatus.kError:
        raise SolverError("solver_failed", f"HiGHS failed while solving {what}.", what=what)
    return str(model.modelStatusToString(model.getModelStatus()))


def set_row_bounds(
    model: highspy.Highs, rows: NDArray[np.int32], lower: FloatArray, upper: FloatArray
) -> None:
    """Change the bounds of several rows at once."""
    model.changeRowsBounds(len(rows), rows, lower, upper)  # type: ignore[attr-defined]


def start_solution(values: FloatArray) -> highspy.HighsSolution:
    """A starting solution with the given column values (for warm-starting a MIP)."""
    solution = highspy.HighsSolution()
    solution.col_value = [float(v) for v in values]
    solution.value_valid = True
    return solution


def has_solution(model: highspy.Highs) -> bool:
    """Whether the last run produced a feasible primal solution."""
    return int(model.getInfo().primal_solution_status) == 2


def column_values(model: highspy.Highs) -> FloatArray:
    """Primal values of all columns after a run."""
    return np.array(model.getSolution().col_value, dtype=float)


def row_duals(model: highspy.Highs) -> FloatArray:
    """Dual values of all rows after a run."""
    return np.array(model.getSolution().row_dual, dtype=float)
