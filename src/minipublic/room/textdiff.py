"""A word-by-word comparison of two versions of a text, for showing what a revision changed.

Framework-free: the ``deliberation`` app shows the pieces as inserted and deleted text.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

# Words and the spaces between them, so that joining the pieces gives the text back.
_TOKENS = re.compile(r"\s+|\S+")


@dataclass(frozen=True)
class Piece:
    """A run of text that is the ``same`` in both versions, ``added`` or ``removed``."""

    kind: str
    text: str


def word_diff(old: str, new: str) -> list[Piece]:
    """The pieces that turn ``old`` into ``new``, in reading order.

    Joining the ``same`` and ``removed`` pieces gives ``old`` back; joining the ``same``
    and ``added`` pieces gives ``new``. A replaced run shows its removed words first.
    """
    before, after = _TOKENS.findall(old), _TOKENS.findall(new)
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    pieces: list[Piece] = []

    def put(kind: str, tokens: list[str]) -> None:
        if not tokens:
            return
        text = "".join(tokens)
        if pieces and pieces[-1].kind == kind:
            pieces[-1] = Piece(kind, pieces[-1].text + text)
        else:
            pieces.append(Piece(kind, text))

    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            put("same", before[a1:a2])
            continue
        put("removed", before[a1:a2])
        put("added", after[b1:b2])
    return pieces


def changed_words(pieces: list[Piece]) -> tuple[int, int]:
    """How many words the pieces add and remove (spaces not counted)."""
    added = sum(len(p.text.split()) for p in pieces if p.kind == "added")
    removed = sum(len(p.text.split()) for p in pieces if p.kind == "removed")
    return added, removed
