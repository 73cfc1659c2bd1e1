"""Round a lottery over panel compositions to a uniform lottery over m concrete panels.

First the number of copies of each composition (summing to m) is chosen to keep every
type's share of seats as close as possible to its probability (an integer programme
over "round down or up", as in Flanigan, Kehne & Procaccia 2021, starting from
largest-remainder rounding). Then, within each type, seats are handed to its members in
a fixed cyclic order, so members of a type differ by at most one panel. A uniform draw of
one of the m panels then gives everyone probability (panels containing them) / m.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np

from minipublic.sortition import highs
from minipublic.sortition.decompose import Distribution
from minipublic.sortition.types import FloatArray, IntArray, TypeModel

#: Work limit for improving the rounding (nodes, not seconds: results must not depend
#: on the speed of the machine), and the largest problem (compositions x types) for
#: which the improvement is tried: beyond it, it costs seconds and gains little.
_ROUNDING_NODES = 50
_ROUNDING_MAX_SIZE = 200_000


@dataclass(frozen=True)
class Lottery:
    """m panels (sorted person indices) and what everyone's chance is under them."""

    panels: tuple[tuple[int, ...], ...]
    probabilities: FloatArray
    max_change: float

    @property
    def size(self) -> int:
        """How many panels the lottery holds."""
        return len(self.panels)


def round_to_lottery(
    model: TypeModel,
    distribution: Distribution,
    target: FloatArray,
    m: int,
    order_key: list[str],
) -> Lottery:
    """Uniform lottery over ``m`` panels approximating the per-person ``target``.

    ``order_key[i]`` fixes the cyclic order of person ``i`` within its type.
    """
    copies = _copies(model, distribution, m)
    compositions = np.repeat(distribution.compositions, copies, axis=0)
    panels = _assign_members(model, compositions, order_key)
    counts = np.zeros(len(model.type_of))
    for panel in panels:
        counts[list(panel)] += 1
    probabilities = counts / m
    max_change = float(np.abs(probabilities - target).max()) if len(target) else 0.0
    return Lottery(tuple(panels), probabilities, max_change)


def _copies(model: TypeModel, distribution: Distribution, m: int) -> IntArray:
    """How many of the m panels use each composition."""
    exact = distribution.weights * m
    floor = np.floor(exact).astype(np.int64)
    extra = m - int(floor.sum())
    by_remainder = np.argsort(-(exact - floor), kind="stable")
    start = floor.copy()
    start[by_remainder[:extra]] += 1
    improved = _improve(model, distribution, exact, floor, extra, start)
    return improved if improved is not None else start


def _improve(
    model: TypeModel,
    distribution: Distribution,
    exact: FloatArray,
    floor: IntArray,
    extra: int,
    start: IntArray,
) -> IntArray | None:
    """Minimise the largest seat error of any type by choosing which counts round up."""
    fractional = np.flatnonzero(exact - floor > 1e-12)
    if extra == 0 or len(fractional) == 0 or len(fractional) * model.n_types > _ROUNDING_MAX_SIZE:
        return None
    size = model.size.astype(float)
    comps = distribution.compositions.astype(float)
    target_seats = exact @ comps  # m * probability * size, per type
    base = floor @ comps
    lp = highs.new_model()
    lp.setOptionValue("mip_max_nodes", _ROUNDING_NODES)
    up = highs.add_columns(lp, np.zeros(len(fractional)), np.ones(len(fractional)), integer=True)
    delta = highs.add_columns(lp, np.zeros(1), np.array([highs.INF]))
    highs.set_costs(lp, delta, np.ones(1))
    highs.add_row(lp, extra, extra, np.arange(len(fractional)) + up, np.ones(len(fractional)))
    for t in range(model.n_types):
        used = comps[fractional, t]
        support = np.flatnonzero(used)
        columns = np.append(support + up, delta)
        gap = target_seats[t] - base[t]
        # |base + sum used*up - target| <= delta * size  (error in probability * m)
        highs.add_row(lp, -highs.INF, gap, columns, np.append(used[support], -size[t]))
        highs.add_row(lp, gap, highs.INF, columns, np.append(used[support], size[t]))
    start_solution = np.append((start - floor)[fractional].astype(float), 0.0)
    lp.setSolution(highs.start_solution(start_solution))
    highs.solve(lp, what="the lottery rounding")
    if not highs.has_solution(lp):
        return None
    rounded = floor.copy()
    rounded[fractional] += np.rint(highs.column_values(lp)[:-1]).astype(np.int64)
    return rounded


def _assign_members(
    model: TypeModel, compositions: IntArray, order_key: list[str]
) -> list[tuple[int, ...]]:
    cursor = np.zeros(model.n_types, dtype=np.int64)
    ordered = [sorted(members, key=lambda i: order_key[i]) for members in model.members]
    panels: list[tuple[int, ...]] = []
    for composition in compositions:
        chosen: list[int] = []
        for t in np.flatnonzero(composition):
            members, start, count = ordered[t], int(cursor[t]), int(composition[t])
            chosen.extend(members[(start + j) % len(members)] for j in range(count))
            cursor[t] = (start + count) % len(members)
        panels.append(tuple(sorted(chosen)))
    return panels


def member_order(ids: list[str], salt: str) -> list[str]:
    """A fixed, unguessable order for handing out seats within a type."""
    return [hashlib.sha256(f"{salt}\n{person_id}".encode()).hexdigest() for person_id in ids]
