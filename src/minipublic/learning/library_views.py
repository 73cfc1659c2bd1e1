"""The public pages of the case library: the searchable list, one entry, its materials'
downloads and the exports in the shape of the public case databases. No sign-in needed."""

from __future__ import annotations

import json
from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from minipublic.integrity.uploads import download
from minipublic.learning import library_export, library_search
from minipublic.learning.library_actions import is_author, may_share
from minipublic.learning.library_labels import SECTION_HEADINGS, figure_label
from minipublic.learning.library_models import LibraryEntry, LibraryMaterial
from minipublic.learning.library_pressures import pressure_group, pressure_label
from minipublic.lifecycle import Action
from minipublic.processes.access import can

PAGE_SIZE = 20


@require_safe
def library(request: HttpRequest) -> HttpResponse:
    """The published entries, searched and filtered by the GET form, a page at a time."""
    chosen = library_search.criteria(request.GET)
    entries = library_search.matching(chosen)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    keep = request.GET.copy()
    keep.pop("page", None)
    context = {
        "page": page,
        "entries": page.object_list,
        "chosen": chosen,
        "facets": library_search.facets(chosen),
        "filtered": bool(chosen),
        "query_without_page": keep.urlencode(),
        "total": library_search.published().count(),
    }
    return render(request, "learning/library_list.html", context)


def _entry(public_id: str) -> LibraryEntry:
    return get_object_or_404(LibraryEntry, public_id=public_id)


def _withdrawn(request: HttpRequest, entry: LibraryEntry) -> HttpResponse:
    return render(request, "learning/library_withdrawn.html", {"entry": entry}, status=410)


def linked_process_url(request: HttpRequest, entry: LibraryEntry) -> str:
    """The address of the process the author chose to link, if the visitor may read it."""
    if entry.process is None or not can(request.user, Action.VIEW_PROCESS, entry.process):
        return ""
    return reverse("portal:process", args=[entry.process.slug])


@require_safe
def entry(request: HttpRequest, public_id: str) -> HttpResponse:
    """One entry: its sections, figures, pressures, outcome, licence and materials."""
    found = _entry(public_id)
    if found.is_withdrawn:
        return _withdrawn(request, found)
    pressures = [
        {"key": key, "label": pressure_label(key), "group": pressure_group(key)}
        for key in found.pressures
    ]
    context = {
        "entry": found,
        "sections": [(_section_heading(key), text) for key, text in found.ordered_sections()],
        "figures": _figures(found.figures),
        "pressures": pressures,
        "materials": found.materials.all(),
        "process_url": linked_process_url(request, found),
        "may_share": may_share(request.user, found),
        "may_withdraw": is_author(request.user, found)
        or can(request.user, Action.MODERATE_LIBRARY),
    }
    return render(request, "learning/library_entry.html", context)


@require_safe
def material(request: HttpRequest, public_id: str, material_id: int) -> HttpResponse:
    """Download one shared material (never rendered inline)."""
    found = _entry(public_id)
    if found.is_withdrawn:
        return _withdrawn(request, found)
    shared = get_object_or_404(LibraryMaterial, pk=material_id, entry=found)
    return download(shared.filename, shared.content_type, bytes(shared.content), private=False)


def _cases(request: HttpRequest, entries: Any) -> list[dict[str, Any]]:
    return [
        library_export.case(
            item,
            request.build_absolute_uri,
            lambda linked: (
                request.build_absolute_uri(url)
                if (url := linked_process_url(request, linked))
                else ""
            ),
        )
        for item in entries.select_related("process").prefetch_related("materials")
    ]


@require_safe
def entry_json(request: HttpRequest, public_id: str) -> HttpResponse:
    """One entry as a Participedia-like case (JSON); 410 once withdrawn."""
    found = _entry(public_id)
    if found.is_withdrawn:
        gone = {"id": found.public_id, "withdrawn": True, "reason": found.withdrawn_reason}
        return JsonResponse(gone, status=410)
    [item] = _cases(request, LibraryEntry.objects.filter(pk=found.pk))
    return _json(item, f"{found.public_id}.json")


@require_safe
def export_json(request: HttpRequest) -> HttpResponse:
    """Every published entry as Participedia-like cases (JSON)."""
    cases = _cases(request, library_search.published())
    return _json(library_export.collection(cases), "library.json")


@require_safe
def export_csv(request: HttpRequest) -> HttpResponse:
    """Every published entry as Participedia-like cases (CSV, one row each)."""
    text = library_export.csv_text(_cases(request, library_search.published()))
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="library.csv"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _json(data: dict[str, Any], filename: str) -> HttpResponse:
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _section_heading(key: str) -> str:
    return str(SECTION_HEADINGS.get(key, key))


def _figures(figures: Any) -> list[tuple[str, str]]:
    if not isinstance(figures, dict):
        return []
    return [(figure_label(str(key)), _figure_value(value)) for key, value in figures.items()]


def _figure_value(value: Any) -> str:
    if isinstance(value, dict):
        return "; ".join(f"{key}: {_figure_value(inner)}" for key, inner in value.items())
    if isinstance(value, list):
        return ", ".join(_figure_value(inner) for inner in value)
    return str(value)
