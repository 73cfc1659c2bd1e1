"""docs/learning.md's research section agrees with the addresses, the size limit and the
CLI command it names."""

from __future__ import annotations

import re
from pathlib import Path

from django.urls import resolve

from minipublic.learning import research_urls
from minipublic.qda.transcripts import MAX_BYTES

DOCS = Path(__file__).resolve().parents[2] / "docs"
_SAMPLE = {"<id>": "7", "<source>": "3", "<excerpt>": "5"}


def _section() -> str:
    text = (DOCS / "learning.md").read_text()
    start = text.index("\n## Research projects (thematic coding)\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else None]


def test_every_documented_address_is_a_research_page_and_every_page_is_documented() -> None:
    documented = re.findall(r"^\| `(/research/[^`]*)` \|", _section(), re.MULTILINE)
    names = set()
    for address in documented:
        for placeholder, value in _SAMPLE.items():
            address = address.replace(placeholder, value)
        match = resolve(address)
        assert match.app_name == "learning", address
        names.add(match.url_name)
    assert names == {pattern.name for pattern in research_urls.urlpatterns}


def test_the_size_limit_and_commands_are_stated() -> None:
    section = _section()
    assert f"at most **{MAX_BYTES // 1_000_000} MB**" in section
    assert (
        "the original text is\ndeleted" in section or "**the original text is\ndeleted**" in section
    )
    assert "minipublic researchers grant USERNAME" in section
    assert "urn:QDA-XML:project:1.0" in section
