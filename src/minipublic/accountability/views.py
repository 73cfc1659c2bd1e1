"""The public responses page, the commissioner's answer form and a participant's rating.

``/p/<slug>/responses/`` is public wherever the process is: every adopted
recommendation with its answer (and earlier revisions), the deadline, overdue answers
flagged, the implementation and the participants' ratings in aggregate.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from minipublic import clock
from minipublic.accountability import standing
from minipublic.accountability.forms import RatingForm, ResponseForm
from minipublic.accountability.mail import opted_out
from minipublic.accountability.models import ACCEPTING
from minipublic.accountability.page import overview
from minipublic.accountability.rating_actions import MIN_RATINGS, do_rate, own_rating
from minipublic.accountability.response_actions import do_respond
from minipublic.lifecycle import Action, LifecycleError
from minipublic.processes.access import access_process_for_user, can
from minipublic.processes.error_text import describe
from minipublic.processes.models import Process
from minipublic.recommendations.models import Recommendation


def anchor(process: Process, number: int) -> str:
    """The address of recommendation ``number`` on the responses page."""
    return reverse("accountability:responses", args=[process.slug]) + f"#recommendation-{number}"


def adopted_recommendation(process: Process, number: int) -> Recommendation:
    """The adopted recommendation ``number`` of a delivered report, or 404."""
    found = standing.adopted(process).filter(number=number).first()
    if found is None or standing.delivered_on(process) is None:
        raise Http404(number)
    return found


@require_http_methods(["GET", "HEAD"])
def responses(request: HttpRequest, slug: str) -> HttpResponse:
    """Every adopted recommendation with its answer, progress and ratings (public)."""
    process = access_process_for_user(request.user, slug)
    user: Any = request.user
    context = {
        "process": process,
        "page": overview(process, clock.now().date()),
        "min_ratings": MIN_RATINGS,
        "may_respond": can(user, Action.RESPOND, process),
        "may_report": can(user, Action.REPORT_PROGRESS, process),
        "may_rate": can(user, Action.RATE_RESPONSE, process),
        "may_choose": can(user, Action.CHOOSE_UPDATES, process),
        "receives_updates": user.is_authenticated and not opted_out(process, user),
    }
    return render(request, "accountability/responses.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def respond(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """The commissioner answers one recommendation, or revises the answer."""
    process = access_process_for_user(request.user, slug, Action.RESPOND)
    recommendation = adopted_recommendation(process, number)
    current = standing.current_responses(process).get(recommendation.pk)
    initial = {}
    if current is not None:
        initial = {
            "status": current.status,
            "reasons": current.reasons,
            "final_answer_by": current.final_answer_by,
        }
    form = ResponseForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            do_respond(
                request.user,
                process,
                recommendation,
                status=data["status"],
                reasons=data["reasons"],
                final_answer_by=data["final_answer_by"],
            )
        except LifecycleError as error:
            form.add_error(None, describe(error))
        else:
            messages.success(
                request,
                gettext(
                    "Your answer to recommendation {number} is published; the participants "
                    "are being e-mailed."
                ).format(number=number),
            )
            return redirect(anchor(process, number))
    context = {
        "process": process,
        "recommendation": recommendation,
        "current": current,
        "deadline": standing.deadline(process),
        "form": form,
    }
    status = 400 if form.errors else 200
    return render(request, "accountability/respond.html", context, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def rate(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """A participant rates how faithful the response and its implementation are."""
    process = access_process_for_user(request.user, slug, Action.RATE_RESPONSE)
    recommendation = adopted_recommendation(process, number)
    current = standing.current_responses(process).get(recommendation.pk)
    implemented = current is not None and current.status in ACCEPTING
    mine = own_rating(recommendation, request.user)
    initial = {}
    if mine is not None:
        initial = {
            "response_score": mine.response_score,
            "implementation_score": mine.implementation_score,
        }
    form = RatingForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        implemented=implemented,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            do_rate(
                request.user,
                process,
                recommendation,
                response_score=data["response_score"],
                implementation_score=data.get("implementation_score"),
            )
        except LifecycleError as error:
            form.add_error(None, describe(error))
        else:
            messages.success(
                request, gettext("Your rating is saved. You may change it at any time.")
            )
            return redirect(anchor(process, number))
    context = {
        "process": process,
        "recommendation": recommendation,
        "current": current,
        "rated": mine is not None,
        "min_ratings": MIN_RATINGS,
        "form": form,
    }
    status = 400 if form.errors else 200
    return render(request, "accountability/rate.html", context, status=status)
