"""The library's entries in the shape of the public case databases (Participedia's case
fields), as JSON and CSV. The field mapping is documented in docs/learning.md.

Only what the library page shows leaves: never a withdrawn entry, never the author's
account (only the label they published under), never a process the author did not
choose to link, nor one the visitor could not read.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from typing import Any

from django.urls import reverse

from minipublic.integrity.uploads import spreadsheet_safe
from minipublic.learning.library_models import LibraryEntry, LibraryMaterial
from minipublic.learning.library_pressures import pressure_label
from minipublic.processes.labels import MODEL_LABELS

FORMAT = "minipublic-library-case/1"

# Participedia's case body sections, and the library section each one is taken from.
BODY_FIELDS: tuple[tuple[str, str], ...] = (
    ("problems_and_purpose", "purpose"),
    ("background_history_and_context", "context"),
    ("organizing_supporting_and_funding_entities", "organisers"),
    ("participant_recruitment_and_selection", "recruitment"),
    ("methods_and_tools_used", "methods"),
    ("what_went_on", "process"),
    ("influence_outcomes_and_effects", "outcomes"),
    ("analysis_and_lessons_learned", "lessons"),
)

CSV_COLUMNS: tuple[str, ...] = (
    "id",
    "url",
    "title",
    "description",
    *(name for name, _ in BODY_FIELDS),
    "country",
    "region",
    "start_year",
    "model",
    "model_label",
    "pressures",
    "outcome",
    "licence",
    "licence_url",
    "published_by",
    "published_at",
    "process_url",
)

# Builds an absolute address from a path; the views pass request.build_absolute_uri.
Absolute = Callable[[str], str]
# Whether the visitor may read the linked process (the author chose to link it).
ProcessUrl = Callable[[LibraryEntry], str]


def case(entry: LibraryEntry, absolute: Absolute, process_url: ProcessUrl) -> dict[str, Any]:
    """One entry as a Participedia-like case."""
    sections = entry.sections if isinstance(entry.sections, dict) else {}
    model_label = MODEL_LABELS.get(entry.model)  # type: ignore[call-overload]
    return {
        "id": entry.public_id,
        "type": "case",
        "url": absolute(reverse("learning:library_entry", args=[entry.public_id])),
        "title": entry.title,
        "description": str(sections.get("summary", "")),
        "body": {name: str(sections.get(key, "")) for name, key in BODY_FIELDS},
        "location": {"country": entry.country, "region": entry.region},
        "start_year": entry.year,
        "model": entry.model,
        "model_label": str(model_label) if model_label else entry.model,
        "pressures": [{"key": key, "label": pressure_label(key)} for key in entry.pressures],
        "outcome": entry.outcome,
        "outcome_label": str(entry.get_outcome_display()),
        "figures": entry.figures,
        "licence": entry.licence,
        "licence_url": entry.licence_deed,
        "published_by": entry.author_label,
        "published_at": entry.published_at.isoformat(),
        "process_url": process_url(entry) or None,
        "materials": [_material(entry, material, absolute) for material in entry.materials.all()],
    }


def _material(entry: LibraryEntry, material: LibraryMaterial, absolute: Absolute) -> dict[str, Any]:
    return {
        "title": material.title,
        "kind": material.kind,
        "licence": material.licence,
        "licence_url": material.licence_deed,
        "filename": material.filename,
        "content_type": material.content_type,
        "size": material.size,
        "sha256": material.sha256,
        "url": absolute(reverse("learning:library_material", args=[entry.public_id, material.pk])),
    }


def collection(cases: list[dict[str, Any]]) -> dict[str, Any]:
    """The JSON document of several cases."""
    return {"format": FORMAT, "count": len(cases), "cases": cases}


def csv_text(cases: Iterable[dict[str, Any]]) -> str:
    """The cases as CSV, one row each (pressures as "key; key"), safe to open in a spreadsheet."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for item in cases:
        flat = {
            **{key: item[key] for key in ("id", "url", "title", "description")},
            **item["body"],
            "country": item["location"]["country"],
            "region": item["location"]["region"],
            "start_year": item["start_year"] or "",
            "model": item["model"],
            "model_label": item["model_label"],
            "pressures": "; ".join(p["key"] for p in item["pressures"]),
            "outcome": item["outcome"],
            "licence": item["licence"],
            "licence_url": item["licence_url"],
            "published_by": item["published_by"],
            "published_at": item["published_at"],
            "process_url": item["process_url"] or "",
        }
        writer.writerow([spreadsheet_safe(flat[column]) for column in CSV_COLUMNS])
    return out.getvalue()
