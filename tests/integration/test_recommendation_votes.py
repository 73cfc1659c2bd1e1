"""The participants' votes through the pages: the thresholds, opening, casting and
changing a ballot, closing with paper ballots, the distribution of support, amendment
votes, secrecy, and the rule that nothing changes once a vote has closed."""

from __future__ import annotations

from decimal import Decimal

import pytest

from minipublic.integrity.record import entries, public_entries
from minipublic.recommendations import drafting, votes
from minipublic.recommendations.drafting_models import AmendmentStatus
from minipublic.recommendations.models import DraftingRules, Recommendation, RecommendationStatus
from minipublic.recommendations.results import vote_summary
from minipublic.recommendations.vote_models import Ballot, RecommendationVote
from tests.cast import Cast
from tests.drafting_fixtures import BASE, TEXT, Assembly, draft, make_assembly

VOTE = f"{BASE}votes/1/"
RULES = f"{BASE}rules/"


@pytest.fixture
def assembly(cast: Cast) -> Assembly:
    return make_assembly(cast)


def _text(response: object) -> str:
    return response.content.decode()  # type: ignore[attr-defined]


def _open(assembly: Assembly) -> RecommendationVote:
    draft(assembly)
    response = assembly.cast.client("facilitator").post(f"{BASE}1/", {"step": "open_vote"})
    assert response.status_code == 302
    return RecommendationVote.objects.get()


def _cast(assembly: Assembly, who: str, level: str) -> object:
    return assembly.client(who).post(VOTE, {"step": "cast", "level": level})


# ------------------------------------------------------------------ the tally


@pytest.mark.parametrize(
    ("counts", "passed", "share"),
    [
        ({"full": 4, "not_support": 1}, True, "80.0"),  # exactly the threshold
        ({"full": 3, "live_with": 1, "oppose": 1}, True, "80.0"),
        ({"full": 79, "not_support": 21}, False, "79.0"),
        ({"full": 4, "not_support": 1, "abstain": 5}, True, "80.0"),  # abstentions left out
        ({"reservations": 7, "oppose": 2}, False, "77.8"),
        ({"abstain": 3}, False, "0"),  # nothing counted: nothing passes
        ({}, False, "0"),
    ],
)
def test_the_tally_compares_the_share_exactly(
    counts: dict[str, int], passed: bool, share: str
) -> None:
    result = votes.tally(counts, Decimal("80"))
    assert result.passed is passed
    assert result.share == Decimal(share)
    assert result.cast == sum(counts.values())
    assert result.counted == result.cast - result.abstentions
    assert 0 <= result.supporting <= result.counted


def test_a_hair_below_the_threshold_fails() -> None:
    # 399 of 500 is 79.8%: rounding the share to 80 must not adopt it.
    assert not votes.tally({"full": 399, "oppose": 101}, Decimal("80")).passed
    assert votes.tally({"full": 400, "oppose": 100}, Decimal("80")).passed


# ------------------------------------------------------------------ the thresholds


def test_the_team_sets_the_thresholds_before_the_first_vote_only(assembly: Assembly) -> None:
    lead = assembly.cast.client("lead_practitioner")
    values = {"adoption_percent": "75", "minority_percent": "15", "sign_off_percent": "70"}
    assert assembly.client("participant").post(RULES, values).status_code == 403
    assert lead.post(RULES, values | {"adoption_percent": "40"}).status_code == 400
    assert lead.post(RULES, values).status_code == 302
    rules = DraftingRules.objects.get()
    assert (rules.adoption_percent, rules.minority_percent) == (Decimal(75), Decimal(15))
    entry = entries(assembly.cast.process).get(event="drafting.rules_set")
    assert entry.payload["adoption_percent"] == "75"
    _open(assembly)
    assert RecommendationVote.objects.get().adoption_percent == Decimal(75)
    refused = lead.post(RULES, values | {"adoption_percent": "90"})
    assert refused.status_code == 400
    assert "A vote has opened: the thresholds can no longer change." in _text(refused)
    assert DraftingRules.objects.get().adoption_percent == Decimal(75)
    assert "75% of the ballots cast are in support" in _text(assembly.client("member2").get(VOTE))


