"""Who is calling the API: a bearer token, a browser session, or an anonymous reader."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer, SessionAuth

from minipublic.accounts.models import User
from minipublic.accounts.tokens import user_for_token


class BearerToken(HttpBearer):
    """``Authorization: Bearer mp_…`` with a token from the person's token page.

    A presented but wrong token is refused outright (401) rather than treated as
    anonymous, so a program never mistakes a revoked token for a working one.
    """

    def authenticate(self, request: HttpRequest, token: str) -> User:
        """The token's owner, or a 401 error."""
        user = user_for_token(token)
        if user is None:
            raise AuthenticationError(401, "The API token is not valid (revoked or mistyped).")
        return user

    def __call__(self, request: HttpRequest) -> Any:
        header = request.headers.get(self.header, "")
        if header and not header.lower().startswith("bearer "):
            raise AuthenticationError(401, "Use 'Authorization: Bearer <token>'.")
        return super().__call__(request)


class BrowserSession(SessionAuth):
    """The signed-in browser session; requests that change something need the CSRF token.

    Without a signed-in session this auth does not apply (the caller gets 401, not a
    CSRF complaint about a session they do not have).
    """

    def __call__(self, request: HttpRequest) -> Any:
        if not request.user.is_authenticated:
            return None
        return super().__call__(request)


def anonymous(request: HttpRequest) -> AnonymousUser:
    """Let unauthenticated callers read what is public."""
    return AnonymousUser()


TOKEN = BearerToken()
SESSION = BrowserSession()
READ_AUTH = [TOKEN, SESSION, anonymous]
WRITE_AUTH = [TOKEN, SESSION]


def caller(request: HttpRequest) -> User | AnonymousUser:
    """The person the request acts for (set by one of the auth classes above)."""
    auth = getattr(request, "auth", None)
    return auth if isinstance(auth, User) else AnonymousUser()


def signed_in_caller(request: HttpRequest) -> User:
    """The signed-in caller of an endpoint that requires authentication."""
    user = caller(request)
    if not isinstance(user, User):
        raise AuthenticationError(401, "Authentication required.")
    return user
