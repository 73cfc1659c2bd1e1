"""JSON endpoints of the public record: the register, declarations, documents, the ledger.

They show exactly what the public integrity page shows, to whoever may read the process,
as machine-readable values (codes, not labels), so that journalists and watchdogs can
follow a process and note its head hash automatically.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.db.models import Count
from django.http import HttpRequest
from django.urls import reverse
from ninja import Router, Schema

from minipublic.api.auth import READ_AUTH, caller
from minipublic.api.schemas import ErrorOut
from minipublic.integrity.declarations import public_declarations
from minipublic.integrity.models import Document, Incident
from minipublic.integrity.record import entries, head, public_entries
from minipublic.integrity.release import release_held_reports
from minipublic.lifecycle import Action
from minipublic.processes.access import access_process_for_user
from minipublic.processes.models import Process

router = Router(tags=["integrity"])
_ERRORS: dict[int, type[ErrorOut]] = {401: ErrorOut, 404: ErrorOut}


class PublishedIncidentOut(Schema):
    """A published incident: its register number and only the parts oversight published."""

    number: int
    parts: dict[str, str]


class DeclarationOut(Schema):
    """A current declaration of interest by an expert or a member of staff."""

    name: str
    role: str
    kind: str
    details: str
    declared_on: date
    corrects_declaration_of: date | None


class DocumentOut(Schema):
    """A published document, with the hash the ledger registered."""

    title: str
    kind: str
    path: str
    sha256: str
    size: int
    content_type: str
    published_at: datetime
    replaces: str | None
    url: str


class IntegrityOut(Schema):
    """The public integrity record of a process."""

    slug: str
    head: str
    entries: int
    incidents_total: int
    incidents_by_target: dict[str, int]
    incidents_by_status: dict[str, int]
    published_incidents: list[PublishedIncidentOut]
    declarations: list[DeclarationOut]
    documents: list[DocumentOut]
    bundle_url: str


def _readable_process(request: HttpRequest, slug: str) -> Process:
    process = access_process_for_user(caller(request), slug, Action.VIEW_PROCESS)
    release_held_reports(process)
    return process


def _part(incident: Incident, part: str) -> str:
    value = getattr(incident, part)
    return value.isoformat() if isinstance(value, date) else str(value)


@router.get(
    "/processes/{slug}/integrity",
    response={200: IntegrityOut, **_ERRORS},
    auth=READ_AUTH,
    summary="Read the public integrity record of a process",
)
def get_integrity(request: HttpRequest, slug: str) -> IntegrityOut:
    """Published incidents (only their published parts), counts, declarations, documents."""
    process = _readable_process(request, slug)
    incidents = Incident.objects.filter(process=process, held=False)
    by_target = incidents.values("target").annotate(n=Count("pk")).values_list("target", "n")
    by_status = incidents.values("status").annotate(n=Count("pk")).values_list("status", "n")
    published = incidents.filter(published=True).exclude(number=None).order_by("number")
    documents = Document.objects.filter(process=process).defer("content").order_by("pk")
    return IntegrityOut(
        slug=process.slug,
        head=head(process),
        entries=entries(process).count(),
        incidents_total=incidents.count(),
        incidents_by_target=dict(by_target),
        incidents_by_status=dict(by_status),
        published_incidents=[
            PublishedIncidentOut(
                number=incident.number or 0,
                parts={part: _part(incident, part) for part in incident.published_parts},
            )
            for incident in published
        ],
        declarations=[
            DeclarationOut(
                name=declaration.name,
                role=declaration.role,
                kind=declaration.kind,
                details=declaration.details,
                declared_on=declaration.declared_on,
                corrects_declaration_of=(
                    declaration.supersedes.declared_on if declaration.supersedes else None
                ),
            )
            for declaration in public_declarations(process)
        ],
        documents=[
            DocumentOut(
                title=document.title,
                kind=document.kind,
                path=document.path,
                sha256=document.sha256,
                size=document.size,
                content_type=document.content_type,
                published_at=document.published_at,
                replaces=document.replaces.path if document.replaces_id else None,  # type: ignore[union-attr]
                url=request.build_absolute_uri(
                    reverse(
                        "integrity:document",
                        args=[process.slug, document.path.removeprefix("documents/")],
                    )
                ),
            )
            for document in documents.select_related("replaces")
        ],
        bundle_url=request.build_absolute_uri(reverse("integrity:bundle", args=[process.slug])),
    )


@router.get(
    "/processes/{slug}/ledger",
    response={200: list[dict[str, Any]], **_ERRORS},
    auth=READ_AUTH,
    summary="Read the public ledger of a process",
)
def get_ledger(request: HttpRequest, slug: str) -> list[dict[str, Any]]:
    """Every public ledger entry, oldest first, exactly as ledger.jsonl holds them."""
    return public_entries(_readable_process(request, slug))
