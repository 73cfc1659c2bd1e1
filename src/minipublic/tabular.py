"""Read CSV and Excel (.xlsx) bytes into numbered rows of text: the one reader of tables.

Both the selection engine (``minipublic.sortition.tables``) and the recruitment uploads
(address lists, pool imports) read spreadsheets through this module, so a file that one
accepts the other reads the same way: UTF-8 with or without a byte-order mark, comma,
semicolon or tab separated (sniffed), quoted newlines kept, the first worksheet of a
workbook, cells as text ('12' for 12.0, ISO dates), and every row with its number in the
file (CSV line or sheet row) so that messages can point at the place to fix.

It knows nothing about what the columns mean and never imports Django: a file that
cannot be read raises ``TabularError`` with a stable ``code`` and the details, and each
caller words it in its own error type.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import unicodedata
from collections.abc import Iterable, Sequence

#: One row of a file: its 1-based number in the file and its cells as text.
Record = tuple[int, list[str]]

XLSX_EXTENSIONS = (".xlsx", ".xlsm")
ZIP_MAGIC = b"PK\x03\x04"
DELIMITERS = ",;\t"
_SNIFF_LINES = 20
_SNIFF_CHARS = 8192


class TabularError(Exception):
    """A file that cannot be read as a table.

    ``code`` is one of ``not_utf8`` (``byte``: 1-based position of the first bad byte),
    ``bad_csv`` (``row``: the line that cannot be parsed; ``detail``: the parser's reason),
    ``bad_xlsx`` (``detail``: the kind of failure) and ``no_worksheet``.
    """

    def __init__(self, code: str, *, row: int = 0, byte: int = 0, detail: str = "") -> None:
        self.code = code
        self.row = row
        self.byte = byte
        self.detail = detail
        super().__init__(f"{code}: {detail}" if detail else code)


def normalise(text: str) -> str:
    """The form used to match names and values: case-folded, whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def has_text(cells: Sequence[str]) -> bool:
    """Whether any cell of a row holds more than whitespace."""
    return any(cell.strip() for cell in cells)


def non_blank(records: Iterable[Record]) -> list[Record]:
    """The records that hold any text, in order (blank rows are never data)."""
    return [(number, list(cells)) for number, cells in records if has_text(cells)]


def is_zip(data: bytes) -> bool:
    """Whether the bytes start like a zip archive (as every .xlsx workbook does)."""
    return data.startswith(ZIP_MAGIC)


def decode_utf8(data: bytes) -> str:
    """The text of UTF-8 bytes, without a leading byte-order mark; TabularError otherwise."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise TabularError("not_utf8", byte=error.start + 1) from None


def sniff_delimiter(text: str) -> str:
    """The delimiter of a CSV text: comma, semicolon or tab (comma when unsure)."""
    lines = [line for line in text[: _SNIFF_CHARS * 2].splitlines() if line.strip()]
    if not lines:
        return ","
    sample = "\n".join(lines[:_SNIFF_LINES])[:_SNIFF_CHARS]
    first = lines[0]
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        delimiter = ""
    if delimiter in DELIMITERS and delimiter and delimiter in first:
        return delimiter
    counts = {candidate: first.count(candidate) for candidate in DELIMITERS}
    best = max(DELIMITERS, key=lambda candidate: counts[candidate])
    return best if counts[best] > 0 else ","


def csv_records(data: bytes) -> list[Record]:
    """The rows of CSV bytes, each with the line it starts on (blank rows included)."""
    text = decode_utf8(data)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    records: list[Record] = []
    line = 0
    try:
        for record in reader:
            records.append((line + 1, record))
            line = reader.line_num
    except csv.Error as error:
        raise TabularError("bad_csv", row=reader.line_num, detail=str(error)) from None
    return records


def xlsx_records(data: bytes) -> list[Record]:
    """The rows of the first worksheet of an Excel workbook, each with its sheet row."""
    import openpyxl  # type: ignore[import-untyped]  # imported lazily: only Excel needs it

    records: list[Record] = []
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            sheets = list(workbook.worksheets)
            if not sheets:
                raise TabularError("no_worksheet")
            sheet = sheets[0]
            sheet.reset_dimensions()  # some programs write wrong sheet dimensions
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                records.append((number, [cell_text(value) for value in values]))
        finally:
            workbook.close()
    except TabularError:
        raise
    except Exception as error:  # openpyxl and zipfile raise many kinds of errors
        raise TabularError("bad_xlsx", detail=type(error).__name__) from None
    return records


def cell_text(value: object) -> str:
    """The text of one spreadsheet cell: '' for empty, '12' for 12.0, ISO dates."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0) and value.tzinfo is None:
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)
