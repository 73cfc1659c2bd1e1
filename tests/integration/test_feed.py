"""The Atom feed of a public process's updates, from its public ledger."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime

from minipublic.integrity.actions import do_report_incident
from minipublic.lifecycle import Phase
from minipublic.processes import actions
from minipublic.processes.access import SYSTEM
from minipublic.processes.funding import FunderLine, Funding, do_set_funding
from tests.cast import Cast

FEED = "/p/riverside/updates.atom"
ATOM = "{http://www.w3.org/2005/Atom}"
SECRET = "The deputy leader rang me at home about table 3."


def _story(cast: Cast) -> None:
    lead = cast.users["lead_practitioner"]
    do_set_funding(
        lead,
        cast.process,
        Funding(sources=(FunderLine("Riverside Council", "commissioner", "Everything."),)),
    )
    do_report_incident(
        cast.users["facilitator"],
        cast.process,
        what_happened=SECRET,
        pressure_source="politician",
        target="participant_contact",
        severity="medium",
    )
    actions.do_change_phase(SYSTEM, cast.process, Phase.RECRUITMENT, "Remit agreed.")


def _feed(cast: Cast) -> ET.Element:
    response = cast.client("anonymous").get(FEED)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)  # noqa: S314 - our own output


def test_the_feed_is_valid_atom_with_one_entry_per_public_update(public_cast: Cast) -> None:
    _story(public_cast)
    feed = _feed(public_cast)
    assert feed.tag == f"{ATOM}feed"
    assert feed.findtext(f"{ATOM}title") == "Riverside Citizens' Assembly: updates"
    assert feed.findtext(f"{ATOM}id")
    datetime.fromisoformat(feed.findtext(f"{ATOM}updated") or "")
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert links["self"].endswith(FEED)
    assert links["alternate"].endswith("/p/riverside/")

    entries = feed.findall(f"{ATOM}entry")
    titles = [entry.findtext(f"{ATOM}title") for entry in entries]
    assert titles[:3] == [
        "The process moved to another phase",
        "An attempt to steer the process was reported",
        "The funding statement changed",
    ]
    assert "The process was created" in titles
    # Routine entries stay out: members joining, terms accepted.
    assert "A role was given" not in titles
    assert "Someone accepted their terms of engagement" not in titles

    ids = [entry.findtext(f"{ATOM}id") for entry in entries]
    assert len(set(ids)) == len(ids)
    assert all("/p/riverside/integrity/#entry-" in (i or "") for i in ids)
    times = [datetime.fromisoformat(entry.findtext(f"{ATOM}updated") or "") for entry in entries]
    assert times == sorted(times, reverse=True)
    for entry in entries:
        assert entry.find(f"{ATOM}link") is not None
        assert entry.findtext(f"{ATOM}author/{ATOM}name")

    funding = entries[2]
    assert funding.find(f"{ATOM}link").get("href", "").endswith("/p/riverside/#funding")  # type: ignore[union-attr]
    assert "Riverside Council" in (funding.findtext(f"{ATOM}summary") or "")


def test_the_feed_never_carries_a_private_field(public_cast: Cast) -> None:
    _story(public_cast)
    text = public_cast.client("anonymous").get(FEED).content.decode()
    assert "deputy leader" not in text
    assert "reporter" not in text
    assert "what_happened" not in text


def test_every_link_of_the_feed_opens(public_cast: Cast) -> None:
    _story(public_cast)
    client = public_cast.client("anonymous")
    for entry in _feed(public_cast).findall(f"{ATOM}entry"):
        href = entry.find(f"{ATOM}link").get("href", "")  # type: ignore[union-attr]
        path = href.partition("testserver")[2].partition("#")[0]
        assert client.get(path).status_code == 200, href


def test_the_portal_advertises_the_feed(public_cast: Cast) -> None:
    page = public_cast.client("anonymous").get("/p/riverside/").content.decode()
    assert f'<link rel="alternate" type="application/atom+xml" href="{FEED}"' in page
    assert f'href="{FEED}">Follow the updates' in page


def test_a_private_process_has_no_feed(cast: Cast) -> None:
    for who in ("anonymous", "outsider", "participant", "lead_practitioner"):
        assert cast.client(who).get(FEED).status_code == 404, who
