"""Read an uploaded address list (CSV or Excel .xlsx) into checked rows.

The first non-blank row names the columns. An address is either one ``address`` column
or address lines ``address1`` … ``address4`` (any of them; blank lines are skipped);
``postcode`` is optional; the uploader may name one more column that gives each
address's area, for stratified invitation draws. Every problem is a ``LifecycleError``
that names the file, the row (as numbered in the file) and the column; a file with any
bad row is refused whole, so nothing is ever imported partially. Two rows with the
same address (and postcode) are refused too: a duplicate would get two chances in the
lottery. The bytes are parsed by ``minipublic.tabular``, the reader the selection
engine uses too; ``read_records`` also serves the pool import.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from minipublic.lifecycle import LifecycleError
from minipublic.tabular import Record, TabularError, csv_records, is_zip, non_blank, xlsx_records
from minipublic.tabular import normalise as normalise

ADDRESS_COLUMN = "address"
LINE_COLUMNS = ("address1", "address2", "address3", "address4")
POSTCODE_COLUMN = "postcode"
POSTCODE_MAX = 20
AREA_MAX = 100


@dataclass(frozen=True)
class AddressRow:
    """One address as read: its row in the file, its lines (newline-separated), postcode, area."""

    row: int
    lines: str
    postcode: str
    area: str


def read_addresses(filename: str, content: bytes, area_column: str = "") -> list[AddressRow]:
    """The addresses of the uploaded file ``filename``; LifecycleError naming row and column.

    ``area_column`` names the column that gives each address's area (empty: no areas).
    """
    filled = non_blank(read_records(filename, content))
    if not filled:
        raise LifecycleError(
            "address_file_empty",
            "{file} is empty: its first row must name the columns.",
            file=filename,
        )
    header_row, header = filled[0]
    columns = {normalise(name): index for index, name in reversed(list(enumerate(header)))}
    columns.pop("", None)
    names = ", ".join(name.strip() for name in header if name.strip())
    if ADDRESS_COLUMN in columns:
        line_indexes = [(ADDRESS_COLUMN, columns[ADDRESS_COLUMN])]
    else:
        line_indexes = [(name, columns[name]) for name in LINE_COLUMNS if name in columns]
    if not line_indexes:
        raise LifecycleError(
            "address_column_missing",
            "{file}, row {row}: there is no column {column}. The columns are: {columns}.",
            file=filename,
            row=header_row,
            column="address (or address1 … address4)",
            columns=names,
        )
    area_index = None
    if area_column.strip():
        area_index = columns.get(normalise(area_column))
        if area_index is None:
            raise LifecycleError(
                "address_column_missing",
                "{file}, row {row}: there is no column {column}. The columns are: {columns}.",
                file=filename,
                row=header_row,
                column=area_column.strip(),
                columns=names,
            )
    postcode_index = columns.get(POSTCODE_COLUMN)
    rows = [
        _address(filename, number, cells, line_indexes, postcode_index, area_index, area_column)
        for number, cells in filled[1:]
    ]
    if not rows:
        raise LifecycleError(
            "address_file_no_rows",
            "{file} has no addresses below its header row.",
            file=filename,
        )
    _refuse_duplicates(filename, rows)
    return rows


def _cell(cells: Sequence[str], index: int | None) -> str:
    if index is None or index >= len(cells):
        return ""
    return cells[index].strip()


def _address(
    filename: str,
    number: int,
    cells: Sequence[str],
    line_indexes: Sequence[tuple[str, int]],
    postcode_index: int | None,
    area_index: int | None,
    area_column: str,
) -> AddressRow:
    lines = [_cell(cells, index) for _, index in line_indexes]
    if not any(lines):
        raise LifecycleError(
            "address_row_empty",
            "{file}, row {row}, column {column}: the address is empty.",
            file=filename,
            row=number,
            column=line_indexes[0][0],
        )
    postcode = _cell(cells, postcode_index)
    if len(postcode) > POSTCODE_MAX:
        raise LifecycleError(
            "address_cell_too_long",
            "{file}, row {row}, column {column}: at most {limit} characters.",
            file=filename,
            row=number,
            column=POSTCODE_COLUMN,
            limit=POSTCODE_MAX,
        )
    area = _cell(cells, area_index)
    if area_index is not None and not area:
        raise LifecycleError(
            "address_area_empty",
            "{file}, row {row}, column {column}: the area is empty.",
            file=filename,
            row=number,
            column=area_column.strip(),
        )
    if len(area) > AREA_MAX:
        raise LifecycleError(
            "address_cell_too_long",
            "{file}, row {row}, column {column}: at most {limit} characters.",
            file=filename,
            row=number,
            column=area_column.strip(),
            limit=AREA_MAX,
        )
    parts = [part for line in lines for part in line.splitlines()]
    text = "\n".join(" ".join(part.split()) for part in parts if part.strip())
    return AddressRow(row=number, lines=text, postcode=postcode, area=area)


def _refuse_duplicates(filename: str, rows: Iterable[AddressRow]) -> None:
    seen: dict[tuple[str, str], int] = {}
    for address in rows:
        key = (normalise(address.lines.replace("\n", " ")), normalise(address.postcode))
        first = seen.setdefault(key, address.row)
        if first != address.row:
            raise LifecycleError(
                "address_duplicate",
                "{file}, row {row}: the same address as row {first}. Remove one of them: "
                "a duplicate would have two chances in the lottery.",
                file=filename,
                row=address.row,
                first=first,
            )


# ---------------------------------------------------------------- reading the file


def read_records(filename: str, content: bytes) -> list[Record]:
    """Every row of the uploaded .csv or .xlsx file with its number in the file.

    Blank rows are kept (callers skip them); LifecycleError (``address_file_*``) when
    the file is of another type, empty, not UTF-8, or cannot be parsed.
    """
    extension = filename.rpartition(".")[2].casefold() if "." in filename else ""
    if extension not in ("csv", "xlsx"):
        raise LifecycleError(
            "address_file_type",
            "{file}: only .csv and .xlsx files can be read. Save the list in one of those.",
            file=filename,
        )
    if not content:
        raise LifecycleError(
            "address_file_empty",
            "{file} is empty: its first row must name the columns.",
            file=filename,
        )
    try:
        if extension == "xlsx":
            if not is_zip(content):
                raise TabularError("bad_xlsx")
            return xlsx_records(content)
        return csv_records(content)
    except TabularError as error:
        raise _file_error(filename, error) from None


def _file_error(filename: str, error: TabularError) -> LifecycleError:
    if error.code == "not_utf8":
        return LifecycleError(
            "address_file_not_utf8",
            "{file} is not UTF-8 text. Save it as 'CSV UTF-8' (or as .xlsx) and try again.",
            file=filename,
        )
    if error.code == "bad_csv":
        return LifecycleError(
            "address_file_bad_csv",
            "{file}, row {row}: this line cannot be read as CSV; check its quotes.",
            file=filename,
            row=error.row,
        )
    return LifecycleError(
        "address_file_bad_xlsx",
        "{file} cannot be read as an Excel workbook. Save it again as .xlsx, or as CSV.",
        file=filename,
    )
