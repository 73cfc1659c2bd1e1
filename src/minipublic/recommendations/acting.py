"""Small helpers shared by the drafting, vote and minority-report actions."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from minipublic.lifecycle import LifecycleError, Role
from minipublic.processes.access import Actor, SystemActor, held_roles
from minipublic.processes.models import Membership, Process
from minipublic.recommendations.models import Recommendation

if TYPE_CHECKING:
    from minipublic.accounts.models import User

#: Longest title, text and comment accepted (characters).
TITLE_LIMIT = 200
TEXT_LIMIT = 8000
NOTE_LIMIT = 2000


def person(actor: Actor) -> User | None:
    """The signed-in person acting, or None for the system."""
    return None if isinstance(actor, SystemActor) or not actor.is_authenticated else actor


def needs_person(actor: Actor) -> User:
    """The person acting; refused for the command line (drafting is done by people)."""
    user = person(actor)
    if user is None:
        raise LifecycleError(
            "drafting_needs_person", "Only a participant does this, as themselves."
        )
    return user


def identity(user: User) -> dict[str, object]:
    """A private ledger field naming ``user`` (only its salted commitment is public)."""
    return {"id": user.pk, "username": user.get_username()}


def ledger_role(actor: Actor, process: Process, preferred: tuple[Role, ...]) -> str:
    """The role the ledger records for ``actor``: the first of ``preferred`` they hold."""
    if isinstance(actor, SystemActor):
        return actor.label
    held = held_roles(actor, process)
    return next((role.value for role in preferred if role in held), "staff")


def text_sha256(*parts: str) -> str:
    """The SHA-256 of a text's parts (UTF-8, joined by a blank line)."""
    return hashlib.sha256("\n\n".join(parts).encode()).hexdigest()


def participant_count(process: Process) -> int:
    """How many members hold the participant role in ``process`` now."""
    return Membership.objects.filter(process=process, role=Role.PARTICIPANT.value).count()


def checked_text(value: str, limit: int, code: str, message: str) -> str:
    """``value`` stripped; refused with ``code`` and ``message`` when empty, and as too
    long beyond ``limit`` characters."""
    value = value.strip()
    if not value:
        raise LifecycleError(code, message)
    return within(value, limit)


def within(value: str, limit: int) -> str:
    """``value`` stripped; refused when longer than ``limit`` characters."""
    value = value.strip()
    if len(value) > limit:
        raise LifecycleError(
            "drafting_too_long",
            "A text has {length} characters; at most {limit} are accepted.",
            length=len(value),
            limit=limit,
        )
    return value


def locked(process: Process, recommendation: Recommendation) -> Recommendation:
    """Re-read ``recommendation`` under a row lock (its status decides what may happen)."""
    if recommendation.process_id != process.pk:
        raise LifecycleError(
            "recommendation_elsewhere", "That recommendation belongs to another process."
        )
    current = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    for name in ("theme", "title", "text", "rationale", "status", "decided_at", "updated_at"):
        setattr(recommendation, name, getattr(current, name))
    return recommendation
