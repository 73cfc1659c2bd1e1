"""Working on briefing materials: the overview of drafts and reviews, submitting a
material or a new version, and the comment, response and publish buttons of a
material's page (which show the page again with the refusal, status 400)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from minipublic.evidence import material_actions as actions
from minipublic.evidence.common import is_team
from minipublic.evidence.material_forms import CommentForm, MaterialForm, ResponseForm, VersionForm
from minipublic.evidence.material_views import (
    render_material,
    response_prefix,
    visible_material,
)
from minipublic.evidence.models import Material, MaterialVersion, ReviewComment, VersionStatus
from minipublic.evidence.register import may_see_drafts, visible_materials, visible_versions
from minipublic.lifecycle import Action, LifecycleError, Role
from minipublic.processes.access import access_process_for_user, can, require_any, roles_in
from minipublic.processes.error_text import describe
from minipublic.processes.models import Process

_WORKERS = (Action.ADD_MATERIAL, Action.VIEW_MATERIAL_DRAFTS, Action.REVIEW_MATERIAL)


@login_required
@require_safe
def manage(request: HttpRequest, slug: str) -> HttpResponse:
    """What is being worked on: drafts waiting for review or publication and comments
    waiting for the team's answer (for the team and oversight), or one's own materials."""
    process = access_process_for_user(request.user, slug)
    require_any(request.user, _WORKERS, process)
    rows = []
    for material in visible_materials(request.user, process):
        versions = visible_versions(request.user, process, material)
        live = [v for v in versions if v.status != VersionStatus.SUPERSEDED]
        newest = live[-1] if live else None
        rows.append(
            {
                "material": material,
                "newest": newest,
                "unanswered": len(actions.unanswered(material, newest.number)) if newest else 0,
            }
        )
    context = {
        "process": process,
        "rows": rows,
        "may_add": can(request.user, Action.ADD_MATERIAL, process),
        "sees_drafts": may_see_drafts(request.user, process),
    }
    return render(request, "evidence/manage_materials.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def submit_material(request: HttpRequest, slug: str) -> HttpResponse:
    """Submit a new briefing material as a draft."""
    process = access_process_for_user(request.user, slug, Action.ADD_MATERIAL)
    team = is_team(request.user, process)
    commissioner = Role.COMMISSIONER in roles_in(request.user, process)
    initial = {"author": process.commissioning_body} if commissioner else {}
    if request.method == "POST":
        form = MaterialForm(request.POST, request.FILES, team=team, commissioner=commissioner)
    else:
        form = MaterialForm(team=team, commissioner=commissioner, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            material = actions.do_submit_material(
                request.user,
                process,
                title=data["title"],
                summary=data["summary"],
                author=data["author"],
                author_kind=data.get("author_kind"),
                commissioned_by=data["commissioned_by"],
                commission_note=data["commission_note"],
                file=data["file"],
            )
        except LifecycleError as error:
            form.add_error(None, describe(error))
        else:
            messages.success(
                request,
                gettext(
                    "Material #{number} is saved as a draft. It is published once reviewed."
                ).format(number=material.number),
            )
            return redirect("evidence:material", process.slug, material.number)
    context = {"process": process, "form": form, "commissioner": commissioner}
    status = 400 if form.errors else 200
    return render(request, "evidence/submit_material.html", context, status=status)


def _material(
    request: HttpRequest, slug: str, number: int, action: Action
) -> tuple[Process, Material]:
    process = access_process_for_user(request.user, slug, action)
    return process, visible_material(request, process, number)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def new_version(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """Submit a new draft version of a material (the team, or its own submitter)."""
    process, material = _material(request, slug, number, Action.ADD_MATERIAL)
    if not actions.may_revise(request.user, process, material):
        raise Http404(number)
    form = VersionForm(*((request.POST, request.FILES) if request.method == "POST" else ()))
    if request.method == "POST" and form.is_valid():
        try:
            version = actions.do_submit_version(
                request.user,
                process,
                material,
                file=form.cleaned_data["file"],
                change_note=form.cleaned_data["change_note"],
            )
        except LifecycleError as error:
            form.add_error(None, describe(error))
        else:
            messages.success(
                request,
                gettext("Version {number} is saved as a draft.").format(number=version.number),
            )
            return redirect("evidence:material", process.slug, material.number)
    context = {"process": process, "material": material, "form": form}
    status = 400 if form.errors else 200
    return render(request, "evidence/new_version.html", context, status=status)


def _newest(material: Material) -> MaterialVersion:
    newest = (
        MaterialVersion.objects.filter(material=material)
        .exclude(status=VersionStatus.SUPERSEDED)
        .defer("content")
        .order_by("-number")
        .first()
    )
    if newest is None:
        raise Http404(material.number)
    return newest


@login_required
@require_POST
def comment(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """Record a review comment on the material's newest version."""
    process, material = _material(request, slug, number, Action.REVIEW_MATERIAL)
    user: Any = request.user
    team = is_team(user, process)
    oversight = Role.OVERSIGHT in roles_in(user, process)
    form = CommentForm(request.POST, oversight=oversight, team=team)
    if form.is_valid():
        data = form.cleaned_data
        try:
            actions.do_comment_on_material(
                user,
                process,
                _newest(material),
                text=data["text"],
                source=data["source"],
                group=data.get("group", ""),
            )
        except LifecycleError as error:
            form.add_error(None, describe(error))
        else:
            messages.success(request, gettext("The comment is recorded; the team answers it."))
            return redirect("evidence:material", process.slug, material.number)
    return render_material(request, process, material, comment_form=form, status=400)


@login_required
@require_POST
def respond(request: HttpRequest, slug: str, number: int, comment: int) -> HttpResponse:
    """The team's response to one review comment."""
    process, material = _material(request, slug, number, Action.REVIEW_MATERIAL)
    found = ReviewComment.objects.filter(version__material=material, number=comment).first()
    if found is None:
        raise Http404(comment)
    form = ResponseForm(request.POST, prefix=response_prefix(comment))
    if form.is_valid():
        try:
            actions.do_respond_to_comment(
                request.user,
                process,
                found,
                response=form.cleaned_data["response"],
                outcome=form.cleaned_data["outcome"],
            )
        except LifecycleError as error:
            form.add_error(None, describe(error))
        else:
            messages.success(request, gettext("Your response is recorded."))
            return redirect("evidence:material", process.slug, material.number)
    return render_material(request, process, material, failed_response=(comment, form), status=400)


@login_required
@require_POST
def publish(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """Publish the material's newest draft (the lead practitioner)."""
    process, material = _material(request, slug, number, Action.PUBLISH_MATERIAL)
    try:
        version = actions.do_publish_material(request.user, process, _newest(material))
    except LifecycleError as error:
        return render_material(
            request, process, material, publish_errors=[describe(error)], status=400
        )
    messages.success(
        request,
        gettext("Version {number} is published. Its SHA-256 is now in the public record.").format(
            number=version.number
        ),
    )
    return redirect("evidence:material", process.slug, material.number)
