"""Changing one's own password."""

from __future__ import annotations

from django.contrib.auth import update_session_auth_hash
from django.http import HttpRequest

from minipublic.accounts.models import User
from minipublic.lifecycle import Action
from minipublic.processes.access import Actor, performs


@performs(Action.MANAGE_OWN_ACCOUNT)
def do_change_password(
    actor: Actor, *, new_password: str, request: HttpRequest | None = None
) -> None:
    """Set the actor's new password; with ``request``, keep that browser signed in."""
    if not isinstance(actor, User):
        raise TypeError("only a person has a password")
    actor.set_password(new_password)
    actor.save(update_fields=["password"])
    if request is not None:
        update_session_auth_hash(request, actor)
