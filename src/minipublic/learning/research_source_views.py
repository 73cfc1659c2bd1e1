"""Research sources: uploading a transcript, reviewing its anonymisation, and coding a
reviewed source paragraph by paragraph (docs/learning.md)."""

from __future__ import annotations

import re
from itertools import pairwise

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST

from minipublic.learning import research_actions as actions
from minipublic.learning.redaction import (
    highlighted,
    kind_summary,
    occurrences,
    term_formset,
    terms_from,
)
from minipublic.learning.research_forms import CodingForm, UploadForm
from minipublic.learning.research_models import CodedExcerpt, ResearchProject, ResearchSource
from minipublic.learning.research_views import member_project
from minipublic.processes.error_text import attempt
from minipublic.qda.transcripts import MAX_BYTES, paragraphs


def _source(research: ResearchProject, source_id: int) -> ResearchSource:
    return get_object_or_404(ResearchSource, pk=source_id, project=research)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def upload(request: HttpRequest, project_id: int) -> HttpResponse:
    """Upload a transcript; it waits, private and uncodable, for its anonymisation review."""
    research = member_project(request, project_id)
    form = UploadForm(*((request.POST, request.FILES) if request.method == "POST" else ()))
    if request.method == "POST" and form.is_valid():
        upload_file = form.cleaned_data["file"]
        name = upload_file.name or "transcript"
        created: list[ResearchSource] = []
        if upload_file.size is not None and upload_file.size > MAX_BYTES:
            content = b"\0" * (MAX_BYTES + 1)  # refused by size without reading it all
        else:
            content = upload_file.read(MAX_BYTES + 1)
        if attempt(
            request,
            form,
            gettext("{name} is uploaded. Review its anonymisation before coding it.").format(
                name=name
            ),
            lambda: created.append(
                actions.do_upload_transcript(
                    request.user,
                    research,
                    name=form.cleaned_data["name"],
                    filename=name,
                    content=content,
                    known_names=form.cleaned_data["known_names"],
                )
            ),
        ):
            return redirect("learning:research_review", research.pk, created[0].pk)
    context = {"project": research, "form": form, "max_mb": MAX_BYTES // 1_000_000}
    return render(
        request, "learning/research_upload.html", context, status=400 if form.errors else 200
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def review(request: HttpRequest, project_id: int, source_id: int) -> HttpResponse:
    """Review every replacement; confirming stores the anonymised text and deletes the original."""
    research = member_project(request, project_id)
    source = _source(research, source_id)
    if source.reviewed_at is not None:
        return redirect("learning:research_source", research.pk, source.pk)
    terms = source.redaction_terms
    formset = term_formset(terms, request.POST if request.method == "POST" else None)
    error = ""
    if request.method == "POST" and formset.is_valid():
        terms = terms_from(formset)
        if "confirm" in request.POST:
            holder = UploadForm()
            if attempt(
                request,
                holder,
                gettext(
                    "The anonymised text of {name} is stored and the original deleted. "
                    "You can code it now."
                ).format(name=source.name),
                lambda: actions.do_review_source(request.user, research, source, terms=terms),
            ):
                return redirect("learning:research_source", research.pk, source.pk)
            error = " ".join(str(e) for e in holder.non_field_errors())
        source.redaction_terms = terms
        source.save(update_fields=["redaction_terms"])
        formset = term_formset(terms)
    context = {
        "project": research,
        "source": source,
        "formset": formset,
        "counts": occurrences([source.original_text], terms),
        "previews": [(source.name, highlighted(source.original_text, terms))],
        "summary": kind_summary(terms),
        "error": error,
    }
    failed = request.method == "POST" and (not formset.is_valid() or error)
    return render(request, "learning/research_review.html", context, status=400 if failed else 200)


def _marked(text: str, start: int, end: int, excerpts: list[CodedExcerpt]) -> SafeString:
    """``text[start:end]`` as HTML with every coded stretch marked."""
    cuts = {start, end}
    for excerpt in excerpts:
        if excerpt.start < end and start < excerpt.end:
            cuts |= {max(start, excerpt.start), min(end, excerpt.end)}
    points = sorted(cuts)
    pieces = []
    for left, right in pairwise(points):
        coded = any(e.start <= left and right <= e.end for e in excerpts)
        template = '<mark class="coded">{}</mark>' if coded else "{}"
        pieces.append(format_html(template, text[left:right]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece is escaped by format_html


def _find(paragraph: str, words: str) -> tuple[int, int] | None:
    """Where ``words`` occur in ``paragraph`` (first occurrence; spacing may differ)."""
    parts = words.split()
    if not parts:
        return None
    match = re.search(r"\s+".join(re.escape(part) for part in parts), paragraph)
    return (match.start(), match.end()) if match else None


def _span(source: ResearchSource, form: CodingForm) -> tuple[int, int] | None:
    spans = paragraphs(source.text)
    number = form.cleaned_data["paragraph"]
    if number > len(spans):
        form.add_error(
            "paragraph",
            gettext("There are only {count} paragraphs.").format(count=len(spans)),
        )
        return None
    start, end = spans[number - 1]
    words = form.cleaned_data["words"].strip()
    if not words:
        return start, end
    found = _find(source.text[start:end], words)
    if found is None:
        form.add_error(
            "words",
            gettext("Those words are not in paragraph {number}. Copy them exactly from it.").format(
                number=number
            ),
        )
        return None
    return start + found[0], start + found[1]


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def source_page(request: HttpRequest, project_id: int, source_id: int) -> HttpResponse:
    """A source in numbered paragraphs, its coded excerpts, and the coding form."""
    research = member_project(request, project_id)
    source = _source(research, source_id)
    if not source.codable:
        return redirect("learning:research_review", research.pk, source.pk)
    form = CodingForm(request.POST or None, project=research)
    if request.method == "POST" and form.is_valid():
        span = _span(source, form)
        if span is not None and attempt(
            request,
            form,
            gettext("The excerpt is coded."),
            lambda: actions.do_code_excerpt(
                request.user,
                research,
                source,
                start=span[0],
                end=span[1],
                codes=list(form.cleaned_data["codes"]),
                memo=form.cleaned_data["memo"],
            ),
        ):
            return redirect("learning:research_source", research.pk, source.pk)
    excerpts = list(source.excerpts.prefetch_related("codes").select_related("coder"))
    numbered = [
        (number, _marked(source.text, start, end, excerpts))
        for number, (start, end) in enumerate(paragraphs(source.text), 1)
    ]
    context = {
        "project": research,
        "source": source,
        "paragraphs": numbered,
        "excerpts": excerpts,
        "form": form,
    }
    return render(
        request, "learning/research_source.html", context, status=400 if form.errors else 200
    )


@login_required
@require_POST
def uncode(request: HttpRequest, project_id: int, excerpt_id: int) -> HttpResponse:
    """Remove a coded excerpt."""
    research = member_project(request, project_id)
    excerpt = CodedExcerpt.objects.filter(pk=excerpt_id, source__project=research).first()
    if excerpt is None:
        raise Http404(excerpt_id)
    source_id = excerpt.source_id
    actions.do_uncode(request.user, research, excerpt)
    return redirect("learning:research_source", research.pk, source_id)
