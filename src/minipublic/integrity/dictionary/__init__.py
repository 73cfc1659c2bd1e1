"""The data dictionary of the open-data bundle: every file, and every public ledger event.

The human page is ``/p/<slug>/record/dictionary/``; the same content is
``dictionary.json`` inside every bundle (``dictionary_bytes``). A test fails when the
code emits an event this catalogue does not describe, or a demo entry carries a payload
field it does not list.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from minipublic.integrity.dictionary import (
    events_attendance,
    events_contact,
    events_outcomes,
    events_process,
    events_recommendations,
    events_room,
    events_selection,
    events_support,
)
from minipublic.integrity.dictionary.fields import FIELDS
from minipublic.integrity.dictionary.types import EventType
from minipublic.ledger import BUNDLE_FORMAT, LEDGER_FORMAT
from minipublic.ledger.verify import DICTIONARY, LEDGER, MANIFEST

#: The dictionary's own format, written into dictionary.json.
DICTIONARY_FORMAT = "minipublic-dictionary-1"

#: Every event, by name, in the order the dictionary lists them.
EVENTS: dict[str, EventType] = {
    event.name: event
    for module in (
        events_process,
        events_selection,
        events_room,
        events_recommendations,
        events_outcomes,
        events_attendance,
        events_contact,
        events_support,
    )
    for event in module.EVENTS
}

__all__ = ["DICTIONARY_FORMAT", "EVENTS", "EventType", "dictionary_bytes", "dictionary_data"]


@dataclass(frozen=True)
class Described:
    """A name and what it means."""

    name: str
    meaning: Promise


FILES: tuple[Described, ...] = (
    Described(
        MANIFEST,
        _(
            "The bundle's format, the process's short name, the head hash (the last entry's "
            "hash), the export time (UTC) and the SHA-256 of every other file."
        ),
    ),
    Described(
        LEDGER,
        _(
            "The public ledger: one entry per line, in canonical JSON (sorted keys, no "
            "spaces, UTF-8), oldest first. Its fields are described below."
        ),
    ),
    Described(
        DICTIONARY,
        _(
            "This data dictionary, in JSON: the files, the entry fields, the roles and every "
            "event with its fields. Listed in the manifest with its hash, so a changed copy is "
            "caught; it is documentation, not part of the record."
        ),
    ),
    Described(
        "documents/",
        _(
            "Every published document (terms, briefings, reports, responses, selection "
            "files…), each registered by a document.published entry (or another entry with "
            "a document field) holding its path and SHA-256; the file must match."
        ),
    ),
)

ENTRY_FIELDS: tuple[Described, ...] = (
    Described("format", format_lazy(_("The ledger format ({format})."), format=LEDGER_FORMAT)),
    Described("sequence", _("The entry's number: 0 for the first, then 1, 2, 3…")),
    Described("time", _("When it was recorded, UTC to the second (YYYY-MM-DDTHH:MM:SSZ).")),
    Described(
        "actor_role",
        _(
            "The role in which whoever acted did so (never their name): a role of the "
            "process, or system (the operator), anonymous, or staff."
        ),
    ),
    Described("event", _("What happened: one of the events below.")),
    Described(
        "payload",
        _(
            'The event\'s fields. A private field holds {"redacted": sha256(salt + '
            "canonical(value))} instead of its value: the database keeps the value and salt, "
            "so it can be revealed and checked later, but it cannot be guessed."
        ),
    ),
    Described("previous", _("The hash of the entry before (64 zeros for the first).")),
    Described(
        "hash",
        _(
            "The SHA-256 of this entry in canonical JSON without its hash field: changing, "
            "removing or reordering any entry breaks every hash after it."
        ),
    ),
)


def field_meaning(event: EventType, name: str) -> Promise | str:
    """What field ``name`` of ``event`` means (its own wording, else the glossary's)."""
    return event.meanings.get(name) or FIELDS.get(name) or ""


def dictionary_data() -> dict[str, Any]:
    """The dictionary as plain JSON-ready data, in English."""
    with override("en"):
        return {
            "format": DICTIONARY_FORMAT,
            "bundle_format": BUNDLE_FORMAT,
            "ledger_format": LEDGER_FORMAT,
            "files": [{"path": f.name, "meaning": str(f.meaning)} for f in FILES],
            "entry_fields": [{"name": f.name, "meaning": str(f.meaning)} for f in ENTRY_FIELDS],
            "events": [
                {
                    "event": event.name,
                    "title": str(event.title),
                    "meaning": str(event.meaning),
                    "in_feed": event.feed,
                    "fields": [
                        {"name": name, "private": False, "meaning": str(field_meaning(event, name))}
                        for name in event.fields
                    ]
                    + [
                        {"name": name, "private": True, "meaning": str(field_meaning(event, name))}
                        for name in event.private
                    ],
                }
                for event in EVENTS.values()
            ],
        }


def dictionary_bytes() -> bytes:
    """``dictionary.json`` as written into every bundle (stable: sorted keys, UTF-8)."""
    text = json.dumps(dictionary_data(), sort_keys=True, indent=2, ensure_ascii=False)
    return (text + "\n").encode("utf-8")
