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

from minipublic.sortition import highs
from minipublic.sortition.algorithms import Solution
from minipublic.sortition.decompose import Distribution, decompose
from minipublic.sortition.errors import SolverError
from minipublic.sortition.panel_mip import PanelMip
from minipublic.sortition.progress import Progress
from minipublic.sortition.types import FloatArray, IntArray, TypeModel

_FLOOR = 1e-6  # nobody is given less than this, so that log is defined
_GAP = 1e-7
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

    def __init__(self, lp: highspy.Highs, p_first: int, w_first: int, n_types: int) -> None:
        self.lp = lp
        self.p_first, self.w_first, self.n_types = p_first, w_first, n_types

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
        for _ in range(200):
            status = highs.solve(self.lp, what="the NASH welfare LP")
            if status != "Optimal":
                raise SolverError("nash_failed", f"The NASH welfare LP failed ({status}).")
            values = highs.column_values(self.lp)
            p = values[self.p_first : self.p_first + self.n_types]
            w = values[self.w_first : self.w_first + self.n_types]
            loose = np.flatnonzero(w - np.log(np.maximum(p, _FLOOR)) > _GAP)
            if len(loose) == 0:
                return p
            for t in loose:
                self.add_tangent(int(t), float(max(p[t], _FLOOR)))
        return p


def _nash_over_relaxation(model: TypeModel) -> FloatArray:
    lp = highs.new_model()
    t_count = model.n_types
    size = model.size.astype(float)
    p_first = highs.add_columns(lp, np.full(t_count, _FLOOR), np.ones(t_count))
    w_first = highs.add_columns(lp, np.full(t_count, -highs.INF), np.zeros(t_count))
    highs.set_costs(lp, w_first, size)
    highs.maximise(lp)
    for r, types in enumerate(model.row_types):
        highs.add_row(lp, model.lower[r], model.upper[r], types + p_first, size[types])
    highs.add_row(lp, model.k, model.k, np.arange(t_count) + p_first, size)
    for clique in model.cliques:
        highs.add_row(lp, -highs.INF, 1, clique + p_first, np.ones(len(clique)))
    tangents = _TangentLp(lp, p_first, w_first, t_count)
    for t in range(t_count):
        for a in _START_TANGENTS:
            tangents.add_tangent(t, float(a))
    return tangents.refine()


def _nash_by_columns(
    model: TypeModel, mip: PanelMip, columns: list[IntArray], progress: Progress
) -> Distribution:
    size = model.size.astype(float)
    n = float(size.sum())
    mip.unrestrict()
    for round_number in range(10_000):
        weights, p = _nash_over_columns(model, columns)
        mip.set_objective(1.0 / np.maximum(p, _FLOOR) / 1.0)
        panel = mip.solve()
        if panel is None or mip.best_value() <= n * (1 + 1e-7):
            break
        columns.append(panel)
        progress.update("NASH columns", None, f"{round_number + 1} panels added")
    keep = weights > 1e-12
    compositions = np.array(columns, dtype=np.int64)[keep]
    return Distribution(compositions, weights[keep] / weights[keep].sum())


def _nash_over_columns(model: TypeModel, columns: list[IntArray]) -> tuple[FloatArray, FloatArray]:
    lp = highs.new_model()
    t_count, count = model.n_types, len(columns)
    size = model.size.astype(float)
    l_first = highs.add_columns(lp, np.zeros(count), np.ones(count))
    p_first = highs.add_columns(lp, np.full(t_count, _FLOOR * 0), np.ones(t_count))
    w_first = highs.add_columns(lp, np.full(t_count, -highs.INF), np.zeros(t_count))
    highs.set_costs(lp, w_first, size)
    highs.maximise(lp)
    highs.add_row(lp, 1, 1, np.arange(count) + l_first, np.ones(count))
    matrix = np.array(columns, dtype=float) / size
    for t in range(t_count):
        support = np.flatnonzero(matrix[:, t])
        highs.add_row(
            lp, 0, 0, np.append(support + l_first, p_first + t), np.append(matrix[support, t], -1.0)
        )
    tangents = _TangentLp(lp, p_first, w_first, t_count)
    for t in range(t_count):
        for a in _START_TANGENTS:
            tangents.add_tangent(t, float(a))
    p = tangents.refine()
    weights = np.clip(highs.column_values(lp)[l_first : l_first + count], 0.0, None)
    return weights, p
