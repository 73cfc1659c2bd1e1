"""NASH welfare: maximise the sum of the logarithms of everyone's selection probability.

The concave objective is handled by an outer approximation with tangent lines of the
logarithm (an LP that is refined where it is loose), first over the relaxation of the
panel polytope; the result is decomposed into valid panels. If that point is not a
lottery of valid panels, column generation over valid panels takes over, pricing panels
by the gradient 1/p of the objective.
"""

from __future__ import annotations

import highspy
import numpy as np
from numpy.typing import NDArray

from minipublic.sortition import highs
from minipublic.sortition.algorithms import Solution
from minipublic.sortition.decompose import Distribution, decompose
from minipublic.sortition.errors import SolverError
from minipublic.sortition.panel_mip import PanelMip
from minipublic.sortition.progress import Progress
from minipublic.sortition.types import FloatArray, IntArray, TypeModel

_FLOOR = 1e-9  # tangents are taken at no less than this, so that log is defined
#: The tangent approximation of log is refined until it is this tight at the solution;
#: the error in a probability is then about sqrt(2 * _GAP) relative to it.
_GAP = 1e-10
#: Column generation stops when no panel improves the gradient by more than this share.
_PRICING_TOLERANCE = 1e-6
_MAX_COLUMN_ROUNDS = 2000
_START_TANGENTS = np.geomspace(1e-4, 1.0, 25)


def nash_lottery(model: TypeModel, progress: Progress) -> Solution:
    """The NASH-welfare lottery over valid panels."""
    progress.update("relaxation", None, "NASH welfare over the relaxation")
    point = _nash_over_relaxation(model)
    mip = PanelMip(model)
    result = decompose(model, point, mip, progress)
    if isinstance(result, Distribution):
        return Solution(result, result.marginals(model.size), None, "relaxation")
    distribution = _nash_by_columns(model, mip, list(result.done.compositions), progress)
    return Solution(distribution, distribution.marginals(model.size), None, "exact")


class _TangentLp:
    """max sum n_t w_t with w_t <= log(a) + (p_t - a)/a for the tangent points a added."""

    def __init__(
        self,
        lp: highspy.Highs,
        p_first: int,
        w_first: int,
        n_types: int,
        counted: NDArray[np.bool_] | None = None,
    ) -> None:
        # The default tolerance (1e-7) would hide the last gaps between tangents and log.
        lp.setOptionValue("primal_feasibility_tolerance", 1e-10)
        lp.setOptionValue("dual_feasibility_tolerance", 1e-10)
        self.lp = lp
        self.p_first, self.w_first, self.n_types = p_first, w_first, n_types
        self.counted = np.ones(n_types, dtype=bool) if counted is None else counted

    def add_tangent(self, t: int, a: float) -> None:
        # w_t - p_t / a <= log(a) - 1
        highs.add_row(
            self.lp,
            -highs.INF,
            float(np.log(a)) - 1.0,
            [self.w_first + t, self.p_first + t],
            [1.0, -1.0 / a],
        )

    def refine(self) -> FloatArray:
        """Solve, adding tangents where the approximation is loose, until it is tight."""
        for _ in range(400):
            status = highs.solve(self.lp, what="the NASH welfare LP")
            if status != "Optimal":
                raise SolverError("nash_failed", f"The NASH welfare LP failed ({status}).")
            values = highs.column_values(self.lp)
            p = values[self.p_first : self.p_first + self.n_types]
            w = values[self.w_first : self.w_first + self.n_types]
            loose = np.flatnonzero((w - np.log(np.maximum(p, _FLOOR)) > _GAP) & self.counted)
            if len(loose) == 0:
                return p
            for t in loose:
                self.add_tangent(int(t), float(max(p[t], _FLOOR)))
        return p


def _reachable_types(model: TypeModel) -> NDArray[np.bool_]:
    """Types that some point of the relaxation gives a positive probability."""
    lp = highs.new_model()
    t_count = model.n_types
    size = model.size.astype(float)
    highs.add_columns(lp, np.zeros(t_count), np.ones(t_count))
    for r, types in enumerate(model.row_types):
        highs.add_row(lp, model.lower[r], model.upper[r], types, size[types])
    highs.add_row(lp, model.k, model.k, np.arange(t_count), size)
    for clique in model.cliques:
        highs.add_row(lp, -highs.INF, 1, clique, np.ones(len(clique)))
    highs.maximise(lp)
    reached = np.zeros(t_count, dtype=bool)
    while not reached.all():
        highs.set_costs(lp, 0, np.where(reached, 0.0, 1.0))
        if highs.solve(lp, what="the NASH reachability LP") != "Optimal":
            break
        newly = (highs.column_values(lp) > 1e-9) & ~reached
        if not newly.any():
            break
        reached |= newly
    return reached


