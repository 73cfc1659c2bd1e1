"""Invariants every selection must satisfy, on hand-built and benchmark instances.

Each lottery panel is checked by counting (tests/engine/brute.py), the marginals are
recomputed from the panels, and the certificate is checked by enumerating every valid
panel on the tiny instances and with the independent checker
``minipublic.sortition.certify`` (its own integer programme over people) on the
benchmarks. Selections are computed once per session (tests/engine/cases.py).
"""

from __future__ import annotations

import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np
import pytest

from minipublic.sortition.algorithms import Algorithm
from minipublic.sortition.certify import certify
from minipublic.sortition.commitment import inputs_document
from tests.engine.brute import (
    TOL,
    check_certificate_by_enumeration,
    lottery_marginals,
    panel_problems,
    valid_panels,
)
from tests.engine.cases import BENCHMARKS, HAND_BUILT, instance, selected

REPO = Path(__file__).resolve().parents[2]
ALL_CASES = [*HAND_BUILT, *BENCHMARKS]
FAIR = (Algorithm.LEXIMIN, Algorithm.MAXIMIN)
LOTTERY_CASES = [(name, algorithm) for name in ALL_CASES for algorithm in Algorithm]


# ------------------------------------------------------------------------ the lottery


@pytest.mark.parametrize(("name", "algorithm"), LOTTERY_CASES)
def test_every_lottery_panel_is_valid(name: str, algorithm: Algorithm) -> None:
    chosen = instance(name)
    lottery = selected(name, algorithm).lottery
    assert lottery.size == len(lottery.panels) == 1000
    for panel in set(lottery.panels):
        # exactly k distinct people, every quota, at most one per household
        assert panel_problems(chosen, panel) == [], (panel, panel_problems(chosen, panel))


@pytest.mark.parametrize(("name", "algorithm"), LOTTERY_CASES)
def test_probabilities_sum_to_k_and_lie_in_the_unit_interval(
    name: str, algorithm: Algorithm
) -> None:
    chosen = instance(name)
    p = selected(name, algorithm).probabilities
    assert p.shape == (chosen.n,)
    assert abs(p.sum() - chosen.k) <= TOL
    assert p.min() >= 0.0
    assert p.max() <= 1.0 + 1e-12


@pytest.mark.parametrize(("name", "algorithm"), LOTTERY_CASES)
def test_lottery_marginals_are_within_the_reported_rounding_change(
    name: str, algorithm: Algorithm
) -> None:
    selection = selected(name, algorithm)
    lottery = selection.lottery
    marginals = lottery_marginals(instance(name).n, lottery.panels)
    np.testing.assert_allclose(lottery.probabilities, marginals, rtol=0, atol=1e-12)
    change = float(np.abs(marginals - selection.probabilities).max())
    assert change <= lottery.max_change + 1e-12
    # A sanity bound, far above the ~0.2% the benchmarks need with m = 1000: a
    # rounding that lost track of the distribution would exceed it.
    assert lottery.max_change <= 0.01
    if algorithm is Algorithm.LEGACY:  # its lottery *is* the estimate
        assert lottery.max_change == 0.0


@pytest.mark.parametrize("name", ALL_CASES)
def test_interchangeable_people_get_seats_within_one_panel(name: str) -> None:
    # Members of a type (same values, no shared household) are handed seats in turn,
    # so their seat counts in the lottery differ by at most one.
    chosen = instance(name)
    lottery = selected(name).lottery
    seats = np.rint(lottery_marginals(chosen.n, lottery.panels) * lottery.size)
    homes: dict[int, int] = defaultdict(int)
    for person in chosen.pool.people:
        if person.household is not None:
            homes[person.household] += 1
    groups: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, person in enumerate(chosen.pool.people):
        if person.household is None or homes[person.household] == 1:
            groups[person.values].append(i)
    for members in groups.values():
        counts = seats[members]
        assert counts.max() - counts.min() <= 1, counts


