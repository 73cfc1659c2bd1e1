"""LEXIMIN over the linear relaxation of the panel polytope, with a certificate per level.

Each level solves one LP: raise the smallest probability ``z`` of the not-yet-fixed types
as far as the quotas allow, keeping earlier levels' probabilities. The interior-point
solver (no crossover) returns a strictly complementary dual solution ``y``: exactly the
types with ``y > 0`` cannot rise above ``z``, so the whole level is fixed at once.

The duals are also the proof. For any distribution over panels that gives every fixed
type at least its level, sum(y_t * p_t over unfixed t) <= max over panels of
y·panel - sum(y_t * p_t over fixed t) <= z, and sum(y over unfixed) = 1, so somebody
unfixed has at most z. The bound holds for integer panels because they lie in the
relaxation; ``certify`` checks it with an independent integer programme.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import highspy
import numpy as np

from minipublic.sortition import highs
from minipublic.sortition.errors import SolverError
from minipublic.sortition.types import FloatArray, IntArray, TypeModel

#: How far earlier levels may give way if the solver's rounding makes a level LP
#: infeasible (tried in this order).
SNAPS = (0.0, 1e-11, 1e-9, 1e-7)
#: A type is fixed at a level when its normalised dual weight exceeds this; weights of
#: types that can still rise converge to 0 in the interior point method.
_FIX_WEIGHT = 1e-9
#: ... and its probability is within this of z in the interior point solution.
_TIGHT = 1e-7


@dataclass(frozen=True)
class Cut:
    """A valid inequality ``coefficients @ seats <= bound`` over seats per type."""

    coefficients: FloatArray
    bound: float


@dataclass(frozen=True)
class Level:
    """One LEXIMIN level: the value ``z`` given to ``types``, proved by ``weights``.

    ``weights[t]`` is the dual weight of type ``t`` (0 for types fixed earlier, which
    enter the bound through ``fixed_weights``); they sum to 1.
    """

    value: float
    types: IntArray
    weights: FloatArray
    fixed_weights: FloatArray
    method: str


@dataclass(frozen=True)
class Profile:
    """LEXIMIN probabilities per type with the level-by-level certificate.

    ``probabilities`` are the level values; ``point`` is the last LP's solution, a point
    of the relaxation that meets every level (to within solver precision).
    """

    probabilities: FloatArray
    levels: tuple[Level, ...]
    point: FloatArray


def relaxed_leximin(
    model: TypeModel, cuts: Sequence[Cut] = (), *, max_levels: int | None = None
) -> Profile:
    """Compute LEXIMIN over the relaxation (plus ``cuts``), level by level.

    With ``max_levels=1`` this is MAXIMIN: only the smallest probability is raised.
    """
    t_count = model.n_types
    fixed = np.full(t_count, np.nan)
    levels: list[Level] = []
    point = np.zeros(t_count)
    while np.isnan(fixed).any() and (max_levels is None or len(levels) < max_levels):
        unfixed = np.flatnonzero(np.isnan(fixed))
        level, point = _next_level(model, fixed, unfixed, cuts)
        fixed[level.types] = level.value
        levels.append(level)
    if not np.isnan(fixed).any():
        point = _closest_point(model, fixed, cuts)
    return Profile(probabilities=fixed, levels=tuple(levels), point=np.clip(point, 0.0, 1.0))


def _closest_point(model: TypeModel, levels: FloatArray, cuts: Sequence[Cut]) -> FloatArray:
    """The point of the relaxation nearest to the level values (in the largest difference).

    The last level's LP leaves types of earlier levels free to rise above their level;
    projecting back puts every type at its level to within solver precision.
    """
    lp = highs.new_model()
    t_count = model.n_types
    size = model.size.astype(float)
    highs.add_columns(lp, np.zeros(t_count), np.ones(t_count))
    gap = highs.add_columns(lp, np.zeros(1), np.array([highs.INF]))
    highs.set_costs(lp, gap, np.ones(1))
    _panel_rows(lp, model, size, cuts)
    for t in range(t_count):
        highs.add_row(lp, -highs.INF, levels[t], [t, gap], [1.0, -1.0])
        highs.add_row(lp, levels[t], highs.INF, [t, gap], [1.0, 1.0])
    highs.solve(lp, what="the closest point to the LEXIMIN levels")
    return highs.column_values(lp)[:t_count]


def _panel_rows(lp: highspy.Highs, model: TypeModel, size: FloatArray, cuts: Sequence[Cut]) -> None:
    """The relaxation's rows over probabilities per type (columns 0..T-1)."""
    t_count = model.n_types
    for r, types in enumerate(model.row_types):
        highs.add_row(lp, model.lower[r], model.upper[r], types, size[types])
    highs.add_row(lp, model.k, model.k, np.arange(t_count), size)
    for clique in model.cliques:
        highs.add_row(lp, -highs.INF, 1, clique, np.ones(len(clique)))
    for cut in cuts:
        support = np.flatnonzero(cut.coefficients)
        highs.add_row(lp, -highs.INF, cut.bound, support, cut.coefficients[support] * size[support])


