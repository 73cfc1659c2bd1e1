"""Pages of contact requests: the public form /p/<slug>/contact/ (rate-limited like the
registration form), its thank-you page, and the lead practitioner's list and handling at
/p/<slug>/contact/requests/ (pass on, decline, record the outcome, record a direct
approach to a participant)."""

from __future__ import annotations

import hashlib
import hmac
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_safe

from minipublic import clock
from minipublic.accounts.client_ip import client_ip
from minipublic.deliberation.roster import roster
from minipublic.lifecycle import Action, LifecycleError
from minipublic.participants.portal_contact import (
    do_decline_contact,
    do_forward_contact,
    do_record_contact_outcome,
    do_request_contact,
    report_direct_approach,
)
from minipublic.participants.portal_forms import (
    ContactRequestForm,
    DeclineForm,
    ForwardForm,
    LeadDirectContactForm,
    OutcomeForm,
)
from minipublic.participants.privacy_models import ContactRequest, ContactStatus
from minipublic.processes.access import access_process_for_user
from minipublic.processes.error_text import attempt, describe
from minipublic.processes.models import Process
from minipublic.recruitment.throttle import is_bot


def allow_contact_attempt(request: HttpRequest) -> bool:
    """Count one submission of the contact form from this client; False once it exceeds
    REGISTRATION_RATE_LIMIT in this clock hour (counted apart from registration, under a
    keyed hash of the address, as recruitment/throttle.py does)."""
    digest = hmac.new(
        settings.SECRET_KEY.encode(), client_ip(request).encode(), hashlib.sha256
    ).hexdigest()
    key = f"contact:{clock.now():%Y%m%d%H}:{digest}"
    cache.add(key, 0, timeout=3600)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=3600)
        count = 1
    return count <= settings.REGISTRATION_RATE_LIMIT


@require_http_methods(["GET", "HEAD", "POST"])
def contact(request: HttpRequest, slug: str) -> HttpResponse:
    """The contact form for media, stakeholders and researchers."""
    process = access_process_for_user(request.user, slug, Action.REQUEST_CONTACT)
    form = ContactRequestForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if is_bot(request):
            return redirect("participants:contact_sent", process.slug)
        if not allow_contact_attempt(request):
            form.is_valid()
            form.add_error(
                None, gettext("Too many attempts from your connection. Try again in an hour.")
            )
            status = 429
        elif form.is_valid():
            data = form.cleaned_data
            try:
                do_request_contact(
                    request.user,
                    process,
                    kind=data["kind"],
                    name=data["name"],
                    organisation=data["organisation"],
                    email=data["email"],
                    request=data["request"],
                )
            except LifecycleError as error:
                form.add_error(None, describe(error))
            else:
                return redirect("participants:contact_sent", process.slug)
        if form.errors and status == 200:
            status = 400
    context = {"process": process, "form": form}
    return render(request, "participants/contact_form.html", context, status=status)


@require_safe
def contact_sent(request: HttpRequest, slug: str) -> HttpResponse:
    """The thank-you page (the same whether or not anything was stored)."""
    process = access_process_for_user(request.user, slug)
    return render(request, "participants/contact_sent.html", {"process": process})


@login_required
@require_safe
def contact_requests(request: HttpRequest, slug: str) -> HttpResponse:
    """Every contact request of the process, newest first (the lead practitioner)."""
    process = access_process_for_user(request.user, slug, Action.HANDLE_CONTACT)
    rows = ContactRequest.objects.filter(process=process).prefetch_related(
        "direct_approaches__incident"
    )
    context = {"process": process, "requests": rows}
    return render(request, "participants/contact_requests.html", context)


_STEPS: dict[str, type[forms.Form]] = {
    "forward": ForwardForm,
    "decline": DeclineForm,
    "outcome": OutcomeForm,
    "direct": LeadDirectContactForm,
}


def _run(
    request: HttpRequest, process: Process, item: ContactRequest, step: str, form: Any
) -> bool:
    data = form.cleaned_data
    user: Any = request.user
    if step == "forward":
        count = len(roster(process))
        done = gettext("Passed on to %(count)s participants: the message is being sent.") % {
            "count": count
        }
        return attempt(
            request,
            form,
            done,
            lambda: do_forward_contact(user, process, item, message=data["message"]),
        )
    if step == "decline":
        done = gettext("The request is declined.")
        return attempt(
            request,
            form,
            done,
            lambda: do_decline_contact(user, process, item, reason=data["reason"]),
        )
    if step == "outcome":
        done = gettext("The outcome is recorded.")
        return attempt(
            request,
            form,
            done,
            lambda: do_record_contact_outcome(user, process, item, outcome=data["outcome"]),
        )
    done = gettext("The direct approach is in the register of steering attempts.")
    return attempt(
        request,
        form,
        done,
        lambda: report_direct_approach(
            user, process, source=data["source"], what_happened=data["what_happened"], request=item
        ),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def contact_request(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """One request with its handling forms; each POST carries a ``step``."""
    process = access_process_for_user(request.user, slug, Action.HANDLE_CONTACT)
    item = ContactRequest.objects.filter(process=process, number=number).first()
    if item is None:
        raise Http404(number)
    step = request.POST.get("step", "") if request.method == "POST" else ""
    if request.method == "POST" and step not in _STEPS:
        return HttpResponse(status=400)
    forms_by_step = {
        name: form_class(request.POST if name == step else None, prefix=name)
        for name, form_class in _STEPS.items()
    }
    if step:
        form = forms_by_step[step]
        if form.is_valid() and _run(request, process, item, step, form):
            return redirect("participants:contact_request", process.slug, item.number)
    context = {
        "process": process,
        "item": item,
        "forms": forms_by_step,
        "open": item.status == ContactStatus.RECEIVED,
        "forwarded": item.status == ContactStatus.FORWARDED,
        "step": step,
        "approaches": item.direct_approaches.select_related("incident"),
        "participants": len(roster(process)),
    }
    status = 400 if step else 200
    return render(request, "participants/contact_request.html", context, status=status)