# ------------------------------------------------------------------- the certificate


@pytest.mark.parametrize("algorithm", FAIR)
@pytest.mark.parametrize("name", list(HAND_BUILT))
def test_certificate_proves_the_minimum_by_enumeration(name: str, algorithm: Algorithm) -> None:
    chosen = instance(name)
    selection = selected(name, algorithm)
    certificate = selection.certificate
    p = selection.probabilities
    panels = valid_panels(chosen)
    y = certificate["weights"]
    assert all(w >= 0 for w in y.values())
    assert abs(sum(y.values()) - 1.0) <= TOL
    index = chosen.pool.index_of()
    heaviest = max(sum(y.get(chosen.pool.people[i].id, 0.0) for i in panel) for panel in panels)
    assert abs(heaviest - p.min()) <= TOL
    assert set(y) <= set(index)
    assert abs(certificate["min_probability"] - p.min()) <= 1e-12
    # every level, with the weights on people fixed at earlier levels
    proofs = check_certificate_by_enumeration(chosen, certificate, p, panels)
    assert abs(proofs[0].value - p.min()) <= TOL


@pytest.mark.parametrize("algorithm", FAIR)
@pytest.mark.parametrize("name", BENCHMARKS)
def test_certificate_passes_the_independent_checker(name: str, algorithm: Algorithm) -> None:
    chosen = instance(name)
    selection = selected(name, algorithm)
    p = selection.probabilities
    y = selection.certificate["weights"]
    assert all(w >= 0 for w in y.values())
    assert abs(sum(y.values()) - 1.0) <= TOL
    ids = [person.id for person in chosen.pool.people]
    result = certify(
        inputs_document(chosen), selection.certificate, dict(zip(ids, map(float, p), strict=True))
    )
    assert result.ok, (result.problems, [level.problems for level in result.levels])
    assert abs(result.levels[0].heaviest_panel - p.min()) <= TOL
    assert result.complete is (algorithm is Algorithm.LEXIMIN)


@pytest.mark.parametrize("name", ALL_CASES)
def test_leximin_levels_cover_everyone_in_increasing_order(name: str) -> None:
    chosen = instance(name)
    selection = selected(name)
    levels = selection.certificate["levels"]
    assert selection.certificate["complete"] is True
    people = [person_id for level in levels for person_id in level["people"]]
    assert sorted(people) == sorted(person.id for person in chosen.pool.people)
    values = [level["value"] for level in levels]
    assert values == sorted(values)
    index = chosen.pool.index_of()
    for level in levels:
        got = selection.probabilities[[index[i] for i in level["people"]]]
        assert np.abs(got - level["value"]).max() <= TOL


@pytest.mark.parametrize("name", ALL_CASES)
def test_leximin_and_maximin_reach_the_same_minimum(name: str) -> None:
    leximin = selected(name, Algorithm.LEXIMIN).probabilities.min()
    maximin = selected(name, Algorithm.MAXIMIN).probabilities.min()
    assert abs(leximin - maximin) <= TOL


# ------------------------------------------------------------------ process robustness


def test_engine_works_after_other_highs_use_in_the_same_process() -> None:
    # HiGHS keeps one thread scheduler per process; the engine's models ask for one
    # thread. A model run before with the default thread count used to make every engine
    # solve fail ('HiGHS failed while solving the panel integer programme').
    script = (
        "import highspy, numpy as np\n"
        "h = highspy.Highs()\n"
        "h.setOptionValue('output_flag', False)\n"
        "h.addVars(1, np.zeros(1), np.ones(1))\n"
        "h.run()\n"
        "from minipublic.sortition.select import run_selection\n"
        "from tests.engine.brute import uniform_instance\n"
        "print(run_selection(uniform_instance(5, 2), lottery_size=10).probabilities.min())\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert float(result.stdout.strip().splitlines()[-1]) == pytest.approx(0.4)
