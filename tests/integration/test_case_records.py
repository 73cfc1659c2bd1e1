"""Case records through their pages: who may write, review and publish; what the
published library entry holds (anonymised, suppressed, generalised, linked or not)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from minipublic.integrity.models import Incident, LedgerEntry
from minipublic.learning.case_models import CaseRecord
from minipublic.learning.library_models import LibraryEntry
from minipublic.processes.funding_models import FunderKind, FundingSource
from tests.cast import Cast

CASE = "/p/riverside/learning/case/"
REFUSED = ("commissioner", "participant", "observer", "expert", "oversight", "recruiter")


def _generate(client: Client) -> None:
    response = client.post(CASE)
    assert response.status_code == 302, response.content[:500]
    assert response["Location"] == f"{CASE}edit/"


def _edit_data(client: Client, **changes: Any) -> dict[str, Any]:
    """The edit form's current values, with ``changes``."""
    form = client.get(f"{CASE}edit/").context["form"]
    data: dict[str, Any] = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if name == "link_process":
            if value:
                data[name] = "on"
            continue
        data[name] = value if value is not None else ""
    for name, value in changes.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    return data


def _review(client: Client, **extra: str) -> Any:
    """Post the review page's proposed terms as they are (plus ``extra`` fields)."""
    page = client.get(f"{CASE}review/")
    formset = page.context["formset"]
    data = {
        "terms-TOTAL_FORMS": str(len(formset.forms)),
        "terms-INITIAL_FORMS": str(formset.initial_form_count()),
        "terms-MIN_NUM_FORMS": "0",
        "terms-MAX_NUM_FORMS": "1000",
    }
    for i, form in enumerate(formset.forms):
        initial = form.initial
        data[f"terms-{i}-term"] = initial.get("term", "")
        data[f"terms-{i}-kind"] = initial.get("kind", "person")
        data[f"terms-{i}-label"] = initial.get("label", "")
        if initial.get("replace"):
            data[f"terms-{i}-replace"] = "on"
    data.update(extra)
    return client.post(f"{CASE}review/", data)


def _write(cast: Cast, who: str = "lead_practitioner", **changes: Any) -> Client:
    client = cast.client(who)
    _generate(client)
    defaults: dict[str, Any] = {
        "section_lessons": "Priya Raman of Riverside Council should have met Ms Whitfield "
        "sooner; call 0161 496 0000 for more. The Riverside Gazette covered it.",
        "region": "North West",
        "country": "England",
    }
    data = _edit_data(client, **{**defaults, **changes})
    response = client.post(f"{CASE}edit/", data)
    assert response.status_code == 302, response.context["form"].errors
    return client


@pytest.mark.parametrize("who", [*REFUSED, "outsider"])
def test_other_roles_may_not_see_or_write_the_case_record(cast: Cast, who: str) -> None:
    client = cast.client(who)
    for path in ("", "edit/", "review/", "publish/", "draft.json"):
        assert client.get(f"{CASE}{path}").status_code in {403, 404}, (who, path)
    assert client.post(CASE).status_code in {403, 404}
    assert not CaseRecord.objects.exists()


def test_visitors_are_sent_to_sign_in(cast: Cast) -> None:
    response = cast.client("anonymous").get(CASE)
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_the_draft_is_generated_from_the_process(cast: Cast) -> None:
    FundingSource.objects.create(
        process=cast.process, position=1, funder="Hallam Foundation",
        kind=FunderKind.FOUNDATION, pays_for="Venue",
    )  # fmt: skip
    client = cast.client("lead_practitioner")
    assert b"Generate the draft" in client.get(CASE).content
    _generate(client)
    record = CaseRecord.objects.get()
    assert record.title == "Riverside Citizens' Assembly"
    assert record.place == "Riverside"
    assert "How should Riverside adapt to flooding?" in record.sections["purpose"]
    assert "Hallam Foundation" in record.sections["organisers"]
    assert record.figures["funding"] == {"funders": 1, "by_kind": {"foundation": 1}}
    assert record.figures["register"] == []
    assert record.sections["lessons"] == ""
    # A second draft is refused while this one is open.
    response = client.post(CASE)
    assert response.status_code == 200
    assert "already being written" in response.content.decode()
    assert CaseRecord.objects.count() == 1


