"""Pages of the participants' report.

``/p/<slug>/report/`` is public: every frozen version with its files, SHA-256 and what
changed; before the first freeze the public reads "not yet delivered", while members who
may see drafts (``VIEW_DRAFTS``) see the version being signed and how far signing has
come. ``/p/<slug>/report/<n>/`` is one version in full, where participants sign it,
withdraw their signature, freeze it and answer requests to change it.
``/p/<slug>/report/edit/`` is the participants' own (anyone else is refused; a
commissioner is pointed to ``/p/<slug>/report/change/``, the form whose requests enter
the integrity register).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_safe

from minipublic.lifecycle import Action, LifecycleError
from minipublic.processes.access import access_process_for_user, can, require
from minipublic.processes.error_text import attempt as _attempt
from minipublic.processes.error_text import describe
from minipublic.processes.models import Process
from minipublic.recommendations import report_actions as actions
from minipublic.recommendations import report_queries as queries
from minipublic.recommendations.report_content import adopted_count, report_sections
from minipublic.recommendations.report_forms import (
    AnswerForm,
    ChangeRequestForm,
    NewVersionForm,
    ReportTextForm,
)
from minipublic.recommendations.report_models import (
    ChangeRequestStatus,
    ReportChangeRequest,
    ReportVersion,
)


@require_safe
def report_page(request: HttpRequest, slug: str) -> HttpResponse:
    """The report's public page: frozen versions, or the draft for those who may see it."""
    process = access_process_for_user(request.user, slug)
    sees_drafts = can(request.user, Action.VIEW_DRAFTS, process)
    draft = queries.draft_version(process) if sees_drafts else None
    context = {
        "process": process,
        "versions": queries.frozen_versions(process),
        "draft": draft,
        "progress": queries.progress(draft) if draft is not None else None,
        "sees_drafts": sees_drafts,
        "may_edit": can(request.user, Action.EDIT_REPORT, process),
        "may_request": can(request.user, Action.REQUEST_REPORT_CHANGE, process),
        "open_requests": queries.open_requests(process) if sees_drafts else 0,
    }
    return render(request, "recommendations/report/page.html", context)


def _version(process: Process, number: int, request: HttpRequest) -> ReportVersion:
    version = ReportVersion.objects.filter(process=process, number=number).first()
    if version is None:
        raise Http404(number)
    if not version.frozen:
        require(request.user, Action.VIEW_DRAFTS, process)
    return version


# What each button of the version page does, and the rule it needs.
_STEPS: dict[str, Action] = {
    "sign": Action.SIGN_REPORT,
    "withdraw": Action.SIGN_REPORT,
    "freeze": Action.SIGN_REPORT,
    "answer": Action.EDIT_REPORT,
}


