"""Pages of a process's case record: the record, editing it, reviewing its names, and
publishing it in the library. Only the lead practitioner and facilitators see them
(``WRITE_CASE_RECORD``); only the lead publishes."""

from __future__ import annotations

import json
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_safe

from minipublic.learning import case_actions as actions
from minipublic.learning.case_forms import SECTION_LABELS, CaseRecordForm, ConfirmForm
from minipublic.learning.case_models import SECTION_KEYS, CaseRecord
from minipublic.learning.case_names import known_names_for_process
from minipublic.learning.redaction import (
    anonymised,
    highlighted,
    kind_summary,
    occurrences,
    proposed_terms,
    term_formset,
    terms_from,
)
from minipublic.lifecycle import Action
from minipublic.processes.access import access_process_for_user, can
from minipublic.processes.error_text import attempt
from minipublic.processes.models import Process


def _process(request: HttpRequest, slug: str) -> Process:
    return access_process_for_user(request.user, slug, Action.WRITE_CASE_RECORD)


def _posted(request: HttpRequest) -> Any:
    """The posted data to bind a form to (even when empty), None for a GET."""
    return request.POST if request.method == "POST" else None


def _headed(record: CaseRecord) -> list[tuple[str, str]]:
    """(heading, text) of the record's title and non-empty sections."""
    rows = [(gettext("Title"), record.title)]
    rows += [
        (str(SECTION_LABELS[key]), record.sections.get(key, ""))
        for key in SECTION_KEYS
        if record.sections.get(key, "").strip()
    ]
    return rows


@login_required
@require_http_methods(["GET", "POST"])
def case_record(request: HttpRequest, slug: str) -> HttpResponse:
    """The process's case record: its state and text; POST starts a new draft."""
    process = _process(request, slug)
    form = Form(_posted(request))
    if (
        request.method == "POST"
        and form.is_valid()
        and attempt(
            request,
            form,
            gettext("The draft is generated from this process: edit each section, then review it."),
            lambda: actions.do_generate_case_record(request.user, process),
        )
    ):
        return redirect("learning:case_edit", process.slug)
    draft = actions.current_draft(process)
    context: dict[str, Any] = {
        "process": process,
        "form": form,
        "draft": draft,
        "sections": _headed(draft) if draft else [],
        "changed_since_review": bool(
            draft and draft.reviewed_at and draft.reviewed_sha256 != actions.text_sha256(draft)
        ),
        "published": CaseRecord.objects.filter(process=process, published_at__isnull=False)
        .select_related("entry")
        .order_by("-published_at"),
        "may_publish": can(request.user, Action.PUBLISH_CASE_RECORD, process),
    }
    return render(request, "learning/case_record.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def case_edit(request: HttpRequest, slug: str) -> HttpResponse:
    """Edit the draft's sections and choices (saving changed text clears its review)."""
    process = _process(request, slug)
    draft = actions.current_draft(process)
    if draft is None:
        return redirect("learning:case_record", process.slug)
    form = CaseRecordForm(_posted(request), initial=CaseRecordForm.initial_for(draft))
    if (
        request.method == "POST"
        and form.is_valid()
        and attempt(
            request,
            form,
            gettext("The case record is saved."),
            lambda: actions.do_edit_case_record(request.user, process, **form.edits()),
        )
    ):
        return redirect("learning:case_record", process.slug)
    return render(
        request, "learning/case_edit.html", {"process": process, "draft": draft, "form": form}
    )


@login_required
@require_http_methods(["GET", "POST"])
def case_review(request: HttpRequest, slug: str) -> HttpResponse:
    """Review every name found in the draft and what replaces it; saving marks it reviewed."""
    process = _process(request, slug)
    draft = actions.current_draft(process)
    if draft is None:
        return redirect("learning:case_record", process.slug)
    texts = actions.texts_of(draft)
    known = known_names_for_process(process, draft.place, draft.region)
    terms = proposed_terms(texts, known, kept=draft.redaction_terms)
    formset = term_formset(terms, _posted(request))
    problem = Form(_posted(request))
    if request.method == "POST" and formset.is_valid() and problem.is_valid():
        reviewed = terms_from(formset)
        if attempt(
            request,
            problem,
            gettext("The review is saved: the record may now be published as shown."),
            lambda: actions.do_review_case_record(request.user, process, terms=reviewed),
        ):
            return redirect("learning:case_publish", process.slug)
        terms = reviewed
    context = {
        "process": process,
        "draft": draft,
        "formset": formset,
        "problem": problem,
        "counts": occurrences(texts, terms),
        "summary": kind_summary(terms),
        "previews": [(heading, highlighted(text, terms)) for heading, text in _headed(draft)],
    }
    return render(request, "learning/case_review.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def case_publish(request: HttpRequest, slug: str) -> HttpResponse:
    """The record exactly as the library will show it, and (for the lead) publishing it."""
    process = _process(request, slug)
    draft = actions.current_draft(process)
    if draft is None:
        return redirect("learning:case_record", process.slug)
    may_publish = can(request.user, Action.PUBLISH_CASE_RECORD, process)
    form = ConfirmForm(_posted(request))
    if request.method == "POST":
        if not may_publish:
            raise PermissionDenied(Action.PUBLISH_CASE_RECORD.value)
        if form.is_valid() and attempt(
            request,
            form,
            gettext("The case record is published in the library."),
            lambda: actions.do_publish_case_record(request.user, process),
        ):
            return redirect("learning:case_record", process.slug)
    terms = draft.redaction_terms
    context = {
        "process": process,
        "draft": draft,
        "form": form,
        "may_publish": may_publish,
        "reviewed": draft.reviewed_at is not None
        and draft.reviewed_sha256 == actions.text_sha256(draft),
        "title": anonymised(draft.title, terms),
        "sections": [(heading, anonymised(text, terms)) for heading, text in _headed(draft)[1:]],
        "figures": actions.published_figures(draft.figures),
        "where": actions.published_location(draft),
    }
    return render(request, "learning/case_publish.html", context)


@login_required
@require_safe
def case_json(request: HttpRequest, slug: str) -> HttpResponse:
    """The draft as JSON for the team (names and all: it is not anonymised)."""
    process = _process(request, slug)
    draft = actions.current_draft(process)
    if draft is None:
        return redirect("learning:case_record", process.slug)
    data = {
        "format": "minipublic-case-draft-1",
        "title": draft.title,
        "sections": {key: draft.sections.get(key, "") for key in SECTION_KEYS},
        "figures": draft.figures,
        "pressures": draft.pressures,
        "outcome": draft.outcome,
        "location": {
            "place": draft.place,
            "region": draft.region,
            "country": draft.country,
            "shown": draft.location,
        },
        "licence": draft.licence,
        "reviewed": draft.reviewed_at is not None,
    }
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="{process.slug}-case-draft.json"'
    return response
