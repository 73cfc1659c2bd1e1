"""A participant's choice of e-mail updates: the toggle on their page, and the link in
every message that stops them without signing in."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from minipublic.accountability.mail import opted_out, read_stop_token
from minipublic.accountability.rating_actions import do_choose_updates, stop_with_token
from minipublic.lifecycle import Action
from minipublic.processes.access import access_process_for_user
from minipublic.processes.models import Process


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def updates(request: HttpRequest, slug: str) -> HttpResponse:
    """Whether the responses and progress updates reach the participant by e-mail."""
    process = access_process_for_user(request.user, slug, Action.CHOOSE_UPDATES)
    user: Any = request.user
    if request.method == "POST":
        wanted = request.POST.get("wanted") == "yes"
        do_choose_updates(user, process, wanted=wanted)
        if wanted:
            messages.success(request, gettext("You will be e-mailed the answers and progress."))
        else:
            messages.success(request, gettext("You will no longer be e-mailed about them."))
        return redirect("accountability:updates", process.slug)
    context = {"process": process, "receiving": not opted_out(process, user), "email": user.email}
    return render(request, "accountability/updates.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def stop_updates(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    """Stop the e-mails from the link in one (no sign-in). A GET only asks to confirm, so
    that a mail program opening links to check them stops nothing."""
    process = Process.objects.filter(slug=slug).first()
    read = read_stop_token(token)
    if process is None or read is None or read[0] != process.pk:
        raise Http404(slug)
    stopped = False
    if request.method == "POST":
        stopped = stop_with_token(process, token)
        if not stopped:
            raise Http404(slug)
    context = {"process": process, "stopped": stopped}
    return render(request, "accountability/stop_updates.html", context)
