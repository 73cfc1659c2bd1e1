"""The participant's own page and their privacy choices: /p/<slug>/me/ (what is coming,
their support and payments, what to read, messages, who to ask), /p/<slug>/me/privacy/
(name and follow-up consent), /p/<slug>/me/privacy/withdraw/ (erase my data, with a
confirm step), /p/<slug>/me/direct-contact/ (someone contacted me directly), and the
public list of members who agreed to be named, /p/<slug>/participants/ (only once the
process has ended).

Built phone-first: one column, plain words, large targets, no JavaScript.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_safe

from minipublic.deliberation.roster import attendee_key_of
from minipublic.lifecycle import Action
from minipublic.participants import portal_page as page
from minipublic.participants.message_models import messages_for
from minipublic.participants.portal_consent import (
    ERASED,
    KEPT,
    consent_of,
    do_choose_consent,
    do_withdraw_consent,
    names_are_public,
    public_names,
)
from minipublic.participants.portal_contact import report_direct_approach
from minipublic.participants.portal_forms import ConsentForm, DirectContactForm, WithdrawForm
from minipublic.processes.access import access_process_for_user, can
from minipublic.processes.error_text import attempt
from minipublic.processes.models import Process


def _mine(request: HttpRequest, slug: str, action: Action) -> tuple[Process, str | None]:
    process = access_process_for_user(request.user, slug, action)
    return process, attendee_key_of(request.user, process)  # type: ignore[arg-type]


@login_required
@require_safe
def my_page(request: HttpRequest, slug: str) -> HttpResponse:
    """The participant's own page: only their own meetings, items and choices."""
    process, key = _mine(request, slug, Action.VIEW_OWN_SUPPORT)
    items = page.own_items(process, key)
    context: dict[str, Any] = {
        "process": process,
        "in_room": key is not None,
        "meetings": page.upcoming_meetings(process, key),
        "items": items,
        "money": page.money(items),
        "materials": page.materials_to_read(process),
        "participant_messages": list(messages_for(key, process)[:20]) if key else [],
        "consent": consent_of(process, key),
        "team": page.team(process),
        "may_report": can(request.user, Action.REPORT_INCIDENT, process),
        "may_choose": can(request.user, Action.CHOOSE_CONSENT, process),
    }
    return render(request, "participants/portal_me.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def privacy(request: HttpRequest, slug: str) -> HttpResponse:
    """The participant's two choices: their name after the end, and follow-up."""
    process, key = _mine(request, slug, Action.CHOOSE_CONSENT)
    consent = consent_of(process, key)
    initial = {
        "name_public": "yes" if consent.name_public else "no",
        "follow_up": "yes" if consent.follow_up else "no",
    }
    form = ConsentForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = gettext("Your choices are saved.")
        run = lambda: do_choose_consent(  # noqa: E731
            request.user, process, name_public=data["name_public"], follow_up=data["follow_up"]
        )
        if attempt(request, form, done, run):
            return redirect("participants:portal_me", process.slug)
    context = {"process": process, "form": form, "consent": consent, "in_room": key is not None}
    status = 400 if form.errors else 200
    return render(request, "participants/portal_privacy.html", context, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def withdraw(request: HttpRequest, slug: str) -> HttpResponse:
    """Withdraw all consent: says exactly what is erased and kept; a POST with the box
    ticked erases it."""
    process, key = _mine(request, slug, Action.CHOOSE_CONSENT)
    consent = consent_of(process, key)
    form = WithdrawForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        done = gettext("Your consent is withdrawn and your personal data is erased.")
        if attempt(request, form, done, lambda: do_withdraw_consent(request.user, process)):
            return redirect("participants:portal_me", process.slug)
    context = {
        "process": process,
        "form": form,
        "consent": consent,
        "erased": ERASED,
        "kept": KEPT,
        "in_room": key is not None,
    }
    status = 400 if form.errors else 200
    return render(request, "participants/portal_withdraw.html", context, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def direct_contact(request: HttpRequest, slug: str) -> HttpResponse:
    """ "Someone contacted me directly": goes to the integrity register."""
    process = access_process_for_user(request.user, slug, Action.REPORT_INCIDENT)
    form = DirectContactForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = gettext(
            "Thank you. The oversight group and the lead practitioner will look at it. "
            "You do not have to answer the person who contacted you."
        )
        run = lambda: report_direct_approach(  # noqa: E731
            request.user, process, source=data["source"], what_happened=data["what_happened"]
        )
        if attempt(request, form, done, run):
            return redirect("participants:portal_me", process.slug)
    status = 400 if form.errors else 200
    context = {"process": process, "form": form}
    return render(request, "participants/portal_direct_contact.html", context, status=status)


@require_safe
def participant_names(request: HttpRequest, slug: str) -> HttpResponse:
    """The members who agreed to be named: shown only once the process has ended."""
    process = access_process_for_user(request.user, slug)
    context = {
        "process": process,
        "ended": names_are_public(process),
        "names": public_names(process),
    }
    return render(request, "participants/portal_names.html", context)
