"""Who sees registrants' personal data: recruitment staff only, every export logged."""

from __future__ import annotations

import pytest
from django.test import Client

from minipublic.lifecycle import Visibility
from minipublic.recruitment.models import PersonalDataExport, Registrant
from minipublic.recruitment.registration import pool_counts
from tests.cast import ACTORS, Cast, make_cast
from tests.integration.test_registration import URL, form_data, open_registration


@pytest.fixture
def cast(db: None) -> Cast:
    """The riverside process, public: registration exists only for public processes."""
    return make_cast(Visibility.PUBLIC)


pytestmark = pytest.mark.django_db

MANAGERS = ("lead_practitioner", "recruiter")
PAGES = [
    "/p/riverside/manage/registrants/",
    "/p/riverside/manage/registrants/?status=registered",
    "/p/riverside/manage/registrants.csv",
    "/p/riverside/manage/registrants/import/",
    "/p/riverside/manage/registration/",
    "/p/riverside/manage/registration/questions/new/",
    "/p/riverside/manage/registration/questions/{pk}/",
]


def _expected(who: str) -> int:
    if who in MANAGERS:
        return 200
    if who == "anonymous":
        return 302  # to the sign-in page
    return 403


@pytest.mark.parametrize("who", ACTORS)
@pytest.mark.parametrize("page", PAGES)
def test_only_recruitment_staff_reach_any_registrant_page(cast: Cast, who: str, page: str) -> None:
    open_registration(cast.process)
    assert Client().post(URL, form_data(first_name="Zebedee")).status_code == 302
    pk = cast.process.features.first().pk  # type: ignore[union-attr]
    response = cast.client(who).get(page.format(pk=pk))
    assert response.status_code == _expected(who)
    if who not in MANAGERS:
        assert b"Zebedee" not in response.content
        assert b"ada@example.org" not in response.content
        assert not PersonalDataExport.objects.exists()


@pytest.mark.parametrize("who", ["commissioner", "observer"])
def test_commissioners_and_observers_cannot_change_registration(cast: Cast, who: str) -> None:
    open_registration(cast.process)
    client = cast.client(who)
    response = client.post("/p/riverside/manage/registration/", {"privacy_notice": "Mine"})
    assert response.status_code == 403
    assert cast.process.registration_settings.privacy_notice != "Mine"


def test_the_csv_export_holds_the_pool_and_is_logged(cast: Cast) -> None:
    open_registration(cast.process)
    Client().post(URL, form_data())
    response = cast.client("recruiter").get("/p/riverside/manage/registrants.csv")
    assert response.status_code == 200
    text = b"".join(response.streaming_content if response.streaming else [response.content])  # type: ignore[attr-defined]
    assert b"ada@example.org" in text
    assert Registrant.objects.get().pseudonym.encode() in text
    export = PersonalDataExport.objects.get()
    assert export.exported_by == cast.users["recruiter"]
    assert export.exported_by_role == "recruiter"
    assert export.rows == 1
    assert export.what == "registrants (CSV)"


def test_text_typed_by_the_public_cannot_run_as_a_spreadsheet_formula(cast: Cast) -> None:
    open_registration(cast.process)
    formula = '=HYPERLINK("http://evil.example","Click")'
    Client().post(URL, form_data(last_name=formula))
    assert Registrant.objects.get().last_name == formula  # kept as typed
    response = cast.client("recruiter").get("/p/riverside/manage/registrants.csv")
    text = response.content.decode()
    assert "'=HYPERLINK" in text
    assert ',"=HYPERLINK' not in text
    assert ",=HYPERLINK" not in text


def test_pool_counts_suppress_small_cells(cast: Cast) -> None:
    open_registration(cast.process)
    for number in range(6):
        Client().post(
            URL,
            form_data(
                email=f"p{number}@example.org",
                first_name=f"P{number}",
                q_gender="woman" if number else "man",
            ),
        )
    # A duplicate (same e-mail) is not counted twice.
    Client().post(URL, form_data(email="p1@example.org", first_name="Again"))
    assert Registrant.objects.count() == 7
    assert pool_counts(cast.process) == {
        "age": {"16-29": 6, "30-plus": 0},
        "gender": {"woman": 5, "man": None, "pnts": 0},
    }
    assert pool_counts(cast.process, suppress_below=0)["gender"]["man"] == 1


def test_the_registrants_page_counts_and_filters(cast: Cast) -> None:
    open_registration(cast.process)
    Client().post(URL, form_data())
    client = cast.client("lead_practitioner")
    page = client.get("/p/riverside/manage/registrants/").content.decode()
    assert "Ada Brook" in page
    assert "<caption>1 registrant</caption>" in page
    none = client.get("/p/riverside/manage/registrants/?status=selected").content.decode()
    assert "Ada Brook" not in none
