"""Property-based tests: random tiny instances against brute force.

Hypothesis draws pools of at most nine people (one or two features, two or three values
each, optional households), quotas and a panel size. Every panel is enumerated, and
the optimal lotteries over them come from small LPs solved directly with highspy
(tests/engine/brute.py). The engine must either raise the infeasibility error exactly
when no panel exists, with a correct explanation, or return a lottery of enumerated
panels whose probabilities are the brute-force LEXIMIN ones.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from minipublic.sortition.algorithms import Algorithm
from minipublic.sortition.errors import InfeasibleQuotasError
from minipublic.sortition.model import Instance, Quota
from minipublic.sortition.report import build_report
from minipublic.sortition.select import run_selection
from tests.engine.brute import (
    TOL,
    brute_leximin,
    brute_maximin,
    check_certificate_by_enumeration,
    household_panels,
    make_instance,
    unreachable,
    valid_panels,
)

VALUES = {"colour": ("red", "green", "blue"), "size": ("small", "large", "medium")}

SETTINGS = settings(
    max_examples=400,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)


@st.composite
def tiny_instances(draw: st.DrawFn) -> Instance:
    """A pool of 1-9 people, quotas for every value, a panel size and maybe households."""
    features = ("colour", "size")[: draw(st.integers(1, 2))]
    values = {f: VALUES[f][: draw(st.integers(2, 3))] for f in features}
    n = draw(st.integers(1, 9))
    people = [tuple(draw(st.sampled_from(values[f])) for f in features) for _ in range(n)]
    households = draw(st.none() | st.lists(st.none() | st.integers(0, 2), min_size=n, max_size=n))
    k = draw(st.integers(1, n))
    # Quotas around a reference panel (feasible unless households forbid it), and in
    # two thirds of the instances one quota tightened past it (often infeasible).
    reference = draw(st.permutations(range(n)))[:k]
    names: list[tuple[str, str]] = []
    bounds: list[list[int]] = []
    for f, feature in enumerate(features):
        for value in values[feature]:
            count = sum(1 for i in reference if people[i][f] == value)
            names.append((feature, value))
            bounds.append([draw(st.integers(0, count)), draw(st.integers(count, k))])
    if draw(st.integers(0, 2)):
        bound = bounds[draw(st.integers(0, len(bounds) - 1))]
        if draw(st.booleans()):
            bound[0] = draw(st.integers(bound[0] + 1, bound[0] + 3))
            bound[1] = max(bound[1], bound[0])
        elif bound[1] > 0:
            bound[1] = draw(st.integers(0, bound[1] - 1))
            bound[0] = min(bound[0], bound[1])
    quotas = [(f, v, low, high) for (f, v), (low, high) in zip(names, bounds, strict=True)]
    return make_instance(features, people, quotas, k, households)


def relaxation_cost(instance: Instance, panel: frozenset[int]) -> float:
    """What the engine minimises to reach ``panel``: each unit a minimum m is lowered
    costs 1 + 1/max(m, 1) (small minimums weigh more), each unit a maximum is raised 1."""
    features = instance.pool.features
    cost = 0.0
    for quota in instance.quotas:
        f = features.index(quota.feature)
        have = sum(1 for i in panel if instance.pool.people[i].values[f] == quota.value)
        cost += max(0, quota.min - have) * (1 + 1 / max(quota.min, 1))
        cost += max(0, have - quota.max)
    return cost


def relaxed(instance: Instance, changes: list[dict[str, Any]]) -> Instance:
    quotas = []
    for quota in instance.quotas:
        low, high = quota.min, quota.max
        for change in changes:
            if (change["feature"], change["value"]) == (quota.feature, quota.value):
                if change["bound"] == "minimum":
                    low = change["new"]
                else:
                    high = change["new"]
        quotas.append(Quota(quota.feature, quota.value, low, high))
    return replace(instance, quotas=tuple(quotas))


def check_infeasibility(instance: Instance, error: InfeasibleQuotasError) -> None:
    """The explanation: conflicting quotas named, the smallest relaxation, who is left out."""
    message = str(error)
    assert error.exit_code == 3
    assert message.startswith("No panel can meet the quotas")
    assert error.params["conflicts"]
    if not household_panels(instance):
        # Households alone leave fewer than k people who can sit together: no change to
        # the quotas helps, and the engine must not pretend one does.
        assert error.params["relaxation"] is None
        return
    named = [
        q
        for q in instance.quotas
        if f"{q.feature} {q.value}" in message or f"of {q.feature} " in message
    ]
    assert named, message
    changes = error.params["relaxation"]
    assert changes, message
    for change in changes:
        assert f"{change['feature']} {change['value']}" in message
        assert (change["feature"], change["value"]) in {
            (q.feature, q.value) for q in instance.quotas
        }
    fixed = relaxed(instance, changes)
    fixed_panels = valid_panels(fixed)
    assert fixed_panels, f"the suggested relaxation does not allow a panel: {changes}"
    # the cheapest relaxation: the best over every panel that respects the households
    best = min(relaxation_cost(instance, panel) for panel in household_panels(instance))
    suggested = sum(
        (c["old"] - c["new"]) * (1 + 1 / max(c["old"], 1))
        if c["bound"] == "minimum"
        else c["new"] - c["old"]
        for c in changes
    )
    assert abs(suggested - best) <= 1e-9, (changes, best)
    # each change is needed in full: giving back one unit of any of them leaves no panel
    for number, change in enumerate(changes):
        step = 1 if change["bound"] == "minimum" else -1
        smaller = [
            *changes[:number],
            {**change, "new": change["new"] + step},
            *changes[number + 1 :],
        ]
        assert not valid_panels(relaxed(instance, smaller)), (change, changes)
    left_out = sorted(instance.pool.people[i].id for i in unreachable(fixed, fixed_panels))
    assert sorted(error.params["unreachable"]) == left_out


@SETTINGS
@given(tiny_instances())
def test_leximin_is_the_brute_force_optimum_or_infeasibility_is_explained(
    instance: Instance,
) -> None:
    panels = valid_panels(instance)
    if not panels:
        with pytest.raises(InfeasibleQuotasError) as raised:
            run_selection(instance, lottery_size=100)
        check_infeasibility(instance, raised.value)
        return
    selection = run_selection(instance, lottery_size=100)
    valid = set(panels)
    assert all(frozenset(panel) in valid for panel in selection.lottery.panels)
    p = selection.probabilities
    assert abs(p.sum() - instance.k) <= TOL
    assert abs(p.min() - brute_maximin(instance.n, panels)) <= TOL
    np.testing.assert_allclose(p, brute_leximin(instance.n, panels), rtol=0, atol=TOL)
    check_certificate_by_enumeration(instance, selection.certificate, p, panels)
    # people on no valid panel get 0 and are named in the report
    nobody = unreachable(instance, panels)
    assert {i for i in range(instance.n) if p[i] <= 1e-9} == nobody
    warnings = build_report(selection, "0" * 64, {})["warnings"]
    named = " ".join(w for w in warnings if "on no valid panel" in w)
    if nobody:
        assert f"{len(nobody)} people are on no valid panel" in named
        for i in nobody:
            assert f"p{i}" in named.replace(",", " ").split()
    else:
        assert not named


@SETTINGS
@given(tiny_instances())
def test_maximin_reaches_the_brute_force_minimum(instance: Instance) -> None:
    panels = valid_panels(instance)
    if not panels:
        with pytest.raises(InfeasibleQuotasError):
            run_selection(instance, algorithm=Algorithm.MAXIMIN, lottery_size=100)
        return
    selection = run_selection(instance, algorithm=Algorithm.MAXIMIN, lottery_size=100)
    valid = set(panels)
    assert all(frozenset(panel) in valid for panel in selection.lottery.panels)
    p = selection.probabilities
    assert abs(p.sum() - instance.k) <= TOL
    assert abs(p.min() - brute_maximin(instance.n, panels)) <= TOL
    level = selection.certificate["levels"][0]
    index = instance.pool.index_of()
    heaviest = max(
        sum(level["weights"].get(instance.pool.people[i].id, 0.0) for i in panel)
        for panel in panels
    )
    assert abs(heaviest - p.min()) <= TOL
    assert all(abs(p[index[i]] - level["value"]) <= TOL for i in level["people"])


def test_the_strategy_reaches_both_outcomes() -> None:
    # The properties above are only meaningful if the examples include feasible and
    # infeasible instances, households and people on no panel.
    seen: dict[str, int] = {"feasible": 0, "infeasible": 0, "households": 0, "nobody": 0}

    @settings(max_examples=400, deadline=None, derandomize=True, database=None)
    @given(tiny_instances())
    def count(instance: Instance) -> None:
        panels = valid_panels(instance)
        seen["feasible" if panels else "infeasible"] += 1
        seen["households"] += any(p.household is not None for p in instance.pool.people)
        seen["nobody"] += bool(panels) and bool(unreachable(instance, panels))

    count()
    assert all(number >= 40 for number in seen.values()), seen
