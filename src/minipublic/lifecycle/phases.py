"""The phases a mini-public moves through, and which moves between them are allowed."""

from __future__ import annotations

from enum import StrEnum

from minipublic.lifecycle.errors import LifecycleError
from minipublic.lifecycle.roles import Visibility


class Phase(StrEnum):
    """One stage of a mini-public, in the order they happen."""

    DESIGN = "design"
    RECRUITMENT = "recruitment"
    SELECTION = "selection"
    DELIBERATION = "deliberation"
    RECOMMENDATIONS = "recommendations"
    RESPONSE = "response"
    FOLLOW_UP = "follow_up"
    CLOSED = "closed"


PHASE_ORDER: tuple[Phase, ...] = tuple(Phase)


def phase_index(phase: Phase) -> int:
    """Position of ``phase`` in the life cycle, starting at 0 for design."""
    return PHASE_ORDER.index(phase)


def next_phase(phase: Phase) -> Phase | None:
    """The phase after ``phase``, or None once the process is closed."""
    index = phase_index(phase)
    return PHASE_ORDER[index + 1] if index + 1 < len(PHASE_ORDER) else None


def check_phase_change(current: Phase, target: Phase, reason: str) -> None:
    """Raise LifecycleError unless moving from ``current`` to ``target`` is allowed.

    A process moves forward one phase at a time, so no stage (recruitment, selection,
    the public response…) can be skipped quietly. Going back is possible, but only with a
    written reason, because re-opening a finished stage is exactly the kind of change an
    oversight body needs to see explained. A closed process stays closed.
    """
    if current == Phase.CLOSED:
        raise LifecycleError("phase_closed", "The process is closed; its phase cannot change.")
    if target == current:
        raise LifecycleError(
            "phase_unchanged", "The process is already in the {phase} phase.", phase=current
        )
    step = phase_index(target) - phase_index(current)
    if step > 1:
        raise LifecycleError(
            "phase_skipped",
            "Phases move forward one at a time: from {current} the next phase is {expected}.",
            current=current,
            expected=next_phase(current),
        )
    if step < 0 and not reason.strip():
        raise LifecycleError(
            "phase_back_needs_reason",
            "Going back from {current} to {target} needs a written reason.",
            current=current,
            target=target,
        )


def check_visibility_change(phase: Phase, current: Visibility, target: Visibility) -> None:
    """Raise LifecycleError unless the visibility may change from ``current`` to ``target``.

    Publishing is always possible. Taking a published process private again is only
    possible while it is still being designed: once recruitment starts, its public record
    must stay public, or a process could be hidden just when it becomes uncomfortable.
    """
    if current == Visibility.PUBLIC and target == Visibility.PRIVATE and phase != Phase.DESIGN:
        raise LifecycleError(
            "public_record_stays_public",
            "Once a public process has left the design phase, it stays public.",
        )
