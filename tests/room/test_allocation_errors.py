"""Bad input: every refusal has a stable code, its parameters, and a message naming the fault."""

from __future__ import annotations

from dataclasses import replace

import pytest

from minipublic.room.allocation import (
    MAX_ATTENDEES,
    AllocationError,
    Attendee,
    Pin,
    Problem,
    SessionPlan,
    allocate,
    evaluate,
)

PEOPLE = tuple(Attendee(f"p{i}", {"colour": "red" if i % 2 else "blue"}) for i in range(6))
BASE = Problem(PEOPLE, ("colour",), (SessionPlan("1", tables=2), SessionPlan("2", tables=2)))
CAPS = replace(BASE, sessions=(SessionPlan("1", capacities=(3, 3)),))

CASES: list[tuple[str, Problem, str, tuple[str, ...]]] = [
    ("nobody", replace(BASE, attendees=()), "allocation_no_attendees", ()),
    (
        "too many",
        replace(BASE, attendees=tuple(Attendee(f"x{i}") for i in range(MAX_ATTENDEES + 1))),
        "allocation_too_large",
        ("1001", "attendees"),
    ),
    (
        "blank key",
        replace(BASE, attendees=(Attendee(" "), *PEOPLE)),
        "allocation_blank_key",
        ("1",),
    ),
    (
        "twice",
        replace(BASE, attendees=(*PEOPLE, PEOPLE[0])),
        "allocation_duplicate_attendee",
        ("p0",),
    ),
    ("no session", replace(BASE, sessions=()), "allocation_no_sessions", ()),
    (
        "session twice",
        replace(BASE, sessions=(SessionPlan("1", tables=2),) * 2),
        "allocation_duplicate_session",
        ("1",),
    ),
    ("no tables", replace(BASE, sessions=(SessionPlan("1"),)), "allocation_no_tables", ("1",)),
    (
        "zero seats",
        replace(BASE, sessions=(SessionPlan("1", capacities=(6, 0)),)),
        "allocation_bad_capacity",
        ("Table 2", "session 1", "0 seats"),
    ),
    (
        "unknown feature",
        replace(BASE, features=("shoe size",)),
        "allocation_unknown_feature",
        ("shoe size", "colour"),
    ),
    (
        "feature twice",
        replace(BASE, features=("colour", "colour")),
        "allocation_duplicate_feature",
        ("colour",),
    ),
    (
        "more tables than people",
        replace(BASE, sessions=(SessionPlan("1", tables=7),)),
        "allocation_too_many_tables",
        ("7 tables", "6 attendees"),
    ),
    (
        "too few seats",
        replace(BASE, sessions=(SessionPlan("1", capacities=(2, 3)),)),
        "allocation_capacity_short",
        ("5 seats", "6 attendees", "add 1"),
    ),
    (
        "pin to unknown session",
        replace(BASE, pins=(Pin("p0", "9", 1),)),
        "allocation_unknown_session",
        ("session 9",),
    ),
    (
        "pin of a stranger",
        replace(BASE, pins=(Pin("zz", "1", 1),)),
        "allocation_unknown_attendee",
        ("a pin", "zz"),
    ),
    (
        "pin to table 3 of 2",
        replace(BASE, pins=(Pin("p0", "1", 3),)),
        "allocation_unknown_table",
        ("p0", "table 3", "tables 1 to 2"),
    ),
    (
        "pinned twice",
        replace(BASE, pins=(Pin("p0", "1", 1), Pin("p0", "1", 2))),
        "allocation_pin_conflict",
        ("p0", "tables 1 and 2"),
    ),
    (
        "pinned but absent",
        replace(
            BASE, sessions=(SessionPlan("1", tables=2, absent=("p0",)),), pins=(Pin("p0", "1", 1),)
        ),
        "allocation_pin_absent",
        ("p0", "session 1"),
    ),
    (
        "absent stranger",
        replace(BASE, sessions=(SessionPlan("1", tables=2, absent=("zz",)),)),
        "allocation_unknown_attendee",
        ("zz",),
    ),
    (
        "everyone away",
        replace(BASE, sessions=(SessionPlan("1", tables=1, absent=tuple(a.key for a in PEOPLE)),)),
        "allocation_nobody_present",
        ("session 1",),
    ),
    (
        "more pins than seats",
        replace(CAPS, pins=tuple(Pin(f"p{i}", "1", 1) for i in range(4))),
        "allocation_pins_exceed_table",
        ("4 people", "table 1", "seats 3"),
    ),
    (
        "group pinned apart",
        replace(BASE, together=(("p0", "p1"),), pins=(Pin("p0", "1", 1), Pin("p1", "1", 2))),
        "allocation_group_split_by_pins",
        ("p0", "p1", "tables 1 and 2"),
    ),
    (
        "group too big",
        replace(BASE, together=(("p0", "p1", "p2", "p3"),)),
        "allocation_group_too_large",
        ("4 people", "p0", "at most 3"),
    ),
    (
        "apart and together",
        replace(BASE, together=(("p0", "p1"),), apart=(("p1", "p0"),)),
        "allocation_apart_conflict",
        ("p0", "p1"),
    ),
    (
        "apart but too few tables",
        replace(BASE, apart=(("p0", "p1", "p2"),)),
        "allocation_apart_too_large",
        ("3 people", "2 tables"),
    ),
    (
        "apart but pinned together",
        replace(BASE, apart=(("p0", "p1"),), pins=(Pin("p0", "2", 1), Pin("p1", "2", 1))),
        "allocation_apart_pinned_together",
        ("p0", "p1", "table 1", "session 2"),
    ),
    (
        "negative slack",
        replace(BASE, balance_slack=-1),
        "allocation_bad_slack",
        ("from 0 to 50", "not -1"),
    ),
    (
        "group stranger",
        replace(BASE, together=(("p0", "nobody"),)),
        "allocation_unknown_attendee",
        ("together", "nobody"),
    ),
]


