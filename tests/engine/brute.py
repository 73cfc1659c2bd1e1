"""Independent reference tools for the engine tests: brute force over tiny instances.

Nothing here imports the engine's solving code. Panels are checked by counting,
tiny instances are solved by enumerating every panel (``itertools.combinations``), and
the optimal lotteries over the enumerated panels come from small LPs written directly
against highspy. The tests compare the engine with these, never with itself.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import highspy
import numpy as np
from numpy.typing import NDArray

from minipublic.sortition.model import Instance, Person, Pool, Quota

BENCH = Path("/work/shared/sortition-bench")
TOL = 1e-6

Panel = frozenset[int]


# ------------------------------------------------------------------ building instances


def make_instance(
    features: tuple[str, ...],
    values: Sequence[tuple[str, ...]],
    quotas: Sequence[tuple[str, str, int, int]],
    k: int,
    households: Sequence[int | None] | None = None,
) -> Instance:
    """An Instance from plain lists: person ``p{i}`` has ``values[i]`` and ``households[i]``."""
    homes = list(households) if households is not None else [None] * len(values)
    people = tuple(
        Person(id=f"p{i}", row=i + 2, values=tuple(v), household=homes[i])
        for i, v in enumerate(values)
    )
    pool = Pool(
        source="<test>",
        header=("id", *features),
        rows=tuple((p.id, *p.values) for p in people),
        features=features,
        people=people,
        id_column="id",
    )
    return Instance(pool=pool, quotas=tuple(Quota(*q) for q in quotas), k=k)


def uniform_instance(n: int, k: int) -> Instance:
    """n interchangeable people (one feature, one value, no binding quota), panel size k."""
    return make_instance(("colour",), [("red",)] * n, [("colour", "red", 0, k)], k)


# ------------------------------------------------------------------------ validity


def panel_problems(instance: Instance, panel: Sequence[int]) -> list[str]:
    """Why ``panel`` (person indices) is not a valid panel; empty if it is."""
    problems = []
    if len(panel) != instance.k:
        problems.append(f"{len(panel)} members, not {instance.k}")
    if len(set(panel)) != len(panel):
        problems.append("someone twice")
    people = instance.pool.people
    features = instance.pool.features
    counts = Counter(
        (features[f], people[i].values[f]) for i in panel for f in range(len(features))
    )
    for quota in instance.quotas:
        have = counts[(quota.feature, quota.value)]
        if not quota.min <= have <= quota.max:
            problems.append(
                f"{quota.feature} {quota.value}: {have} not in [{quota.min}, {quota.max}]"
            )
    homes = Counter(people[i].household for i in panel if people[i].household is not None)
    if any(count > 1 for count in homes.values()):
        problems.append("two people from one household")
    return problems


def is_valid_panel(instance: Instance, panel: Sequence[int]) -> bool:
    """Whether ``panel`` meets k, every quota and at most one per household."""
    return not panel_problems(instance, panel)


def valid_panels(instance: Instance) -> list[Panel]:
    """Every valid panel of a tiny instance, by enumeration."""
    return [
        frozenset(combo)
        for combo in itertools.combinations(range(instance.n), instance.k)
        if is_valid_panel(instance, combo)
    ]


def household_panels(instance: Instance) -> list[Panel]:
    """Every panel of size k with at most one per household, ignoring the quotas."""
    people = instance.pool.people
    result = []
    for combo in itertools.combinations(range(instance.n), instance.k):
        homes = [people[i].household for i in combo if people[i].household is not None]
        if len(homes) == len(set(homes)):
            result.append(frozenset(combo))
    return result


def unreachable(instance: Instance, panels: Sequence[Panel]) -> set[int]:
    """People on none of ``panels``."""
    covered = set().union(*panels) if panels else set()
    return set(range(instance.n)) - covered


def lottery_marginals(n: int, panels: Sequence[Sequence[int]]) -> NDArray[np.float64]:
    """Each person's chance under a uniform draw of one of ``panels``."""
    counts = np.zeros(n)
    for panel in panels:
        counts[list(panel)] += 1
    return counts / len(panels)


# ------------------------------------------------------------------- LPs over panels