def _level_lp(
    model: TypeModel, fixed: FloatArray, unfixed: IntArray, cuts: Sequence[Cut], snap: float
) -> tuple[highspy.Highs, int, int, int]:
    """The LP of one level: maximise z with every unfixed type at least z."""
    lp = highs.new_model(ipm=True)
    t_count = model.n_types
    highs.add_columns(lp, np.zeros(t_count), np.ones(t_count))  # probability per type
    z = highs.add_columns(lp, np.zeros(1), np.ones(1))
    highs.set_costs(lp, z, np.ones(1))
    highs.maximise(lp)
    _panel_rows(lp, model, model.size.astype(float), cuts)
    first_level_row = int(lp.getNumRow())
    for t in unfixed:
        highs.add_row(lp, 0, highs.INF, [int(t), z], [1.0, -1.0])
    first_fixed_row = int(lp.getNumRow())
    for t in np.flatnonzero(~np.isnan(fixed)):
        highs.add_row(lp, fixed[t] - snap, highs.INF, [int(t)], [1.0])
    return lp, z, first_level_row, first_fixed_row


def _next_level(
    model: TypeModel, fixed: FloatArray, unfixed: IntArray, cuts: Sequence[Cut]
) -> tuple[Level, FloatArray]:
    t_count = model.n_types
    fixed_types = np.flatnonzero(~np.isnan(fixed))
    # Earlier levels are held exactly; only if rounding in their last digits makes the
    # LP infeasible are they relaxed by a hair (any slack would let a later level rise).
    for snap in SNAPS:
        lp, z, first_level_row, first_fixed_row = _level_lp(model, fixed, unfixed, cuts, snap)
        # Interior point without crossover: a point near the centre of the optimal face
        # and strictly complementary duals, which tell which types are held at z.
        status = highs.solve(lp, what="a LEXIMIN level")
        if status == "Optimal":
            break
    else:
        raise SolverError("level_failed", f"A LEXIMIN level could not be solved ({status}).")
    solution = highs.column_values(lp)
    point = solution[:t_count]
    interior_y, _ = _level_duals(lp, first_level_row, first_fixed_row)
    # The value and the certificate need the last digits right: a vertex solution
    # (crossover) provides them; its duals' support may be smaller, which still proves
    # the level.
    lp.setOptionValue("run_crossover", "on")
    lp.clearSolver()
    highs.solve(lp, what="a LEXIMIN level (certificate)")
    y, y_fixed = _level_duals(lp, first_level_row, first_fixed_row)
    value = float(min(1.0, max(0.0, highs.column_values(lp)[z])))
    if value >= 1.0 - 1e-9 or interior_y.sum() <= 0 or y.sum() <= 0:
        return _top_level(model, unfixed), point
    weights = np.zeros(t_count)
    weights[unfixed] = interior_y / interior_y.sum()
    total = y.sum()
    proof = np.zeros(t_count)
    proof[unfixed] = y / total
    fixed_weights = np.zeros(t_count)
    fixed_weights[fixed_types] = y_fixed / total
    # Complementary slackness: a type is held at z exactly when its dual weight is
    # positive. The interior point solution is close to the centre of the optimal face,
    # so a type that could still rise shows a clear gap above z there, whatever tiny
    # weight rounding leaves on it; both signs must agree before a type is fixed.
    tight = point[unfixed] - float(solution[z]) <= _TIGHT
    types = unfixed[(weights[unfixed] > _FIX_WEIGHT) & tight]
    if len(types) == 0:
        types = unfixed[[int(np.argmax(weights[unfixed]))]]
    level = Level(value, types, proof, fixed_weights, "relaxation duals (simplex vertex)")
    return level, point


def _level_duals(
    lp: highspy.Highs, first_level_row: int, first_fixed_row: int
) -> tuple[FloatArray, FloatArray]:
    """Non-negative dual weights of the level rows and of the earlier levels' rows."""
    duals = highs.row_duals(lp)
    level_duals, fixed_duals = duals[first_level_row:first_fixed_row], duals[first_fixed_row:]
    sign = 1.0 if level_duals.sum() >= 0 else -1.0
    return np.clip(sign * level_duals, 0.0, None), np.clip(sign * fixed_duals, 0.0, None)


def _top_level(model: TypeModel, unfixed: IntArray) -> Level:
    """Everybody left can have probability 1: nothing can be higher."""
    weights = np.zeros(model.n_types)
    weights[unfixed[0]] = 1.0
    return Level(1.0, unfixed, weights, np.zeros(model.n_types), "probability 1 is the maximum")
