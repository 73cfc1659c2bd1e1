"""The time arithmetic of the agenda report (room/timing.py): invariants of the union of
intervals, the states and verdicts, the totals, and the stated rounding."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from minipublic.room.timing import (
    Interval,
    ItemPlan,
    ItemState,
    Verdict,
    by_kind,
    item_use,
    merged,
    minutes,
    percent,
    totals,
    used_seconds,
)

T0 = datetime(2026, 9, 12, 10, 0, tzinfo=UTC)
NOW = T0 + timedelta(hours=8)


def at(seconds: int) -> datetime:
    return T0 + timedelta(seconds=seconds)


intervals = st.lists(
    st.tuples(
        st.integers(0, 20_000),
        st.one_of(st.none(), st.integers(-600, 6_000)),
    ).map(lambda pair: Interval(at(pair[0]), None if pair[1] is None else at(pair[0] + pair[1]))),
    max_size=8,
)


def _length(interval: Interval, now: datetime) -> int:
    end = interval.end if interval.end is not None else now
    return max(0, int((end - interval.start).total_seconds()))


@given(intervals)
def test_the_union_is_sorted_disjoint_and_covers_exactly_the_intervals(
    spans: list[Interval],
) -> None:
    union = merged(spans, NOW)
    for (start, end), (next_start, _) in itertools.pairwise(union):
        assert start < end < next_start  # touching stretches are joined
    for second in range(0, 27_000, 13):
        moment = at(second)
        in_union = any(start <= moment < end for start, end in union)
        assert in_union == any(s.start <= moment < (s.end or NOW) for s in spans), second


@given(intervals)
def test_the_union_is_no_longer_than_the_sum_and_no_shorter_than_the_longest(
    spans: list[Interval],
) -> None:
    used = used_seconds(spans, NOW)
    lengths = [_length(span, NOW) for span in spans]
    assert used <= sum(lengths)
    assert used >= max(lengths, default=0)


@given(intervals, st.randoms())
def test_order_and_repetition_do_not_change_the_time_used(
    spans: list[Interval], random: object
) -> None:
    shuffled = list(spans)
    random.shuffle(shuffled)  # type: ignore[attr-defined]
    assert used_seconds(shuffled + spans, NOW) == used_seconds(spans, NOW)


@given(st.lists(st.integers(1, 3_000), max_size=6), st.integers(0, 600))
def test_disjoint_stretches_add_up(lengths: list[int], gap: int) -> None:
    spans, cursor = [], 0
    for length in lengths:
        spans.append(Interval(at(cursor), at(cursor + length)))
        cursor += length + gap + 1
    assert used_seconds(spans, NOW) == sum(lengths)


@given(intervals, st.integers(0, 5_000))
def test_time_used_never_decreases_as_the_clock_moves_on(spans: list[Interval], later: int) -> None:
    now = at(20_000)
    assert used_seconds(spans, now + timedelta(seconds=later)) >= used_seconds(spans, now)


def test_a_running_interval_counts_up_to_now_and_backwards_ones_count_nothing() -> None:
    assert used_seconds([Interval(at(0))], at(90)) == 90
    assert used_seconds([Interval(at(100), at(40))], NOW) == 0
    assert used_seconds([Interval(at(100))], at(50)) == 0  # "now" before it started
    # Fractions of a second are dropped once, on the whole union.
    half = timedelta(milliseconds=500)
    spans = [Interval(at(0), at(10) + half), Interval(at(20), at(30) + half)]
    assert used_seconds(spans, NOW) == 21


def test_overlapping_stretches_count_once() -> None:
    spans = [Interval(at(0), at(600)), Interval(at(300), at(900)), Interval(at(900), at(960))]
    assert merged(spans, NOW) == [(at(0), at(960))]
    assert used_seconds(spans, NOW) == 960


def test_minutes_round_to_the_nearest_halves_up() -> None:
    assert [minutes(s) for s in (0, 29, 30, 89, 90, 3_599, 3_600)] == [0, 0, 1, 1, 2, 60, 60]
    assert [minutes(s) for s in (-29, -30, -31, -90)] == [0, 0, -1, -1]


@given(st.integers(-100_000, 100_000))
def test_rounded_minutes_are_within_half_a_minute(seconds: int) -> None:
    assert -30 <= seconds - 60 * minutes(seconds) < 30  # halves go up


def test_percentages_round_halves_up_and_need_a_plan() -> None:
    assert percent(56, 50) == 112
    assert percent(1, 8) == 13  # 12.5 -> 13
    assert percent(1, 3) == 33
    assert percent(2, 3) == 67
    assert percent(5, 0) is None


def _plan(
    kind: str = "plenary",
    planned: int = 30,
    granted: int = 0,
    spans: tuple[tuple[int, int | None], ...] = (),
    finished: bool = False,
) -> ItemPlan:
    return ItemPlan(
        kind=kind,
        planned_minutes=planned,
        granted_minutes=granted,
        intervals=tuple(Interval(at(s), None if e is None else at(e)) for s, e in spans),
        finished=finished,
    )


def test_states_and_verdicts() -> None:
    waiting = item_use(_plan(), NOW)
    assert (waiting.state, waiting.verdict, waiting.has_run) == (
        ItemState.WAITING,
        Verdict.NOT_RUN,
        False,
    )
    running = item_use(_plan(spans=((0, None),)), at(600))
    assert (running.state, running.used, running.left) == (ItemState.RUNNING, 600, 1_200)
    paused = item_use(_plan(spans=((0, 600),)), NOW)
    assert (paused.state, paused.verdict, paused.short) == (ItemState.PAUSED, Verdict.ON_TIME, 0)
    # 30 planned + 5 granted = 35 allowed; 37 used is over by two minutes.
    over = item_use(_plan(granted=5, spans=((0, 37 * 60),), finished=True), NOW)
    assert (over.state, over.verdict, over.over, over.left, over.versus_plan) == (
        ItemState.FINISHED,
        Verdict.OVERRAN,
        120,
        -120,
        420,
    )
    # Less than two minutes over the allowed time, or short of the plan, is on time.
    close = item_use(_plan(spans=((0, 31 * 60 + 59),), finished=True), NOW)
    assert close.verdict is Verdict.ON_TIME
    early = item_use(_plan(spans=((0, 28 * 60 + 1),), finished=True), NOW)
    assert (early.verdict, early.short) == (Verdict.ON_TIME, 119)
    cut = item_use(_plan(spans=((0, 20 * 60),), finished=True), NOW)
    assert (cut.verdict, cut.short) == (Verdict.CUT_SHORT, 600)
    skipped = item_use(_plan(finished=True), NOW)
    assert (skipped.state, skipped.verdict, skipped.short, skipped.has_run) == (
        ItemState.SKIPPED,
        Verdict.CUT_SHORT,
        1_800,
        True,
    )


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["plenary", "small_groups", "break"]),
            st.integers(1, 120),
            st.integers(0, 30),
            st.one_of(st.none(), st.integers(0, 9_000)),
            st.booleans(),
        ),
        max_size=12,
    )
)
def test_totals_add_up_their_items_and_kinds_partition_them(
    rows: list[tuple[str, int, int, int | None, bool]],
) -> None:
    uses = [
        item_use(
            _plan(kind, planned, granted, () if used is None else ((0, used),), finished),
            NOW,
        )
        for kind, planned, granted, used, finished in rows
    ]
    whole = totals(uses)
    assert whole.used == sum(use.used for use in uses)
    assert whole.planned == sum(use.planned for use in uses)
    assert whole.planned_run == sum(use.planned for use in uses if use.has_run)
    assert whole.items == len(uses)
    assert whole.overran + whole.cut_short <= whole.run <= whole.items
    kinds = by_kind(uses, ["plenary", "small_groups", "break", "reflection"])
    assert list(kinds)[:4] == ["plenary", "small_groups", "break", "reflection"]
    assert sum(k.used for k in kinds.values()) == whole.used
    assert sum(k.items for k in kinds.values()) == whole.items
    assert kinds["reflection"].items == 0
    assert kinds["reflection"].share is None


def test_the_share_compares_with_the_items_run_only() -> None:
    run = item_use(_plan("witness_session", 50, spans=((0, 56 * 60),), finished=True), NOW)
    later = item_use(_plan("witness_session", 60), NOW)
    sums = totals([run, later])
    assert (sums.planned, sums.planned_run, sums.used, sums.share) == (
        110 * 60,
        50 * 60,
        56 * 60,
        112,
    )
