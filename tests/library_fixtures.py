"""Library entries for tests, created directly (the case-record part publishes them in
the product)."""

from __future__ import annotations

import itertools
from datetime import timedelta
from typing import Any

from minipublic import clock
from minipublic.accounts.models import User
from minipublic.learning.library_models import LibraryEntry, Licence, Outcome
from minipublic.lifecycle import ProcessModel

_numbers = itertools.count(1)


def make_entry(author: User | None, **fields: Any) -> LibraryEntry:
    """A published entry by ``author``; ``fields`` override the defaults."""
    number = next(_numbers)
    values: dict[str, Any] = {
        "public_id": f"case-{number:04d}",
        "title": f"A citizens' jury on buses, number {number}",
        "model": ProcessModel.CITIZENS_JURY,
        "country": "Scotland",
        "region": "Highlands",
        "year": 2024,
        "sections": {
            "summary": "Sixteen residents weighed bus routes for a small town.",
            "purpose": "[the commissioner] asked how to keep rural routes running.",
            "lessons": "Agree the editing rules of the report before the first session.",
        },
        "figures": {"members": 16, "register_entries": "fewer than 5"},
        "pressures": ["steer.report_content"],
        "outcome": Outcome.NO_RESPONSE,
        "licence": Licence.CC_BY,
        "author": author,
        "author_label": "A lead practitioner",
        "published_at": clock.now() - timedelta(days=number),
    }
    values.update(fields)
    return LibraryEntry.objects.create(**values)
