"""The member evaluation questionnaire as versioned data files, and their validation.

Each instrument is one TOML file in ``standards/questionnaires/``: its items (demographic
questions first, then the questions), their answer scales, which items are asked both at
the start and at the end of a process ("X2" in the OECD's annex), and which items show
their answer options in a random order. Every item may be skipped: no scale has a
required answer. The wording of an item is data, never code, so that it can be kept
exactly as its source wrote it; ``sha256`` fingerprints the file, and a round of answers
records the fingerprint of the instrument it asked.

Two instruments ship: ``oecd-2021-annex-c`` (the OECD member questionnaire; its question
wording could not be verified yet, so it has no items and ``usable`` is False) and
``minipublic-interim`` (minipublic's own wording, labelled as such). Framework-free.
"""

from __future__ import annotations

import hashlib
import random
import tomllib
from dataclasses import dataclass
from enum import StrEnum
from importlib import resources
from typing import Any

from minipublic.standards.errors import StandardsError

#: The version of the file format this module reads.
FORMAT = 1
#: The instrument new rounds use unless the practitioner picks another usable one.
DEFAULT_INSTRUMENT = "minipublic-interim"
_PACKAGE = "minipublic.standards"
_FOLDER = "questionnaires"


class ItemKind(StrEnum):
    """Demographic questions come first; then the evaluation questions."""

    DEMOGRAPHIC = "demographic"
    QUESTION = "question"


class Wording(StrEnum):
    """Whose words the items are."""

    OECD = "OECD"
    MINIPUBLIC = "minipublic"


class Moment(StrEnum):
    """When a round asks: at the start (X2 items and demographics) or at the end (all)."""

    START = "start"
    END = "end"


@dataclass(frozen=True)
class Option:
    """One answer. An ``anchor`` (e.g. "Don't know") keeps its place at the end."""

    key: str
    label: str
    anchor: bool = False


@dataclass(frozen=True)
class Item:
    """One question with its answer options, in the instrument's own order."""

    key: str
    kind: ItemKind
    text: str
    options: tuple[Option, ...]
    x2: bool = False
    randomise: bool = False

    def option(self, key: str) -> Option | None:
        """The option called ``key``, or None."""
        return next((option for option in self.options if option.key == key), None)


@dataclass(frozen=True)
class Instrument:
    """A whole questionnaire, as one file describes it."""

    key: str
    version: str
    title: str
    wording: Wording
    complete: bool
    source: str
    url: str
    instructions: tuple[str, ...]
    missing: str
    items: tuple[Item, ...]
    sha256: str

    @property
    def usable(self) -> bool:
        """Whether a round may ask it: complete, with at least one question."""
        return self.complete and any(item.kind is ItemKind.QUESTION for item in self.items)

    def items_for(self, moment: Moment) -> tuple[Item, ...]:
        """The items a round asks: all at the end; demographics and X2 items at the start."""
        if moment is Moment.END:
            return self.items
        return tuple(item for item in self.items if item.kind is ItemKind.DEMOGRAPHIC or item.x2)

    def item(self, key: str) -> Item | None:
        """The item called ``key``, or None."""
        return next((item for item in self.items if item.key == key), None)


def _problem(name: str, where: str, message: str, **params: Any) -> StandardsError:
    return StandardsError(
        "questionnaire_invalid",
        "{file}: {where}: " + message,
        file=name,
        where=where,
        **params,
    )


def _text(data: dict[str, Any], field: str, name: str, where: str, *, blank: bool = False) -> str:
    value = data.get(field, "" if blank else None)
    if not isinstance(value, str) or (not blank and not value.strip()):
        raise _problem(name, where, "'{field}' must be a non-empty text.", field=field)
    return value.strip()


def _options(raw: object, name: str, where: str) -> tuple[Option, ...]:
    if not isinstance(raw, list) or len(raw) < 2:
        raise _problem(name, where, "a scale needs a list of at least two options.")
    options: list[Option] = []
    for index, entry in enumerate(raw, start=1):
        place = f"{where}, option {index}"
        if not isinstance(entry, dict):
            raise _problem(name, place, "an option is a table with a key and a label.")
        anchor = entry.get("anchor", False)
        if not isinstance(anchor, bool):
            raise _problem(name, place, "'anchor' must be true or false.")
        options.append(
            Option(_text(entry, "key", name, place), _text(entry, "label", name, place), anchor)
        )
    keys = [option.key for option in options]
    if len(set(keys)) != len(keys):
        raise _problem(name, where, "two options share a key.")
    return tuple(options)


def _flag(data: dict[str, Any], field: str, name: str, where: str) -> bool:
    value = data.get(field, False)
    if not isinstance(value, bool):
        raise _problem(name, where, "'{field}' must be true or false.", field=field)
    return value


