"""Explain infeasible quotas: which quotas conflict, and the smallest relaxation that works.

Simple counting finds most conflicts and names them in words. When counting finds
nothing but no panel exists (quotas that only clash in combination, or households),
an integer programme finds the smallest total change to minimums and maximums, within
``min_flex``/``max_flex`` where given, that makes a panel possible.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from minipublic.sortition import highs
from minipublic.sortition.errors import InfeasibleQuotasError
from minipublic.sortition.model import Instance, Quota
from minipublic.sortition.panel_mip import PanelMip
from minipublic.sortition.types import IntArray, TypeModel


@dataclass(frozen=True)
class Change:
    """One quota bound moved by the suggested relaxation."""

    feature: str
    value: str
    bound: str
    old: int
    new: int

    def describe(self) -> str:
        """Plain words for the change."""
        return f"{self.feature} {self.value}: {self.bound} {self.old} → {self.new}"


def check_feasible(instance: Instance, model: TypeModel) -> None:
    """Raise InfeasibleQuotasError (with conflicts and a relaxation) if no panel exists."""
    conflicts = counting_conflicts(instance, model)
    mip = PanelMip(model)
    mip.set_objective(np.zeros(model.n_types))
    if not conflicts and mip.solve(first_feasible=True) is not None:
        return
    changes = smallest_relaxation(instance, model)
    unreachable: list[str] = []
    if changes is not None:
        relaxed = _relaxed_model(model, instance.quotas, changes)
        unreachable = [instance.pool.people[i].id for i in unreachable_people(relaxed)]
    raise InfeasibleQuotasError(
        "infeasible_quotas",
        _message(conflicts, changes, unreachable),
        conflicts=conflicts or ["the quotas cannot all be met at once"],
        relaxation=[c.__dict__ for c in changes] if changes is not None else None,
        unreachable=unreachable,
    )


def counting_conflicts(instance: Instance, model: TypeModel) -> list[str]:
    """Conflicts visible by counting: totals per feature, and people per value."""
    k = instance.k
    found = []
    for feature in instance.pool.features:
        quotas = instance.quotas_for(feature)
        minimums, maximums = sum(q.min for q in quotas), sum(q.max for q in quotas)
        if minimums > k:
            found.append(f"minimums of {feature} add up to {minimums} > panel size {k}")
        if maximums < k:
            found.append(f"maximums of {feature} add up to {maximums} < panel size {k}")
    for r, quota in enumerate(instance.quotas):
        available = _available(model, model.row_types[r])
        if quota.min > available:
            found.append(
                f"{quota.feature} {quota.value} min {quota.min} but only {available} in the pool"
            )
    return found


def _available(model: TypeModel, types: IntArray) -> int:
    """How many people of these types can sit on one panel (one per household)."""
    total = int(model.size[types].sum())
    for clique in model.cliques:
        inside = np.intersect1d(clique, types)
        total -= max(0, len(inside) - 1)
    return total


def smallest_relaxation(instance: Instance, model: TypeModel) -> list[Change] | None:
    """The fewest units of change to minimums/maximums that allow a panel (None: impossible)."""
    lp = highs.new_model()
    t_count, rows = model.n_types, model.n_rows
    counts = highs.add_columns(lp, np.zeros(t_count), model.size.astype(float), integer=True)
    lower_room = np.array(
        [q.min - (q.min_flex if q.min_flex is not None else 0) for q in instance.quotas]
    )
    upper_room = np.array(
        [(q.max_flex if q.max_flex is not None else instance.k) - q.max for q in instance.quotas]
    )
    down = highs.add_columns(
        lp, np.zeros(rows), np.maximum(lower_room, 0).astype(float), integer=True
    )
    up = highs.add_columns(
        lp, np.zeros(rows), np.maximum(upper_room, 0).astype(float), integer=True
    )
    # Lowering a small minimum is a bigger change in proportion: weigh it more.
    costs = np.array([1.0 + 1.0 / max(q.min, 1) for q in instance.quotas])
    highs.set_costs(lp, down, costs)
    highs.set_costs(lp, up, np.ones(rows))
    for r, types in enumerate(model.row_types):
        ones = np.ones(len(types))
        highs.add_row(
            lp, model.lower[r], highs.INF, np.append(types + counts, down + r), np.append(ones, 1.0)
        )
        highs.add_row(
            lp, -highs.INF, model.upper[r], np.append(types + counts, up + r), np.append(ones, -1.0)
        )
    highs.add_row(lp, model.k, model.k, np.arange(t_count) + counts, np.ones(t_count))
    for clique in model.cliques:
        highs.add_row(lp, -highs.INF, 1, clique + counts, np.ones(len(clique)))
    highs.solve(lp, what="the quota relaxation")
    if not highs.has_solution(lp):
        return None
    values = np.rint(highs.column_values(lp)).astype(np.int64)
    changes = []
    for r, quota in enumerate(instance.quotas):
        if values[down + r]:
            changes.append(
                Change(
                    quota.feature,
                    quota.value,
                    "minimum",
                    quota.min,
                    quota.min - int(values[down + r]),
                )
            )
        if values[up + r]:
            changes.append(
                Change(
                    quota.feature,
                    quota.value,
                    "maximum",
                    quota.max,
                    quota.max + int(values[up + r]),
                )
            )
    return changes


def _relaxed_model(model: TypeModel, quotas: tuple[Quota, ...], changes: list[Change]) -> TypeModel:
    lower, upper = model.lower.copy(), model.upper.copy()
    row = {(q.feature, q.value): r for r, q in enumerate(quotas)}
    for change in changes:
        target = lower if change.bound == "minimum" else upper
        target[row[(change.feature, change.value)]] = change.new
    return replace(model, lower=lower, upper=upper)


def unreachable_people(model: TypeModel) -> list[int]:
    """People (indices) who are on no valid panel at all."""
    mip = PanelMip(model)
    covered = np.zeros(model.n_types, dtype=bool)
    while not covered.all():
        mip.set_objective(np.where(covered, 0.0, 1.0 / model.size))
        panel = mip.solve()
        if panel is None:
            break
        newly = (panel > 0) & ~covered
        if not newly.any():
            break
        covered |= newly
    return sorted(i for t in np.flatnonzero(~covered) for i in model.members[t])


def _message(conflicts: list[str], changes: list[Change] | None, unreachable: list[str]) -> str:
    lines = ["No panel can meet the quotas."]
    lines += [f"  - {conflict}" for conflict in conflicts]
    if changes is None:
        lines.append("No relaxation within min_flex/max_flex makes a panel possible.")
    elif changes:
        lines.append("The smallest change that makes a panel possible:")
        lines += [f"  - {change.describe()}" for change in changes]
    if unreachable:
        shown = ", ".join(unreachable[:20]) + (" …" if len(unreachable) > 20 else "")
        lines.append(f"Even then, {len(unreachable)} people are on no valid panel: {shown}")
    return "\n".join(lines)
