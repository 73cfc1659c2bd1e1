"""Exact LEXIMIN over valid panels by column generation (the fallback path).

Used when the relaxation's LEXIMIN point cannot be written as a lottery of valid panels
(some face of the relaxation holds no valid panel). Level by level, a cutting-plane LP
finds dual weights ``y`` over the unfixed types that minimise the best panel's weight
``max_P y·P`` (minus what fixed types already receive); an integer programme either
finds a panel heavier than the LP allows (a new cut) or proves the level. The same
``y`` is the level's certificate.
"""

from __future__ import annotations

import numpy as np

from minipublic.sortition import highs
from minipublic.sortition.decompose import Distribution
from minipublic.sortition.errors import SolverError
from minipublic.sortition.panel_mip import PanelMip
from minipublic.sortition.progress import NullProgress, Progress
from minipublic.sortition.relaxation import Level, Profile
from minipublic.sortition.types import FloatArray, IntArray, TypeModel

_EPS = 1e-9
_FIX_WEIGHT = 1e-7


def exact_leximin(
    model: TypeModel,
    mip: PanelMip,
    columns: list[IntArray],
    progress: Progress | None = None,
) -> tuple[Profile, Distribution]:
    """LEXIMIN over valid panels, starting from the panels in ``columns``."""
    progress = progress or NullProgress()
    mip.unrestrict()
    columns = list(columns) or [_any_panel(mip, model)]
    fixed = np.full(model.n_types, np.nan)
    levels: list[Level] = []
    while np.isnan(fixed).any():
        level = _level(model, mip, columns, fixed)
        fixed[level.types] = level.value
        levels.append(level)
        done = float((~np.isnan(fixed)).sum()) / model.n_types
        progress.update("exact LEXIMIN", done, f"{len(levels)} levels, {len(columns)} panels")
    distribution = _final_lottery(model, columns, fixed)
    probabilities = distribution.marginals(model.size)
    return Profile(fixed, tuple(levels), probabilities), distribution


def _any_panel(mip: PanelMip, model: TypeModel) -> IntArray:
    mip.set_objective(np.zeros(model.n_types))
    panel = mip.solve(first_feasible=True)
    if panel is None:
        raise SolverError("no_panel", "No valid panel exists.")
    return panel


def _level(model: TypeModel, mip: PanelMip, columns: list[IntArray], fixed: FloatArray) -> Level:
    size = model.size.astype(float)
    unfixed = np.isnan(fixed)
    p_fixed = np.where(unfixed, 0.0, fixed)
    lp = highs.new_model()
    t_count = model.n_types
    # Variables: y_t >= 0 (weights, per type), then yhat (free): minimise yhat - p_F·y_F.
    highs.add_columns(lp, np.zeros(t_count), np.full(t_count, highs.INF))
    yhat = highs.add_columns(lp, np.array([-highs.INF]), np.array([highs.INF]))
    highs.set_costs(lp, 0, np.concatenate([-p_fixed, [1.0]]))
    unfixed_types = np.flatnonzero(unfixed)
    highs.add_row(lp, 1, 1, unfixed_types, np.ones(len(unfixed_types)))

    def add_cut(panel: IntArray) -> None:
        support = np.flatnonzero(panel)
        coefficients = panel[support] / size[support]
        highs.add_row(lp, -highs.INF, 0, np.append(support, yhat), np.append(coefficients, -1.0))

    for panel in columns:
        add_cut(panel)
    while True:
        status = highs.solve(lp, what="an exact LEXIMIN level")
        if status != "Optimal":
            raise SolverError("level_failed", f"An exact LEXIMIN level failed ({status}).")
        solution = highs.column_values(lp)
        y, bound = np.clip(solution[:t_count], 0.0, None), float(solution[yhat])
        mip.set_objective(y / size)
        heaviest = mip.solve()
        if heaviest is None:
            raise SolverError("no_panel", "No valid panel exists.")
        if mip.best_value() <= bound + _EPS:
            break
        columns.append(heaviest)
        add_cut(heaviest)
    value = float(min(1.0, max(0.0, bound - float(p_fixed @ y))))
    weights = np.where(unfixed, y, 0.0)
    fixed_weights = np.where(unfixed, 0.0, y)
    types = unfixed_types[weights[unfixed_types] > _FIX_WEIGHT]
    if len(types) == 0:
        types = unfixed_types
    return Level(value, types, weights, fixed_weights, "exact column generation (simplex duals)")


def _final_lottery(model: TypeModel, columns: list[IntArray], fixed: FloatArray) -> Distribution:
    """Weights over the panels found that give every type at least its level."""
    size = model.size.astype(float)
    lp = highs.new_model()
    count = len(columns)
    highs.add_columns(lp, np.zeros(count), np.ones(count))
    shortfall = highs.add_columns(lp, np.zeros(1), np.array([highs.INF]))
    highs.set_costs(lp, shortfall, np.ones(1))
    matrix = np.array(columns, dtype=float) / size
    highs.add_row(lp, 1, 1, np.arange(count), np.ones(count))
    for t in range(model.n_types):
        support = np.flatnonzero(matrix[:, t])
        highs.add_row(
            lp, fixed[t], highs.INF, np.append(support, shortfall), np.append(matrix[support, t], 1)
        )
    highs.solve(lp, what="the final lottery")
    weights = np.clip(highs.column_values(lp)[:count], 0.0, None)
    keep = weights > 1e-12
    return Distribution(
        np.array(columns, dtype=np.int64)[keep], weights[keep] / weights[keep].sum()
    )
