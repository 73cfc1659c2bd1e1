"""One reader of CSV and Excel files: the engine's tables and the address uploads agree."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import openpyxl  # type: ignore[import-untyped]
import pytest

from minipublic.lifecycle import LifecycleError
from minipublic.recruitment.addresses import read_addresses, read_records
from minipublic.sortition.errors import InputError
from minipublic.sortition.tables import read_table
from minipublic.tabular import TabularError, csv_records, sniff_delimiter, xlsx_records

# A blank first line, a byte-order mark, semicolons, CRLF and a quoted line break.
AWKWARD_CSV = (
    "\ufeff\r\naddress;postcode;ward\r\n"
    '"1 Mill Lane\nRiverford";RF1 2AB;North\r\n'
    "\r\n"
    '"2 Kiln Row, Flat 3";RF2 9CD;South\r\n'
).encode()


def _workbook(*rows: list[object]) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_both_readers_see_the_same_rows_at_the_same_numbers(tmp_path: Path) -> None:
    path = tmp_path / "homes.csv"
    path.write_bytes(AWKWARD_CSV)
    table = read_table(path)
    assert table.header == ("address", "postcode", "ward")
    assert table.header_row == 2
    assert table.row_numbers == (3, 6)
    addresses = read_addresses("homes.csv", AWKWARD_CSV, "ward")
    assert [a.row for a in addresses] == [3, 6]
    assert [a.lines for a in addresses] == ["1 Mill Lane\nRiverford", "2 Kiln Row, Flat 3"]
    assert [a.postcode for a in addresses] == ["RF1 2AB", "RF2 9CD"]
    assert [row[1] for row in table.rows] == ["RF1 2AB", "RF2 9CD"]


def test_an_excel_address_list_reads_cells_like_the_engine(tmp_path: Path) -> None:
    content = _workbook(
        ["address", "postcode", "ward"],
        ["1 Mill Lane", 12345.0, dt.datetime(2026, 7, 1)],  # noqa: DTZ001  Excel has no zones
        ["2 Kiln Row", True, "South"],
    )
    (tmp_path / "homes.xlsx").write_bytes(content)
    table = read_table(tmp_path / "homes.xlsx")
    addresses = read_addresses("homes.xlsx", content, "ward")
    assert [(a.postcode, a.area) for a in addresses] == [row[1:] for row in table.rows]
    assert table.rows[0][1:] == ("12345", "2026-07-01")
    assert table.rows[1][1] == "TRUE"


def test_records_keep_blank_rows_and_their_numbers() -> None:
    assert csv_records(b"a,b\n\n1,2\n") == [(1, ["a", "b"]), (2, []), (3, ["1", "2"])]
    assert read_records("x.xlsx", _workbook(["a"], [None], ["1"])) == [
        (1, ["a"]),
        (2, []),
        (3, ["1"]),
    ]
    assert xlsx_records(_workbook(["a", 2.5])) == [(1, ["a", "2.5"])]


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [
        ("a,b\n1,2\n", ","),
        ("a;b\n1;2\n", ";"),
        ("a\tb\n1\t2\n", "\t"),
        ("\n\na;b;c\n1;2,5;3\n", ";"),
        ("gender\nFemale\n", ","),
        ("", ","),
    ],
)
def test_the_delimiter_is_sniffed_from_the_first_line_with_text(text: str, delimiter: str) -> None:
    assert sniff_delimiter(text) == delimiter


@pytest.mark.parametrize(
    ("reader", "content", "code", "detail"),
    [
        (csv_records, "a\n\u00e9\n".encode("latin-1"), "not_utf8", {"byte": 3}),
        # Python's csv refuses a field over 128 KiB (here: a quote never closed).
        (csv_records, b'a,b\n1,2\n3,"' + b"x" * 140_000, "bad_csv", {"row": 3}),
        (xlsx_records, b"PK\x03\x04 not a workbook", "bad_xlsx", {"detail": "BadZipFile"}),
    ],
)
def test_unreadable_files_raise_a_coded_error(
    reader: object, content: bytes, code: str, detail: dict[str, object]
) -> None:
    with pytest.raises(TabularError) as raised:
        reader(content)  # type: ignore[operator]
    assert raised.value.code == code
    for name, value in detail.items():
        assert getattr(raised.value, name) == value


def test_each_caller_words_the_same_fault_its_own_way(tmp_path: Path) -> None:
    content = "address\n\u00e9\n".encode("latin-1")
    (tmp_path / "homes.csv").write_bytes(content)
    with pytest.raises(InputError) as engine:
        read_table(tmp_path / "homes.csv")
    assert engine.value.code == "not_utf8"
    assert "byte 9 cannot be read" in str(engine.value)
    with pytest.raises(LifecycleError) as upload:
        read_addresses("homes.csv", content)
    assert upload.value.code == "address_file_not_utf8"
    assert upload.value.params["file"] == "homes.csv"
