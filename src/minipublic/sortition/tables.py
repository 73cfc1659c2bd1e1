"""Read a CSV or Excel (.xlsx) file into a plain table of strings.

The readers know nothing about quotas or people: they turn a file into a header and
rows of text, with the file's own row numbers so that later messages can point at
the exact place to fix. Every problem is an ``InputError`` that names the file and,
where it applies, the row.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from minipublic.sortition.errors import InputError

XLSX_EXTENSIONS = (".xlsx", ".xlsm")
_OTHER_SPREADSHEETS = (".xls", ".ods", ".numbers")
_DELIMITERS = ",;\t"
_SNIFF_LINES = 20
_SNIFF_CHARS = 8192
_ZIP_MAGIC = b"PK\x03\x04"


@dataclass(frozen=True)
class Table:
    """A file as text: trimmed header names and data rows padded to the header.

    ``row_numbers[i]`` is the 1-based line (CSV) or sheet row (XLSX) of ``rows[i]``;
    ``header_row`` is the same for the header.
    """

    source: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    row_numbers: tuple[int, ...]
    header_row: int = 1

    def find_column(self, name: str) -> int | None:
        """Index of the column whose name matches ``name`` (see ``normalise``), or None."""
        wanted = normalise(name)
        for index, column in enumerate(self.header):
            if normalise(column) == wanted:
                return index
        return None

    def columns_text(self) -> str:
        """The column names, quoted and comma-separated, for messages."""
        return ", ".join(f"'{column}'" for column in self.header)


def normalise(text: str) -> str:
    """The form used to match names and values: case-folded, whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def read_table(path: str | Path, *, name: str | None = None) -> Table:
    """Read a CSV or XLSX file; ``name`` (default: the path as given) is used in messages.

    Files ending in .xlsx/.xlsm are read as Excel workbooks (first worksheet); any other
    file is read as CSV, unless its content is a zip archive, which is tried as XLSX.
    """
    source = name if name is not None else os.fspath(path)
    suffix = Path(path).suffix.casefold()
    if suffix in _OTHER_SPREADSHEETS:
        raise InputError(
            "unsupported_format",
            f"{source}: {suffix} files cannot be read; save the sheet as an Excel workbook "
            "(.xlsx) or as CSV (UTF-8) and try again.",
            file=source,
        )
    data = _read_bytes(path, source)
    if suffix in XLSX_EXTENSIONS or data.startswith(_ZIP_MAGIC):
        return xlsx_table(data, source)
    return csv_table(data, source)


