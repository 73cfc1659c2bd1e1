"""Small helpers shared by the evidence actions: who acts, and clean, bounded text."""

from __future__ import annotations

from typing import TYPE_CHECKING

from minipublic.lifecycle import LifecycleError, Role
from minipublic.processes.access import Actor, SystemActor, roles_in
from minipublic.processes.models import Process

if TYPE_CHECKING:
    from minipublic.accounts.models import User

#: The arm's-length team that decides on witnesses and answers reviews.
TEAM_ROLES = (Role.LEAD_PRACTITIONER, Role.FACILITATOR)


def person(actor: Actor) -> User | None:
    """The signed-in person behind ``actor`` (None for the system)."""
    return None if isinstance(actor, SystemActor) or not actor.is_authenticated else actor


def identity(user: User) -> dict[str, object]:
    """A private ledger field naming the person (only its salted commitment is public)."""
    return {"id": user.pk, "username": user.get_username()}


def acting_roles(actor: Actor, process: Process) -> frozenset[Role]:
    """The roles ``actor`` acts in (all of them for the system)."""
    if isinstance(actor, SystemActor):
        return frozenset(Role)
    return roles_in(actor, process)


def is_team(actor: Actor, process: Process) -> bool:
    """Whether ``actor`` acts as the arm's-length team (lead practitioner or facilitator)."""
    if isinstance(actor, SystemActor):
        return True
    return any(role in TEAM_ROLES for role in acting_roles(actor, process))


def ledger_role(actor: Actor, process: Process, preferred: tuple[Role, ...]) -> str:
    """The role the ledger records for ``actor``: the first of ``preferred`` held."""
    if isinstance(actor, SystemActor):
        return actor.label
    held = acting_roles(actor, process)
    for role in preferred:
        if role in held:
            return role.value
    return next((role.value for role in Role if role in held), "staff")


def line(value: str, *, limit: int, code: str, message: str, required: bool = True) -> str:
    """``value`` on one line, whitespace collapsed; LifecycleError ``code`` if it is missing
    (when ``required``), ``text_too_long`` if longer than ``limit``."""
    value = " ".join(value.split())
    if required and not value:
        raise LifecycleError(code, message)
    if len(value) > limit:
        raise LifecycleError(
            "evidence_text_too_long", "Write at most {limit} characters.", limit=limit
        )
    return value


def paragraph(value: str, *, limit: int, code: str, message: str, required: bool = True) -> str:
    """Like ``line`` for longer text: line breaks are kept, outer whitespace removed."""
    value = value.strip()
    if required and not value:
        raise LifecycleError(code, message)
    if len(value) > limit:
        raise LifecycleError(
            "evidence_text_too_long", "Write at most {limit} characters.", limit=limit
        )
    return value


def check_process(process: Process, owner_id: int) -> None:
    """Refuse a witness, request, material or comment of another process."""
    if owner_id != process.pk:
        raise LifecycleError("evidence_elsewhere", "That record belongs to another process.")
