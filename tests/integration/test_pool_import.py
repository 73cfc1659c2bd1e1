"""Importing a pool of registrants from CSV or Excel: all rows or none."""

from __future__ import annotations

import hashlib
import io

import openpyxl  # type: ignore[import-untyped]
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from minipublic.integrity.record import entries
from minipublic.lifecycle import Visibility
from minipublic.recruitment.models import Registrant
from minipublic.recruitment.pool_import import _KnownRegistrants
from minipublic.recruitment.registration import find_duplicate
from tests.cast import Cast, make_cast
from tests.integration.test_registration import open_registration


@pytest.fixture
def cast(db: None) -> Cast:
    """The riverside process, public: registration exists only for public processes."""
    return make_cast(Visibility.PUBLIC)


pytestmark = pytest.mark.django_db

URL = "/p/riverside/manage/registrants/import/"
HEADER = "first_name,last_name,email,phone,address,postcode,age,gender"
GOOD = (
    f"{HEADER}\n"
    "Ada,Brook,ada@example.org,,1 Mill Lane,RV1 1AB,16-29,woman\n"
    "Ben,Brook,ben@example.org,,1 Mill Lane,RV1 1AB,30-plus,man\n"
    "Cy,Dale,,0123,4 Elm Road,RV2 2CD,30-plus,pnts\n"
    "Ada,Brook,,,8 Oak Row,RV1 1AB,16-29,woman\n"
)


def _post(cast: Cast, content: bytes, name: str = "pool.csv", who: str = "recruiter") -> object:
    return cast.client(who).post(URL, {"file": SimpleUploadedFile(name, content)})


def test_a_good_file_imports_every_row_with_duplicates_and_households(cast: Cast) -> None:
    open_registration(cast.process)
    response = _post(cast, GOOD.encode())
    assert response.status_code == 302  # type: ignore[attr-defined]
    ada, ben, cy, ada_again = Registrant.objects.order_by("pk")
    assert ada.source == "import"
    assert cy.answers == {"age": "30-plus", "gender": "pnts"}
    assert ada.household == ben.household
    assert ada.household != ""
    assert ada_again.duplicate_of == ada  # same name and postcode
    assert ben.duplicate_of is None
    entry = entries(cast.process).get(event="pool.imported")
    assert entry.payload == {"rows": 4, "sha256": hashlib.sha256(GOOD.encode()).hexdigest()}
    assert "Ada" not in str(entry.payload)


def test_a_second_file_is_checked_against_everyone_already_in_the_pool(cast: Cast) -> None:
    open_registration(cast.process)
    assert _post(cast, GOOD.encode()).status_code == 302  # type: ignore[attr-defined]
    again = (
        f"{HEADER}\n"
        "Adeline,Other,ADA@Example.org,,9 New Street,RV9 9ZZ,16-29,woman\n"  # Ada's e-mail
        "ben,BROOK,,,2 Far Lane,rv1 1ab,30-plus,man\n"  # Ben's name and postcode
        "Dee,Fen,dee@example.org,,3 Fen Way,RV3 3EF,30-plus,man\n"
    )
    assert _post(cast, again.encode(), "more.csv").status_code == 302  # type: ignore[attr-defined]
    ada, ben, _cy, _ada_again, adeline, ben_again, dee = Registrant.objects.order_by("pk")
    assert adeline.duplicate_of == ada
    assert ben_again.duplicate_of == ben
    assert dee.duplicate_of is None
    pseudonyms = list(Registrant.objects.values_list("pseudonym", flat=True))
    assert len(set(pseudonyms)) == 7


def test_an_excel_file_is_read(cast: Cast) -> None:
    open_registration(cast.process)
    book = openpyxl.Workbook()
    for line in GOOD.splitlines():
        book.active.append(line.split(","))
    out = io.BytesIO()
    book.save(out)
    assert _post(cast, out.getvalue(), "pool.xlsx").status_code == 302  # type: ignore[attr-defined]
    assert Registrant.objects.count() == 4


def test_one_bad_row_imports_nothing_and_names_row_column_and_values(cast: Cast) -> None:
    open_registration(cast.process)
    bad = GOOD.replace("Cy,Dale,,0123,4 Elm Road,RV2 2CD,30-plus,pnts", "Cy,Dale,,,x,y,ancient,man")
    response = _post(cast, bad.encode())
    assert response.status_code == 400  # type: ignore[attr-defined]
    html = response.content.decode()  # type: ignore[attr-defined]
    assert "pool.csv, row 4, column age: choose one of 16-29, 30-plus." in html
    assert not Registrant.objects.exists()
    assert not entries(cast.process).filter(event="pool.imported").exists()


def test_a_missing_column_is_named(cast: Cast) -> None:
    open_registration(cast.process)
    content = GOOD.replace(",gender", ",sex").encode()
    html = _post(cast, content).content.decode()  # type: ignore[attr-defined]
    assert "pool.csv: there is no column gender." in html
    assert not Registrant.objects.exists()


@pytest.mark.parametrize("who", ["commissioner", "observer", "outsider"])
def test_only_recruitment_staff_import(cast: Cast, who: str) -> None:
    open_registration(cast.process)
    response = _post(cast, GOOD.encode(), who=who)
    assert response.status_code in (403, 404)  # type: ignore[attr-defined]
    assert not Registrant.objects.exists()


@pytest.mark.parametrize(
    ("first_name", "last_name", "email", "postcode", "same"),
    [
        ("Zoe", "Other", " juergen@example.org ", "ZZ9 9ZZ", True),  # e-mail, any case, spaces
        ("JÜRGEN", "STRASSE", "", "rv1 1ab ", True),  # name and postcode, casefolded
        ("Jürgen ", " Straße", "", "RV1 1AB", True),
        ("Jürgen", "Straße", "", "RV2 2CD", False),  # another postcode
        ("Jürgen", "Straße", "", "", False),  # no postcode: names alone are not enough
    ],
)
def test_registration_and_import_find_the_same_duplicates(
    cast: Cast, first_name: str, last_name: str, email: str, postcode: str, same: bool
) -> None:
    open_registration(cast.process)
    pool = f"{HEADER}\nJürgen,Straße,Juergen@Example.ORG,,1 Mill Lane,RV1 1AB,30-plus,man\n"
    assert _post(cast, pool.encode()).status_code == 302  # type: ignore[attr-defined]
    jurgen = Registrant.objects.get()
    fields = {"first_name": first_name, "last_name": last_name, "email": email}
    fields["postcode"] = postcode
    expected = jurgen if same else None
    assert find_duplicate(cast.process, **fields) == expected
    assert _KnownRegistrants(cast.process).duplicate_of(fields) == expected
    # And through the import itself.
    row = f"{first_name},{last_name},{email.strip()},,2 Far Lane,{postcode.strip()},16-29,woman"
    assert _post(cast, f"{HEADER}\n{row}\n".encode(), "more.csv").status_code == 302  # type: ignore[attr-defined]
    assert Registrant.objects.order_by("pk").last().duplicate_of == expected  # type: ignore[union-attr]
