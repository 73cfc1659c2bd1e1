"""Every word a template shows is marked for translation."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import minipublic

TEMPLATES = sorted(Path(minipublic.__file__).parent.glob("**/templates/**/*.html"))

_BLOCK_TRANSLATE = re.compile(r"{%\s*blocktranslate.*?{%\s*endblocktranslate\s*%}", re.S)
_TAG = re.compile(r"{%.*?%}|{{.*?}}|{#.*?#}", re.S)
_HTML = re.compile(r"<!--.*?-->|<[^>]+>", re.S)


def untranslated_text(source: str) -> list[str]:
    """Words left once translated blocks, template tags, variables and HTML are removed."""
    text = _BLOCK_TRANSLATE.sub(" ", source)
    text = _TAG.sub(" ", text)
    text = _HTML.sub(" ", text)
    text = re.sub(r"&[a-z]+;|&#x?[0-9a-f]+;", " ", text)
    return re.findall(r"[^\W\d_][\w'\u2019]*", text)


def test_the_checker_finds_bare_words() -> None:
    assert untranslated_text("<p>Hello {{ name }}</p>") == ["Hello"]
    assert untranslated_text('<p>{% translate "Hello" %}</p>') == []


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda path: path.name)
def test_template_has_no_untranslated_text(template: Path) -> None:
    assert untranslated_text(template.read_text()) == []


def test_templates_are_found() -> None:
    assert len(TEMPLATES) >= 10
