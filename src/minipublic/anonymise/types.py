"""The values the anonymiser works with."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    """What a finding names."""

    PERSON = "person"
    ORGANISATION = "organisation"
    PLACE = "place"
    CONTACT = "contact"  # e-mail addresses, telephone numbers, web addresses


@dataclass(frozen=True)
class KnownName:
    """A name the caller knows is in play (a member, the commissioner, the town), with the
    role label that should replace it, e.g. ``[the commissioner]``."""

    text: str
    kind: Kind
    label: str


@dataclass(frozen=True)
class KnownNames:
    """Every name the caller knows about (may be empty)."""

    names: tuple[KnownName, ...] = ()


@dataclass(frozen=True)
class Finding:
    """One occurrence of a name in a text: ``text[start:end]``.

    ``label`` is the suggested replacement, ``rule`` says why it was found (``known``
    for the caller's lists, otherwise the name of the pattern), so the reviewer can judge.
    """

    start: int
    end: int
    text: str
    kind: Kind
    label: str
    rule: str


@dataclass(frozen=True)
class Replacement:
    """A reviewed decision: every occurrence of ``term`` becomes ``label``."""

    term: str
    kind: Kind
    label: str
