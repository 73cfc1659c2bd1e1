"""Optima derived on paper, and the agreement between algorithms that theory predicts.

Every hand-built instance is in tests/engine/cases.py; below, each test derives its
optimum. The derivations use two facts: a LEXIMIN (and MAXIMIN) minimum can be no larger
than the average chance of any group whose total number of seats is fixed, and the
LEXIMIN vector is unique (the set of achievable probability vectors is convex). Where
the constraints pin the whole vector down, MAXIMIN and NASH must return it too.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from fractions import Fraction
from types import FrameType

import numpy as np
import pytest
from numpy.typing import NDArray

from minipublic.sortition.algorithms import Algorithm
from minipublic.sortition.certify import certify
from minipublic.sortition.commitment import inputs_document
from minipublic.sortition.report import build_report
from minipublic.sortition.select import run_selection
from tests.engine.brute import (
    TOL,
    brute_leximin,
    lottery_marginals,
    make_instance,
    valid_panels,
)
from tests.engine.cases import instance, selected

THIRD, HALF = Fraction(1, 3), Fraction(1, 2)
#: NASH is computed with tangent lines of the logarithm; nash.py states the error of a
#: probability as about sqrt(2 * 1e-10) relative to it (1.25e-6 is seen on
#: paper_small_20), so NASH optima are compared to within this.
NASH_TOL = 1e-5

# Optimal probability per person, derived in the comments of KNOWN below.
KNOWN: dict[str, list[Fraction]] = {
    # 7 interchangeable people, k = 3, quota 0..3: LEXIMIN is unique and invariant under
    # permuting the people, so all are equal, and they sum to k: 3/7 each.
    "uniform_7_3": [Fraction(3, 7)] * 7,
    # p0 (F, young) and p1 (M, young) are the only young people and young min = 2: they
    # are on every panel (probability 1). The other two seats go to old people, one F
    # and one M (gender 2/2 and the young already give one of each): the three old F
    # share one seat and the three old M share one seat, so each old person has at most
    # (average) 1/3, and the symmetric lottery gives exactly 1/3.
    "forced_two_features": [Fraction(1), Fraction(1), *[THIRD] * 6],
    # n = 3, k = 2, p0 and p1 share a household: the only panels are {p0,p2} and
    # {p1,p2}. p2 is on every panel (1) and p0, p1 split one seat: 1/2 each.
    "household_pair_3": [HALF, HALF, Fraction(1)],
    # n = 6, k = 4, p0 and p1 share a household: together they fill at most one seat,
    # so min(p0, p1) <= 1/2; the other 3 seats go to p2..p5, 3/4 each. Achieved by
    # {one of p0,p1} + {three of p2..p5}, all 8 such panels equally likely.
    "household_pair_6": [HALF, HALF, *[Fraction(3, 4)] * 4],
    # n = 5, k = 2, p0, p3, p4 share a household: they fill at most one seat, so the
    # smallest of them has at most 1/3; the others (p1, p2) then share >= 1 seat. The
    # panels {h, p1}, {h, p2} for h in the household (each 1/6) give 1/3 and 1/2.
    "household_of_three": [THIRD, HALF, HALF, THIRD, THIRD],
    # Exactly 2 of the 6 old people sit on each panel (old 2/2), so some old person has
    # <= 1/3; exactly 2 of the 4 young people (young 2/2), so some young person has
    # <= 1/2. Both are reached: young {p0,p9} or {p1,p4} with 1/2 each, plus one old F
    # and one old M; with {p1,p4} the old F is p2 or p8 (p5 is p4's housemate), 1/2
    # each; with {p0,p9} the old F is p5 w.p. 2/3, p2 or p8 w.p. 1/6 each; the old M is
    # uniform over p3, p6, p7. Old F: p5 = 1/2*2/3 = 1/3, p2 = 1/2*1/6 + 1/2*1/2 = 1/3.
    "households_ten": [HALF, HALF, THIRD, THIRD, HALF, THIRD, THIRD, THIRD, THIRD, HALF],
    # Any two of p0, p1, p2 share an 'a' value with max 1, so every panel is {p3, one of
    # them}: p3 has 1 and p0..p2 split one seat, 1/3 each (the LP relaxation would allow
    # 1/2 for everyone).
    "integrality_gap": [THIRD, THIRD, THIRD, Fraction(1)],
    # Blue has max 0: the two blue people are on no panel (0); the three red people
    # share the two seats, 2/3 each.
    "unreachable_blue": [Fraction(2, 3), Fraction(0), Fraction(2, 3), Fraction(0), Fraction(2, 3)],
}

# The whole vector is forced by the constraints (every algorithm must return it):
# uniform (MAXIMIN: min = mean forces equality; NASH: equal split maximises the
# product for a fixed sum); forced_two_features, household_pair_3 and integrality_gap
# (each group that shares a fixed number of seats must split it evenly to keep its
# minimum). For household_pair_6 / household_of_three / households_ten only the
# MAXIMIN minimum is forced.
FORCED = ("uniform_7_3", "forced_two_features", "household_pair_3", "integrality_gap")


def expected(name: str) -> NDArray[np.float64]:
    return np.array([float(v) for v in KNOWN[name]])


@pytest.mark.parametrize("name", list(KNOWN))
def test_leximin_reaches_the_derived_optimum(name: str) -> None:
    selection = selected(name, Algorithm.LEXIMIN)
    np.testing.assert_allclose(selection.probabilities, expected(name), rtol=0, atol=TOL)
    assert abs(selection.certificate["min_probability"] - float(min(KNOWN[name]))) <= TOL


@pytest.mark.parametrize("name", list(KNOWN))
def test_derivations_agree_with_brute_force(name: str) -> None:
    # Guards the paper derivations themselves: LEXIMIN over every enumerated panel.
    chosen = instance(name)
    reference = brute_leximin(chosen.n, valid_panels(chosen))
    np.testing.assert_allclose(reference, expected(name), rtol=0, atol=TOL)


@pytest.mark.parametrize("name", list(KNOWN))
def test_maximin_reaches_the_derived_minimum(name: str) -> None:
    p = selected(name, Algorithm.MAXIMIN).probabilities
    assert abs(p.min() - float(min(KNOWN[name]))) <= TOL
    if name in FORCED:
        np.testing.assert_allclose(p, expected(name), rtol=0, atol=TOL)


@pytest.mark.parametrize("name", ["household_pair_6", "household_of_three"])
def test_maximin_keeps_the_household_at_its_forced_share(name: str) -> None:
    # A household sharing one seat with every member >= its minimum: all exactly at it.
    chosen = instance(name)
    p = selected(name, Algorithm.MAXIMIN).probabilities
    home = [i for i, person in enumerate(chosen.pool.people) if person.household == 0]
    np.testing.assert_allclose(p[home], float(min(KNOWN[name])), rtol=0, atol=TOL)


# NASH: household_pair_6 maximises 2 log a + 4 log b with 2a + 4b = 4 and a <= 1/2;
# without the bound a = b = 2/3, so the bound holds: a = 1/2, b = 3/4 (= LEXIMIN).
# household_of_three: 3 log a + 2 log b, 3a + 2b = 2, 3a <= 1: unbounded optimum
# a = b = 2/5 breaks 3a <= 1, so a = 1/3, b = 1/2 (= LEXIMIN). households_ten: the 6 old
# fill exactly 2 seats and the 4 young exactly 2; with only these sums fixed the product
# is largest at 1/3 per old and 1/2 per young (AM-GM), and that point is achievable (see
# KNOWN), so it is the NASH optimum. household_pair_3: the only lotteries are
# w*{p0,p2} + (1-w)*{p1,p2}, and log w + log(1-w) is largest at w = 1/2.
# integrality_gap and unreachable_blue: p3 / the reds share fixed seats, evenly at the
# optimum; people on no panel have 0 under every lottery.
NASH_CASES = list(KNOWN)


@pytest.mark.parametrize("name", NASH_CASES)
def test_nash_reaches_the_derived_optimum(name: str) -> None:
    selection = selected(name, Algorithm.NASH)
    np.testing.assert_allclose(selection.probabilities, expected(name), rtol=0, atol=NASH_TOL)
    chosen = instance(name)
    panels = set(valid_panels(chosen))
    assert all(frozenset(panel) in panels for panel in selection.lottery.panels)
    assert abs(selection.probabilities.sum() - chosen.k) <= TOL


def test_nash_with_people_left_out_by_quota_and_household() -> None:
    # Red 2/2 and at least one large: p7 (the only red large) is on every panel, p5 (p7's
    # housemate) on none, the blue on none (max 0); the second seat is p3 or p6. The only
    # lotteries are w*{p3,p7} + (1-w)*{p6,p7}; NASH maximises log w + log(1-w): w = 1/2.
    chosen = make_instance(
        ("colour", "size"),
        [
            ("blue", "small"),
            ("blue", "small"),
            ("blue", "large"),
            ("red", "small"),
            ("blue", "large"),
            ("red", "small"),
            ("red", "small"),
            ("red", "large"),
        ],
        [
            ("colour", "red", 2, 2),
            ("colour", "blue", 0, 0),
            ("size", "small", 0, 2),
            ("size", "large", 1, 2),
        ],
        2,
        [1, 0, None, None, 0, 2, 1, 2],
    )
    assert sorted(sorted(panel) for panel in valid_panels(chosen)) == [[3, 7], [6, 7]]
    p = run_selection(chosen, algorithm=Algorithm.NASH).probabilities
    np.testing.assert_allclose(p, [0, 0, 0, 0.5, 0, 0, 0.5, 1], rtol=0, atol=NASH_TOL)


class _TimeLimitError(Exception):
    pass


@contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    def expire(signum: int, frame: FrameType | None) -> None:
        raise _TimeLimitError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_nash_terminates_quickly() -> None:
    # Eight people, two features, households {p1..p4}. NASH's column generation used to
    # miss its stopping rule here, adding 10,000 panels (~5 minutes, then an IndexError);
    # LEXIMIN takes 0.03 s. The 5 valid panels are enumerable: any correct NASH is at
    # least as good (sum of logs) as the LEXIMIN vector.
    chosen = make_instance(
        ("colour", "size"),
        [
            ("blue", "small"),
            ("blue", "small"),
            ("red", "large"),
            ("red", "small"),
            ("blue", "large"),
            ("blue", "large"),
            ("red", "large"),
            ("red", "small"),
        ],
        [
            ("colour", "red", 2, 3),
            ("colour", "blue", 2, 2),
            ("size", "small", 0, 2),
            ("size", "large", 2, 2),
        ],
        4,
        [None, 1, 1, 1, 1, 2, None, 0],
    )
    panels = valid_panels(chosen)
    leximin = brute_leximin(chosen.n, panels)
    np.testing.assert_allclose(leximin, [0.75, 0.25, 0.25, 0.25, 0.25, 0.75, 0.75, 0.75], atol=TOL)
    with time_limit(5):
        selection = run_selection(chosen, algorithm=Algorithm.NASH, lottery_size=100)
    p = selection.probabilities
    assert all(frozenset(panel) in set(panels) for panel in selection.lottery.panels)
    assert np.log(p).sum() >= np.log(leximin).sum() - 1e-6
    assert abs(p.sum() - chosen.k) <= TOL


def test_the_integrality_gap_instance_needs_the_exact_path() -> None:
    # The relaxation's optimum (1/2 for everyone) is not a lottery of valid panels, so
    # the right answer (tested above) can only come from the exact path.
    assert selected("integrality_gap").path == "exact"


def test_people_on_no_panel_get_zero_and_a_warning() -> None:
    selection = selected("unreachable_blue")
    report = build_report(selection, "0" * 64, {})
    warning = [w for w in report["warnings"] if "on no valid panel" in w]
    assert warning, report["warnings"]
    assert "2 people" in warning[0]
    assert "p1" in warning[0]
    assert "p3" in warning[0]


# -------------------------------------------------------------------- the paper's data


@pytest.mark.parametrize("name", ["paper_small_20", "paper_large_200"])
def test_paper_instances_reach_the_published_minimum(name: str) -> None:
    # Flanigan et al. (Nature 2021) publish a LEXIMIN minimum of 10.0% for both. As it
    # equals k/n (20/200 and 200/2000), everyone must have exactly 10%.
    selection = selected(name) if name == "paper_small_20" else run_selection(instance(name))
    p = selection.probabilities
    assert abs(p.min() - 0.100) <= TOL
    np.testing.assert_allclose(p, 0.1, rtol=0, atol=TOL)
    chosen = instance(name)
    ids = [person.id for person in chosen.pool.people]
    result = certify(
        inputs_document(chosen), selection.certificate, dict(zip(ids, map(float, p), strict=True))
    )
    assert result.ok, result.problems
    marginals = lottery_marginals(chosen.n, selection.lottery.panels)
    assert abs(marginals.min() - 0.1) <= selection.lottery.max_change + 1e-12


@pytest.mark.parametrize("algorithm", [Algorithm.MAXIMIN, Algorithm.NASH])
def test_paper_small_all_algorithms_give_everyone_ten_percent(algorithm: Algorithm) -> None:
    # min = mean = k/n under LEXIMIN, so the equal split is feasible: MAXIMIN must reach
    # it (min = mean forces equality) and NASH must too (equal split maximises the
    # product); NASH within its precision.
    p = selected("paper_small_20", algorithm).probabilities
    tolerance = TOL if algorithm is Algorithm.MAXIMIN else NASH_TOL
    np.testing.assert_allclose(p, 0.1, rtol=0, atol=tolerance)
    assert abs(p.sum() - 20) <= TOL
