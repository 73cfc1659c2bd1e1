"""Reading transcripts: types by extension and content, encodings, paragraphs."""

from __future__ import annotations

import io

import docx
import pytest

from minipublic.qda.transcripts import MAX_BYTES, TranscriptError, paragraphs, read_transcript


def test_utf8_and_cp1252_text_are_read_with_their_encoding() -> None:
    utf8 = read_transcript("a.txt", "Naïve café — “quoted”\r\nNext".encode())
    assert (utf8.text, utf8.encoding) == ("Naïve café — “quoted”\nNext", "utf-8")
    legacy = "Interviewer: the commissioner\u2019s résumé — naïve, “steered” as ever.\n" * 5
    read = read_transcript("b.TXT", legacy.encode("cp1252"))
    assert read.text == legacy.strip()
    assert read.encoding == "cp1252"


def test_docx_paragraphs_become_text() -> None:
    document = docx.Document()
    document.add_paragraph("First paragraph.")
    document.add_paragraph("")
    document.add_paragraph("Second — with ünïcode.")
    buffer = io.BytesIO()
    document.save(buffer)
    read = read_transcript("t.docx", buffer.getvalue())
    assert read.text == "First paragraph.\n\nSecond — with ünïcode."
    assert read.kind == "docx"


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("t.pdf", b"%PDF-1.4", "transcript_type"),
        ("t.txt", b"x" * (MAX_BYTES + 1), "transcript_too_large"),
        ("t.txt", b"  \n ", "transcript_empty"),
        ("t.docx", b"plain words", "transcript_not_docx"),
        ("t.txt", b"PK\x03\x04zip", "transcript_not_text"),
    ],
)
def test_bad_files_are_refused_naming_the_file(name: str, content: bytes, code: str) -> None:
    with pytest.raises(TranscriptError) as caught:
        read_transcript(name, content)
    assert caught.value.code == code
    assert str(caught.value).startswith(name)


def test_paragraphs_are_blocks_between_blank_lines() -> None:
    text = "One line.\nStill one.\n\n  Two.  \n\n\nThree."
    assert [text[s:e] for s, e in paragraphs(text)] == ["One line.\nStill one.", "Two.", "Three."]
    lines = "a\nb"
    assert [lines[s:e] for s, e in paragraphs(lines)] == ["a", "b"]
