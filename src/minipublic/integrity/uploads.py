"""Checked uploads (incident evidence, public documents) and how they are served back.

A file is accepted only if its extension is on the list below *and* its first bytes
match that kind of file, and only up to ``settings.UPLOAD_MAX_BYTES``. The type we later
serve comes from this list, never from the uploader's browser, and every file is served
as a download (``Content-Disposition: attachment``) with ``nosniff`` and a sandboxing
Content-Security-Policy, so nothing uploaded is ever run or rendered inline.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpResponse
from django.utils.translation import gettext as _

from minipublic.coded_error import CodedError


class UploadError(CodedError):
    """An upload was refused; the message says why and what to do."""


@dataclass(frozen=True)
class Kind:
    """One accepted kind of file: its served type and how its content must begin."""

    content_type: str
    magic: tuple[bytes, ...] = ()
    text: bool = False


_ZIP = (b"PK\x03\x04",)

#: Accepted extensions (lower case, without the dot) and what their content must be.
KINDS: dict[str, Kind] = {
    "pdf": Kind("application/pdf", (b"%PDF-",)),
    "png": Kind("image/png", (b"\x89PNG\r\n\x1a\n",)),
    "jpg": Kind("image/jpeg", (b"\xff\xd8\xff",)),
    "jpeg": Kind("image/jpeg", (b"\xff\xd8\xff",)),
    "txt": Kind("text/plain; charset=utf-8", text=True),
    "md": Kind("text/markdown; charset=utf-8", text=True),
    "csv": Kind("text/csv; charset=utf-8", text=True),
    "json": Kind("application/json", text=True),
    "eml": Kind("message/rfc822", text=True),
    "odt": Kind("application/vnd.oasis.opendocument.text", _ZIP),
    "ods": Kind("application/vnd.oasis.opendocument.spreadsheet", _ZIP),
    "docx": Kind("application/vnd.openxmlformats-officedocument.wordprocessingml.document", _ZIP),
    "xlsx": Kind("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", _ZIP),
}


@dataclass(frozen=True)
class CheckedFile:
    """An accepted upload: a safe file name, the type to serve, its bytes and SHA-256."""

    filename: str
    content_type: str
    content: bytes
    sha256: str

    @property
    def size(self) -> int:
        """The size in bytes."""
        return len(self.content)


def accepted_extensions() -> str:
    """The accepted extensions, for help texts: ".pdf, .png, ..."."""
    return ", ".join(f".{extension}" for extension in KINDS)


def max_megabytes() -> float:
    """The size limit in megabytes, for help texts."""
    return round(settings.UPLOAD_MAX_BYTES / 1_000_000, 1)


def safe_filename(name: str) -> str:
    """``name`` without folders or characters that are unsafe in a path or a header."""
    name = unicodedata.normalize("NFC", name).replace("\\", "/").rsplit("/", 1)[-1]
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    stem = re.sub(r"[^\w.-]+", "-", stem, flags=re.UNICODE).strip(".-")[:80] or "file"
    extension = re.sub(r"[^a-z0-9]", "", extension.lower())[:10]
    return f"{stem}.{extension}" if extension else stem


def check_bytes(name: str, content: bytes) -> CheckedFile:
    """Accept ``content`` uploaded as ``name`` or raise UploadError saying why."""
    filename = safe_filename(name)
    extension = filename.rpartition(".")[2].lower() if "." in filename else ""
    kind = KINDS.get(extension)
    if kind is None:
        raise UploadError(
            "upload_type",
            _("{name}: files of this type are not accepted. Use one of: {accepted}."),
            name=name,
            accepted=accepted_extensions(),
        )
    if len(content) > settings.UPLOAD_MAX_BYTES:
        raise UploadError(
            "upload_too_large",
            _("{name} is larger than {limit} MB. Make it smaller or split it."),
            name=name,
            limit=max_megabytes(),
        )
    if not content:
        raise UploadError("upload_empty", _("{name} is empty."), name=name)
    if not _content_matches(kind, content):
        raise UploadError(
            "upload_content",
            _("{name} does not look like a .{extension} file. Save it again in that format."),
            name=name,
            extension=extension,
        )
    return CheckedFile(filename, kind.content_type, content, hashlib.sha256(content).hexdigest())


def check_upload(upload: UploadedFile[bytes]) -> CheckedFile:
    """Accept a file from a form, reading no more than the size limit allows."""
    name = upload.name or "file"
    if upload.size is not None and upload.size > settings.UPLOAD_MAX_BYTES:
        raise UploadError(
            "upload_too_large",
            _("{name} is larger than {limit} MB. Make it smaller or split it."),
            name=name,
            limit=max_megabytes(),
        )
    upload.seek(0)
    return check_bytes(name, upload.read(settings.UPLOAD_MAX_BYTES + 1))


def _content_matches(kind: Kind, content: bytes) -> bool:
    if kind.text:
        if b"\x00" in content:
            return False
        try:
            content.decode("utf-8")
        except UnicodeDecodeError:
            return False
        return True
    return any(content.startswith(magic) for magic in kind.magic)


def download(filename: str, content_type: str, content: bytes, *, private: bool) -> HttpResponse:
    """Serve a stored file as a download that no browser will run or render inline."""
    response = HttpResponse(bytes(content), content_type=content_type)
    ascii_name = filename.encode("ascii", "replace").decode("ascii").replace('"', "")
    response["Content-Disposition"] = (
        f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["Cache-Control"] = "private, no-store" if private else "public, max-age=3600"
    return response


def read_table_upload(upload: UploadedFile[bytes], fallback_name: str) -> tuple[str, bytes]:
    """A form's uploaded table (CSV or XLSX) as (file name, bytes); ValidationError if too large.

    The content is checked by the importer that reads it, which names the row and column.
    """
    if upload.size is not None and upload.size > settings.UPLOAD_MAX_BYTES:
        raise ValidationError(
            _("{name} is larger than {limit} MB.").format(name=upload.name, limit=max_megabytes())
        )
    upload.seek(0)
    return str(upload.name or fallback_name), bytes(upload.read(settings.UPLOAD_MAX_BYTES + 1))


def spreadsheet_safe(value: object) -> str:
    """``value`` as a CSV cell that a spreadsheet will not run as a formula.

    Text typed by the public (a name, an address) could start with "=", "+", "-" or "@";
    opened in a spreadsheet, such a cell would run. A leading apostrophe keeps it text.
    """
    text = str(value)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
