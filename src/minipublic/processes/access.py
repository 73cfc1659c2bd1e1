"""The few functions through which every page, API call and action checks access.

They gather the facts about a person (signed in? staff? roles in this process?) and ask
the core policy (``minipublic.lifecycle.policy``). Nothing else decides who may do what.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Final, ParamSpec, TypeAlias, TypeVar

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from minipublic.engagement.models import Acceptance, Charter
from minipublic.lifecycle import POLICY, Action, Role, Scope, Visibility, is_allowed
from minipublic.lifecycle.policy import TERMS_FREE_ACTIONS
from minipublic.processes.models import Membership, Process

if TYPE_CHECKING:
    from minipublic.accounts.models import User


class SystemActor:
    """The operator at the command line (``minipublic demo`` and friends).

    Whoever runs the CLI already controls the server and its database, so the policy
    does not apply; actions still record that the system, not a person, acted.
    """

    label: Final = "system"

    def __repr__(self) -> str:
        return "SYSTEM"


SYSTEM: Final = SystemActor()
Actor: TypeAlias = "User | AnonymousUser | SystemActor"


def held_roles(user: User | AnonymousUser, process: Process) -> frozenset[Role]:
    """Every role ``user`` holds in ``process``, terms accepted or not (none for visitors)."""
    if not user.is_authenticated or process.pk is None:
        return frozenset()
    values = Membership.objects.filter(process=process, user=user).values_list("role", flat=True)
    return frozenset(Role(value) for value in values)


def roles_awaiting_terms(
    user: User | AnonymousUser, process: Process, held: frozenset[Role] | None = None
) -> frozenset[Role]:
    """The roles ``user`` holds in ``process`` whose current charter they have not accepted."""
    held = held_roles(user, process) if held is None else held
    if not held or not user.is_authenticated:
        return frozenset()
    accepted = Acceptance.objects.filter(charter=OuterRef("pk"), user=user.pk)
    rows = (
        Charter.objects.filter(process=process, is_current=True, role__in=[r.value for r in held])
        .annotate(accepted=Exists(accepted))
        .values_list("role", "accepted")
    )
    return frozenset(Role(role) for role, done in rows if not done)


def roles_in(user: User | AnonymousUser, process: Process) -> frozenset[Role]:
    """The roles in which ``user`` may act in ``process``: those held whose current terms
    they have accepted (a role whose charter is pending grants nothing but reading the
    process and accepting the terms)."""
    held = held_roles(user, process)
    return held - roles_awaiting_terms(user, process, held)


def can(
    actor: Actor,
    action: Action,
    process: Process | None = None,
    *,
    roles: frozenset[Role] | None = None,
) -> bool:
    """Whether ``actor`` may perform ``action`` (on ``process`` for process actions).

    Roles count only once their terms are accepted (``roles_in``), except for reading the
    process and accepting the terms (``TERMS_FREE_ACTIONS``), for which every role held
    counts. Pass ``roles`` when you already know the right set, to save queries.
    """
    if isinstance(actor, SystemActor):
        return True
    signed_in = bool(actor.is_authenticated and actor.is_active)
    if POLICY[action].scope is not Scope.PROCESS:
        return is_allowed(
            action,
            signed_in=signed_in,
            is_staff=bool(actor.is_staff),
            is_researcher=bool(getattr(actor, "is_researcher", False)),
        )
    if process is None:
        raise ValueError(f"{action} needs a process")
    if not signed_in:
        roles = frozenset()  # a deactivated account keeps its rows but loses its roles
    elif roles is None:
        terms_free = action in TERMS_FREE_ACTIONS
        roles = held_roles(actor, process) if terms_free else roles_in(actor, process)
    return is_allowed(
        action,
        signed_in=signed_in,
        roles=roles,
        phase=process.current_phase,
        is_public=process.is_public,
    )


class TermsPending(PermissionDenied):
    """Refused only because the member has not yet accepted the current terms of a role
    that would allow the action; pages point them to the terms to accept."""

    def __init__(self, process: Process, action: Action) -> None:
        super().__init__(action.value)
        self.process = process
        self.action = action


def refusal(actor: Actor, actions: tuple[Action, ...], process: Process | None) -> PermissionDenied:
    """The exception refusing ``actions``: ``TermsPending`` when a role ``actor`` holds
    would allow one of them once its terms are accepted, plain PermissionDenied otherwise."""
    if process is not None and not isinstance(actor, SystemActor) and actor.is_authenticated:
        held = held_roles(actor, process) if actor.is_active else frozenset()
        for action in actions:
            if (
                action not in TERMS_FREE_ACTIONS
                and POLICY[action].scope is Scope.PROCESS
                and can(actor, action, process, roles=held)
            ):
                return TermsPending(process, action)
    return PermissionDenied(actions[0].value)


def require(actor: Actor, action: Action, process: Process | None = None) -> None:
    """Raise PermissionDenied unless ``actor`` may perform ``action`` (``TermsPending``
    when accepting their terms would let them)."""
    if not can(actor, action, process):
        raise refusal(actor, (action,), process)


def require_any(actor: Actor, actions: tuple[Action, ...], process: Process) -> None:
    """Raise PermissionDenied unless ``actor`` may perform at least one of ``actions`` in
    ``process`` (``TermsPending`` when accepting their terms would let them): for pages
    that show something to several kinds of member."""
    roles = None if isinstance(actor, SystemActor) else roles_in(actor, process)
    if not any(can(actor, action, process, roles=roles) for action in actions):
        raise refusal(actor, actions, process)


def visible_processes(actor: User | AnonymousUser) -> QuerySet[Process]:
    """Every process ``actor`` may view: the public ones and those they are a member of."""
    visible = Q(visibility=Visibility.PUBLIC)
    if actor.is_authenticated and actor.is_active:
        visible |= Q(memberships__user=actor)
    return Process.objects.filter(visible).distinct().order_by("-created_at")


def access_process_for_user(
    actor: User | AnonymousUser, slug: str, action: Action = Action.VIEW_PROCESS
) -> Process:
    """The process called ``slug`` if ``actor`` may perform ``action`` on it.

    Raises Http404 both when it does not exist and when the actor may not even see it,
    so that private processes do not reveal their existence; PermissionDenied when the
    actor may see it but not perform ``action``.
    """
    process = Process.objects.filter(slug=slug).first()
    if process is None:
        raise Http404(slug)
    if not can(actor, Action.VIEW_PROCESS, process):
        raise Http404(slug)
    if not can(actor, action, process):
        raise refusal(actor, (action,), process)
    return process


# ---------------------------------------------------------------- named actions


def _lock_and_refresh(process: Process) -> None:
    # Rules depend on the phase and visibility, so read them under a row lock in the same
    # transaction as the change: a concurrent phase change cannot slip between the
    # check and the action (on SQLite, IMMEDIATE transactions serialise writers).
    current = Process.objects.select_for_update().only("phase", "visibility").get(pk=process.pk)
    process.phase, process.visibility = current.phase, current.visibility


P = ParamSpec("P")
R = TypeVar("R")


def performs(action: Action) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Mark a ``do_*`` function as performing ``action`` and check access before it runs.

    The function must take ``actor`` and, for process actions, ``process`` parameters.
    Process actions run in a transaction holding the process row locked, with its phase
    and visibility re-read, so the check and the change see the same state.
    """

    def decorate(function: Callable[P, R]) -> Callable[P, R]:
        signature = inspect.signature(function)
        needs_process = POLICY[action].scope is Scope.PROCESS
        if "actor" not in signature.parameters or (
            needs_process and "process" not in signature.parameters
        ):
            raise TypeError(f"{function.__qualname__} must take actor (and process) parameters")

        @functools.wraps(function)
        def checked(*args: P.args, **kwargs: P.kwargs) -> R:
            bound: dict[str, Any] = signature.bind(*args, **kwargs).arguments
            if not needs_process:
                require(bound["actor"], action)
                return function(*args, **kwargs)
            with transaction.atomic():
                _lock_and_refresh(bound["process"])
                require(bound["actor"], action, bound["process"])
                return function(*args, **kwargs)

        checked.performs = action  # type: ignore[attr-defined]
        return checked

    return decorate
