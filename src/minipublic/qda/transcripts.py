"""Reading uploaded interview transcripts (.txt or .docx) into plain text.

A file is accepted only if its extension is .txt or .docx *and* its content is of that
kind: a .docx must be a zip holding ``word/document.xml``; a .txt must decode as text
(UTF-8 first, otherwise the encoding charset-normalizer detects). Files larger than
``MAX_BYTES`` (2 MB, docs/learning.md) are refused before they are read. Line endings
become ``\\n`` so that character positions mean the same everywhere.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from minipublic.coded_error import CodedError

#: The largest transcript accepted, in bytes (about 300,000 words of plain text).
MAX_BYTES = 2_000_000
EXTENSIONS = ("txt", "docx")


class TranscriptError(CodedError):
    """A transcript was refused; the message names the file and says what to do."""


@dataclass(frozen=True)
class Transcript:
    """The text of an accepted transcript and the encoding it was read in."""

    text: str
    encoding: str
    kind: str  # "txt" or "docx"


def _extension(name: str) -> str:
    return name.rpartition(".")[2].lower() if "." in name else ""


def normalise(text: str) -> str:
    """``text`` with Windows and old Mac line endings as ``\\n`` and no byte-order mark."""
    return text.replace("\r\n", "\n").replace("\r", "\n").removeprefix("\ufeff")


def _decode(name: str, content: bytes) -> tuple[str, str]:
    try:
        return content.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    results = from_bytes(content)
    best = results.best()
    if best is None or b"\x00" in content:
        raise TranscriptError(
            "transcript_not_text",
            "{name} is not readable text. Save it as plain text (UTF-8) or as a .docx file.",
            name=name,
        )
    # Short texts often fit several Latin code pages equally well: prefer Windows-1252,
    # the one word processors on most desktops still write.
    ties = [m for m in results if (m.chaos, m.coherence) == (best.chaos, best.coherence)]
    chosen = next((m for m in ties if m.encoding == "cp1252"), best)
    return str(chosen), chosen.encoding


def _docx_text(name: str, content: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            archive.getinfo("word/document.xml")
    except (zipfile.BadZipFile, KeyError):
        raise TranscriptError(
            "transcript_not_docx",
            "{name} is not a Word document (.docx). Open it in your word processor and "
            "save it again as .docx, or as plain text (.txt).",
            name=name,
        ) from None
    import docx

    document = docx.Document(io.BytesIO(content))
    return "\n\n".join(p.text.strip() for p in document.paragraphs if p.text.strip())


def read_transcript(name: str, content: bytes) -> Transcript:
    """The text of the transcript uploaded as ``name``, or TranscriptError saying why not."""
    extension = _extension(name)
    if extension not in EXTENSIONS:
        raise TranscriptError(
            "transcript_type",
            "{name}: only plain text (.txt) and Word (.docx) transcripts are accepted. "
            "Save the transcript in one of these formats.",
            name=name,
        )
    if len(content) > MAX_BYTES:
        raise TranscriptError(
            "transcript_too_large",
            "{name} is larger than {limit} MB. Split the transcript into parts and upload each.",
            name=name,
            limit=MAX_BYTES // 1_000_000,
        )
    if extension == "docx":
        text, encoding = _docx_text(name, content), "docx"
    else:
        if content.startswith(b"PK\x03\x04") or content.startswith(b"%PDF"):
            raise TranscriptError(
                "transcript_not_text",
                "{name} is not readable text. Save it as plain text (UTF-8) or as a .docx file.",
                name=name,
            )
        text, encoding = _decode(name, content)
    text = normalise(text).strip()
    if not text:
        raise TranscriptError(
            "transcript_empty",
            "{name} holds no text. Check that you chose the right file.",
            name=name,
        )
    return Transcript(text, encoding, extension)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` of each paragraph of ``text`` (blocks separated by blank lines,
    or single lines when the text has no blank lines), without surrounding blank space."""
    separator = "\n\n" if "\n\n" in text else "\n"
    spans: list[tuple[int, int]] = []
    position = 0
    for block in text.split(separator):
        start = position + (len(block) - len(block.lstrip()))
        end = position + len(block.rstrip())
        if end > start:
            spans.append((start, end))
        position += len(block) + len(separator)
    return spans
