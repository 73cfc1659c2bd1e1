"""API tokens: creation, revocation and checking a presented token."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.utils import timezone

from minipublic.accounts.models import ApiToken, User
from minipublic.lifecycle import Action, LifecycleError
from minipublic.processes.access import Actor, SystemActor, performs

TOKEN_PREFIX = "mp"  # noqa: S105 (a label, not a secret)
# Writing last_used_at on every request would turn each API read into a write.
_LAST_USED_RESOLUTION = timedelta(minutes=5)


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _owner(actor: Actor) -> User:
    if isinstance(actor, SystemActor) or not isinstance(actor, User):
        raise LifecycleError("token_owner", "API tokens belong to a signed-in person.")
    return actor


@performs(Action.MANAGE_OWN_ACCOUNT)
def do_create_api_token(actor: Actor, *, name: str) -> tuple[ApiToken, str]:
    """Create a token for the actor; returns it and the full secret, which is shown only once."""
    owner = _owner(actor)
    prefix = secrets.token_hex(4)
    while ApiToken.objects.filter(prefix=prefix).exists():
        prefix = secrets.token_hex(4)
    secret = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=owner, name=name.strip(), prefix=prefix, secret_hash=_hash(secret)
    )
    return token, f"{TOKEN_PREFIX}_{prefix}_{secret}"


@performs(Action.MANAGE_OWN_ACCOUNT)
def do_revoke_api_token(actor: Actor, *, token_id: int) -> ApiToken:
    """Revoke one of the actor's own tokens; it stops working at once."""
    token = ApiToken.objects.filter(pk=token_id, user=_owner(actor)).first()
    if token is None:
        raise LifecycleError("token_missing", "There is no such token among yours.")
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def user_for_token(presented: str) -> User | None:
    """The active user owning the presented token string, or None if it is not valid."""
    parts = presented.strip().split("_", 2)
    if len(parts) != 3 or parts[0] != TOKEN_PREFIX:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(prefix=parts[1], revoked_at__isnull=True)
        .first()
    )
    if token is None or not hmac.compare_digest(token.secret_hash, _hash(parts[2])):
        return None
    if not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > _LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