def _items(raw: object, scales: dict[str, tuple[Option, ...]], name: str) -> tuple[Item, ...]:
    if not isinstance(raw, list):
        raise _problem(name, "items", "'items' must be a list of tables ([[items]]).")
    items: list[Item] = []
    for index, data in enumerate(raw, start=1):
        where = f"item {index}"
        if not isinstance(data, dict):
            raise _problem(name, where, "an item is a table ([[items]]).")
        key = _text(data, "key", name, where)
        where = f"item {index} ({key})"
        try:
            kind = ItemKind(str(data.get("kind")))
        except ValueError:
            raise _problem(name, where, "'kind' must be 'demographic' or 'question'.") from None
        scale = _text(data, "scale", name, where)
        if scale not in scales:
            raise _problem(name, where, "no scale called '{scale}'.", scale=scale)
        x2 = _flag(data, "x2", name, where)
        if x2 and kind is ItemKind.DEMOGRAPHIC:
            raise _problem(
                name, where, "demographic items are always asked; 'x2' is for questions."
            )
        if kind is ItemKind.DEMOGRAPHIC and items and items[-1].kind is ItemKind.QUESTION:
            raise _problem(name, where, "demographic items come before the questions.")
        text = _text(data, "text", name, where)
        items.append(
            Item(key, kind, text, scales[scale], x2, _flag(data, "randomise", name, where))
        )
    keys = [item.key for item in items]
    duplicates = sorted({key for key in keys if keys.count(key) > 1})
    if duplicates:
        raise _problem(name, "items", "item keys repeat: {keys}.", keys=", ".join(duplicates))
    return tuple(items)


def parse_instrument(content: bytes, name: str) -> Instrument:
    """Read one instrument file's ``content``; ``name`` is used in error messages.

    Raises StandardsError ``questionnaire_invalid`` naming the file, the item or option,
    and the field at fault.
    """
    try:
        data = tomllib.loads(content.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise _problem(name, "file", "not valid UTF-8 TOML ({error}).", error=str(error)) from None
    if data.get("format") != FORMAT:
        raise _problem(name, "format", "this reader knows format {format}.", format=FORMAT)
    status = data.get("status")
    if status not in ("complete", "incomplete"):
        raise _problem(name, "status", "'status' must be 'complete' or 'incomplete'.")
    try:
        wording = Wording(str(data.get("wording")))
    except ValueError:
        raise _problem(name, "wording", "'wording' must be 'OECD' or 'minipublic'.") from None
    raw_scales = data.get("scales", {})
    if not isinstance(raw_scales, dict):
        raise _problem(name, "scales", "'scales' must be a table of scales.")
    scales = {
        key: _options(scale.get("options") if isinstance(scale, dict) else None, name, key)
        for key, scale in raw_scales.items()
    }
    instructions = data.get("instructions", [])
    if not isinstance(instructions, list) or not all(isinstance(i, str) for i in instructions):
        raise _problem(name, "instructions", "'instructions' must be a list of texts.")
    items = _items(data.get("items", []), scales, name)
    complete = status == "complete"
    missing = _text(data, "missing", name, "missing", blank=True)
    if not complete and not missing:
        raise _problem(name, "missing", "an incomplete instrument says what is missing.")
    return Instrument(
        key=_text(data, "key", name, "key"),
        version=_text(data, "version", name, "version"),
        title=_text(data, "title", name, "title"),
        wording=wording,
        complete=complete,
        source=_text(data, "source", name, "source"),
        url=_text(data, "url", name, "url", blank=True),
        instructions=tuple(instructions),
        missing=missing,
        items=items,
        sha256=hashlib.sha256(content).hexdigest(),
    )


def instruments() -> dict[str, Instrument]:
    """Every instrument shipped with minipublic, by key."""
    found: dict[str, Instrument] = {}
    for entry in sorted((resources.files(_PACKAGE) / _FOLDER).iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            instrument = parse_instrument(entry.read_bytes(), entry.name)
            found[instrument.key] = instrument
    return found


def instrument(key: str) -> Instrument:
    """The shipped instrument called ``key``."""
    found = instruments().get(key)
    if found is None:
        raise StandardsError(
            "questionnaire_unknown", "No member questionnaire is called {key}.", key=key
        )
    return found


def option_order(item: Item, seed: bytes) -> tuple[Option, ...]:
    """``item``'s options in the order one respondent sees them.

    Items marked ``randomise`` are shuffled by ``seed`` (the same seed gives the same
    order, so a reload does not reshuffle); anchors ("Don't know", "Something else")
    stay last, in their own order. Other items keep the instrument's order.
    """
    if not item.randomise:
        return item.options
    moving = [option for option in item.options if not option.anchor]
    anchors = [option for option in item.options if option.anchor]
    digest = hashlib.sha256(seed + b"\x00" + item.key.encode("utf-8")).digest()
    # Presentation order, not a secret: a seeded PRNG is what makes it reproducible.
    random.Random(int.from_bytes(digest, "big")).shuffle(moving)  # noqa: S311
    return (*moving, *anchors)
