"""The data dictionary of a process's open-data bundle: a page and its JSON twin."""

from __future__ import annotations

from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from minipublic.integrity.dictionary import (
    ENTRY_FIELDS,
    EVENTS,
    FILES,
    dictionary_bytes,
    field_meaning,
)
from minipublic.integrity.document_views import bundle_name
from minipublic.integrity.models import LedgerEntry
from minipublic.lifecycle import Action
from minipublic.processes.access import access_process_for_user


@require_safe
def dictionary(request: HttpRequest, slug: str) -> HttpResponse:
    """Every file of the bundle and every event of the record, with its fields' meanings,
    and how many entries of each event this process's record holds."""
    process = access_process_for_user(request.user, slug, Action.VIEW_PROCESS)
    counts = dict(
        LedgerEntry.objects.filter(process=process)
        .values("event")
        .annotate(n=Count("pk"))
        .values_list("event", "n")
    )
    events = [
        {
            "event": event,
            "count": counts.get(name, 0),
            "fields": [(field, field_meaning(event, field), False) for field in event.fields]
            + [(field, field_meaning(event, field), True) for field in event.private],
        }
        for name, event in EVENTS.items()
    ]
    context = {
        "process": process,
        "files": FILES,
        "entry_fields": ENTRY_FIELDS,
        "events": events,
        "bundle_name": bundle_name(process),
    }
    return render(request, "portal/dictionary.html", context)


@require_safe
def dictionary_json(request: HttpRequest, slug: str) -> HttpResponse:
    """The same dictionary as the bundle's dictionary.json."""
    access_process_for_user(request.user, slug, Action.VIEW_PROCESS)
    return HttpResponse(dictionary_bytes(), content_type="application/json; charset=utf-8")
