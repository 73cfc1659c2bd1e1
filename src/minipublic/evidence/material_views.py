"""Public pages of the briefing materials: the list with its change history, one material
with its versions and reviews, and the download of a version.

A published version is public wherever the process is; drafts are read only by the team
and the oversight group (``VIEW_MATERIAL_DRAFTS``) and by whoever submitted them. Review
comments are public once the version they are on (or a later one) is published. The
forms on a material's page post to ``material_manage_views``.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from minipublic.evidence.common import is_team
from minipublic.evidence.material_actions import is_public_comment, may_revise, unanswered
from minipublic.evidence.material_forms import CommentForm, ResponseForm
from minipublic.evidence.models import Material, MaterialVersion, ReviewComment, VersionStatus
from minipublic.evidence.register import may_see_drafts, visible_materials, visible_versions
from minipublic.integrity.documents import DOCUMENTS_FOLDER
from minipublic.integrity.uploads import download
from minipublic.lifecycle import Action, Role
from minipublic.processes.access import access_process_for_user, can, roles_in
from minipublic.processes.models import Process


def response_prefix(number: int) -> str:
    """The prefix of the response form of comment ``number`` (several share a page)."""
    return f"comment-{number}"


def _url_path(version: MaterialVersion) -> str:
    return version.document.path.removeprefix(f"{DOCUMENTS_FOLDER}/") if version.document else ""


@require_safe
def material_list(request: HttpRequest, slug: str) -> HttpResponse:
    """Every material the visitor may see, with its current version, and the public
    change history of all published versions, newest first."""
    process = access_process_for_user(request.user, slug)
    rows = []
    for material in visible_materials(request.user, process):
        versions = visible_versions(request.user, process, material)
        published = [v for v in versions if v.status == VersionStatus.PUBLISHED]
        rows.append(
            {
                "material": material,
                "current": published[-1] if published else None,
                "published": len(published),
                "draft": next((v for v in versions if v.status == VersionStatus.DRAFT), None),
            }
        )
    history = list(
        MaterialVersion.objects.filter(material__process=process, status=VersionStatus.PUBLISHED)
        .select_related("material", "document")
        .defer("content", "document__content")
        .order_by("-published_at", "-pk")
    )
    for version in history:
        version.url_path = _url_path(version)  # type: ignore[attr-defined]
    context = {
        "process": process,
        "rows": rows,
        "history": history,
        "may_add": can(request.user, Action.ADD_MATERIAL, process),
        "sees_drafts": may_see_drafts(request.user, process),
    }
    return render(request, "evidence/materials.html", context)


def visible_material(request: HttpRequest, process: Process, number: int) -> Material:
    """The material ``number`` if the visitor may see any version of it (else 404)."""
    material = Material.objects.filter(process=process, number=number).first()
    if material is None or not visible_versions(request.user, process, material):
        raise Http404(number)
    return material


def visible_comments(
    request: HttpRequest, process: Process, material: Material, versions: list[MaterialVersion]
) -> list[ReviewComment]:
    """The review comments the visitor may read: public ones, and those on the versions
    they may read as drafts."""
    published = [v.number for v in versions if v.status == VersionStatus.PUBLISHED]
    latest = published[-1] if published else None
    readable = {v.pk for v in versions}
    comments = ReviewComment.objects.filter(version__material=material).select_related("version")
    return [
        comment
        for comment in comments.order_by("number")
        if is_public_comment(comment, latest) or comment.version_id in readable
    ]


def render_material(
    request: HttpRequest,
    process: Process,
    material: Material,
    *,
    comment_form: CommentForm | None = None,
    failed_response: tuple[int, ResponseForm] | None = None,
    publish_errors: list[str] | None = None,
    status: int = 200,
) -> HttpResponse:
    """A material's page: facts, versions, reviews and the forms the visitor may use.
    The manage views pass back a form with its errors (and status 400)."""
    user: Any = request.user
    versions = visible_versions(user, process, material)
    for version in versions:
        version.url_path = _url_path(version)  # type: ignore[attr-defined]
    comments = visible_comments(request, process, material, versions)
    team = is_team(user, process) and can(user, Action.REVIEW_MATERIAL, process)
    oversight = Role.OVERSIGHT in roles_in(user, process) and can(
        user, Action.REVIEW_MATERIAL, process
    )
    live = [v for v in versions if v.status != VersionStatus.SUPERSEDED]
    newest = live[-1] if live else None
    draft = newest if newest is not None and newest.status == VersionStatus.DRAFT else None
    may_publish = draft is not None and can(user, Action.PUBLISH_MATERIAL, process)
    forms: dict[int, ResponseForm] = {}
    for comment in comments:
        if team:
            if failed_response is not None and failed_response[0] == comment.number:
                forms[comment.number] = failed_response[1]
            else:
                initial = {"outcome": comment.outcome, "response": comment.response}
                forms[comment.number] = ResponseForm(
                    initial=initial, prefix=response_prefix(comment.number)
                )
        comment.response_form = forms.get(comment.number)  # type: ignore[attr-defined]
    published = [v for v in versions if v.status == VersionStatus.PUBLISHED]
    context = {
        "process": process,
        "material": material,
        "versions": versions,
        "current": published[-1] if published else None,
        "comments": comments,
        "newest": newest,
        "draft": draft,
        "team": team,
        "comment_form": comment_form
        or (CommentForm(oversight=oversight, team=team) if (team or oversight) else None),
        "may_publish": may_publish,
        "waiting": unanswered(material, draft.number) if may_publish and draft else [],
        "publish_errors": publish_errors or [],
        "may_revise": can(user, Action.ADD_MATERIAL, process)
        and may_revise(user, process, material),
        "sees_drafts": may_see_drafts(user, process),
    }
    return render(request, "evidence/material.html", context, status=status)


@require_safe
def material_detail(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """One material: who wrote it and for whom, its versions and its reviews."""
    process = access_process_for_user(request.user, slug)
    return render_material(request, process, visible_material(request, process, number))


@require_safe
def version_file(request: HttpRequest, slug: str, number: int, version: int) -> HttpResponse:
    """The file of one version the visitor may read, as a download (never inline)."""
    process = access_process_for_user(request.user, slug)
    material = visible_material(request, process, number)
    found = next(
        (v for v in visible_versions(request.user, process, material) if v.number == version),
        None,
    )
    if found is None:
        raise Http404(version)
    content = MaterialVersion.objects.values_list("content", flat=True).get(pk=found.pk)
    public = found.status == VersionStatus.PUBLISHED and process.is_public
    return download(found.filename, found.content_type, bytes(content), private=not public)
