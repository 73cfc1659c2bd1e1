"""Phase moves: one step forward at a time, back only with a reason, closed is final."""

from __future__ import annotations

import pickle

import pytest

from minipublic.lifecycle import (
    PHASE_ORDER,
    LifecycleError,
    Phase,
    Visibility,
    check_phase_change,
    check_visibility_change,
    next_phase,
)


def test_phases_run_from_design_to_closed() -> None:
    assert PHASE_ORDER[0] is Phase.DESIGN
    assert PHASE_ORDER[-1] is Phase.CLOSED
    assert [next_phase(p) for p in PHASE_ORDER[:-1]] == list(PHASE_ORDER[1:])
    assert next_phase(Phase.CLOSED) is None


@pytest.mark.parametrize("current", PHASE_ORDER[:-1])
def test_it_allows_the_next_phase_without_reason(current: Phase) -> None:
    following = next_phase(current)
    assert following is not None
    check_phase_change(current, following, "")


def test_it_refuses_to_skip_a_phase() -> None:
    with pytest.raises(LifecycleError) as error:
        check_phase_change(Phase.RECRUITMENT, Phase.DELIBERATION, "in a hurry")
    assert error.value.code == "phase_skipped"
    assert error.value.params == {"current": Phase.RECRUITMENT, "expected": Phase.SELECTION}


@pytest.mark.parametrize("reason", ["", "   "])
def test_going_back_needs_a_reason(reason: str) -> None:
    with pytest.raises(LifecycleError) as error:
        check_phase_change(Phase.DELIBERATION, Phase.SELECTION, reason)
    assert error.value.code == "phase_back_needs_reason"


def test_going_back_with_a_reason_is_allowed_even_several_steps() -> None:
    check_phase_change(Phase.RESPONSE, Phase.DELIBERATION, "Members asked for a further session.")


def test_closed_is_final() -> None:
    with pytest.raises(LifecycleError) as error:
        check_phase_change(Phase.CLOSED, Phase.FOLLOW_UP, "reopen")
    assert error.value.code == "phase_closed"


def test_staying_put_is_not_a_change() -> None:
    with pytest.raises(LifecycleError) as error:
        check_phase_change(Phase.DESIGN, Phase.DESIGN, "")
    assert error.value.code == "phase_unchanged"


def test_errors_keep_code_and_params_across_pickling() -> None:
    error = LifecycleError("phase_skipped", "from {current}", current=Phase.DESIGN)
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.code, dict(copy.params), str(copy)) == (
        "phase_skipped",
        {"current": "design"},
        str(error),
    )


def test_publishing_is_always_possible() -> None:
    for phase in PHASE_ORDER:
        check_visibility_change(phase, Visibility.PRIVATE, Visibility.PUBLIC)


def test_a_published_process_goes_private_only_during_design() -> None:
    check_visibility_change(Phase.DESIGN, Visibility.PUBLIC, Visibility.PRIVATE)
    for phase in PHASE_ORDER[1:]:
        with pytest.raises(LifecycleError) as error:
            check_visibility_change(phase, Visibility.PUBLIC, Visibility.PRIVATE)
        assert error.value.code == "public_record_stays_public"
