"""The invitation lottery: address lists, seeded draws, codes, letters and who sees them."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import zlib
from typing import TYPE_CHECKING

import openpyxl  # type: ignore[import-untyped]
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from minipublic.integrity.record import entries, head, public_entries
from minipublic.lifecycle import LifecycleError
from minipublic.processes.access import SYSTEM
from minipublic.recruitment import letters
from minipublic.recruitment.invitations import (
    CODE_ALPHABET,
    LETTER_TEXT_MAX,
    do_draw_invitations,
    do_set_letter_text,
    do_upload_address_list,
    draw_rows,
    format_code,
    normalise_code,
)
from minipublic.recruitment.models import (
    Address,
    AddressList,
    Invitation,
    InvitationDraw,
    PersonalDataExport,
)
from tests.cast import ACTORS, Cast

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response

pytestmark = pytest.mark.django_db

BASE = "/p/riverside/manage/invitations/"
MANAGERS = ("lead_practitioner", "recruiter")
STREETS = ["Sycamore Terrace", "Heronsgate Row", "Quillbank Lane"]


def _csv(rows: int = 30) -> bytes:
    lines = ["address1,address2,postcode,ward"]
    for number in range(1, rows + 1):
        street = STREETS[number % len(STREETS)]
        ward = "North" if number <= 20 else "South"
        lines.append(f"{number} {street},Riverside,RV{number} 1AB,{ward}")
    return ("\n".join(lines) + "\n").encode()


def _upload(cast: Cast, content: bytes | None = None, name: str = "homes.csv") -> AddressList:
    return do_upload_address_list(
        SYSTEM,
        cast.process,
        name="Postal file",
        filename=name,
        content=_csv() if content is None else content,
        area_column="ward",
    )


def _draw(cast: Cast, address_list: AddressList, size: int = 6, **kwargs: object) -> InvitationDraw:
    return do_draw_invitations(
        SYSTEM,
        cast.process,
        address_list,
        size=size,
        seed=str(kwargs.pop("seed", "riverside-2026")),
        **kwargs,  # type: ignore[arg-type]
    )


def _post_upload(
    cast: Cast,
    who: str = "recruiter",
    name: str = "homes.csv",
    content: bytes | None = None,
    area: str = "ward",
) -> Response:
    upload = SimpleUploadedFile(name, _csv() if content is None else content)
    return cast.client(who).post(
        f"{BASE}upload/", {"name": "Postal file", "file": upload, "area_column": area}
    )


def _expected(who: str, allowed: int = 200) -> int:
    if who in MANAGERS:
        return allowed
    if who in ("outsider", "staff"):
        return 404  # a private process does not reveal that it exists
    if who == "anonymous":
        return 302  # to the sign-in page
    return 403


def _page_count(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))


# ---------------------------------------------------------------- who may do what


@pytest.mark.parametrize("who", ACTORS)
@pytest.mark.parametrize(
    "page", ["", "upload/", "draw/", "{draw}/", "{draw}/letters.pdf", "{draw}/letters.csv"]
)
def test_only_recruitment_staff_reach_any_invitation_page(cast: Cast, who: str, page: str) -> None:
    draw = _draw(cast, _upload(cast))
    exports = PersonalDataExport.objects.count()
    response = cast.client(who).get(BASE + page.format(draw=draw.pk))
    assert response.status_code == _expected(who)
    if "letters" not in page or who not in MANAGERS:
        assert b"Sycamore" not in response.content  # pages show counts, never addresses
    if who not in MANAGERS:
        assert PersonalDataExport.objects.count() == exports


@pytest.mark.parametrize("who", ACTORS)
def test_only_recruitment_staff_upload(cast: Cast, who: str) -> None:
    before = head(cast.process)
    response = _post_upload(cast, who)
    assert response.status_code == _expected(who, 302)
    if who in MANAGERS:
        assert response["Location"] == BASE
        assert Address.objects.count() == 30
    else:
        assert not AddressList.objects.exists()
        assert head(cast.process) == before


@pytest.mark.parametrize("who", ACTORS)
def test_only_recruitment_staff_draw(cast: Cast, who: str) -> None:
    address_list = _upload(cast)
    response = cast.client(who).post(
        f"{BASE}draw/?list={address_list.pk}", {"mode": "uniform", "size": "5", "seed": "x"}
    )
    assert response.status_code == _expected(who, 302)
    if who in MANAGERS:
        draw = InvitationDraw.objects.get()
        assert response["Location"] == f"{BASE}{draw.pk}/"
        assert draw.drawn_by_role == who
        assert draw.invitations.count() == 5
    else:
        assert not InvitationDraw.objects.exists()


@pytest.mark.parametrize("who", ["lead_practitioner", "recruiter", "commissioner", "observer"])
def test_the_process_page_links_to_invitations_for_recruitment_staff(cast: Cast, who: str) -> None:
    page = cast.client(who).get("/p/riverside/").content.decode()
    assert (BASE in page) == (who in MANAGERS)


# ---------------------------------------------------------------- uploads


def test_an_upload_imports_every_row_and_records_no_address(cast: Cast) -> None:
    response = _post_upload(cast)
    assert response.status_code == 302
    address_list = AddressList.objects.get()
    assert address_list.sha256 == hashlib.sha256(_csv()).hexdigest()
    first = Address.objects.get(row=2)
    assert first.lines == "1 Heronsgate Row\nRiverside"
    assert (first.postcode, first.area) == ("RV1 1AB", "North")
    row = public_entries(cast.process)[-1]
    assert row["event"] == "addresses.uploaded"
    assert row["payload"] == {
        "list": address_list.pk,
        "name": "Postal file",
        "rows": 30,
        "sha256": address_list.sha256,
        "areas": {"North": 20, "South": 10},
    }
    page = cast.client("recruiter").get(BASE).content.decode()
    assert "Postal file" in page
    assert "North: 20, South: 10" in page


def test_an_excel_list_with_one_address_column_is_read(cast: Cast) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Address", "Postcode"])
    sheet.append(["4 Sycamore Terrace, Riverside", "RV4 1AB"])
    sheet.append(["5 Quillbank Lane, Riverside", 12345])
    data = io.BytesIO()
    workbook.save(data)
    response = _post_upload(cast, name="homes.xlsx", content=data.getvalue(), area="")
    assert response.status_code == 302
    assert list(Address.objects.values_list("row", "lines", "postcode", "area")) == [
        (2, "4 Sycamore Terrace, Riverside", "RV4 1AB", ""),
        (3, "5 Quillbank Lane, Riverside", "12345", ""),
    ]


_BAD_FILES = [
    ("homes.csv", b"street,postcode\n1 Sycamore Terrace,RV1\n", "ward", "homes.csv, row 1"),
    ("homes.csv", b"address,postcode\n1 Sycamore Terrace,RV1\n", "ward", "column ward"),
    (
        "homes.csv",
        b"address,ward\n1 Sycamore Terrace,North\n,South\n",
        "ward",
        "homes.csv, row 3, column address: the address is empty",
    ),
    (
        "homes.csv",
        b"address,ward\n1 Sycamore Terrace,North\n2 Heronsgate Row,\n",
        "ward",
        "homes.csv, row 3, column ward: the area is empty",
    ),
    (
        "homes.csv",
        b"address,ward\n1 Sycamore Terrace,North\n2 Heronsgate Row,North\n"
        b"1  sycamore terrace,North\n",
        "ward",
        "homes.csv, row 4: the same address as row 2",
    ),
    ("homes.xlsx", b"PK\x03\x04 not really a workbook", "", "homes.xlsx cannot be read"),
    ("homes.xlsx", b"address\n1 Sycamore Terrace\n", "", "homes.xlsx cannot be read"),
    ("homes.pdf", b"%PDF-1.4 address", "", "homes.pdf: only .csv and .xlsx"),
    ("homes.csv", b"address\n", "", "homes.csv has no addresses"),
    ("homes.csv", b"\xff\xfeaddress\n", "", "homes.csv is not UTF-8"),
]


@pytest.mark.parametrize(("name", "content", "area", "message"), _BAD_FILES)
def test_a_bad_file_is_refused_whole_with_its_row_and_column(
    cast: Cast, name: str, content: bytes, area: str, message: str
) -> None:
    before = head(cast.process)
    response = _post_upload(cast, name=name, content=content, area=area)
    assert response.status_code == 400
    assert message in response.content.decode().replace("&#x27;", "'")
    assert not AddressList.objects.exists()
    assert not Address.objects.exists()
    assert head(cast.process) == before


def test_the_action_raises_the_coded_error(cast: Cast) -> None:
    with pytest.raises(LifecycleError) as raised:
        _upload(cast, b"address,ward\nA,North\n\n;\n", "a.csv")
    assert raised.value.code in {"address_row_empty", "address_area_empty"}
    assert not AddressList.objects.exists()


# ---------------------------------------------------------------- the draw


def _rows(draw: InvitationDraw) -> list[int]:
    return sorted(draw.invitations.values_list("address__row", flat=True))


def test_the_draw_is_reproducible_from_the_list_and_the_seed(cast: Cast) -> None:
    address_list = _upload(cast)
    draw = _draw(cast, address_list, 7, seed="0417")
    # The documented algorithm, restated: the smallest SHA-256("<seed>:<row>") keys win.
    file_rows = list(range(2, 32))
    expected = sorted(
        sorted(file_rows, key=lambda r: hashlib.sha256(f"0417:{r}".encode()).hexdigest())[:7]
    )
    assert _rows(draw) == expected
    pairs = list(address_list.addresses.values_list("row", "area"))
    assert draw_rows(pairs, size=7, letters_per_area=None, seed="0417") == expected
    text = "".join(f"{row}\n" for row in expected)
    assert draw.result_sha256 == hashlib.sha256(text.encode()).hexdigest()
    again = _draw(cast, address_list, 7, seed="0417")
    assert _rows(again) == expected
    assert again.result_sha256 == draw.result_sha256
    assert set(draw.invitations.values_list("code", flat=True)).isdisjoint(
        again.invitations.values_list("code", flat=True)
    )
    assert _rows(_draw(cast, address_list, 7, seed="0418")) != expected


def test_a_stratified_draw_honours_the_letters_per_area(cast: Cast) -> None:
    address_list = _upload(cast)
    page = cast.client("recruiter").get(f"{BASE}draw/").content.decode()
    assert "Letters for North (20 addresses)" in page
    assert "Letters for South (10 addresses)" in page
    response = cast.client("recruiter").post(
        f"{BASE}draw/?list={address_list.pk}",
        {"mode": "areas", "area_0": "3", "area_1": "8", "seed": "announced-42"},
    )
    assert response.status_code == 302
    draw = InvitationDraw.objects.get()
    assert (draw.size, draw.letters_per_area) == (11, {"North": 3, "South": 8})
    areas = list(draw.invitations.values_list("address__area", flat=True))
    assert (areas.count("North"), areas.count("South")) == (3, 8)
    pairs = list(address_list.addresses.values_list("row", "area"))
    expected = draw_rows(
        pairs, size=11, letters_per_area={"North": 3, "South": 8}, seed="announced-42"
    )
    assert _rows(draw) == expected
    detail = cast.client("recruiter").get(f"{BASE}{draw.pk}/").content.decode()
    assert "announced-42" in detail
    assert draw.result_sha256 in detail


def test_more_letters_than_addresses_are_refused(cast: Cast) -> None:
    address_list = _upload(cast)
    before = head(cast.process)
    response = cast.client("recruiter").post(
        f"{BASE}draw/?list={address_list.pk}", {"mode": "uniform", "size": "31", "seed": "x"}
    )
    assert response.status_code == 400
    assert "31 invitations cannot be drawn from a list of 30 addresses" in response.content.decode()
    with pytest.raises(LifecycleError) as raised:
        _draw(cast, address_list, 0, letters_per_area={"South": 11})
    assert raised.value.code == "invitation_area_too_many"
    assert not InvitationDraw.objects.exists()
    assert head(cast.process) == before


def test_the_ledger_records_the_draw_without_addresses(cast: Cast) -> None:
    address_list = _upload(cast)
    draw = _draw(cast, address_list, 4, letters_per_area={"North": 2, "South": 2})
    row = public_entries(cast.process)[-1]
    assert row["event"] == "invitations.drawn"
    assert row["payload"] == {
        "draw": draw.pk,
        "list": address_list.pk,
        "size": 4,
        "letters_per_area": {"North": 2, "South": 2},
        "seed": "riverside-2026",
        "result_sha256": draw.result_sha256,
    }
    record = json.dumps(public_entries(cast.process)) + json.dumps(
        [entry.payload for entry in entries(cast.process)]
    )
    for street in STREETS:
        assert street not in record
    for code in draw.invitations.values_list("code", flat=True):
        assert code not in record


# ---------------------------------------------------------------- codes


def test_codes_are_unique_unambiguous_and_typed_back_in_any_form(cast: Cast) -> None:
    draw = _draw(cast, _upload(cast), 30)
    codes = list(Invitation.objects.values_list("code", flat=True))
    assert len(codes) == len(set(codes)) == 30
    for code in codes:
        assert len(code) == 8
        assert set(code) <= set(CODE_ALPHABET)
        assert not set(code) & set("0O1IL")
        printed = format_code(code)
        assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}", printed)
        assert normalise_code(printed) == code
        assert normalise_code(f"  {printed.lower()} ") == code
        assert normalise_code(printed.replace("-", " ")) == code
    assert draw.invitations.count() == 30


# ---------------------------------------------------------------- letters


def test_the_pdf_has_one_page_per_invitation(cast: Cast) -> None:
    draw = _draw(cast, _upload(cast), 6)
    response = cast.client("recruiter").get(f"{BASE}{draw.pk}/letters.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert response.content.startswith(b"%PDF")
    assert _page_count(response.content) == 6


def test_non_latin_text_prints_with_or_without_a_unicode_font(
    cast: Cast, monkeypatch: pytest.MonkeyPatch, tmp_path: object
) -> None:
    cast.process.title = "Zürich — Łódź 東京 assembly"
    cast.process.save()
    draw = _draw(cast, _upload(cast), 2)
    draw.letter_text = "Ευχαριστούμε — thank you"
    assert _page_count(letters.letters_pdf(draw)) == 2
    monkeypatch.setattr(letters, "FONT_DIR", tmp_path)  # no DejaVu: the built-in font
    pdf = letters.letters_pdf(draw)
    assert pdf.startswith(b"%PDF")
    assert _page_count(pdf) == 2
    assert letters.latin1("Zürich — “Łódź” 東京") == 'Zürich - "?ódz" ??'


def test_the_mail_merge_csv_has_a_header_and_a_row_per_letter(cast: Cast) -> None:
    draw = _draw(cast, _upload(cast), 5)
    response = cast.client("lead_practitioner").get(f"{BASE}{draw.pk}/letters.csv")
    assert response.status_code == 200
    table = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert table[0] == list(letters.CSV_COLUMNS)
    assert len(table) == 6
    codes = {format_code(code) for code in draw.invitations.values_list("code", flat=True)}
    assert {row[6] for row in table[1:]} == codes
    for row in table[1:]:
        assert row[1] == "Riverside"
        assert row[5] in {"North", "South"}
        assert row[7].endswith("/p/riverside/register/")


def test_every_download_is_logged_as_a_personal_data_export(cast: Cast) -> None:
    draw = _draw(cast, _upload(cast), 4)
    cast.client("recruiter").get(f"{BASE}{draw.pk}/letters.csv")
    cast.client("lead_practitioner").get(f"{BASE}{draw.pk}/letters.pdf")
    exports = list(
        PersonalDataExport.objects.values_list(
            "exported_by__username", "exported_by_role", "what", "rows"
        )
    )
    assert exports == [
        ("recruiter", "recruiter", "invitation letters (CSV)", 4),
        ("lead_practitioner", "lead_practitioner", "invitation letters (PDF)", 4),
    ]
    assert all(row.process_id == cast.process.pk for row in PersonalDataExport.objects.all())


def test_an_unknown_draw_is_not_found(cast: Cast) -> None:
    draw = _draw(cast, _upload(cast), 2)
    response = cast.client("recruiter").get(f"{BASE}{draw.pk + 1}/letters.csv")
    assert response.status_code == 404
    assert not PersonalDataExport.objects.exists()


def test_the_draw_page_suggests_a_seed_and_asks_for_a_list_first(cast: Cast) -> None:
    empty = cast.client("recruiter").get(f"{BASE}draw/")
    assert empty.status_code == 200
    assert "Upload an address list first." in empty.content.decode()
    address_list = _upload(cast)
    page = cast.client("recruiter").get(f"{BASE}draw/").content.decode()
    seed = re.search(r'name="seed" value="([0-9a-f]+)"', page)
    assert seed is not None
    assert len(seed.group(1)) == 16
    assert '<label for="id_seed">' in page
    assert f'?list={address_list.pk}"' in page
    assert cast.client("recruiter").get(f"{BASE}draw/?list=999").status_code == 404


def _pdf_text(pdf: bytes) -> str:
    """The text drawn in a PDF written with the built-in font (its streams inflated)."""
    streams = re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.DOTALL)
    return "".join(
        zlib.decompress(stream).decode("latin-1", "replace")
        for stream in streams
        if stream[:1] == b"x"
    )


def test_the_draw_page_shows_the_default_text_in_a_labelled_field(cast: Cast) -> None:
    draw = _draw(cast, _upload(cast), 1)
    page = cast.client("recruiter").get(f"{BASE}{draw.pk}/").content.decode()
    assert "Your address was drawn by lot" in page
    assert '<label for="id_text">' in page
    assert "Save text" in page
    assert f'href="{BASE}{draw.pk}/letters.pdf"' in page
    assert letters.letters_pdf(draw) == letters.letters_pdf(draw)  # no clock inside


def test_a_saved_letter_text_is_recorded_and_printed(
    cast: Cast, monkeypatch: pytest.MonkeyPatch, tmp_path: object
) -> None:
    monkeypatch.setattr(letters, "FONT_DIR", tmp_path)  # the built-in font: plain text
    draw = _draw(cast, _upload(cast), 2)
    pdf_url = f"{BASE}{draw.pk}/letters.pdf"
    before = cast.client("recruiter").get(pdf_url).content
    assert "Come and decide with us" not in _pdf_text(before)
    text = "Come and decide with us.\r\nEvery voice counts."
    response = cast.client("recruiter").post(f"{BASE}{draw.pk}/", {"text": text})
    assert response.status_code == 302
    draw.refresh_from_db()
    stored = "Come and decide with us.\nEvery voice counts."
    assert draw.letter_text == stored
    [entry] = [row for row in entries(cast.process) if row.event == "invitations.letter_text_set"]
    assert entry.payload == {
        "draw": draw.pk,
        "sha256": hashlib.sha256(stored.encode()).hexdigest(),
        "characters": len(stored),
    }
    assert entry.actor_role == "recruiter"
    page = cast.client("recruiter").get(f"{BASE}{draw.pk}/").content.decode()
    assert "Every voice counts." in page
    after = cast.client("lead_practitioner").get(pdf_url).content
    assert after != before
    assert "Come and decide with us." in _pdf_text(after)
    assert "Your address was drawn" not in _pdf_text(after)
    # A GET no longer changes what prints: ?text= is ignored.
    assert cast.client("recruiter").get(f"{pdf_url}?text=Something+else").content == after
    # Saving the same text again records nothing new; saving it blank restores the default.
    cast.client("recruiter").post(f"{BASE}{draw.pk}/", {"text": stored})
    cast.client("recruiter").post(f"{BASE}{draw.pk}/", {"text": "  "})
    draw.refresh_from_db()
    assert draw.letter_text == ""
    events = [row.event for row in entries(cast.process)]
    assert events.count("invitations.letter_text_set") == 2
    assert "Your address was drawn" in _pdf_text(cast.client("recruiter").get(pdf_url).content)


def test_a_letter_text_too_long_is_refused_with_the_limit(cast: Cast) -> None:
    draw = _draw(cast, _upload(cast), 1)
    long_text = "x" * (LETTER_TEXT_MAX + 1)
    response = cast.client("recruiter").post(f"{BASE}{draw.pk}/", {"text": long_text})
    assert response.status_code == 400
    page = response.content.decode()
    assert f"at most {LETTER_TEXT_MAX} characters; this one has {LETTER_TEXT_MAX + 1}" in page
    draw.refresh_from_db()
    assert draw.letter_text == ""
    assert not [row for row in entries(cast.process) if row.event == "invitations.letter_text_set"]
    with pytest.raises(LifecycleError) as refused:
        do_set_letter_text(SYSTEM, cast.process, draw, long_text)
    assert refused.value.code == "letter_text_too_long"


@pytest.mark.parametrize("who", ACTORS)
def test_only_recruitment_staff_set_the_letter_text(cast: Cast, who: str) -> None:
    draw = _draw(cast, _upload(cast), 1)
    response = cast.client(who).post(f"{BASE}{draw.pk}/", {"text": "Hello neighbours"})
    assert response.status_code == _expected(who, allowed=302)
    draw.refresh_from_db()
    assert draw.letter_text == ("Hello neighbours" if who in MANAGERS else "")
