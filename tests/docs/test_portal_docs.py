"""docs/portal.md agrees with the code: its addresses are real pages, its anchors are the
portal's sections, its table of app sections is ``portal.sections.SECTIONS``, and the
index links it."""

from __future__ import annotations

import re
from pathlib import Path

from django.urls import Resolver404, resolve

from minipublic.portal.sections import SECTIONS
from tests.cast import Cast

DOCS = Path(__file__).resolve().parents[2] / "docs"
TEXT = (DOCS / "portal.md").read_text(encoding="utf-8")
# The report and responses pages are the contract URLs, built by their own parts.
ELSEWHERE = {"/p/riverside/report/"}


def _addresses() -> set[str]:
    found = set(re.findall(r"`(/p/<slug>/[^`#\s]*)", TEXT))
    return {address.replace("<slug>", "riverside") for address in found}


def test_every_documented_address_is_a_page(public_cast: Cast) -> None:
    client = public_cast.client("lead_practitioner")
    addresses = _addresses() - ELSEWHERE
    assert len(addresses) >= 15, addresses
    for address in sorted(addresses):
        if "<" in address:
            continue  # a pattern such as #entry-<number>
        try:
            resolve(address)
        except Resolver404:
            raise AssertionError(f"docs/portal.md names {address}, which is no page") from None
        assert client.get(address).status_code == 200, address


def test_every_documented_anchor_is_a_section_of_the_portal(public_cast: Cast) -> None:
    page = public_cast.client("anonymous").get("/p/riverside/").content.decode()
    anchors = set(re.findall(r"\| `#([a-z-]+)` \|", TEXT))
    assert len(anchors) == 15
    for anchor in anchors:
        assert f'<section id="{anchor}"' in page, anchor


def test_the_app_sections_table_is_the_registry() -> None:
    rows = re.findall(r"\| (.+?) \| `(minipublic\.[a-z_.]+)` \| `([a-z_/]+\.html)` \|", TEXT)
    assert [(str(s.heading), s.module, s.template) for s in SECTIONS] == rows


def test_the_index_links_the_portal_page() -> None:
    assert "](portal.md)" in (DOCS / "index.md").read_text(encoding="utf-8")
