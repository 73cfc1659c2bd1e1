"""What the practitioners do with a case record: generate, edit, review, publish.

Nothing here writes to the process's public ledger except publishing a record that its
author chose to link to the process (``learning.case_published``): a draft, a review or
an unlinked publication leaves no trace there that could tie the library entry back.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext

from minipublic import clock
from minipublic.anonymise import Location, generalise_location, suppress_count
from minipublic.integrity.record import append
from minipublic.learning.case_generate import PRESSURE_KEYS, draft_from_process
from minipublic.learning.case_models import SECTION_KEYS, CaseRecord, LocationChoice
from minipublic.learning.library_models import LibraryEntry, Licence, Outcome
from minipublic.learning.redaction import Term, anonymised
from minipublic.lifecycle import Action, LifecycleError
from minipublic.processes.access import Actor, performs
from minipublic.processes.actions import _actor_role, _person
from minipublic.processes.models import Process

SECTION_LIMIT = 20_000
TITLE_LIMIT = 200
#: Figures groups whose counts are suppressed when published (sizes and days are not).
COUNTED_GROUPS = ("appraisal", "responses", "funding")


def current_draft(process: Process) -> CaseRecord | None:
    """The process's case record being written, if any."""
    return CaseRecord.objects.filter(process=process, published_at__isnull=True).first()


def texts_of(record: CaseRecord) -> list[str]:
    """Every text of ``record`` the review covers: the title, then each section."""
    return [record.title, *(record.sections.get(key, "") for key in SECTION_KEYS)]


def text_sha256(record: CaseRecord) -> str:
    """A hash of the reviewed texts: a change after the review shows as a new hash."""
    return hashlib.sha256(json.dumps(texts_of(record)).encode()).hexdigest()


def _draft(process: Process) -> CaseRecord:
    record = current_draft(process)
    if record is None:
        raise LifecycleError(
            "case_no_draft", "This process has no case record being written: start one first."
        )
    return record


@performs(Action.WRITE_CASE_RECORD)
def do_generate_case_record(actor: Actor, process: Process) -> CaseRecord:
    """Start the process's case record from what the platform holds (one draft at a time)."""
    if current_draft(process) is not None:
        raise LifecycleError(
            "case_draft_exists", "A case record is already being written for this process."
        )
    now = clock.now()
    fields = draft_from_process(process)
    try:
        with transaction.atomic():
            return CaseRecord.objects.create(
                process=process,
                created_at=now,
                updated_at=now,
                created_by=_person(actor),
                **fields,
            )
    except IntegrityError as error:  # a concurrent start won the race
        raise LifecycleError(
            "case_draft_exists", "A case record is already being written for this process."
        ) from error


def _checked_sections(sections: Mapping[str, str]) -> dict[str, str]:
    unknown = sorted(set(sections) - set(SECTION_KEYS))
    if unknown:
        raise LifecycleError(
            "case_unknown_section", "Unknown section(s): {sections}.", sections=", ".join(unknown)
        )
    cleaned = {key: (sections.get(key) or "").strip() for key in SECTION_KEYS}
    too_long = [key for key, text in cleaned.items() if len(text) > SECTION_LIMIT]
    if too_long:
        raise LifecycleError(
            "case_section_too_long",
            "A section has at most {limit} characters: shorten {sections}.",
            limit=SECTION_LIMIT,
            sections=", ".join(too_long),
        )
    if not cleaned["summary"]:
        raise LifecycleError(
            "case_summary_empty", "Write the summary: it is what the library lists first."
        )
    if not any(cleaned[key] for key in SECTION_KEYS if key != "summary"):
        raise LifecycleError(
            "case_sections_empty", "Write at least one section besides the summary."
        )
    return cleaned


@performs(Action.WRITE_CASE_RECORD)
def do_edit_case_record(
    actor: Actor,
    process: Process,
    *,
    title: str,
    sections: Mapping[str, str],
    pressures: Sequence[str],
    outcome: str,
    place: str,
    region: str,
    country: str,
    location: str,
    licence: str,
    link_process: bool,
) -> CaseRecord:
    """Save the draft's text and choices; a change of its text clears the review."""
    record = _draft(process)
    title = " ".join(title.split())
    if not title or len(title) > TITLE_LIMIT:
        raise LifecycleError(
            "case_title_invalid", "Give a title of 1 to {limit} characters.", limit=TITLE_LIMIT
        )
    unknown = sorted(set(pressures) - set(PRESSURE_KEYS))
    if unknown:
        raise LifecycleError(
            "case_unknown_pressure", "Unknown pressure(s): {keys}.", keys=", ".join(unknown)
        )
    if outcome not in Outcome.values or licence not in Licence.values:
        raise LifecycleError(
            "case_choice_invalid", "Choose an outcome and a licence from the lists."
        )
    if location not in LocationChoice.values:
        raise LifecycleError(
            "case_location_invalid", "Choose how precisely to show the location from the list."
        )
    before = text_sha256(record)
    record.title = title
    record.sections = _checked_sections(sections)
    if text_sha256(record) != before:
        record.reviewed_at = None
        record.reviewed_by = None
        record.reviewed_sha256 = ""
    record.pressures = [key for key in PRESSURE_KEYS if key in set(pressures)]
    record.outcome = outcome
    record.place, record.region, record.country = place.strip(), region.strip(), country.strip()
    record.location = location
    record.licence = licence
    record.link_process = link_process
    record.updated_at = clock.now()
    record.save()
    return record


