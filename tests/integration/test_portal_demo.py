"""The demo's portals, feeds and record as ``minipublic demo`` loads them: every entry of
every demo ledger is described by the data dictionary, field by field; the climate
assembly and the parks jury show their funding."""

from __future__ import annotations

from django.test import Client

from minipublic.integrity.dictionary import EVENTS
from minipublic.integrity.models import LedgerEntry
from minipublic.processes.models import Process


def test_every_demo_entry_is_described_field_by_field(db: None, demo_db: None) -> None:
    undescribed: dict[str, set[str]] = {}
    for entry in LedgerEntry.objects.only("event", "payload", "private_fields"):
        event = EVENTS.get(entry.event)
        if event is None:
            undescribed.setdefault(entry.event, set()).add("(the event itself)")
            continue
        listed = set(event.fields) | set(event.private)
        extra = set(entry.payload) - listed
        if extra:
            undescribed.setdefault(entry.event, set()).update(extra)
    assert not undescribed, undescribed


def test_the_demo_portals_show_funding_and_the_feed(db: None, demo_db: None) -> None:
    client = Client()
    climate = client.get("/p/demo/").content.decode()
    funding = climate.partition('<section id="funding"')[2].partition("</section>")[0]
    assert "Riverford Community Foundation" in funding
    assert "GBP 180,000.00" in funding
    assert "Common Ground Deliberation CIC" in funding
    assert 'type="application/atom+xml" href="/p/demo/updates.atom"' in climate
    parks = client.get("/p/demo-parks-jury/").content.decode()
    assert "Riverford City Council, Parks and Leisure" in parks
    assert "GBP 95,000.00" in parks
    feed = client.get("/p/demo/updates.atom")
    assert feed.status_code == 200
    assert feed.content.count(b"<entry>") == 50  # the latest fifty updates
    # The climate assembly's first statement and its correction are both in the record.
    process = Process.objects.get(slug="demo")
    versions = LedgerEntry.objects.filter(process=process, event="process.funding_set")
    assert [len(e.payload["sources"]) for e in versions.order_by("sequence")] == [1, 3]
    # No participant's name on the public portal.
    names = ("Amina Hassan", "Margaret Osei", "participant1", "juror1")
    for page in (climate, parks):
        assert not [name for name in names if name in page]