@require_http_methods(["GET", "HEAD", "POST"])
def report_version(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """One version in full; by POST, signing it, withdrawing a signature, freezing it,
    or answering a request to change the report."""
    step = request.POST.get("step", "") if request.method == "POST" else ""
    if request.method == "POST" and step not in _STEPS:
        return HttpResponse(status=400)
    process = access_process_for_user(request.user, slug, _STEPS.get(step, Action.VIEW_PROCESS))
    version = _version(process, number, request)
    forms: dict[str, Any] = {}
    if step and _post(request, process, version, step, forms):
        return redirect("report:version", process.slug, version.number)
    return _render_version(request, process, version, forms, status=400 if step else 200)


def _post(
    request: HttpRequest,
    process: Process,
    version: ReportVersion,
    step: str,
    forms: dict[str, Any],
) -> bool:
    user: Any = request.user
    if step == "answer":
        form: Any = AnswerForm(request.POST)
        forms["answer_form"] = form
        if not form.is_valid():
            return False
        change = ReportChangeRequest.objects.filter(
            process=process, number=form.cleaned_data["request"]
        ).first()
        if change is None:
            raise Http404("request")
        return _attempt(
            request,
            form,
            gettext("Your answer has been recorded; the requester can read it."),
            lambda: actions.do_answer_change_request(
                user,
                process,
                change,
                outcome=form.cleaned_data["outcome"],
                answer=form.cleaned_data["answer"],
            ),
        )
    form = forms.setdefault("action_form", Form({}))
    form.is_valid()
    if step == "sign":
        return _attempt(
            request,
            form,
            gettext("You have signed this version of the report."),
            lambda: actions.do_sign_report(user, process, version),
        )
    if step == "withdraw":
        return _attempt(
            request,
            form,
            gettext("Your signature has been withdrawn."),
            lambda: actions.do_withdraw_signature(user, process, version),
        )
    return _attempt(
        request,
        form,
        gettext("The report is frozen and published."),
        lambda: actions.do_freeze_report(user, process, version),
    )


def _render_version(
    request: HttpRequest,
    process: Process,
    version: ReportVersion,
    forms: dict[str, Any],
    status: int,
) -> HttpResponse:
    user: Any = request.user
    version.refresh_from_db()
    latest = version.pk == getattr(queries.draft_version(process), "pk", None) or (
        version.frozen and not process.report_versions.filter(number__gt=version.number).exists()
    )
    may_sign = latest and can(user, Action.SIGN_REPORT, process)
    signed = may_sign and version.signatures.filter(signer=user).exists()
    sees_drafts = can(user, Action.VIEW_DRAFTS, process)
    previous, diff = queries.diff_from_previous(version)
    frozen = next(
        (row for row in queries.frozen_versions(process) if row.version.pk == version.pk), None
    )
    may_answer = can(user, Action.EDIT_REPORT, process)
    requests = list(queries.change_requests(process)) if sees_drafts else []
    bound = forms.get("answer_form")
    refusals = list(forms["action_form"].non_field_errors()) if "action_form" in forms else []
    shown = {str(change.number) for change in requests if change.status == ChangeRequestStatus.OPEN}
    if bound is not None and bound.data.get("request") not in shown:
        refusals += bound.non_field_errors()  # its form is no longer shown
    for change in requests:
        if bound is not None and bound.data.get("request") == str(change.number):
            change.answer_form = bound  # type: ignore[attr-defined]
        else:
            change.answer_form = AnswerForm(  # type: ignore[attr-defined]
                initial={"request": change.number}, auto_id=f"id_request{change.number}_%s"
            )
    context = {
        "process": process,
        "version": version,
        "sections": report_sections(version),
        "frozen": frozen,
        "progress": None if version.frozen else queries.progress(version),
        "adopted": adopted_count(version.content),
        "previous": previous,
        "diff": diff,
        "may_sign": may_sign and not signed,
        "may_withdraw": may_sign and signed and not version.frozen,
        "signed": signed,
        "may_edit": not version.frozen and can(user, Action.EDIT_REPORT, process),
        "requests": requests,
        "may_answer": may_answer,
        "open_status": ChangeRequestStatus.OPEN,
        "refusals": refusals,
    }
    return render(request, "recommendations/report/version.html", context, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def report_edit(request: HttpRequest, slug: str) -> HttpResponse:
    """The participants' page for writing the report: assemble it, change their own text,
    or start a new version after a frozen one. Nobody else may open it."""
    process = access_process_for_user(request.user, slug)
    if not can(request.user, Action.EDIT_REPORT, process):
        if can(request.user, Action.REQUEST_REPORT_CHANGE, process):
            context = {"process": process}
            return render(request, "recommendations/report/edit_refused.html", context, status=403)
        require(request.user, Action.EDIT_REPORT, process)
        raise PermissionDenied(Action.EDIT_REPORT.value)  # pragma: no cover - require raised
    latest = actions.latest_version(process)
    if latest is not None and latest.frozen:
        return _new_version(request, process, latest)
    return _edit_text(request, process, latest)


def _edit_text(
    request: HttpRequest, process: Process, version: ReportVersion | None
) -> HttpResponse:
    user: Any = request.user
    initial = {}
    if version is not None:
        initial = {
            "title": version.title,
            "introduction": version.introduction,
            "closing": version.closing,
        }
    form = ReportTextForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        texts = {
            "title": data["title"],
            "introduction": data["introduction"],
            "closing": data["closing"],
        }
        try:
            if version is None or "assemble" in request.POST:
                saved = actions.do_assemble_report(user, process, **texts)
            else:
                saved = actions.do_edit_report(user, process, version, **texts)
        except LifecycleError as error:
            form.add_error(None, describe(error))
        else:
            messages.success(request, gettext("The report has been saved."))
            return redirect("report:version", process.slug, saved.number)
    context = {
        "process": process,
        "version": version,
        "form": form,
        "signatures": actions.signature_count(version) if version is not None else 0,
        "adopted": adopted_count(version.content) if version is not None else 0,
    }
    status = 400 if form.errors else 200
    return render(request, "recommendations/report/edit.html", context, status=status)


def _new_version(request: HttpRequest, process: Process, latest: ReportVersion) -> HttpResponse:
    form = NewVersionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_start_report_version(
                request.user, process, reason=form.cleaned_data["reason"]
            )
        except LifecycleError as error:
            form.add_error(None, describe(error))
        else:
            messages.success(
                request,
                gettext("The new version is started: change it, then sign it off again."),
            )
            return redirect("report:edit", process.slug)
    context = {"process": process, "latest": latest, "form": form}
    status = 400 if form.errors else 200
    return render(request, "recommendations/report/new_version.html", context, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def report_change(request: HttpRequest, slug: str) -> HttpResponse:
    """The form through which a commissioner asks for a change to the report; each
    request enters the integrity register. Lists the requester's own requests."""
    process = access_process_for_user(request.user, slug, Action.REQUEST_REPORT_CHANGE)
    form = ChangeRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            change = actions.do_request_report_change(
                request.user,
                process,
                what=form.cleaned_data["what"],
                why=form.cleaned_data["why"],
            )
        except LifecycleError as error:
            form.add_error(None, describe(error))
        else:
            number = change.incident.number if change.incident else None
            messages.success(
                request,
                gettext(
                    "Your request has been sent to the participants. It is entered in the "
                    "register of steering attempts as incident {number}; the report is unchanged."
                ).format(number=number),
            )
            return redirect("report:change", process.slug)
    context = {
        "process": process,
        "form": form,
        "version": actions.latest_version(process),
        "mine": ReportChangeRequest.objects.filter(process=process, requested_by=request.user.pk)
        .select_related("version", "incident")
        .order_by("-number"),
    }
    status = 400 if form.errors else 200
    return render(request, "recommendations/report/change.html", context, status=status)
