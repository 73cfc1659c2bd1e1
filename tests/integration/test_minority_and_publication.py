"""Minority reports (written, supported, withdrawn, in the report once they reach the
threshold) and the publication of the results: nothing outside the workspace before
the participants' report is frozen; the decided recommendations with their
distributions, and no names, afterwards."""

from __future__ import annotations

from decimal import Decimal

import pytest

from minipublic import clock
from minipublic.recommendations import votes
from minipublic.recommendations.models import DraftingRules
from minipublic.recommendations.portal import portal_section
from minipublic.recommendations.report_models import ReportVersion
from minipublic.recommendations.results import minority_reports
from minipublic.recommendations.vote_models import MinorityReport
from tests.cast import Cast
from tests.drafting_fixtures import BASE, Assembly, draft, make_assembly

MINORITY = f"{BASE}minority/"


def _text(response: object) -> str:
    return response.content.decode()  # type: ignore[attr-defined]


@pytest.fixture
def assembly(cast: Cast) -> Assembly:
    made = make_assembly(cast)  # five participants
    DraftingRules.objects.create(process=cast.process, minority_percent=Decimal(40))
    return made


def _write(assembly: Assembly, about: str = "") -> object:
    return assembly.client("member2").post(
        MINORITY,
        {"recommendation": about, "title": "Zq no levy", "text": "A levy hits shift workers."},
    )


def test_a_minority_report_needs_its_share_of_the_participants(assembly: Assembly) -> None:
    draft(assembly)
    written = _write(assembly, about=str(assembly.cast.process.recommendations.get().pk))
    assert written.status_code == 302  # type: ignore[attr-defined]
    page = _text(assembly.client("member3").get(f"{MINORITY}1/"))
    assert "1 of 5 participants (needed: 2)" in page  # 40% of 5
    assert "member2" in page  # the workspace knows who wrote it
    assert minority_reports(assembly.cast.process) == []
    assert assembly.client("member3").post(f"{MINORITY}1/", {"step": "support"}).status_code == 302
    included = minority_reports(assembly.cast.process)
    assert [(r["number"], r["supporters"], r["recommendation"]) for r in included] == [(1, 2, 1)]
    twice = assembly.client("member3").post(f"{MINORITY}1/", {"step": "support"})
    assert "You already support this minority report." in _text(twice)
    assembly.client("member3").post(f"{MINORITY}1/", {"step": "unsupport"})
    assert minority_reports(assembly.cast.process) == []


def test_only_its_author_withdraws_a_minority_report(assembly: Assembly) -> None:
    _write(assembly)
    assembly.client("member3").post(f"{MINORITY}1/", {"step": "support"})
    refused = assembly.client("member3").post(f"{MINORITY}1/", {"step": "withdraw"})
    assert "Only the participant who wrote a minority report withdraws it." in _text(refused)
    assert assembly.client("member2").post(f"{MINORITY}1/", {"step": "withdraw"}).status_code == 302
    assert MinorityReport.objects.get().withdrawn_at is not None
    assert minority_reports(assembly.cast.process) == []


def test_a_minority_report_needs_words_and_stays_with_participants(assembly: Assembly) -> None:
    empty = assembly.client("member2").post(MINORITY, {"title": "", "text": "Text."})
    assert empty.status_code == 400
    assert "Give the minority report a title." in _text(empty)
    assert "Text." in _text(empty)
    assert assembly.cast.client("commissioner").get(MINORITY).status_code == 403
    assert (
        assembly.cast.client("facilitator").post(MINORITY, {"title": "T", "text": "X"}).status_code
        == 403
    )


# ------------------------------------------------------------------ publication


def _decide(assembly: Assembly, adopt: bool, title: str) -> None:
    recommendation = draft(assembly, title=title)
    process = assembly.cast.process
    vote = votes.do_open_vote(assembly.cast.users["facilitator"], process, recommendation)
    for user in assembly.participants:
        votes.do_cast_ballot(user, process, vote, "full" if adopt else "oppose")
    votes.do_close_vote(assembly.cast.users["facilitator"], process, vote)


def _freeze(cast: Cast) -> None:
    # The report part freezes a signed-off version; here its row stands in for it.
    now = clock.now()
    ReportVersion.objects.create(
        process=cast.process, number=1, title="Our report", created_at=now, frozen_at=now
    )


def test_results_are_public_only_once_the_report_is_frozen(public_cast: Cast) -> None:
    assembly = make_assembly(public_cast)
    _decide(assembly, True, "Zq adopted")
    _decide(assembly, False, "Zq not adopted")
    draft(assembly, title="Zq still a draft")
    _write(assembly)
    assembly.client("member3").post(f"{MINORITY}1/", {"step": "support"})
    visitor, commissioner = public_cast.client("anonymous"), public_cast.client("commissioner")
    for client in (visitor, commissioner):
        assert "Zq adopted" not in _text(client.get(BASE))
        assert client.get(f"{BASE}1/").status_code == 404
    assert portal_section(public_cast.process) is None

    _freeze(public_cast)
    for client in (visitor, commissioner):
        listing = _text(client.get(BASE))
        assert "Zq adopted" in listing
        assert "Zq not adopted" in listing
        assert "Zq still a draft" not in listing
        assert "Zq no levy" in listing  # the minority report that reached its threshold
        detail = client.get(f"{BASE}1/")
        assert detail.status_code == 200
        page = _text(detail)
        assert "5 of 5 ballots counted in support (100.0%; needed: 80%)" in page
        assert "participant" not in page.split("<main")[1].split("</main>")[0].replace(
            "participants", ""
        )  # no name anywhere in the content
        assert "Join the drafting group" not in page
        assert client.get(f"{BASE}3/").status_code == 404  # the draft
        assert client.get(f"{BASE}votes/").status_code in (302, 403)
    section = portal_section(public_cast.process)
    assert section is not None
    assert (section["adopted"], section["total"], section["minority"]) == (1, 2, 1)
