"""Instances for the engine tests, and their selections computed once per test session.

Hand-built instances are small enough to enumerate every panel; their optima are
derived in tests/engine/test_known_optima.py. Benchmark instances come from
/work/shared/sortition-bench (see its README).
"""

from __future__ import annotations

from functools import cache

from minipublic.sortition.algorithms import Algorithm
from minipublic.sortition.inputs import load_instance
from minipublic.sortition.model import Instance
from minipublic.sortition.select import Selection, run_selection
from tests.engine.brute import BENCH, make_instance, uniform_instance

GENDER_AGE = ("gender", "age")
CYCLE = ("f", "g", "h")


def forced_two_features() -> Instance:
    """Both young people are forced onto every panel (young min 2 = 2 young in the pool)."""
    return make_instance(
        GENDER_AGE,
        [
            ("F", "young"),
            ("M", "young"),
            ("F", "old"),
            ("F", "old"),
            ("M", "old"),
            ("M", "old"),
            ("M", "old"),
            ("F", "old"),
        ],
        [
            ("gender", "F", 2, 2),
            ("gender", "M", 2, 2),
            ("age", "young", 2, 2),
            ("age", "old", 2, 2),
        ],
        4,
    )


def household_pair_3() -> Instance:
    """Three interchangeable people, k = 2, p0 and p1 share a household."""
    return make_instance(("colour",), [("red",)] * 3, [("colour", "red", 0, 2)], 2, [0, 0, None])


def household_pair_6() -> Instance:
    """Six interchangeable people, k = 4, p0 and p1 share a household."""
    return make_instance(
        ("colour",), [("red",)] * 6, [("colour", "red", 0, 4)], 4, [0, 0, None, None, None, None]
    )


def household_of_three() -> Instance:
    """Five interchangeable people, k = 2, p0, p3 and p4 share a household."""
    return make_instance(
        ("colour",), [("red",)] * 5, [("colour", "red", 0, 2)], 2, [0, None, None, 0, 0]
    )


def households_ten() -> Instance:
    """Ten people, two features with tight quotas, two two-person households."""
    values = [
        ("F", "young"),  # p0, household 0
        ("M", "young"),  # p1, household 0
        ("F", "old"),  # p2
        ("M", "old"),  # p3
        ("F", "young"),  # p4, household 1
        ("F", "old"),  # p5, household 1
        ("M", "old"),  # p6
        ("M", "old"),  # p7
        ("F", "old"),  # p8
        ("M", "young"),  # p9
    ]
    homes = [0, 0, 2, 3, 1, 1, 4, 5, 6, 7]
    quotas = [
        ("gender", "F", 2, 2),
        ("gender", "M", 2, 2),
        ("age", "young", 2, 2),
        ("age", "old", 2, 2),
    ]
    return make_instance(GENDER_AGE, values, quotas, 4, homes)


def integrality_gap() -> Instance:
    """Any two of p0, p1, p2 share an 'a' value whose maximum is 1; p3 has only 'b's.

    The LP relaxation lets everyone have 1/2, but every valid panel is {p3, one of the
    others}: only the exact (column generation) path finds the optimum.
    """
    return make_instance(
        CYCLE,
        [("a", "a", "b"), ("a", "b", "a"), ("b", "a", "a"), ("b", "b", "b")],
        [
            ("f", "a", 0, 1),
            ("f", "b", 0, 2),
            ("g", "a", 0, 1),
            ("g", "b", 0, 2),
            ("h", "a", 0, 1),
            ("h", "b", 0, 2),
        ],
        2,
    )


def unreachable_blue() -> Instance:
    """Three red and two blue people, k = 2, at most 0 blue: the blue are on no panel."""
    return make_instance(
        ("colour",),
        [("red",), ("blue",), ("red",), ("blue",), ("red",)],
        [("colour", "red", 0, 2), ("colour", "blue", 0, 0)],
        2,
    )


HAND_BUILT = {
    "uniform_7_3": lambda: uniform_instance(7, 3),
    "forced_two_features": forced_two_features,
    "household_pair_3": household_pair_3,
    "household_pair_6": household_pair_6,
    "household_of_three": household_of_three,
    "households_ten": households_ten,
    "integrality_gap": integrality_gap,
    "unreachable_blue": unreachable_blue,
}

BENCHMARKS = ("paper_small_20", "sf_fixture_22", "synth_a")


@cache
def instance(name: str) -> Instance:
    """A hand-built or benchmark instance by name."""
    if name in HAND_BUILT:
        return HAND_BUILT[name]()
    folder = BENCH / name
    if name.startswith("paper_"):
        k = int(name.rsplit("_", 1)[1])
        return load_instance(folder / "respondents.csv", folder / "categories.csv", k)
    if name == "sf_fixture_22":
        return load_instance(
            folder / "candidates.csv",
            folder / "features.csv",
            22,
            id_column="nationbuilder_id",
            address_columns=["primary_address1", "primary_zip"],
        )
    if name == "synth_a":
        return load_instance(folder / "people.csv", folder / "quotas.csv", 30, id_column="id")
    raise KeyError(name)


@cache
def selected(name: str, algorithm: Algorithm = Algorithm.LEXIMIN) -> Selection:
    """The engine's selection for ``instance(name)`` (lottery of 1000 panels), cached."""
    return run_selection(instance(name), algorithm=algorithm, lottery_size=1000)
