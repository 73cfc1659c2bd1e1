"""The Atom feed of a public process's updates, made from its public ledger.

Each entry of the ledger whose event the data dictionary marks for the feed becomes an
item: the event's human title, the time it was recorded, the role that acted, the public
fields of its payload (private ones never), and a link to the page where it shows. Its
id points at the entry in the integrity page's public log. Routine entries (each timer
press, each member accepting their terms) stay out; the log and the bundle have them all.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from minipublic.integrity.dictionary import EVENTS
from minipublic.integrity.models import LedgerEntry
from minipublic.lifecycle import Action
from minipublic.portal.acting import acting_as
from minipublic.processes.access import access_process_for_user
from minipublic.processes.models import Process

#: How many of the latest updates the feed carries.
FEED_SIZE = 50
#: The events the feed carries.
FEED_EVENTS = tuple(name for name, event in EVENTS.items() if event.feed)
_VALUE_MAX = 300


def feed_entries(process: Process, limit: int = FEED_SIZE) -> list[LedgerEntry]:
    """The latest ``limit`` ledger entries of ``process`` that belong in its feed, newest first."""
    rows = LedgerEntry.objects.filter(process=process, event__in=FEED_EVENTS)
    return list(
        rows.only("sequence", "time", "actor_role", "event", "payload", "private_fields").order_by(
            "-sequence"
        )[:limit]
    )


def entry_title(entry: LedgerEntry) -> str:
    """The human title of ``entry``'s event (its code if the dictionary lacks it)."""
    event = EVENTS.get(entry.event)
    return str(event.title) if event is not None else entry.event


def entry_url(process: Process, entry: LedgerEntry) -> str:
    """The page (path) where what ``entry`` records can be read."""
    event = EVENTS.get(entry.event)
    target = event.link if event is not None else "portal:integrity"
    name, _hash, anchor = target.partition("#")
    path = reverse(name, args=[process.slug])
    return f"{path}#{anchor}" if anchor else path


def entry_time(entry: LedgerEntry) -> datetime:
    """When ``entry`` was recorded."""
    return datetime.strptime(entry.time, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


def public_fields(entry: LedgerEntry) -> list[tuple[str, str]]:
    """The entry's public payload fields as (name, short text), private ones left out."""
    private = set(entry.private_fields)
    shown = []
    for name, value in entry.payload.items():
        if name in private or value in (None, "", [], {}):
            continue
        text = value if isinstance(value, str) else _compact(value)
        if len(text) > _VALUE_MAX:
            text = text[: _VALUE_MAX - 1] + "…"
        shown.append((name, text))
    return shown


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


@require_safe
def updates_feed(request: HttpRequest, slug: str) -> HttpResponse:
    """``/p/<slug>/updates.atom``: a public process's updates; 404 for a private one.

    A new feed object per request: it keeps the request and the process while it draws.
    """
    response: HttpResponse = ProcessUpdatesFeed()(request, slug=slug)
    return response


class ProcessUpdatesFeed(Feed):  # type: ignore[type-arg]
    """The feed of one process (one object per request: see ``updates_feed``)."""

    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, slug: str) -> Process:
        """The process, if it is public (a feed reader has no session to sign in with)."""
        process = access_process_for_user(request.user, slug, Action.VIEW_PROCESS)
        if not process.is_public:
            raise Http404(slug)
        self.request = request
        return process

    def title(self, obj: Process) -> str:
        """The feed's title."""
        return _("%(title)s: updates") % {"title": obj.title}

    def link(self, obj: Process) -> str:
        """The process's portal."""
        return reverse("portal:process", args=[obj.slug])

    def subtitle(self, obj: Process) -> str:
        """What the feed carries."""
        return _(
            "What changed in %(title)s, from its public record: phases, funding, selection, "
            "witnesses, materials, the parking lot, the integrity register and more."
        ) % {"title": obj.title}

    def feed_url(self, obj: Process) -> str:
        """The feed's own address."""
        return reverse("portal:feed", args=[obj.slug])

    def items(self, obj: Process) -> list[LedgerEntry]:
        """The latest updates, newest first."""
        self._process = obj
        return feed_entries(obj)

    def item_title(self, item: LedgerEntry) -> str:
        """The event's human title."""
        return entry_title(item)

    def item_description(self, item: LedgerEntry) -> str:
        """What the event means and its public fields, as a little HTML (escaped)."""
        event = EVENTS.get(item.event)
        meaning = format_html("<p>{}</p>", event.meaning) if event is not None else ""
        fields = format_html_join("", "<li><code>{}</code>: {}</li>", public_fields(item))
        return str(meaning) + (str(format_html("<ul>{}</ul>", fields)) if fields else "")

    def item_link(self, item: LedgerEntry) -> str:
        """The page where it shows."""
        return entry_url(self._process, item)

    def item_guid(self, item: LedgerEntry) -> str:
        """The entry in the public log (stable: an entry never changes)."""
        path = reverse("portal:integrity", args=[self._process.slug])
        return self.request.build_absolute_uri(f"{path}#entry-{item.sequence}")

    item_guid_is_permalink = False

    def item_pubdate(self, item: LedgerEntry) -> datetime:
        """When it was recorded."""
        return entry_time(item)

    def item_updateddate(self, item: LedgerEntry) -> datetime:
        """Entries never change: updated when recorded."""
        return entry_time(item)

    def item_author_name(self, item: LedgerEntry) -> str:
        """The role that acted (never a name)."""
        return acting_as(item.actor_role)