# ------------------------------------------------------------------ a vote from open to close


def test_a_vote_from_opening_to_the_distribution(assembly: Assembly) -> None:
    vote = _open(assembly)
    assert Recommendation.objects.get().status == RecommendationStatus.VOTING
    # The wording is fixed once the vote opens.
    edit = assembly.client("participant").post(
        f"{BASE}1/edit/", {"title": "Other", "text": "Other."}
    )
    assert "no longer a draft" in _text(edit)
    page = _text(assembly.client("member2").get(VOTE))
    assert "Cast my ballot" in page
    assert "80% of the ballots cast are in support" in page
    for who, level in [
        ("participant", "full"),
        ("member2", "not_support"),  # changes their mind below
        ("member3", "live_with"),
        ("member4", "oppose"),
        ("member5", "abstain"),
    ]:
        assert _cast(assembly, who, level).status_code == 302  # type: ignore[attr-defined]
    assert _cast(assembly, "member2", "reservations").status_code == 302  # type: ignore[attr-defined]
    assert Ballot.objects.count() == 5
    mine = _text(assembly.client("member2").get(VOTE))
    assert "Your ballot now: “I support it, with reservations”" in mine
    # Nobody sees another's ballot: not the team, not another participant.
    for who in ("facilitator", "participant"):
        page = _text(assembly.client(who).get(VOTE))
        assert "Your ballot now" not in page or who == "participant"
        assert "Your ballot now: “I support it, with reservations”" not in page
        assert "5 of the 5 participants with an account have voted online" in page

    closed = assembly.cast.client("facilitator").post(
        VOTE, {"step": "close", "paper_full": "6", "paper_oppose": "1"}
    )
    assert closed.status_code == 302
    recommendation = Recommendation.objects.get()
    assert recommendation.status == RecommendationStatus.ADOPTED
    assert recommendation.decided_at is not None
    assert not Ballot.objects.exists()  # counted, then deleted
    summary = vote_summary(recommendation)
    assert summary is not None
    counts = {row["level"]: row["count"] for row in summary["levels"]}  # type: ignore[attr-defined]
    assert counts == {
        "full": 7,
        "reservations": 1,
        "live_with": 1,
        "not_support": 0,
        "oppose": 2,
        "abstain": 1,
    }
    assert (summary["supporting"], summary["counted"], summary["paper"]) == (9, 11, 7)
    assert summary["share_percent"] == Decimal("81.8")
    assert summary["passed"] is True
    page = _text(assembly.client("participant").get(VOTE))
    assert "9 of 11 ballots counted in support (81.8%; needed: 80%)" in page
    assert "(6 on paper)" in page

    # The ledger: opened and closed with the counts and the outcome, no entry per ballot,
    # and who voted (never how) only as a private field.
    events = [e.event for e in entries(assembly.cast.process)]
    assert events[-2:] == ["recommendation_vote.opened", "recommendation_vote.closed"]
    closing = public_entries(assembly.cast.process)[-1]
    assert closing["payload"]["counts"]["full"] == 7
    assert closing["payload"]["outcome"] == "adopted"
    assert list(closing["payload"]["voters"]) == ["redacted"]  # a commitment, not the list
    assert vote.number == closing["payload"]["vote"]


