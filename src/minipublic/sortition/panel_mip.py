"""The integer programme whose solutions are exactly the valid panels (counts per type)."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from minipublic.sortition import highs
from minipublic.sortition.types import FloatArray, IntArray, TypeModel


class PanelMip:
    """Find a valid panel maximising a weight per type, optionally on a face.

    Columns are the counts ``c[t]`` in ``[0, size[t]]``; rows are the quota rows, the
    panel size and one row per household. ``restrict`` narrows column and quota-row
    bounds (for faces); ``solve`` returns the counts or None when no panel exists.
    """

    def __init__(self, model: TypeModel) -> None:
        self.model = model
        self.highs = highs.new_model()
        t = model.n_types
        highs.add_columns(self.highs, np.zeros(t), model.size.astype(float), integer=True)
        for r, types in enumerate(model.row_types):
            highs.add_row(self.highs, model.lower[r], model.upper[r], types, np.ones(len(types)))
        highs.add_row(self.highs, model.k, model.k, np.arange(t), np.ones(t))
        for clique in model.cliques:
            highs.add_row(self.highs, -highs.INF, 1, clique, np.ones(len(clique)))
        highs.maximise(self.highs)
        self._all_columns = np.arange(t, dtype=np.int32)
        self._quota_rows = np.arange(model.n_rows, dtype=np.int32)
        self.solves = 0

    def set_objective(self, weights: FloatArray) -> None:
        """Weight per member of each type (the objective is ``weights @ counts``)."""
        highs.set_costs(self.highs, 0, weights)

    def restrict(
        self,
        col_lower: FloatArray,
        col_upper: FloatArray,
        row_lower: FloatArray,
        row_upper: FloatArray,
    ) -> None:
        """Bound counts per type and counts per quota row (a face of the panel polytope)."""
        n = self.model.n_types
        self.highs.changeColsBounds(n, self._all_columns, col_lower, col_upper)
        highs.set_row_bounds(self.highs, self._quota_rows, row_lower, row_upper)

    def unrestrict(self) -> None:
        """Back to all valid panels."""
        m = self.model
        self.restrict(
            np.zeros(m.n_types), m.size.astype(float), m.lower.astype(float), m.upper.astype(float)
        )

    def solve(self, *, first_feasible: bool = False) -> IntArray | None:
        """The best panel (or, with ``first_feasible``, the first one found)."""
        self.highs.setOptionValue("mip_max_improving_sols", 1 if first_feasible else 2**30)
        highs.solve(self.highs, what="the panel integer programme")
        self.solves += 1
        if not highs.has_solution(self.highs):
            return None
        counts: NDArray[np.int64] = np.rint(highs.column_values(self.highs)).astype(np.int64)
        return counts

    def best_value(self) -> float:
        """Objective value of the last solution."""
        return float(self.highs.getInfo().objective_function_value)
