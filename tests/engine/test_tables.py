"""Reading CSV and Excel files into tables of text."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl  # type: ignore[import-untyped]
import pytest

from minipublic.sortition.errors import InputError
from minipublic.sortition.inputs import load_instance
from minipublic.sortition.model import Quota
from minipublic.sortition.tables import build_table, cell_text, normalise, read_table
from tests.engine.test_inputs import write

# --------------------------------------------------------------------------- tables


def test_csv_with_bom_semicolons_and_crlf(tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_bytes("\ufeffid;gender;age\r\np1;Female;16-29\r\n\r\np2;Male;30+\r\n".encode())
    table = read_table(path)
    assert table.header == ("id", "gender", "age")
    assert table.rows == (("p1", "Female", "16-29"), ("p2", "Male", "30+"))
    assert table.row_numbers == (2, 4)


def test_csv_with_tabs_and_quoted_newlines(tmp_path: Path) -> None:
    text = 'id\tgender\tnote\n1\tFemale\t"two\nlines"\n2\tMale\t"a, b; c"\n'
    table = read_table(write(tmp_path, "p.tsv", text))
    assert table.rows == (("1", "Female", "two\nlines"), ("2", "Male", "a, b; c"))
    assert table.row_numbers == (2, 4)


def test_single_column_csv(tmp_path: Path) -> None:
    table = read_table(write(tmp_path, "p.csv", "gender\nFemale\nMale\n"))
    assert table.rows == (("Female",), ("Male",))


def test_short_rows_are_padded_and_blank_extras_ignored(tmp_path: Path) -> None:
    table = read_table(write(tmp_path, "p.csv", "a,b,c,,\n1\n1,2,3,, \n"))
    assert table.header == ("a", "b", "c")
    assert table.rows == (("1", "", ""), ("1", "2", "3"))


def test_xlsx_pool_and_quotas(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Feature", "Value", "Min", "Max"])
    sheet.append(["gender", "Female", 1, 2.0])
    sheet.append(["gender", "Male", 1.0, 2])
    sheet.append([None, None, None, None])
    sheet.append(["joined", dt.date(2024, 5, 1), 0, 2])
    book.create_sheet("ignored").append(["not", "read"])
    book.save(tmp_path / "quotas.xlsx")

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["id", "gender", "joined", "score"])
    sheet.append([1001, "female", dt.datetime(2024, 5, 1), 0.5])  # noqa: DTZ001  Excel has no zones
    sheet.append([1002, "Male", dt.datetime(2024, 5, 1), 3])  # noqa: DTZ001
    book.save(tmp_path / "people.xlsx")

    instance = load_instance(tmp_path / "people.xlsx", tmp_path / "quotas.xlsx", 2)
    assert instance.quotas == (
        Quota("gender", "Female", 1, 2),
        Quota("gender", "Male", 1, 2),
        Quota("joined", "2024-05-01", 0, 2),
    )
    assert [p.id for p in instance.pool.people] == ["1001", "1002"]
    assert instance.pool.rows[0] == ("1001", "female", "2024-05-01", "0.5")
    assert [p.row for p in instance.pool.people] == [2, 3]
    assert instance.warnings == ("gender: 'female' read as 'Female' (1 row)",)


def test_xlsx_content_without_extension_is_read(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.append(["a", "b"])
    book.active.append(["1", "2"])
    book.save(tmp_path / "upload.xlsx")
    (tmp_path / "upload.xlsx").rename(tmp_path / "upload")
    assert read_table(tmp_path / "upload").rows == (("1", "2"),)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        (12.0, "12"),
        (12, "12"),
        (0.25, "0.25"),
        (True, "TRUE"),
        (dt.date(2024, 1, 31), "2024-01-31"),
        (dt.datetime(2024, 1, 31), "2024-01-31"),  # noqa: DTZ001
        (dt.datetime(2024, 1, 31, 9, 30), "2024-01-31T09:30:00"),  # noqa: DTZ001
        (dt.time(9, 30), "09:30:00"),
        ("text ", "text "),
    ],
)
def test_cell_text(value: object, text: str) -> None:
    assert cell_text(value) == text


def test_normalise() -> None:
    assert normalise("  Non-binary \t or  OTHER ") == "non-binary or other"
    assert normalise("Stra\u00dfe") == normalise("STRASSE")


def test_build_table_rejects_no_rows() -> None:
    with pytest.raises(InputError) as caught:
        build_table("x.csv", [(1, ["", " "]), (2, [])])
    assert caught.value.code == "empty_file"


def test_a_folder_is_not_a_file(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        read_table(tmp_path)
    assert caught.value.code == "unreadable_file"


def test_non_utf8_csv_asks_for_utf8(tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_bytes("id,gender\n1,Fémale\n".encode("latin-1"))
    with pytest.raises(InputError) as caught:
        read_table(path)
    assert caught.value.code == "not_utf8"
    assert "people.csv" in str(caught.value)
    assert "UTF-8" in str(caught.value)


@pytest.mark.parametrize("content", [b"PK\x03\x04 broken", b"not a zip at all", b""])
def test_corrupt_xlsx(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "people.xlsx"
    path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        read_table(path)
    assert caught.value.code == "unreadable_xlsx"
    assert "people.xlsx" in str(caught.value)


def test_old_spreadsheet_formats_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "people.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(InputError) as caught:
        read_table(path)
    assert caught.value.code == "unsupported_format"
