"""The codebook: categories of codes with their definitions, read from versioned TOML.

The seed codebook (``codebooks/seed.toml``) holds the deductive codes of the research paper
behind minipublic; projects copy it and add inductive codes. ``parse_codebook`` checks a
codebook and says exactly what is wrong (the field and the entry) when it is not valid.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Any

from minipublic.coded_error import CodedError

_KEY = re.compile(r"^[a-z][a-z0-9_]*$")
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


class CodebookError(CodedError):
    """A codebook file is not valid; the message names the entry and field."""


@dataclass(frozen=True)
class Code:
    """A codable code: ``key`` is ``<category>.<name>``."""

    key: str
    name: str
    definition: str


@dataclass(frozen=True)
class Category:
    """A theme grouping codes; not codable itself."""

    key: str
    name: str
    definition: str
    colour: str
    codes: tuple[Code, ...]


@dataclass(frozen=True)
class Codebook:
    """A versioned set of categories and their codes."""

    version: int
    name: str
    source: str
    categories: tuple[Category, ...]

    def code_keys(self) -> list[str]:
        """Every codable key, in the codebook's order."""
        return [code.key for category in self.categories for code in category.codes]


def _text(entry: dict[str, Any], field: str, where: str) -> str:
    value = entry.get(field)
    if not isinstance(value, str) or not value.strip():
        raise CodebookError(
            "codebook_field",
            "{where}: '{field}' must be a non-empty text.",
            where=where,
            field=field,
        )
    return value.strip()


def _code(entry: Any, category: str, where: str) -> Code:
    if not isinstance(entry, dict):
        raise CodebookError("codebook_entry", "{where} must be a table.", where=where)
    key = _text(entry, "key", where)
    prefix, dot, rest = key.partition(".")
    if prefix != category or not dot or not _KEY.match(rest):
        raise CodebookError(
            "codebook_key",
            "{where}: key {key!r} must be '{category}.<lower_case_name>'.",
            where=where,
            key=key,
            category=category,
        )
    return Code(key, _text(entry, "name", where), _text(entry, "definition", where))


def _category(entry: Any, where: str) -> Category:
    if not isinstance(entry, dict):
        raise CodebookError("codebook_entry", "{where} must be a table.", where=where)
    key = _text(entry, "key", where)
    if not _KEY.match(key):
        raise CodebookError(
            "codebook_key",
            "{where}: key {key!r} must be lower case letters, digits and _.",
            where=where,
            key=key,
        )
    colour = _text(entry, "colour", where)
    if not _COLOUR.match(colour):
        raise CodebookError(
            "codebook_colour",
            "{where}: colour {colour!r} must look like #1b7837.",
            where=where,
            colour=colour,
        )
    raw_codes = entry.get("code", [])
    if not isinstance(raw_codes, list) or not raw_codes:
        raise CodebookError("codebook_empty", "{where} has no [[category.code]].", where=where)
    codes = tuple(_code(c, key, f"{where}, code {n}") for n, c in enumerate(raw_codes, 1))
    return Category(
        key, _text(entry, "name", where), _text(entry, "definition", where), colour, codes
    )


def parse_codebook(text: str, origin: str = "codebook") -> Codebook:
    """Read and check a codebook written in TOML; raise CodebookError naming the problem."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise CodebookError(
            "codebook_toml", "{origin} is not valid TOML: {detail}", origin=origin, detail=error
        ) from None
    version = data.get("version")
    if not isinstance(version, int) or version < 1:
        raise CodebookError(
            "codebook_version", "{origin}: 'version' must be a whole number from 1.", origin=origin
        )
    raw = data.get("category", [])
    if not isinstance(raw, list) or not raw:
        raise CodebookError("codebook_empty", "{origin} has no [[category]].", origin=origin)
    categories = tuple(_category(c, f"{origin}, category {n}") for n, c in enumerate(raw, 1))
    seen: set[str] = set()
    for category in categories:
        for key in (category.key, *(code.key for code in category.codes)):
            if key in seen:
                raise CodebookError(
                    "codebook_duplicate",
                    "{origin}: key {key!r} is used twice.",
                    origin=origin,
                    key=key,
                )
            seen.add(key)
    return Codebook(version, _text(data, "name", origin), _text(data, "source", origin), categories)


def seed_codebook() -> Codebook:
    """The seed codebook shipped with minipublic."""
    text = resources.files("minipublic.qda").joinpath("codebooks/seed.toml").read_text("utf-8")
    return parse_codebook(text, "seed.toml")