def test_facilitator_writes_and_reviews_but_cannot_publish(cast: Cast) -> None:
    client = _write(cast, "facilitator")
    assert _review(client).status_code == 302
    page = client.get(f"{CASE}publish/")
    assert page.status_code == 200
    assert "Only the lead practitioner publishes" in page.content.decode()
    assert client.post(f"{CASE}publish/", {"confirm": "on"}).status_code == 403
    assert not LibraryEntry.objects.exists()


def test_lead_publishes_an_anonymised_unlinked_record(cast: Cast) -> None:
    Incident.objects.create(
        process=cast.process, reported_on="2026-01-05", what_happened="SECRET TEXT of Bob",
        pressure_source="commissioner", target="report_content", phase="design",
        severity="high", status="addressed",
    )  # fmt: skip
    client = cast.client("lead_practitioner")
    _generate(client)
    data = _edit_data(
        client,
        section_lessons="Ms Whitfield of Riverside Council phoned Dr Sam Kowalski on "
        "0161 496 0000; see www.riverside.example. Lead_practitioner wrote this.",
        region="North West",
        country="England",
        location="region",
    )
    assert client.post(f"{CASE}edit/", data).status_code == 302
    terms = client.get(f"{CASE}review/").context["formset"].initial
    found = {term["term"]: term["label"] for term in terms}
    assert found["Riverside Council"] == "[the commissioner]"
    assert found["0161 496 0000"] == "[a telephone number]"
    assert found["Dr Sam Kowalski"] == "[a person]"
    assert "www.riverside.example" in found
    assert _review(client).status_code == 302
    ledger_before = LedgerEntry.objects.filter(process=cast.process).count()
    response = client.post(f"{CASE}publish/", {"confirm": "on"})
    assert response.status_code == 302
    entry = LibraryEntry.objects.get()
    text = " ".join([entry.title, *entry.sections.values()])
    for name in ("Riverside", "Whitfield", "Kowalski", "0161", "riverside.example"):
        assert name.lower() not in text.lower(), name
    assert "[the commissioner]" in text
    assert "[the town]" in text
    assert "SECRET" not in text
    assert "SECRET" not in str(entry.figures)
    assert entry.process is None
    assert (entry.place, entry.region, entry.country) == ("", "North West", "England")
    assert entry.figures["register"] == [
        {"pressure": "steer.report_content", "outcome": "addressed", "count": "fewer than 5"}
    ]
    assert entry.pressures == ["steer.report_content"]
    assert entry.public_id
    assert "riverside" not in entry.public_id
    assert entry.author == cast.users["lead_practitioner"]
    # Nothing in the process's public ledger ties it to the entry.
    assert LedgerEntry.objects.filter(process=cast.process).count() == ledger_before
    assert not LedgerEntry.objects.filter(event="learning.case_published").exists()
    # The draft is closed: a new one may be started.
    assert CaseRecord.objects.get().published_at is not None
    assert b"Generate the draft" in client.get(CASE).content
    _generate(client)
    assert CaseRecord.objects.count() == 2


def test_a_linked_record_names_the_process_and_is_in_its_ledger(cast: Cast) -> None:
    client = _write(cast, link_process="on", location="exact", place="Riverside")
    _review(client)
    assert client.post(f"{CASE}publish/", {"confirm": "on"}).status_code == 302
    entry = LibraryEntry.objects.get()
    assert entry.process == cast.process
    assert entry.place == "Riverside"
    ledger = LedgerEntry.objects.get(process=cast.process, event="learning.case_published")
    assert ledger.payload["public_id"] == entry.public_id


