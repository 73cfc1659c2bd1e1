"""Pages of the oversight sign-offs: oversight's form and history, and the public page."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_safe

from minipublic.conformance.models import SignOffDecision, SignOffSubject
from minipublic.conformance.signoffs import (
    REASONS_MAX,
    do_sign_off,
    sign_off_history,
    sign_off_status,
)
from minipublic.lifecycle import Action, LifecycleError
from minipublic.processes.access import access_process_for_user, can
from minipublic.processes.error_text import describe
from minipublic.processes.models import Process


class SignOffForm(forms.Form):
    """The oversight group's decision on one subject."""

    subject = forms.ChoiceField(label=_("What you decide on"), choices=SignOffSubject.choices)
    decision = forms.ChoiceField(
        label=_("Decision"), choices=SignOffDecision.choices, widget=forms.RadioSelect
    )
    reasons = forms.CharField(
        label=_("Reasons"),
        required=False,
        max_length=REASONS_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Required for an objection. The reasons are published with the decision on the "
            "public sign-off page and in the public record: they are the oversight group's "
            "public position, so do not name participants or include personal data."
        ),
    )


def _render_manage(
    request: HttpRequest, process: Process, form: SignOffForm | None, status: int = 200
) -> HttpResponse:
    context = {
        "process": process,
        "form": form,
        "statuses": sign_off_status(process),
        "history": sign_off_history(process),
    }
    return render(request, "conformance/sign_offs_manage.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def manage_sign_offs(request: HttpRequest, slug: str) -> HttpResponse:
    """Oversight's page: sign off or object (POST), every decision so far, the fingerprints."""
    action = Action.SIGN_OFF if request.method == "POST" else Action.VIEW_OVERSIGHT
    process = access_process_for_user(request.user, slug, action)
    may_sign_off = can(request.user, Action.SIGN_OFF, process)
    if request.method != "POST":
        return _render_manage(request, process, SignOffForm() if may_sign_off else None)
    form = SignOffForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            sign_off = do_sign_off(
                request.user,
                process,
                subject=data["subject"],
                decision=data["decision"],
                reasons=data["reasons"],
            )
        except LifecycleError as error:
            form.add_error(None, describe(error))
        else:
            messages.success(
                request,
                gettext("Decision %(number)s has been recorded and published.")
                % {"number": sign_off.number},
            )
            return redirect("conformance:manage_sign_offs", process.slug)
    return _render_manage(request, process, form, status=400)


@require_safe
def public_sign_offs(request: HttpRequest, slug: str) -> HttpResponse:
    """The public page: where each subject stands and every decision with its reasons."""
    process = access_process_for_user(request.user, slug, Action.VIEW_PROCESS)
    context = {
        "process": process,
        "statuses": sign_off_status(process),
        "history": sign_off_history(process),
        "may_sign_off": can(request.user, Action.SIGN_OFF, process),
    }
    return render(request, "conformance/sign_offs.html", context)