def _read_bytes(path: str | Path, source: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError(
            "missing_file",
            f"{source}: there is no such file; check the name and the folder.",
            file=source,
        ) from None
    except OSError as error:
        raise InputError(
            "unreadable_file",
            f"{source}: the file cannot be read ({error.strerror or error}); "
            "check that it is a file and that you may read it.",
            file=source,
        ) from None


def csv_table(data: bytes, source: str) -> Table:
    """Parse CSV bytes (UTF-8, with or without BOM; comma, semicolon or tab separated)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(
            "not_utf8",
            f"{source}: the file is not UTF-8 text (byte {error.start + 1} cannot be read); "
            "save it as 'CSV UTF-8' (or as an Excel .xlsx workbook) and try again.",
            file=source,
        ) from None
    delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records: list[tuple[int, list[str]]] = []
    line = 0
    try:
        for record in reader:
            records.append((line + 1, record))
            line = reader.line_num
    except csv.Error as error:
        raise InputError(
            "bad_csv",
            f"{source}, row {reader.line_num}: the file cannot be read as CSV ({error}); "
            "check the quotes on that line, or save the file again as CSV.",
            file=source,
            row=reader.line_num,
        ) from None
    return build_table(source, records)


def sniff_delimiter(text: str) -> str:
    """The delimiter of a CSV text: comma, semicolon or tab (comma when unsure)."""
    lines = [line for line in text[: _SNIFF_CHARS * 2].splitlines() if line.strip()]
    if not lines:
        return ","
    sample = "\n".join(lines[:_SNIFF_LINES])[:_SNIFF_CHARS]
    first = lines[0]
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=_DELIMITERS).delimiter
    except csv.Error:
        delimiter = ""
    if delimiter in _DELIMITERS and delimiter and delimiter in first:
        return delimiter
    counts = {candidate: first.count(candidate) for candidate in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda candidate: counts[candidate])
    return best if counts[best] > 0 else ","


def xlsx_table(data: bytes, source: str) -> Table:
    """Read the first worksheet of an Excel workbook given as bytes."""
    import openpyxl  # type: ignore[import-untyped]  # imported lazily: only Excel needs it

    records: list[tuple[int, list[str]]] = []
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            sheets = list(workbook.worksheets)
            if not sheets:
                raise InputError(
                    "empty_file",
                    f"{source}: the workbook has no worksheet; put the table on the first sheet.",
                    file=source,
                )
            sheet = sheets[0]
            sheet.reset_dimensions()  # some programs write wrong sheet dimensions
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                records.append((number, [cell_text(value) for value in values]))
        finally:
            workbook.close()
    except InputError:
        raise
    except Exception as error:  # openpyxl and zipfile raise many kinds of errors
        raise InputError(
            "unreadable_xlsx",
            f"{source}: the file cannot be read as an Excel workbook ({type(error).__name__}); "
            "open it in your spreadsheet program and save it again as .xlsx, or as CSV (UTF-8).",
            file=source,
        ) from None
    return build_table(source, records)


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


def build_table(source: str, records: Iterable[tuple[int, Sequence[str]]]) -> Table:
    """Make a ``Table`` from (row number, cells) pairs: the first non-blank one is the header.

    Blank rows are skipped, trailing unnamed header cells dropped, and rows padded to the
    header; rows with text beyond the last named column are refused.
    """
    filled = [(number, list(cells)) for number, cells in records if _has_text(cells)]
    if not filled:
        raise InputError(
            "empty_file",
            f"{source}: the file is empty; the first row must name the columns.",
            file=source,
        )
    header_row, header_cells = filled[0]
    header = _header(source, header_row, header_cells)
    width = len(header)
    rows: list[tuple[str, ...]] = []
    numbers: list[int] = []
    for number, cells in filled[1:]:
        extra = [index for index in range(width, len(cells)) if cells[index].strip()]
        if extra:
            raise InputError(
                "extra_cells",
                f"{source}, row {number}: the row has text in column {extra[0] + 1} "
                f"('{cells[extra[0]].strip()}') but the header names only {width} columns; "
                "give that column a name or remove the text.",
                file=source,
                row=number,
                column=extra[0] + 1,
            )
        rows.append(tuple(cells[:width]) + ("",) * (width - len(cells)))
        numbers.append(number)
    return Table(source, header, tuple(rows), tuple(numbers), header_row)


def _has_text(cells: Sequence[str]) -> bool:
    return any(cell.strip() for cell in cells)


def _header(source: str, row: int, cells: list[str]) -> tuple[str, ...]:
    names = [cell.strip() for cell in cells]
    while names and not names[-1]:
        names.pop()
    for index, name in enumerate(names):
        if not name:
            raise InputError(
                "blank_column_name",
                f"{source}, row {row}: column {index + 1} of the header has no name; "
                "give every column a name, or delete the empty column.",
                file=source,
                row=row,
                column=index + 1,
            )
    seen: dict[str, str] = {}
    for name in names:
        key = normalise(name)
        if key in seen:
            raise InputError(
                "duplicate_column",
                f"{source}, row {row}: the columns '{seen[key]}' and '{name}' have the same "
                "name (capitals and spaces do not count); rename or delete one of them.",
                file=source,
                row=row,
                column=name,
                columns=(seen[key], name),
            )
        seen[key] = name
    return tuple(names)