@performs(Action.WRITE_CASE_RECORD)
def do_review_case_record(actor: Actor, process: Process, *, terms: Sequence[Term]) -> CaseRecord:
    """Save the reviewed names and their labels: the draft's current text is reviewed."""
    record = _draft(process)
    record.redaction_terms = [dict(term) for term in terms]
    record.reviewed_at = clock.now()
    record.reviewed_by = _person(actor)
    record.reviewed_sha256 = text_sha256(record)
    record.updated_at = record.reviewed_at
    record.save()
    return record


def _suppressed(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, int | dict | list):
        return value
    if isinstance(value, int):
        return suppress_count(value)
    if isinstance(value, dict):
        return {key: _suppressed(item) for key, item in value.items()}
    return [_suppressed(item) for item in value]


def published_figures(figures: Mapping[str, Any]) -> dict[str, Any]:
    """The figures as the library shows them: counts under the threshold suppressed, the
    register counted by pressure and outcome, and the months of each phase dropped."""
    published: dict[str, Any] = {
        "size": dict(figures.get("size", {})),
        "duration": {k: v for k, v in figures.get("duration", {}).items() if k != "phases"},
        "conformance": {
            k: v for k, v in figures.get("conformance", {}).items() if k != "failing_gates"
        },
    }
    for group in COUNTED_GROUPS:
        published[group] = _suppressed(figures.get(group, {}))
    published["register"] = [
        {**row, "count": suppress_count(row["count"])} for row in figures.get("register", [])
    ]
    return published


def published_location(record: CaseRecord) -> Location:
    """Where the record says the process took place, as generalised by its author."""
    location = Location(record.place, record.region, record.country)
    return generalise_location(location, record.location)


def _check_publishable(record: CaseRecord) -> None:
    if record.reviewed_at is None:
        raise LifecycleError(
            "case_not_reviewed",
            "Review the names in the record before publishing: nothing leaves unreviewed.",
        )
    if record.reviewed_sha256 != text_sha256(record):
        raise LifecycleError(
            "case_changed_since_review",
            "The record changed after its review: review the names again, then publish.",
        )
    needed = {"exact": record.place, "region": record.region, "country": record.country}
    if not needed[record.location].strip() or not record.country.strip():
        raise LifecycleError(
            "case_location_missing",
            "Give the country, and the {level} you chose to show, before publishing.",
            level=record.location,
        )


@performs(Action.PUBLISH_CASE_RECORD)
def do_publish_case_record(actor: Actor, process: Process) -> LibraryEntry:
    """Publish the reviewed draft in the library, anonymised, and close the draft."""
    record = _draft(process)
    _check_publishable(record)
    terms = record.redaction_terms
    sections = {
        key: anonymised(record.sections[key], terms)
        for key in SECTION_KEYS
        if record.sections.get(key, "").strip()
    }
    title = anonymised(record.title, terms)
    where = published_location(record)
    now = clock.now()
    entry = LibraryEntry.objects.create(
        public_id=secrets.token_hex(6),
        title=title,
        model=process.model,
        country=where.country,
        region=where.region,
        place=where.place,
        year=process.created_at.year,
        sections=sections,
        figures=published_figures(record.figures),
        pressures=list(record.pressures),
        outcome=record.outcome,
        licence=record.licence,
        search_text=" ".join([title, *sections.values()]).lower(),
        author=_person(actor),
        author_label=gettext("the process's lead practitioner"),
        published_at=now,
        process=process if record.link_process else None,
    )
    record.published_at = now
    record.published_by = _person(actor)
    record.entry = entry
    record.updated_at = now
    record.save()
    if record.link_process:
        role = _actor_role(actor, process, Action.PUBLISH_CASE_RECORD)
        append(
            process,
            role,
            "learning.case_published",
            {"public_id": entry.public_id, "title": entry.title},
        )
    return entry
