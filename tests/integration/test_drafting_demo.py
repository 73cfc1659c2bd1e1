"""The demo's recommendations, as ``minipublic demo`` loads them: the climate assembly's
eight (seven adopted, the car-free centre not), its two amendments (one accepted by the
drafting group, one carried by a vote), its minority reports; and the parks jury's five,
adopted with the support its published report states."""

from __future__ import annotations

from decimal import Decimal

from minipublic.integrity.record import entries
from minipublic.processes.models import Process
from minipublic.recommendations.drafting_models import AmendmentStatus
from minipublic.recommendations.models import RecommendationStatus
from minipublic.recommendations.results import minority_reports, vote_summary
from minipublic.recommendations.vote_models import Ballot


def test_the_climate_assembly_drafted_amended_and_voted(db: None, demo_db: None) -> None:
    process = Process.objects.get(slug="demo")
    recommendations = list(process.recommendations.order_by("number"))
    assert len(recommendations) == 8
    assert {r.theme for r in recommendations} == {"Heating our homes", "How we travel", "Who pays"}
    status = {r.title: r.status for r in recommendations}
    assert status.pop("A car-free city centre on weekdays") == RecommendationStatus.NOT_ADOPTED
    assert set(status.values()) == {RecommendationStatus.ADOPTED}
    for recommendation in recommendations:
        summary = vote_summary(recommendation)
        assert summary is not None
        assert summary["cast"] == 24  # 12 online and 12 on paper
        assert summary["paper"] == 12
        assert recommendation.decided_at is not None
        assert recommendation.decided_at.date().isoformat() == "2026-11-08"
    decided = {amendment.status for r in recommendations for amendment in r.amendments.all()}
    assert decided == {AmendmentStatus.ACCEPTED, AmendmentStatus.CARRIED}
    levy = recommendations[4]
    assert "night-shift staff" in levy.text  # the carried amendment
    assert levy.revisions.last().amendment is not None  # type: ignore[union-attr]
    assert not Ballot.objects.exists()
    included = minority_reports(process)
    assert [(r["title"], r["recommendation"]) for r in included] == [
        ("The parking levy will fall on shift workers", 5)
    ]
    assert process.minority_reports.count() == 2  # the other lacks support
    events = {e.event for e in entries(process)}
    assert {"drafting.rules_set", "amendment.put_to_vote", "recommendation_vote.closed"} <= events


def test_the_parks_jury_votes_match_its_report(db: None, demo_db: None) -> None:
    process = Process.objects.get(slug="demo-parks-jury")
    assert process.drafting_rules.adoption_percent == Decimal(70)
    # The support the jury reported in May 2025 (drafting_texts.py): 24, 21, 17, 19, 24 of 24.
    stated = [24, 21, 17, 19, 24]
    supported = []
    for recommendation in process.recommendations.order_by("number"):
        assert recommendation.status == RecommendationStatus.ADOPTED
        summary = vote_summary(recommendation)
        assert summary is not None
        assert summary["cast"] == 24
        supported.append(summary["supporting"])
    assert supported == stated
    [minority] = minority_reports(process)
    assert minority["supporters"] == 3
    # The frozen report carries those results and the minority view.
    first = process.report_versions.get(number=1)
    assert first.frozen_at is not None
    votes = [
        item["vote"]["votes"]
        for theme in first.content["themes"]
        for item in theme["recommendations"]
    ]
    assert votes == [24] * 5
    assert [report["supporters"] for report in first.content["minority_reports"]] == [3]
