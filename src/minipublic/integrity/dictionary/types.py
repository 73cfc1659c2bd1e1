"""What the data dictionary says about one kind of ledger entry."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.utils.functional import Promise


@dataclass(frozen=True)
class EventType:
    """One event of the public ledger.

    ``fields`` are the payload's public fields, ``private`` those the ledger publishes
    only as a salted commitment (``{"redacted": …}``); a field's meaning comes from the
    shared glossary (``fields.FIELDS``) unless ``meanings`` gives one for this event.
    ``link`` is the page the Atom feed links an entry to: a URL name taking the process's
    slug, optionally with ``#anchor``. ``feed`` is False for routine entries (each timer
    press, each member accepting their terms) that would drown the feed; they stay in the
    integrity page's log and in the bundle.
    """

    name: str
    title: Promise
    meaning: Promise
    fields: tuple[str, ...] = ()
    private: tuple[str, ...] = ()
    meanings: Mapping[str, Promise] = field(default_factory=dict)
    link: str = "portal:integrity"
    feed: bool = True
