"""Account pages: the personal dashboard and API tokens (login comes from Django)."""

from __future__ import annotations

from collections import defaultdict

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from minipublic.accounts.forms import ApiTokenForm
from minipublic.accounts.models import User
from minipublic.accounts.passwords import do_change_password
from minipublic.accounts.tokens import do_create_api_token, do_revoke_api_token
from minipublic.lifecycle import Action, LifecycleError, Role
from minipublic.processes.access import can, roles_awaiting_terms
from minipublic.processes.labels import ROLE_LABELS
from minipublic.processes.models import Membership


def _user(request: HttpRequest) -> User:
    if not isinstance(request.user, User):  # @login_required makes this unreachable
        raise PermissionDenied
    return request.user


@login_required
@require_safe
def dashboard(request: HttpRequest) -> HttpResponse:
    """Every process the person belongs to, with their roles and what they can do there."""
    user = _user(request)
    by_process: dict[int, set[Role]] = defaultdict(set)
    processes = {}
    for membership in Membership.objects.filter(user=user).select_related("process"):
        by_process[membership.process_id].add(membership.role_enum)
        processes[membership.process_id] = membership.process
    rows = []
    for pk, process in sorted(processes.items(), key=lambda item: item[1].title):
        held = frozenset(by_process[pk])
        pending = roles_awaiting_terms(user, process, held)
        roles = held - pending  # a role counts once its terms are accepted
        rows.append(
            {
                "process": process,
                "roles": [ROLE_LABELS[role] for role in Role if role in held],
                "terms_pending": bool(pending),
                "may_manage": any(
                    can(user, action, process, roles=roles)
                    for action in (Action.EDIT_PROCESS, Action.CHANGE_PHASE, Action.SET_VISIBILITY)
                ),
                "may_view_members": can(user, Action.VIEW_MEMBERS, process, roles=roles),
                "may_view_oversight": can(user, Action.VIEW_OVERSIGHT, process, roles=roles),
            }
        )
    context = {"rows": rows, "may_create": can(user, Action.CREATE_PROCESS)}
    return render(request, "accounts/dashboard.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def tokens(request: HttpRequest) -> HttpResponse:
    """List the person's API tokens and create a new one."""
    user = _user(request)
    form = ApiTokenForm(request.POST or None)
    secret = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            token, secret = do_create_api_token(user, name=form.cleaned_data["name"])
            messages.success(request, _("Token “%(name)s” created.") % {"name": token.name})
            form = ApiTokenForm()
        else:
            status = 400
    context = {"form": form, "secret": secret, "tokens": user.api_tokens.all()}
    return render(request, "accounts/tokens.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def change_password(request: HttpRequest) -> HttpResponse:
    """Change one's own password (the old one is asked for first)."""
    user = _user(request)
    form = PasswordChangeForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        do_change_password(user, new_password=form.cleaned_data["new_password1"], request=request)
        messages.success(request, _("Your password has been changed."))
        return redirect("accounts:dashboard")
    status = 400 if form.errors else 200
    return render(request, "accounts/password_change.html", {"form": form}, status=status)


@login_required
@require_POST
def revoke_token(request: HttpRequest, token_id: int) -> HttpResponse:
    """Revoke one of the person's tokens."""
    try:
        token = do_revoke_api_token(_user(request), token_id=token_id)
    except LifecycleError:
        messages.error(request, _("There is no such token among yours."))
    else:
        messages.success(request, _("Token “%(name)s” revoked.") % {"name": token.name})
    return redirect("accounts:tokens")


def locked_out(
    request: HttpRequest, original_response: HttpResponse | None, credentials: dict[str, str] | None
) -> HttpResponse:
    """The page shown while signing in is paused after too many wrong passwords."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "accounts/locked_out.html", {"minutes": minutes}, status=429)
