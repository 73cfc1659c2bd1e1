"""Write a probability point of the panel polytope as a lottery over valid panels.

Carathéodory's method with an integer programme: at the current point ``x`` (seats per
type), find a valid panel ``v`` on the smallest face of the relaxation containing ``x``,
then move ``x`` away from ``v`` as far as the relaxation allows. Each step makes at
least one more constraint tight, so the steps are few (a few hundred for thousands of
people) and each needs only one integer programme, solved until the first panel found.

If some face holds no valid panel, the point cannot be reached by any lottery of valid
panels; ``Stuck`` then says where, so the caller can cut that face off and try again.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from minipublic.sortition import highs
from minipublic.sortition.panel_mip import PanelMip
from minipublic.sortition.progress import NullProgress, Progress
from minipublic.sortition.types import FloatArray, IntArray, TypeModel

BoolArray = NDArray[np.bool_]

#: A seat count or quota row within this distance of a bound lies on that bound.
FACE_TOLERANCE = 1e-7
#: When less than this weight is left to decompose, the rest is spread proportionally
#: over the panels found (changing any probability by at most this much).
WEIGHT_LEFT = 1e-10
#: Near the end, the point is the small remainder divided by its tiny weight, so rounding
#: errors grow; a face without panels is then rounding, not a real obstacle.
NUMERICAL_REMAINDER = 1e-6


@dataclass(frozen=True)
class Distribution:
    """A lottery over panel compositions: ``compositions[j]`` counts members per type."""

    compositions: IntArray
    weights: FloatArray

    def marginals(self, size: IntArray) -> FloatArray:
        """Probability of each member of each type."""
        seats: FloatArray = self.weights @ self.compositions
        return seats / size


@dataclass(frozen=True)
class Stuck:
    """No valid panel lies on the face through ``point``; ``tight`` says which face."""

    point: FloatArray
    at_lower: IntArray
    at_upper: IntArray
    rows_at_lower: IntArray
    rows_at_upper: IntArray
    done: Distribution
    weight_left: float


def decompose(
    model: TypeModel,
    probabilities: FloatArray,
    mip: PanelMip,
    progress: Progress | None = None,
) -> Distribution | Stuck:
    """A lottery over valid panels whose marginals are ``probabilities`` (or Stuck)."""
    progress = progress or NullProgress()
    size = model.size.astype(float)
    residual = np.clip(probabilities, 0.0, 1.0) * size  # seats still to be covered, times weight
    weight_left = 1.0
    panels: list[IntArray] = []
    weights: list[float] = []
    matrix = _row_matrix(model)
    lower = np.concatenate([model.lower.astype(float), np.zeros(len(model.cliques))])
    upper = np.concatenate([model.upper.astype(float), np.ones(len(model.cliques))])
    while weight_left > WEIGHT_LEFT:
        x = residual / weight_left
        face = _face(x, size, matrix @ x, lower, upper)
        mip.restrict(*face.bounds(size, lower, upper))
        mip.set_objective(_attraction(x / size))
        panel = mip.find_on_face()
        if panel is None and weight_left < NUMERICAL_REMAINDER and panels:
            break
        if panel is None:
            mip.unrestrict()
            done = _normalised(panels, weights, model.n_types)
            return Stuck(x, *face.arrays(), done=done, weight_left=weight_left)
        step = _step(x, panel.astype(float), size, matrix, lower, upper)
        panels.append(panel)
        weights.append(step * weight_left)
        residual = residual - step * weight_left * panel
        weight_left *= 1.0 - step
        progress.update("decomposing", 1.0 - weight_left, f"{len(panels)} panels")
    mip.unrestrict()
    return polish(_normalised(panels, weights, model.n_types), probabilities, size)


def polish(distribution: Distribution, target: FloatArray, size: FloatArray) -> Distribution:
    """Re-weight the panels found so the marginals match ``target`` to solver precision.

    Carathéodory's steps lose a little precision each (and the last tiny remainder is
    spread proportionally); one LP over the panels already found removes that error.
    """
    count = len(distribution.weights)
    if count == 0:
        return distribution
    lp = highs.new_model()
    first = highs.add_columns(lp, np.zeros(count), np.ones(count))
    gap = highs.add_columns(lp, np.zeros(1), np.array([highs.INF]))
    highs.set_costs(lp, gap, np.ones(1))
    highs.add_row(lp, 1, 1, np.arange(count) + first, np.ones(count))
    shares = distribution.compositions / size  # probability contribution per panel and type
    for t in range(len(size)):
        support = np.flatnonzero(shares[:, t])
        columns = np.append(support + first, gap)
        highs.add_row(lp, -highs.INF, target[t], columns, np.append(shares[support, t], -1.0))
        highs.add_row(lp, target[t], highs.INF, columns, np.append(shares[support, t], 1.0))
    lp.setSolution(highs.start_solution(np.append(distribution.weights, 1.0)))
    highs.solve(lp, what="the lottery polish")
    if not highs.has_solution(lp):
        return distribution
    weights = np.clip(highs.column_values(lp)[:count], 0.0, None)
    keep = weights > 1e-13
    polished = Distribution(distribution.compositions[keep], weights[keep] / weights[keep].sum())
    before = np.abs(distribution.marginals(size.astype(np.int64)) - target).max()
    after = np.abs(polished.marginals(size.astype(np.int64)) - target).max()
    return polished if after < before else distribution


@dataclass(frozen=True)
class _Face:
    at_lower: BoolArray
    at_upper: BoolArray
    rows_low: BoolArray
    rows_high: BoolArray

    def bounds(
        self, size: FloatArray, lower: FloatArray, upper: FloatArray
    ) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
        col_lower = np.where(self.at_upper, size, 0.0)
        col_upper = np.where(self.at_lower, 0.0, size)
        row_lower = np.where(self.rows_high, upper, lower)
        row_upper = np.where(self.rows_low, lower, upper)
        return col_lower, col_upper, row_lower, row_upper

    def arrays(self) -> tuple[IntArray, IntArray, IntArray, IntArray]:
        return (
            np.flatnonzero(self.at_lower),
            np.flatnonzero(self.at_upper),
            np.flatnonzero(self.rows_low),
            np.flatnonzero(self.rows_high),
        )


def _face(
    x: FloatArray, size: FloatArray, rows: FloatArray, lower: FloatArray, upper: FloatArray
) -> _Face:
    return _Face(
        at_lower=x <= FACE_TOLERANCE,
        at_upper=x >= size - FACE_TOLERANCE,
        rows_low=rows <= lower + FACE_TOLERANCE,
        rows_high=rows >= upper - FACE_TOLERANCE,
    )


def _attraction(probability: FloatArray) -> FloatArray:
    # Prefer members of types with a high probability and avoid those with a low one:
    # the step away from the panel is limited by the smallest probability it contains
    # and the largest one it leaves out.
    clipped = np.clip(probability, 1e-6, 1 - 1e-6)
    attraction: FloatArray = np.log(clipped / (1 - clipped))
    return attraction


def _ratio(slack: FloatArray, use: FloatArray) -> float:
    moving = use > 1e-12
    if not moving.any():
        return 1.0
    return float(np.min(slack[moving] / use[moving]))


def _step(
    x: FloatArray,
    panel: FloatArray,
    size: FloatArray,
    matrix: FloatArray,
    lower: FloatArray,
    upper: FloatArray,
) -> float:
    """The largest share s of x that panel can take while (x - s*panel)/(1-s) stays valid."""
    rows_x, rows_panel = matrix @ x, matrix @ panel
    step = min(
        1.0,
        _ratio(x, panel),  # no type below 0 seats
        _ratio(size - x, size - panel),  # no type above its size
        _ratio(rows_x - lower, rows_panel - lower),  # quota minimums
        _ratio(upper - rows_x, upper - rows_panel),  # quota maximums
    )
    return max(0.0, step)


def _row_matrix(model: TypeModel) -> FloatArray:
    # Quota rows, then one row per household (at most one member: a row in [0, 1]).
    matrix = np.zeros((model.n_rows + len(model.cliques), model.n_types))
    for r, types in enumerate(model.row_types):
        matrix[r, types] = 1.0
    for c, clique in enumerate(model.cliques):
        matrix[model.n_rows + c, clique] = 1.0
    return matrix


def _normalised(panels: list[IntArray], weights: list[float], n_types: int) -> Distribution:
    if not panels:
        return Distribution(np.zeros((0, n_types), dtype=np.int64), np.zeros(0))
    total = float(sum(weights))
    return Distribution(np.array(panels, dtype=np.int64), np.array(weights) / total)
