"""Known optima: perfect mixing designs, balance proven best, brute force on tiny rooms.

Each optimum is certified independently of the engine: a design is constructed here and
checked by counting (tests/room/brute.py) before the engine is asked to match it; tiny
rooms are solved by enumerating every seating.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable
from dataclasses import replace

import pytest

from minipublic.room.allocation import Attendee, Pin, Problem, SessionPlan, allocate
from tests.room import brute
from tests.room.cases import coloured, plain

# ------------------------------------------------------------ resolvable designs

Field = tuple[Callable[[int, int], int], Callable[[int, int], int]]
"""Subtraction and multiplication of a finite field on 0..q-1."""
GF4_TIMES = ((0, 0, 0, 0), (0, 1, 2, 3), (0, 2, 3, 1), (0, 3, 1, 2))  # 2 = a, 3 = a + 1
GF4: Field = (lambda x, y: x ^ y, lambda x, y: GF4_TIMES[x][y])


def prime_field(p: int) -> Field:
    """Subtraction and multiplication modulo the prime ``p``."""
    return (lambda x, y: (x - y) % p), (lambda x, y: (x * y) % p)


def affine_plane(q: int, field: Field) -> list[list[list[str]]]:
    """The affine plane over a field of ``q`` elements: q + 1 rounds of q tables of q
    people (the lines of each direction), in which every two people share one table."""
    minus, times = field
    name = {(x, y): f"p{x * q + y:02d}" for x in range(q) for y in range(q)}
    rounds = [[[name[x, y] for y in range(q)] for x in range(q)]]  # the lines x = c
    for slope in range(q):  # the lines y = slope * x + c
        lines: list[list[str]] = [[] for _ in range(q)]
        for x, y in itertools.product(range(q), repeat=2):
            lines[minus(y, times(slope, x))].append(name[x, y])
        rounds.append(lines)
    return rounds


@pytest.mark.parametrize(("q", "field"), [(3, prime_field(3)), (4, GF4), (5, prime_field(5))])
def test_a_resolvable_design_is_found_when_one_exists(q: int, field: Field) -> None:
    n, rounds = q * q, q + 1
    problem = plain(n, q, rounds)
    design = affine_plane(q, field)
    certificate = {str(r + 1): tables for r, tables in enumerate(design)}
    assert brute.problems_with(problem, certificate) == []
    assert brute.repeat_cost(problem, certificate) == 0  # no pair meets twice: it exists

    allocation = allocate(problem, seed="design")
    assert brute.problems_with(problem, allocation.seating) == []
    assert brute.repeat_cost(problem, allocation.seating) == 0
    mixing = allocation.report.mixing
    assert mixing.distinct_pairs == mixing.upper_bound == n * (n - 1) // 2
    assert (mixing.repeated_pairs, mixing.most_meetings, mixing.fewest_met) == (0, 1, n - 1)
    assert allocation.report.score.mixing == 100.0


def test_kirkmans_fifteen_schoolgirls() -> None:
    """Fifteen people in threes over seven days, no two together twice (Kirkman, 1850).

    The tightest design here: every pair meets exactly once. The search finds it with
    this seed; with some others it stops three to five repeated meetings short (the
    affine planes above are found with any seed tried).
    """
    allocation = allocate(plain(15, 5, 7), seed=0)
    assert brute.repeat_cost(plain(15, 5, 7), allocation.seating) == 0
    assert allocation.report.mixing.distinct_pairs == 105


# ------------------------------------------------------------ balance, proven best


def test_balance_achievable_is_achieved() -> None:
    allocation = allocate(coloured("RRRBBBGGG", 3), seed=1)
    problem = coloured("RRRBBBGGG", 3)
    assert brute.people_outside(problem, problem.sessions[0], allocation.seating["1"]) == 0
    report = allocation.report
    assert report.score.balance == 100.0
    assert report.features[0].within == report.features[0].cells == 9
    assert report.balance_best_possible


def test_pins_that_force_imbalance_give_the_proven_least() -> None:
    # both reds pinned to table 1: each table is one person off on both colours
    problem = coloured("RRBB", 2, pins=(Pin("p0", "1", 1), Pin("p1", "1", 1)))
    allocation = allocate(problem, seed=1)
    assert allocation.seating["1"] == (("p0", "p1"), ("p2", "p3"))
    session = allocation.report.sessions[0]
    assert session.people_outside == session.least_possible == 4
    assert brute.optimum(problem) == brute.Optimum((4,), 0)
    assert allocation.report.balance_best_possible
    assert allocation.report.pins_honoured == allocation.report.pins == 2


def test_three_features_no_table_can_balance_found_by_the_integer_programme() -> None:
    """Every two of these four differ on exactly two of three features: no pair of them
    is balanced on all three, so the best has people outside; the solver proves how few."""
    profiles = ("000", "011", "101", "110")
    people = tuple(
        Attendee(f"p{i}", dict(zip("abc", profile, strict=True)))
        for i, profile in enumerate(profiles)
    )
    problem = Problem(people, ("a", "b", "c"), (SessionPlan("1", tables=2),))
    expected = brute.optimum(problem)
    assert expected is not None
    assert expected.outside[0] > 0
    allocation = allocate(problem, seed=3)
    session = allocation.report.sessions[0]
    assert (session.people_outside,) == expected.outside
    assert session.least_possible == session.people_outside
    assert allocation.report.score.balance < 100


def _random_room(seed: int, n: int, tables: int, rounds: int, features: int) -> Problem:
    rng = random.Random(seed)  # noqa: S311 (test data)
    values = ("x", "y", "z")
    people = tuple(
        Attendee(f"p{i}", {f"f{k}": rng.choice(values[: 2 + k % 2]) for k in range(features)})
        for i in range(n)
    )
    names = tuple(f"f{k}" for k in range(features))
    return Problem(
        people, names, tuple(SessionPlan(str(r + 1), tables=tables) for r in range(rounds))
    )


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize(
    ("n", "tables", "rounds", "features"), [(8, 2, 2, 3), (6, 2, 3, 2), (7, 3, 2, 2)]
)
def test_tiny_rooms_reach_the_brute_force_optimum(
    seed: int, n: int, tables: int, rounds: int, features: int
) -> None:
    problem = _random_room(seed, n, tables, rounds, features)
    expected = brute.optimum(problem)
    assert expected is not None
    allocation = allocate(problem, seed=seed, effort=0.3)
    assert brute.problems_with(problem, allocation.seating) == []
    outside = tuple(
        brute.people_outside(problem, plan, allocation.seating[plan.key])
        for plan in problem.sessions
    )
    assert outside == expected.outside
    assert brute.repeat_cost(problem, allocation.seating) == expected.repeat_cost


def test_a_balance_slack_frees_pairs_that_the_best_balance_forces_together() -> None:
    """Four people, two tables of two, balanced on colour and size: the only balanced
    seating pairs red-small with blue-large and red-large with blue-small, so strict
    balance seats those pairs together in every session. Every other seating puts four
    people outside (two per table), so a slack of four lets each session use another of
    the three ways to pair them, and nobody meets anyone twice."""
    people = tuple(
        Attendee(f"p{i}", {"colour": colour, "size": size})
        for i, (colour, size) in enumerate((("R", "S"), ("R", "L"), ("B", "S"), ("B", "L")))
    )
    plans = tuple(SessionPlan(str(r), tables=2) for r in (1, 2, 3))
    strict = Problem(people, ("colour", "size"), plans)
    assert brute.optimum(strict) == brute.Optimum((0, 0, 0), 6)
    tight = allocate(strict, seed=1).report
    assert (tight.mixing.most_meetings, tight.mixing.distinct_pairs) == (3, 2)
    assert tight.balance_slack == 0

    for slack, most in ((3, 3), (4, 1)):
        relaxed = allocate(replace(strict, balance_slack=slack), seed=1)
        report = relaxed.report
        assert report.balance_slack == slack
        for plan, session in zip(strict.sessions, report.sessions, strict=True):
            outside = brute.people_outside(strict, plan, relaxed.seating[plan.key])
            assert outside == session.people_outside <= session.least_possible + slack  # type: ignore[operator]
        assert report.mixing.most_meetings == most
    assert report.mixing.distinct_pairs == 6
    assert report.score.mixing == 100.0
