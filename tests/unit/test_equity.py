"""room/equity.py by known values, hand-computed cases and invariants (never by itself).

The Gini coefficient is checked against its definition (the mean absolute difference
over twice the mean, summed pair by pair), which the module does not use, and against
values worked out by hand; the union of turns against a brute-force count of covered
seconds on a whole-second grid.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from minipublic.room.equity import SpokenTurn, equity, gini, union_seconds


def pairwise_gini(values: list[float]) -> float:
    """G = sum_i sum_j |x_i - x_j| / (2 n^2 mean), straight from the definition."""
    n = len(values)
    mean = sum(values) / n
    return sum(abs(a - b) for a in values for b in values) / (2 * n * n * mean)


# ---------------------------------------------------------------- known values


@pytest.mark.parametrize("n", [1, 2, 3, 6, 24])
def test_equal_times_give_zero(n: int) -> None:
    assert gini([90.0] * n) == 0.0


@pytest.mark.parametrize("n", [1, 2, 3, 6, 24])
def test_one_speaker_of_n_gives_n_minus_one_over_n(n: int) -> None:
    values = [0.0] * (n - 1) + [300.0]
    result = gini(values)
    assert result is not None
    assert math.isclose(result, (n - 1) / n)


def test_hand_computed_cases() -> None:
    # [1, 3]: |1-3| + |3-1| = 4; 2 n^2 mean = 2 * 4 * 2 = 16 -> 1/4.
    assert gini([1.0, 3.0]) == pytest.approx(0.25)
    # [0, 0, 60, 60]: pairs differing: 2*2*2 = 8 ordered pairs of 60 -> 480;
    # 2 * 16 * 30 = 960 -> 1/2.
    assert gini([0.0, 0.0, 60.0, 60.0]) == pytest.approx(0.5)
    # [10, 20, 30]: sum of |differences| over ordered pairs = 2 * (10 + 20 + 10) = 80;
    # 2 * 9 * 20 = 360 -> 2/9.
    assert gini([30.0, 10.0, 20.0]) == pytest.approx(2 / 9)
    # Six at a table, two voices dominate: [600, 600, 60, 60, 30, 0], mean 225.
    # Unordered pairs: 600 vs 60 (4 pairs) 2160, vs 30 (2) 1140, vs 0 (2) 1200;
    # 60 vs 30 (2) 60, vs 0 (2) 120; 30 vs 0: 30. Sum 4710, ordered 9420;
    # 2 n^2 mean = 2 * 36 * 225 = 16200 -> 9420 / 16200 = 157/270.
    assert gini([600.0, 600.0, 60.0, 60.0, 30.0, 0.0]) == pytest.approx(157 / 270)


def test_gini_is_undefined_while_nobody_spoke_and_refuses_negative_times() -> None:
    assert gini([]) is None
    assert gini([0.0, 0.0, 0.0]) is None
    with pytest.raises(ValueError, match="never negative"):
        gini([10.0, -1.0])


def test_union_counts_overlaps_and_repeats_once() -> None:
    assert union_seconds([]) == 0
    assert union_seconds([(0, 10), (5, 15)]) == 15  # overlap
    assert union_seconds([(0, 10), (0, 10)]) == 10  # the same turn recorded twice
    assert union_seconds([(0, 10), (20, 25)]) == 15  # apart
    assert union_seconds([(0, 10), (10, 12)]) == 12  # touching
    assert union_seconds([(0, 30), (5, 10)]) == 30  # inside another
    assert union_seconds([(10, 5), (3, 3)]) == 0  # reversed or empty


def test_a_table_with_two_recorders_and_a_silent_member() -> None:
    # Facilitators A and B both record Ana from 0 to 60 (B a little late); Ben speaks
    # 60-90 (recorded by A only); Cleo never speaks.
    turns = [
        SpokenTurn("ana", 0, 60),
        SpokenTurn("ana", 2, 61),
        SpokenTurn("ben", 61, 91),
    ]
    figures = equity(["ana", "ben", "cleo"], turns)
    seconds = {m.person: m.seconds for m in figures.members}
    assert seconds == {"ana": 61, "ben": 30, "cleo": 0}
    assert figures.total_seconds == 91
    assert figures.silent == ("cleo",)
    assert (figures.size, figures.spoke_count) == (3, 2)
    assert figures.spoke_share == pytest.approx(2 / 3)
    assert figures.fair_share == pytest.approx(1 / 3)
    ana = figures.members[0]
    assert ana.share == pytest.approx(61 / 91)
    assert ana.to_fair_share == pytest.approx(3 * 61 / 91)
    assert figures.largest_to_fair_share == pytest.approx(3 * 61 / 91)
    assert figures.gini == pytest.approx(pairwise_gini([61, 30, 0]))


def test_someone_moved_away_after_speaking_still_counts() -> None:
    figures = equity(["b", "a"], [SpokenTurn("z", 0, 5), SpokenTurn("a", 0, 5)])
    assert [m.person for m in figures.members] == ["b", "a", "z"]
    assert figures.silent == ("b",)


def test_an_empty_group_and_a_silent_one() -> None:
    empty = equity([], [])
    assert (empty.size, empty.fair_share, empty.spoke_share, empty.gini) == (0, None, None, None)
    quiet = equity(["a", "b"], [])
    assert quiet.gini is None
    assert quiet.silent == ("a", "b")
    assert quiet.largest_to_fair_share is None
    assert all(m.share is None and m.to_fair_share is None for m in quiet.members)


# ---------------------------------------------------------------- properties

_times = st.lists(st.integers(min_value=0, max_value=3600), min_size=1, max_size=30)


@given(_times)
def test_gini_matches_its_definition_and_stays_in_range(values: list[int]) -> None:
    floats = [float(v) for v in values]
    result = gini(floats)
    if sum(values) == 0:
        assert result is None
        return
    assert result is not None
    assert result == pytest.approx(pairwise_gini(floats), abs=1e-9)
    assert 0 <= result <= (len(values) - 1) / len(values) + 1e-12


@given(_times, st.integers(min_value=1, max_value=1000))
def test_gini_is_scale_invariant(values: list[int], factor: int) -> None:
    before = gini([float(v) for v in values])
    after = gini([float(v) * factor for v in values])
    assert (before is None) == (after is None)
    if before is not None and after is not None:
        assert after == pytest.approx(before, abs=1e-9)


@given(st.data())
def test_gini_ignores_the_order(data: st.DataObject) -> None:
    values = [float(v) for v in data.draw(_times)]
    shuffled = data.draw(st.permutations(values))
    assert gini(shuffled) == gini(values)


@given(_times)
def test_adding_a_silent_member_never_lowers_the_gini(values: list[int]) -> None:
    before = gini([float(v) for v in values])
    after = gini([float(v) for v in values] + [0.0])
    if before is not None and after is not None:
        assert after >= before - 1e-12


_spans = st.lists(
    st.tuples(st.integers(min_value=0, max_value=200), st.integers(min_value=0, max_value=200)),
    max_size=20,
)


@given(_spans)
def test_union_equals_the_covered_seconds(spans: list[tuple[int, int]]) -> None:
    covered = {second for start, end in spans for second in range(start, end)}
    assert union_seconds([(float(a), float(b)) for a, b in spans]) == len(covered)


@given(_spans)
def test_union_is_at_most_the_sum_and_at_least_the_longest(spans: list[tuple[int, int]]) -> None:
    lengths = [max(0, end - start) for start, end in spans]
    total = union_seconds([(float(a), float(b)) for a, b in spans])
    assert max(lengths, default=0) <= total <= sum(lengths)
    assert union_seconds([(float(a), float(b)) for a, b in spans * 2]) == total  # sent twice


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["a", "b", "c", "d"]),
            st.integers(min_value=0, max_value=500),
            st.integers(min_value=0, max_value=120),
        ),
        max_size=25,
    )
)
def test_group_figures_are_consistent(raw: list[tuple[str, int, int]]) -> None:
    turns = [SpokenTurn(who, float(start), float(start + length)) for who, start, length in raw]
    figures = equity(["a", "b", "c", "d", "e"], turns)
    assert figures.size == 5
    assert figures.total_seconds == pytest.approx(sum(m.seconds for m in figures.members))
    assert set(figures.silent) == {m.person for m in figures.members if m.seconds == 0}
    assert "e" in figures.silent
    if figures.total_seconds > 0:
        assert sum(m.share or 0 for m in figures.members) == pytest.approx(1)
        # Shares against the fair share average exactly 1.
        assert sum(m.to_fair_share or 0 for m in figures.members) == pytest.approx(5)
        assert figures.largest_to_fair_share is not None
        assert figures.largest_to_fair_share >= 1 - 1e-9
    # Recording every turn a second time (two facilitators) changes nothing.
    twice = equity(["a", "b", "c", "d", "e"], turns + turns)
    assert twice.total_seconds == pytest.approx(figures.total_seconds)
    assert twice.gini == figures.gini
