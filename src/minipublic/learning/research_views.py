"""Research project pages: my projects, a project (sources, codebook, members), adding
codes and members, importing reflections, the theme report and its downloads
(docs/learning.md). Every page needs a researcher's account (403 otherwise) and
membership of the project (404 otherwise)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_safe

from minipublic.learning import research_actions as actions
from minipublic.learning.library_models import LibraryEntry
from minipublic.learning.research_forms import CodeForm, InviteForm, ProjectForm
from minipublic.learning.research_models import ResearchProject
from minipublic.learning.research_report import (
    build_report,
    cooccurrence_csv,
    qda_project,
    report_csv,
)
from minipublic.lifecycle import Action
from minipublic.processes.access import require
from minipublic.processes.error_text import attempt
from minipublic.qda.refi import qdpx
from minipublic.qda.transcripts import MAX_BYTES


def member_project(request: HttpRequest, project_id: int) -> ResearchProject:
    """The project, if the signed-in person is a researcher (else 403) and a member (else 404)."""
    require(request.user, Action.RESEARCH)
    project = get_object_or_404(ResearchProject, pk=project_id)
    actions.check_member(request.user, project)
    return project


def _download(content: bytes | str, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def projects(request: HttpRequest) -> HttpResponse:
    """The researcher's projects, and the form to start one."""
    require(request.user, Action.RESEARCH)
    form = ProjectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        created: list[ResearchProject] = []
        done = gettext("The project is created with the seed codebook.")
        if attempt(
            request,
            form,
            done,
            lambda: created.append(
                actions.do_create_project(
                    request.user,
                    name=form.cleaned_data["name"],
                    description=form.cleaned_data["description"],
                )
            ),
        ):
            return redirect("learning:research_project", created[0].pk)
    context = {"projects": actions.projects_of(request.user), "form": form}
    return render(
        request, "learning/research_projects.html", context, status=400 if form.errors else 200
    )


@login_required
@require_safe
def project(request: HttpRequest, project_id: int) -> HttpResponse:
    """A project: its sources, codebook and members."""
    research = member_project(request, project_id)
    return _project_page(request, research)


def _project_page(
    request: HttpRequest,
    research: ResearchProject,
    code_form: CodeForm | None = None,
    invite_form: InviteForm | None = None,
) -> HttpResponse:
    codes = list(research.codes.select_related("parent"))
    context = {
        "project": research,
        "sources": research.sources.all(),
        "categories": [
            (code, [c for c in codes if c.parent_id == code.pk])
            for code in codes
            if code.parent_id is None
        ],
        "members": research.members.order_by("username"),
        "code_form": code_form or CodeForm(project=research),
        "invite_form": invite_form or InviteForm(),
        "max_mb": MAX_BYTES // 1_000_000,
    }
    failed = (code_form and code_form.errors) or (invite_form and invite_form.errors)
    return render(request, "learning/research_project.html", context, status=400 if failed else 200)


@login_required
@require_http_methods(["POST"])
def add_code(request: HttpRequest, project_id: int) -> HttpResponse:
    """Add an inductive code to the project's codebook."""
    research = member_project(request, project_id)
    form = CodeForm(request.POST, project=research)
    if form.is_valid():
        data = form.cleaned_data
        done = gettext("The code {name} is added.").format(name=data["name"])
        if attempt(
            request,
            form,
            done,
            lambda: actions.do_add_code(
                request.user,
                research,
                name=data["name"],
                definition=data["definition"],
                parent=data["parent"],
            ),
        ):
            return redirect("learning:research_project", research.pk)
    return _project_page(request, research, code_form=form)


@login_required
@require_http_methods(["POST"])
def invite(request: HttpRequest, project_id: int) -> HttpResponse:
    """Add another researcher to the project."""
    research = member_project(request, project_id)
    form = InviteForm(request.POST)
    if form.is_valid():
        username = form.cleaned_data["username"]
        done = gettext("{username} is now a member of the project.").format(username=username)
        if attempt(
            request,
            form,
            done,
            lambda: actions.do_invite_member(request.user, research, username=username),
        ):
            return redirect("learning:research_project", research.pk)
    return _project_page(request, research, invite_form=form)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def import_reflections(request: HttpRequest, project_id: int) -> HttpResponse:
    """Choose published library entries whose reflections become sources."""
    research = member_project(request, project_id)
    entries = [
        entry
        for entry in LibraryEntry.objects.filter(
            published_at__isnull=False, withdrawn_at__isnull=True
        ).order_by("-published_at", "pk")
        if (entry.sections or {}).get("lessons", "").strip()
    ]
    imported = set(research.sources.values_list("library_entry_id", flat=True))
    error = ""
    if request.method == "POST":
        entry = next((e for e in entries if str(e.pk) == request.POST.get("entry")), None)
        form = ProjectForm()  # only carries the refusal, if any
        if entry is None:
            error = gettext("Choose one of the library entries listed.")
        elif attempt(
            request,
            form,
            gettext("The reflections of {title} are added.").format(title=entry.title),
            lambda: actions.do_import_reflections(request.user, research, entry=entry),
        ):
            return redirect("learning:research_project", research.pk)
        else:
            error = " ".join(str(e) for e in form.non_field_errors())
    context = {"project": research, "entries": entries, "imported": imported, "error": error}
    return render(request, "learning/research_import.html", context, status=400 if error else 200)


@login_required
@require_safe
def report(request: HttpRequest, project_id: int) -> HttpResponse:
    """The theme report: counts by code, co-occurrence and quotes per theme."""
    research = member_project(request, project_id)
    built = build_report(research)
    matrix_rows = [
        (row, [built.matrix.get((row.key, column.key), 0) for column in built.used])
        for row in built.used
    ]
    context = {"project": research, "report": built, "matrix_rows": matrix_rows}
    return render(request, "learning/research_report.html", context)


@login_required
@require_safe
def report_download(request: HttpRequest, project_id: int) -> HttpResponse:
    """The coded excerpts as CSV, one row per excerpt and code."""
    research = member_project(request, project_id)
    text = report_csv(build_report(research))
    return _download(text, f"research-{research.pk}-excerpts.csv", "text/csv; charset=utf-8")


@login_required
@require_safe
def cooccurrence_download(request: HttpRequest, project_id: int) -> HttpResponse:
    """The co-occurrence matrix as CSV."""
    research = member_project(request, project_id)
    text = cooccurrence_csv(build_report(research))
    return _download(text, f"research-{research.pk}-cooccurrence.csv", "text/csv; charset=utf-8")


@login_required
@require_safe
def qdpx_download(request: HttpRequest, project_id: int) -> HttpResponse:
    """The project as a REFI-QDA file for NVivo, ATLAS.ti, MAXQDA and others."""
    research = member_project(request, project_id)
    return _download(qdpx(qda_project(research)), f"research-{research.pk}.qdpx", "application/zip")
