"""The funding statement: set by the lead practitioner in design, public on the portal and
in the ledger, refused with a message naming the row and field when it is incomplete."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from minipublic.integrity.models import LedgerEntry
from minipublic.lifecycle import LifecycleError, Phase
from minipublic.processes import actions
from minipublic.processes.access import SYSTEM
from minipublic.processes.error_text import describe
from minipublic.processes.funding import FunderLine, Funding, do_set_funding, funding_of
from minipublic.processes.funding_models import FundingSource
from tests.cast import Cast

URL = "/p/riverside/manage/funding/"


def _form(rows: list[dict[str, str]], **statement: str) -> dict[str, Any]:
    data: dict[str, Any] = {
        "funders-TOTAL_FORMS": str(len(rows)),
        "funders-INITIAL_FORMS": "0",
        "funders-MIN_NUM_FORMS": "0",
        "funders-MAX_NUM_FORMS": "20",
        "practitioners_paid_by": statement.get("practitioners_paid_by", ""),
        "participants_paid": statement.get("participants_paid", ""),
        "notes": statement.get("notes", ""),
    }
    for number, row in enumerate(rows):
        for name in ("funder", "kind", "amount", "currency", "pays_for"):
            data[f"funders-{number}-{name}"] = row.get(name, "")
    return data


COUNCIL = {
    "funder": "Riverside Council",
    "kind": "commissioner",
    "amount": "120000",
    "currency": "gbp",
    "pays_for": "Venue, allowances and the delivery team's contract.",
}
FOUNDATION = {
    "funder": "Riverside Trust",
    "kind": "foundation",
    "amount": "15000.50",
    "currency": "GBP",
    "pays_for": "The independent evaluation.",
}


def test_the_lead_sets_the_funding_and_the_public_sees_it(public_cast: Cast) -> None:
    lead = public_cast.client("lead_practitioner")
    assert lead.get(URL).status_code == 200
    response = lead.post(
        URL,
        _form(
            [
                COUNCIL,
                {},
                FOUNDATION,
                {
                    "funder": "Riverside University",
                    "kind": "public_body",
                    "pays_for": "Two researchers' time.",
                },
            ],
            practitioners_paid_by="Flood Futures Ltd, under contract with the council.",
            participants_paid="£250 a day.",
        ),
    )
    assert response.status_code == 302, response.content.decode()
    funding = funding_of(public_cast.process).funding
    assert [line.funder for line in funding.sources] == [
        "Riverside Council",
        "Riverside Trust",
        "Riverside University",
    ]
    assert funding.sources[0].currency == "GBP"
    assert funding.totals() == [("GBP", Decimal("135000.50"))]

    (entry,) = LedgerEntry.objects.filter(process=public_cast.process, event="process.funding_set")
    assert entry.actor_role == "lead_practitioner"
    assert entry.private_fields == []
    assert entry.payload["totals"] == {"GBP": "135000.50"}
    assert entry.payload["sources"][2] == {
        "funder": "Riverside University",
        "kind": "public_body",
        "amount": None,
        "currency": "",
        "pays_for": "Two researchers' time.",
    }
    assert entry.payload["practitioners_paid_by"].startswith("Flood Futures Ltd")

    page = public_cast.client("anonymous").get("/p/riverside/").content.decode()
    funding_section = page.partition('id="funding"')[2].partition("</section>")[0]
    assert "Riverside Trust" in funding_section
    assert "GBP 15,000.50" in funding_section
    assert "In kind" in funding_section
    assert "GBP 135,000.50" in funding_section
    assert "Flood Futures Ltd" in funding_section
    assert "£250 a day." in funding_section


def test_saving_the_same_funding_again_adds_no_entry(public_cast: Cast) -> None:
    lead = public_cast.users["lead_practitioner"]
    funding = Funding(sources=(FunderLine("Riverside Council", "commissioner", "All of it."),))
    do_set_funding(lead, public_cast.process, funding)
    do_set_funding(lead, public_cast.process, funding)
    entries = LedgerEntry.objects.filter(process=public_cast.process, event="process.funding_set")
    assert entries.count() == 1


def test_an_incomplete_row_is_refused_by_field_and_nothing_is_saved(public_cast: Cast) -> None:
    lead = public_cast.client("lead_practitioner")
    broken = {**FOUNDATION, "currency": "", "pays_for": ""}
    response = lead.post(URL, _form([COUNCIL, broken]))
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="id_funders-1-currency_error"' in page
    assert "three-letter code" in page
    assert 'id="id_funders-1-pays_for_error"' in page
    # What was typed is still there.
    assert 'value="Riverside Trust"' in page
    assert not FundingSource.objects.exists()
    assert not LedgerEntry.objects.filter(event="process.funding_set").exists()


@pytest.mark.parametrize(
    ("line", "code", "words"),
    [
        (FunderLine("", "commissioner", "x"), "funding_funder_missing", "Funder 1 needs a name"),
        (FunderLine("A", "bank", "x"), "funding_kind_unknown", "unknown kind"),
        (FunderLine("A", "commissioner", " "), "funding_purpose_missing", "pays for"),
        (
            FunderLine("A", "commissioner", "x", Decimal("-1"), "GBP"),
            "funding_amount_out_of_range",
            "zero or more",
        ),
        (
            FunderLine("A", "commissioner", "x", Decimal("5"), "pounds"),
            "funding_currency_invalid",
            "three-letter code",
        ),
    ],
)
def test_the_action_refuses_a_bad_line_with_a_translated_message(
    public_cast: Cast, line: FunderLine, code: str, words: str
) -> None:
    with pytest.raises(LifecycleError) as refused:
        do_set_funding(
            public_cast.users["lead_practitioner"], public_cast.process, Funding(sources=(line,))
        )
    assert refused.value.code == code
    assert words in describe(refused.value)


@pytest.mark.parametrize("who", ["commissioner", "facilitator", "oversight", "participant"])
def test_only_the_lead_practitioner_edits_the_funding(public_cast: Cast, who: str) -> None:
    response = public_cast.client(who).post(URL, _form([COUNCIL]))
    assert response.status_code in (403, 404)
    assert not FundingSource.objects.exists()


def test_the_funding_is_fixed_once_deliberation_starts(public_cast: Cast) -> None:
    for phase in (Phase.RECRUITMENT, Phase.SELECTION, Phase.DELIBERATION):
        actions.do_change_phase(SYSTEM, public_cast.process, phase)
    response = public_cast.client("lead_practitioner").post(URL, _form([COUNCIL]))
    assert response.status_code == 403
    assert not FundingSource.objects.exists()


def test_the_menu_offers_the_funding_page_to_the_lead_only(public_cast: Cast) -> None:
    lead_page = public_cast.client("lead_practitioner").get("/p/riverside/").content.decode()
    assert f'href="{URL}"' in lead_page
    commissioner_page = public_cast.client("commissioner").get("/p/riverside/").content.decode()
    assert f'href="{URL}"' not in commissioner_page


def test_without_a_statement_the_portal_says_so(public_cast: Cast) -> None:
    page = public_cast.client("anonymous").get("/p/riverside/").content.decode()
    assert "has not published the funding of this process yet" in page