def _nash_over_relaxation(model: TypeModel) -> FloatArray:
    lp = highs.new_model()
    t_count = model.n_types
    size = model.size.astype(float)
    # Types on no point of the relaxation stay at 0 and out of the objective (log 0).
    reachable = _reachable_types(model)
    p_first = highs.add_columns(lp, np.zeros(t_count), reachable.astype(float))
    w_first = highs.add_columns(lp, np.full(t_count, -highs.INF), np.zeros(t_count))
    highs.set_costs(lp, w_first, np.where(reachable, size, 0.0))
    highs.maximise(lp)
    for r, types in enumerate(model.row_types):
        highs.add_row(lp, model.lower[r], model.upper[r], types + p_first, size[types])
    highs.add_row(lp, model.k, model.k, np.arange(t_count) + p_first, size)
    for clique in model.cliques:
        highs.add_row(lp, -highs.INF, 1, clique + p_first, np.ones(len(clique)))
    tangents = _TangentLp(lp, p_first, w_first, t_count, reachable)
    for t in np.flatnonzero(reachable):
        for a in _START_TANGENTS:
            tangents.add_tangent(int(t), float(a))
    return tangents.refine()


def _nash_by_columns(
    model: TypeModel, mip: PanelMip, columns: list[IntArray], progress: Progress
) -> Distribution:
    mip.unrestrict()
    if not columns:
        mip.set_objective(np.zeros(model.n_types))
        first = mip.solve(first_feasible=True)
        if first is None:
            raise SolverError("nash_failed", "No valid panel exists.")
        columns.append(first)
    known = {tuple(column) for column in columns}
    for round_number in range(_MAX_COLUMN_ROUNDS):
        weights, p = _nash_over_columns(model, columns)
        # At the optimum no panel beats the current lottery on the gradient n_t / p_t,
        # whose value at the lottery itself is the number of people reachable.
        gradient = 1.0 / np.maximum(p, _FLOOR)
        current = float(gradient @ (np.array(columns, dtype=float).T @ weights))
        mip.set_objective(gradient)
        panel = mip.solve()
        if panel is None or mip.best_value() <= current * (1 + _PRICING_TOLERANCE):
            break
        if tuple(panel) in known:
            break
        known.add(tuple(panel))
        columns.append(panel)
        progress.update("NASH columns", None, f"{round_number + 1} panels added")
    weights, _ = _nash_over_columns(model, columns)
    keep = weights > 1e-12
    compositions = np.array(columns, dtype=np.int64)[keep]
    return Distribution(compositions, weights[keep] / weights[keep].sum())


def _nash_over_columns(model: TypeModel, columns: list[IntArray]) -> tuple[FloatArray, FloatArray]:
    lp = highs.new_model()
    t_count, count = model.n_types, len(columns)
    size = model.size.astype(float)
    matrix = np.array(columns, dtype=float) / size
    covered = matrix.any(axis=0)  # types on none of the panels so far stay at 0, unscored
    l_first = highs.add_columns(lp, np.zeros(count), np.ones(count))
    p_first = highs.add_columns(lp, np.zeros(t_count), np.ones(t_count))
    w_first = highs.add_columns(lp, np.full(t_count, -highs.INF), np.zeros(t_count))
    highs.set_costs(lp, w_first, np.where(covered, size, 0.0))
    highs.maximise(lp)
    highs.add_row(lp, 1, 1, np.arange(count) + l_first, np.ones(count))
    for t in range(t_count):
        support = np.flatnonzero(matrix[:, t])
        highs.add_row(
            lp, 0, 0, np.append(support + l_first, p_first + t), np.append(matrix[support, t], -1.0)
        )
    tangents = _TangentLp(lp, p_first, w_first, t_count, covered)
    for scored in np.flatnonzero(covered):
        for a in _START_TANGENTS:
            tangents.add_tangent(int(scored), float(a))
    p = tangents.refine()
    weights = np.clip(highs.column_values(lp)[l_first : l_first + count], 0.0, None)
    return weights, p