@pytest.mark.parametrize(("name", "problem", "code", "words"), CASES, ids=[c[0] for c in CASES])
def test_bad_input_is_refused_with_a_code_and_a_clear_message(
    name: str, problem: Problem, code: str, words: tuple[str, ...]
) -> None:
    with pytest.raises(AllocationError) as caught:
        allocate(problem)
    assert caught.value.code == code, name
    message = str(caught.value)
    for word in words:
        assert word in message, (word, message)
    assert "{" not in message  # every parameter filled in
    # the parameters alone rebuild the message (what the web layer translates)
    assert caught.value.message.format(**caught.value.params) == message


def test_no_seating_fits_the_sizes_pins_and_groups() -> None:
    """Each rule alone is fine; together they leave no seating (the solver proves it)."""
    problem = replace(
        BASE,
        sessions=(SessionPlan("1", tables=2),),
        together=(("p0", "p1"), ("p2", "p3")),
        apart=(("p0", "p2"), ("p1", "p4"), ("p3", "p4")),
    )
    with pytest.raises(AllocationError) as caught:
        allocate(problem)
    assert caught.value.code == "allocation_infeasible"
    assert "session 1" in str(caught.value)


def test_effort_out_of_range_is_refused() -> None:
    with pytest.raises(AllocationError) as caught:
        allocate(BASE, effort=50)
    assert caught.value.code == "allocation_bad_effort"


@pytest.mark.parametrize(
    ("seating", "code", "words"),
    [
        (
            {"1": (("p0", "p1", "p2"), ("p3", "p4", "p5"))},
            "allocation_seating_no_session",
            "no tables for session 2",
        ),
        (
            {"1": (("p0", "p1", "p2", "p3", "p4", "p5"),), "2": ((), ())},
            "allocation_seating_table_count",
            "Session 1 has 1 tables",
        ),
        (
            {
                "1": (("p0", "p1", "p2"), ("p3", "p4", "p0")),
                "2": (("p0", "p1", "p2"), ("p3", "p4", "p5")),
            },
            "allocation_seating_not_expected",
            "p0 is seated in session 1 more than once",
        ),
        (
            {
                "1": (("p0", "p1", "p2"), ("p3", "p4")),
                "2": (("p0", "p1", "p2"), ("p3", "p4", "p5")),
            },
            "allocation_seating_missing",
            "p5 has no seat in session 1",
        ),
    ],
)
def test_a_seating_that_breaks_the_rules_cannot_be_scored(
    seating: dict[str, tuple[tuple[str, ...], ...]], code: str, words: str
) -> None:
    with pytest.raises(AllocationError) as caught:
        evaluate(BASE, seating)
    assert caught.value.code == code
    assert words in str(caught.value)


def test_a_seat_over_capacity_cannot_be_scored() -> None:
    with pytest.raises(AllocationError) as caught:
        evaluate(CAPS, {"1": (("p0", "p1", "p2", "p3"), ("p4", "p5"))})
    assert caught.value.code == "allocation_seating_over_capacity"
    assert "seats 4, more than its 3" in str(caught.value)
