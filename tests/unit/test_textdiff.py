"""The word diff that shows what a revision of a table summary changed: each side is
rebuilt exactly from its pieces, and the changes are minimal where that is obvious."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from minipublic.room.textdiff import Piece, changed_words, word_diff

_WORDS = st.lists(
    st.sampled_from(["the", "table", "agreed", "did", "not", "agree", "buses", "\n\n", "  "]),
    max_size=30,
).map(" ".join)


def _side(pieces: list[Piece], kind: str) -> str:
    return "".join(p.text for p in pieces if p.kind in ("same", kind))


@given(_WORDS, _WORDS)
def test_each_version_is_rebuilt_from_its_pieces(old: str, new: str) -> None:
    pieces = word_diff(old, new)
    assert _side(pieces, "removed") == old
    assert _side(pieces, "added") == new
    # Neighbouring pieces always differ in kind (runs are merged).
    assert all(a.kind != b.kind for a, b in pairwise(pieces))


@given(_WORDS)
def test_an_unchanged_text_has_no_change(text: str) -> None:
    pieces = word_diff(text, text)
    assert all(p.kind == "same" for p in pieces)
    assert changed_words(pieces) == (0, 0)


def test_a_replaced_word_shows_as_removed_then_added() -> None:
    pieces = word_diff("Our table agreed on buses.", "Our table did not agree on buses.")
    assert pieces == [
        Piece("same", "Our table "),
        Piece("removed", "agreed"),
        Piece("added", "did not agree"),
        Piece("same", " on buses."),
    ]
    assert changed_words(pieces) == (3, 1)
