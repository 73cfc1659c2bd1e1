"""Small helpers shared by the accountability actions: who acts, clean text, checks."""

from __future__ import annotations

from typing import TYPE_CHECKING

from minipublic.accountability.models import TEXT_MAX
from minipublic.lifecycle import LifecycleError, Role
from minipublic.processes.access import Actor, SystemActor, roles_in
from minipublic.processes.models import Process
from minipublic.recommendations.models import Recommendation, RecommendationStatus

if TYPE_CHECKING:
    from minipublic.accounts.models import User


def person(actor: Actor) -> User | None:
    """The signed-in person behind ``actor`` (None for the system)."""
    return None if isinstance(actor, SystemActor) or not actor.is_authenticated else actor


def identity(user: User | None) -> dict[str, object] | None:
    """A private ledger field naming the person (only its salted commitment is public)."""
    return None if user is None else {"id": user.pk, "username": user.get_username()}


def acting_role(actor: Actor, process: Process, preferred: tuple[Role, ...]) -> str:
    """The role the ledger records for ``actor``: the first of ``preferred`` they act in."""
    if isinstance(actor, SystemActor):
        return actor.label
    held = roles_in(actor, process)
    for role in preferred:
        if role in held:
            return role.value
    return next((role.value for role in Role if role in held), "staff")


def text(value: str, *, code: str, message: str, limit: int = TEXT_MAX) -> str:
    """``value`` without outer whitespace; LifecycleError ``code`` if empty,
    ``accountability_text_too_long`` if longer than ``limit``."""
    value = value.strip()
    if not value:
        raise LifecycleError(code, message)
    if len(value) > limit:
        raise LifecycleError(
            "accountability_text_too_long", "Write at most {limit} characters.", limit=limit
        )
    return value


def check_adopted(process: Process, recommendation: Recommendation) -> None:
    """Refuse a recommendation of another process, or one the participants did not adopt."""
    if recommendation.process_id != process.pk:
        raise LifecycleError(
            "recommendation_elsewhere", "That recommendation belongs to another process."
        )
    if recommendation.status != RecommendationStatus.ADOPTED:
        raise LifecycleError(
            "recommendation_not_adopted",
            "Recommendation {number} was not adopted by the participants; only adopted "
            "recommendations are answered.",
            number=recommendation.number,
        )