def test_no_ballot_is_cast_or_changed_after_the_close(assembly: Assembly) -> None:
    _open(assembly)
    _cast(assembly, "participant", "full")
    _cast(assembly, "member2", "not_support")
    assembly.cast.client("facilitator").post(VOTE, {"step": "close"})
    late = _cast(assembly, "member3", "full")
    assert late.status_code == 400  # type: ignore[attr-defined]
    assert "ballots can no longer be cast or changed" in _text(late)
    change = _cast(assembly, "member2", "full")
    assert "ballots can no longer be cast or changed" in _text(change)
    vote = RecommendationVote.objects.get()
    assert vote.counts["full"] == 1
    assert vote.counts["not_support"] == 1
    assert Recommendation.objects.get().status == RecommendationStatus.NOT_ADOPTED
    assert not Ballot.objects.exists()


def test_an_empty_vote_cannot_be_closed(assembly: Assembly) -> None:
    _open(assembly)
    refused = assembly.cast.client("facilitator").post(VOTE, {"step": "close"})
    assert refused.status_code == 400
    assert "Nobody has voted yet" in _text(refused)
    assert RecommendationVote.objects.get().is_open


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("commissioner", 403),
        ("observer", 403),
        ("oversight", 403),
        ("facilitator", 403),
        ("outsider", 404),
        ("anonymous", 302),
    ],
)
def test_only_participants_cast_ballots(assembly: Assembly, who: str, status: int) -> None:
    _open(assembly)
    response = assembly.cast.client(who).post(VOTE, {"step": "cast", "level": "full"})
    assert response.status_code == status
    assert not Ballot.objects.exists()


def test_the_commissioner_never_reads_a_vote_before_the_report(assembly: Assembly) -> None:
    _open(assembly)
    assert assembly.cast.client("commissioner").get(VOTE).status_code == 403
    assert assembly.cast.client("commissioner").get(f"{BASE}votes/").status_code == 403
    assert assembly.cast.client("oversight").get(VOTE).status_code == 200


def test_only_the_team_closes_a_vote(assembly: Assembly) -> None:
    _open(assembly)
    _cast(assembly, "participant", "full")
    assert assembly.client("participant").post(VOTE, {"step": "close"}).status_code == 403
    assert RecommendationVote.objects.get().is_open


# ------------------------------------------------------------------ amendment votes


def _amendment_vote(assembly: Assembly) -> RecommendationVote:
    recommendation = draft(assembly)
    process = assembly.cast.process
    amendment = drafting.do_propose_amendment(
        assembly.user("member3"), process, recommendation, text=TEXT + " Zq amended.", reason="R."
    )
    drafting.do_put_amendment_to_vote(assembly.user("participant"), process, amendment)
    page = assembly.cast.client("facilitator").post(f"{BASE}1/amendments/1/", {"step": "open_vote"})
    assert page.status_code == 302
    return RecommendationVote.objects.get()


def test_a_carried_amendment_replaces_the_text(assembly: Assembly) -> None:
    _amendment_vote(assembly)
    for who in ("participant", "member2", "member3", "member4", "member5"):
        _cast(assembly, who, "reservations")
    assembly.cast.client("facilitator").post(VOTE, {"step": "close"})
    recommendation = Recommendation.objects.get()
    assert recommendation.text.endswith("Zq amended.")
    assert recommendation.status == RecommendationStatus.DRAFT  # still to be voted on
    assert recommendation.amendments.get().status == AmendmentStatus.CARRIED
    assert recommendation.revisions.last().amendment is not None  # type: ignore[union-attr]
    assert vote_summary(recommendation) is None  # an amendment's vote decides no adoption


def test_a_rejected_amendment_leaves_the_text(assembly: Assembly) -> None:
    _amendment_vote(assembly)
    _cast(assembly, "participant", "full")
    _cast(assembly, "member2", "oppose")
    assembly.cast.client("facilitator").post(VOTE, {"step": "close"})
    recommendation = Recommendation.objects.get()
    assert recommendation.text == TEXT
    assert recommendation.amendments.get().status == AmendmentStatus.REJECTED
    # Decided: the recommendation itself may now go to the vote.
    opened = assembly.cast.client("facilitator").post(f"{BASE}1/", {"step": "open_vote"})
    assert opened.status_code == 302