def test_publishing_is_refused_unless_reviewed_and_unchanged(cast: Cast) -> None:
    client = _write(cast)
    page = client.post(f"{CASE}publish/", {"confirm": "on"})
    assert page.status_code == 200
    assert "Review the names in the record before publishing" in page.content.decode()
    _review(client)
    assert CaseRecord.objects.get().reviewed_at is not None
    # Editing the text after the review clears it; publishing is refused again.
    data = _edit_data(client, section_lessons="Something new about Riverside.")
    assert client.post(f"{CASE}edit/", data).status_code == 302
    assert CaseRecord.objects.get().reviewed_at is None
    page = client.post(f"{CASE}publish/", {"confirm": "on"})
    assert "Review the names" in page.content.decode()
    # Changing only a choice keeps the review.
    _review(client)
    data = _edit_data(client, licence="CC0-1.0")
    client.post(f"{CASE}edit/", data)
    assert CaseRecord.objects.get().reviewed_at is not None
    # Without the confirmation box, nothing is published.
    page = client.post(f"{CASE}publish/", {})
    assert "Tick the box" in page.content.decode()
    assert not LibraryEntry.objects.exists()


def test_an_edit_made_behind_the_reviews_back_is_caught(cast: Cast) -> None:
    client = _write(cast)
    _review(client)
    record = CaseRecord.objects.get()
    record.sections["lessons"] += " Dana Whitfield"
    record.save()
    page = client.post(f"{CASE}publish/", {"confirm": "on"})
    assert "changed after its review" in page.content.decode()
    assert not LibraryEntry.objects.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"section_summary": ""}, "Write the summary"),
        (
            {f"section_{key}": "" for key in
             ("purpose", "context", "organisers", "recruitment", "methods", "process",
              "outcomes", "lessons")},
            "at least one section besides the summary",
        ),
        ({"title": "  "}, "Give a title"),
        ({"pressures": ["steer.nonsense"]}, "Select a valid choice"),
    ],
)  # fmt: skip
def test_bad_edits_are_refused_and_lose_nothing(
    cast: Cast, changes: dict[str, Any], message: str
) -> None:
    client = cast.client("lead_practitioner")
    _generate(client)
    typed = {"section_lessons": "Keep this reflection.", **changes}
    if not typed["section_lessons"]:
        typed["section_summary"] = "Keep this reflection."
    page = client.post(f"{CASE}edit/", _edit_data(client, **typed))
    assert page.status_code == 200
    text = page.content.decode()
    assert message in text
    assert "Keep this reflection." in text
    assert "Keep this reflection." not in str(CaseRecord.objects.get().sections)


def test_publishing_needs_the_chosen_location(cast: Cast) -> None:
    client = _write(cast, country="", region="")
    _review(client)
    page = client.post(f"{CASE}publish/", {"confirm": "on"})
    assert "Give the country" in page.content.decode()


def test_a_review_row_replacing_without_a_label_is_refused(cast: Cast) -> None:
    client = _write(cast)
    response = _review(client, **{"terms-0-label": ""})
    assert response.status_code == 200
    assert "Say what replaces this name" in response.content.decode()
    assert CaseRecord.objects.get().reviewed_at is None


def test_the_team_downloads_the_draft_as_json(cast: Cast) -> None:
    client = _write(cast)
    response = client.get(f"{CASE}draft.json")
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert data["format"] == "minipublic-case-draft-1"
    assert "Ms Whitfield" in data["sections"]["lessons"]
    assert data["reviewed"] is False


def test_the_menu_offers_the_case_record_to_the_lead_and_facilitators_only(cast: Cast) -> None:
    for who in ("lead_practitioner", "facilitator", *REFUSED):
        page = cast.client(who).get("/p/riverside/").content.decode()
        shown = "Case record for the library" in page and CASE in page
        assert shown is (who in {"lead_practitioner", "facilitator"}), who
