"""The integer programme whose solutions are exactly the valid panels (counts per type)."""

from __future__ import annotations

import highspy
import numpy as np
from numpy.typing import NDArray

from minipublic.sortition import highs
from minipublic.sortition.types import FloatArray, IntArray, TypeModel

#: Options for "any good panel, fast" (measured on synth_c: the default heuristics spend
#: most of their time in presolve and feasibility jump, whose first panel is a poor one).
_FIRST_FEASIBLE: dict[str, str | bool] = {
    "presolve": "off",
    "mip_heuristic_run_feasibility_jump": False,
    "mip_heuristic_run_rins": False,
    "mip_heuristic_run_rens": False,
}
_OPTIMAL: dict[str, str | bool] = {
    "presolve": "choose",
    "mip_heuristic_run_feasibility_jump": True,
    "mip_heuristic_run_rins": True,
    "mip_heuristic_run_rens": True,
}
#: In ``find_on_face``, types the LP leaves out whose reduced cost is worse than this
#: (in objective units) stay out of the first, small integer programme.
_REDUCED_COST_MARGIN = 0.01


class PanelMip:
    """Find a valid panel maximising a weight per type, optionally on a face.

    Columns are the counts ``c[t]`` in ``[0, size[t]]``; rows are the quota rows, the
    panel size and one row per household. ``restrict`` narrows column, quota-row and
    household-row bounds (for faces); ``solve`` returns the counts or None when no panel
    exists.
    """

    def __init__(self, model: TypeModel) -> None:
        self.model = model
        self.highs = self._build(integer=True)
        self._relaxation: highspy.Highs | None = None
        t = model.n_types
        self._all_columns = np.arange(t, dtype=np.int32)
        self._quota_rows = np.arange(model.n_rows, dtype=np.int32)
        first_clique = model.n_rows + 1
        self._clique_rows = np.arange(
            first_clique, first_clique + len(model.cliques), dtype=np.int32
        )
        self._bounds = self._full_bounds()
        self._weights = np.zeros(t)
        self.solves = 0

    def _build(self, *, integer: bool) -> highspy.Highs:
        model = self.model
        lp = highs.new_model()
        t = model.n_types
        highs.add_columns(lp, np.zeros(t), model.size.astype(float), integer=integer)
        for r, types in enumerate(model.row_types):
            highs.add_row(lp, model.lower[r], model.upper[r], types, np.ones(len(types)))
        highs.add_row(lp, model.k, model.k, np.arange(t), np.ones(t))
        for clique in model.cliques:
            highs.add_row(lp, -highs.INF, 1, clique, np.ones(len(clique)))
        highs.maximise(lp)
        return lp

    def _full_bounds(self) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
        m = self.model
        lower = np.concatenate([m.lower.astype(float), np.zeros(len(m.cliques))])
        upper = np.concatenate([m.upper.astype(float), np.ones(len(m.cliques))])
        return np.zeros(m.n_types), m.size.astype(float), lower, upper

    def set_objective(self, weights: FloatArray) -> None:
        """Weight per member of each type (the objective is ``weights @ counts``)."""
        self._weights = np.asarray(weights, dtype=float)
        highs.set_costs(self.highs, 0, self._weights)

    def restrict(
        self,
        col_lower: FloatArray,
        col_upper: FloatArray,
        row_lower: FloatArray,
        row_upper: FloatArray,
    ) -> None:
        """Bound counts per type and per quota row, then per household (a face).

        ``row_lower``/``row_upper`` cover the quota rows and may go on to cover the
        household rows (in the order of ``model.cliques``).
        """
        full = self._full_bounds()
        rows = len(row_lower)
        row_lower = np.concatenate([row_lower, full[2][rows:]])
        row_upper = np.concatenate([row_upper, full[3][rows:]])
        self._bounds = (col_lower, col_upper, row_lower, row_upper)
        self._apply(self.highs, *self._bounds)

    def _apply(
        self,
        lp: highspy.Highs,
        col_lower: FloatArray,
        col_upper: FloatArray,
        row_lower: FloatArray,
        row_upper: FloatArray,
    ) -> None:
        n, q = self.model.n_types, self.model.n_rows
        lp.changeColsBounds(n, self._all_columns, col_lower, col_upper)
        highs.set_row_bounds(lp, self._quota_rows, row_lower[:q], row_upper[:q])
        if len(self._clique_rows):
            clique_lower = np.where(row_lower[q:] > 0, row_lower[q:], -highs.INF)
            highs.set_row_bounds(lp, self._clique_rows, clique_lower, row_upper[q:])

    def unrestrict(self) -> None:
        """Back to all valid panels."""
        self.restrict(*self._full_bounds())

    def solve(self, *, first_feasible: bool = False) -> IntArray | None:
        """The best panel (or, with ``first_feasible``, the first one found)."""
        for name, value in (_FIRST_FEASIBLE if first_feasible else _OPTIMAL).items():
            self.highs.setOptionValue(name, value)
        self.highs.setOptionValue("mip_max_improving_sols", 1 if first_feasible else 2**30)
        highs.solve(self.highs, what="the panel integer programme")
        self.solves += 1
        if not highs.has_solution(self.highs):
            return None
        counts: NDArray[np.int64] = np.rint(highs.column_values(self.highs)).astype(np.int64)
        return counts

    def find_on_face(self) -> IntArray | None:
        """A valid panel with a high weight on the current face, found quickly.

        First the linear relaxation on the face; then an integer programme over only the
        types the relaxation uses or nearly uses (a few dozen instead of thousands),
        which almost always has a panel; the whole face only if it has none. Measured on
        synth_c this is three times faster than the whole face, for the same weights.
        """
        relaxation = self._relaxation_model()
        self._apply(relaxation, *self._bounds)
        highs.set_costs(relaxation, 0, self._weights)
        highs.solve(relaxation, what="the panel relaxation")
        if not highs.has_solution(relaxation):
            return self.solve(first_feasible=True)
        solution = relaxation.getSolution()
        values = np.array(solution.col_value)
        reduced = np.array(solution.col_dual)
        keep = np.flatnonzero((values > 1e-9) | (reduced > -_REDUCED_COST_MARGIN))
        panel = self._solve_small(keep)
        if panel is None:
            panel = self.solve(first_feasible=True)
        return panel

    def _solve_small(self, keep: IntArray) -> IntArray | None:
        """The face's integer programme over the types in ``keep`` only (others at 0)."""
        m = self.model
        col_lower, col_upper, row_lower, row_upper = self._bounds
        if (col_lower[np.setdiff1d(np.arange(m.n_types), keep)] > 0).any():
            return None
        position = np.full(m.n_types, -1, dtype=np.int64)
        position[keep] = np.arange(len(keep))
        small = highs.new_model()
        for name, value in _FIRST_FEASIBLE.items():
            small.setOptionValue(name, value)
        small.setOptionValue("mip_max_improving_sols", 1)
        highs.add_columns(small, col_lower[keep], col_upper[keep], integer=True)
        highs.set_costs(small, 0, self._weights[keep])
        for r, types in enumerate(m.row_types):
            inside = position[types]
            inside = inside[inside >= 0]
            highs.add_row(small, row_lower[r], row_upper[r], inside, np.ones(len(inside)))
        highs.add_row(small, m.k, m.k, np.arange(len(keep)), np.ones(len(keep)))
        for c, clique in enumerate(m.cliques):
            inside = position[clique]
            inside = inside[inside >= 0]
            lower = row_lower[m.n_rows + c]
            if len(inside) or lower > 0:
                highs.add_row(
                    small, lower if lower > 0 else -highs.INF, 1, inside, np.ones(len(inside))
                )
        highs.maximise(small)
        highs.solve(small, what="the panel integer programme")
        self.solves += 1
        if not highs.has_solution(small):
            return None
        counts = np.zeros(m.n_types, dtype=np.int64)
        counts[keep] = np.rint(highs.column_values(small)).astype(np.int64)
        return counts

    def _relaxation_model(self) -> highspy.Highs:
        if self._relaxation is None:
            self._relaxation = self._build(integer=False)
        return self._relaxation

    def best_value(self) -> float:
        """Objective value of the last solution."""
        return float(self.highs.getInfo().objective_function_value)