def _lottery_lp(
    n: int,
    panels: Sequence[Panel],
    floors: Mapping[int, float],
    z_floor_people: Sequence[int],
) -> tuple[highspy.Highs, int]:
    """Variables: one weight per panel, then z. Rows: weights sum to 1; p_i >= floors[i];
    p_i - z >= 0 for i in ``z_floor_people``. Returns the model and the index of z."""
    h = highspy.Highs()  # type: ignore[no-untyped-call]
    # HiGHS keeps one thread scheduler per process and the engine asks for one thread:
    # so do these reference LPs, to leave the scheduler as the engine expects it.
    h.setOptionValue("output_flag", False)
    h.setOptionValue("threads", 1)
    count = len(panels)
    h.addVars(count + 1, np.zeros(count + 1), np.append(np.ones(count), 1.0))
    z = count
    h.addRow(1.0, 1.0, count, np.arange(count, dtype=np.int32), np.ones(count))
    holders: dict[int, list[int]] = {i: [] for i in range(n)}
    for j, panel in enumerate(panels):
        for i in panel:
            holders[i].append(j)
    for i, floor in floors.items():
        cols = np.array(holders[i], dtype=np.int32)
        h.addRow(floor, highspy.kHighsInf, len(cols), cols, np.ones(len(cols)))
    for i in z_floor_people:
        cols = np.array([*holders[i], z], dtype=np.int32)
        coefs = np.append(np.ones(len(holders[i])), -1.0)
        h.addRow(0.0, highspy.kHighsInf, len(cols), cols, coefs)
    h.changeObjectiveSense(highspy.ObjSense.kMaximize)
    return h, z


def _maximise(h: highspy.Highs, column_costs: Mapping[int, float]) -> float:
    n_cols = h.getNumCol()
    costs = np.zeros(n_cols)
    for column, cost in column_costs.items():
        costs[column] = cost
    h.changeColsCost(n_cols, np.arange(n_cols, dtype=np.int32), costs)
    h.run()
    status = h.modelStatusToString(h.getModelStatus())
    assert status == "Optimal", status
    return float(h.getInfo().objective_function_value)


def brute_maximin(n: int, panels: Sequence[Panel]) -> float:
    """The largest possible smallest chance over all lotteries of ``panels``."""
    if not panels:
        return 0.0
    h, z = _lottery_lp(n, panels, {}, list(range(n)))
    return _maximise(h, {z: 1.0})


def brute_leximin(n: int, panels: Sequence[Panel]) -> NDArray[np.float64]:
    """The LEXIMIN chance of every person over lotteries of ``panels`` (unique).

    Level by level: raise the smallest chance z of the unfixed people while the fixed
    ones keep their values; then fix every unfixed person who cannot exceed z.
    """
    fixed: dict[int, float] = {}
    while len(fixed) < n:
        unfixed = [i for i in range(n) if i not in fixed]
        floors = {i: v - 1e-9 for i, v in fixed.items()}
        h, z = _lottery_lp(n, panels, floors, unfixed)
        value = _maximise(h, {z: 1.0})
        newly = []
        for i in unfixed:
            floors_i = {**floors, **dict.fromkeys(unfixed, value - 1e-09)}
            h_i, _ = _lottery_lp(n, panels, floors_i, [])
            best = _maximise(h_i, dict.fromkeys(_holders(panels, i), 1.0))
            if best <= value + 1e-7:
                newly.append(i)
        assert newly, "no person fixed at a level: the reference LP is broken"
        fixed.update(dict.fromkeys(newly, value))
    return np.array([fixed[i] for i in range(n)])


def _holders(panels: Sequence[Panel], i: int) -> list[int]:
    return [j for j, panel in enumerate(panels) if i in panel]


# ------------------------------------------------------------------- certificates


@dataclass(frozen=True)
class LevelProof:
    """A level of a certificate re-checked over enumerated panels."""

    value: float
    heaviest: float
    weight_sum: float


def check_certificate_by_enumeration(
    instance: Instance,
    certificate: Mapping[str, Any],
    probabilities: Sequence[float] | NDArray[np.float64],
    panels: Sequence[Panel],
) -> list[LevelProof]:
    """Re-check every level of ``certificate`` against every valid panel; assert on failure.

    A level (value z, weights y on people not fixed before, fixed_weights w on people
    fixed before at values v) is proved when y >= 0, sum y = 1, w >= 0 and
    max over valid panels P of y(P) + w(P) - sum_i w_i v_i = z.
    """
    index = {person.id: i for i, person in enumerate(instance.pool.people)}
    fixed: dict[int, float] = {}
    proofs = []
    for level in certificate["levels"]:
        y = {index[i]: float(w) for i, w in level["weights"].items()}
        w = {index[i]: float(v) for i, v in level["fixed_weights"].items()}
        assert all(v >= 0 for v in y.values()), "negative weight"
        assert all(v >= 0 for v in w.values()), "negative fixed weight"
        assert not set(y) & set(fixed), "weight on someone fixed earlier"
        assert set(w) <= set(fixed), "fixed weight on someone not fixed earlier"
        total = sum(y.values())
        assert abs(total - 1.0) <= TOL, total
        offset = sum(weight * fixed[i] for i, weight in w.items())
        heaviest = max(
            sum(y.get(i, 0.0) + w.get(i, 0.0) for i in panel) - offset for panel in panels
        )
        value = float(level["value"])
        assert abs(heaviest - value) <= TOL, (level["level"], heaviest, value)
        for person_id in level["people"]:
            assert abs(probabilities[index[person_id]] - value) <= TOL, (person_id, value)
        fixed.update(dict.fromkeys((index[i] for i in level["people"]), value))
        proofs.append(LevelProof(value, heaviest, total))
    return proofs
