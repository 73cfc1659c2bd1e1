"""Read a CSV or Excel (.xlsx) file into a plain table of strings.

The readers know nothing about quotas or people: they turn a file into a header and
rows of text, with the file's own row numbers so that later messages can point at
the exact place to fix. Every problem is an ``InputError`` that names the file and,
where it applies, the row. The bytes are parsed by ``minipublic.tabular``, the reader
the recruitment uploads share.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from minipublic.sortition.errors import InputError
from minipublic.tabular import XLSX_EXTENSIONS as XLSX_EXTENSIONS
from minipublic.tabular import TabularError, csv_records, has_text, is_zip, xlsx_records
from minipublic.tabular import cell_text as cell_text
from minipublic.tabular import normalise as normalise
from minipublic.tabular import sniff_delimiter as sniff_delimiter

_OTHER_SPREADSHEETS = (".xls", ".ods", ".numbers")


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
    if suffix in XLSX_EXTENSIONS or is_zip(data):
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
        records = csv_records(data)
    except TabularError as error:
        if error.code == "not_utf8":
            raise InputError(
                "not_utf8",
                f"{source}: the file is not UTF-8 text (byte {error.byte} cannot be read); "
                "save it as 'CSV UTF-8' (or as an Excel .xlsx workbook) and try again.",
                file=source,
            ) from None
        raise InputError(
            "bad_csv",
            f"{source}, row {error.row}: the file cannot be read as CSV ({error.detail}); "
            "check the quotes on that line, or save the file again as CSV.",
            file=source,
            row=error.row,
        ) from None
    return build_table(source, records)


def xlsx_table(data: bytes, source: str) -> Table:
    """Read the first worksheet of an Excel workbook given as bytes."""
    try:
        records = xlsx_records(data)
    except TabularError as error:
        if error.code == "no_worksheet":
            raise InputError(
                "empty_file",
                f"{source}: the workbook has no worksheet; put the table on the first sheet.",
                file=source,
            ) from None
        raise InputError(
            "unreadable_xlsx",
            f"{source}: the file cannot be read as an Excel workbook ({error.detail}); "
            "open it in your spreadsheet program and save it again as .xlsx, or as CSV (UTF-8).",
            file=source,
        ) from None
    return build_table(source, records)


def build_table(source: str, records: Iterable[tuple[int, Sequence[str]]]) -> Table:
    """Make a ``Table`` from (row number, cells) pairs: the first non-blank one is the header.

    Blank rows are skipped, trailing unnamed header cells dropped, and rows padded to the
    header; rows with text beyond the last named column are refused.
    """
    filled = [(number, list(cells)) for number, cells in records if has_text(cells)]
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
