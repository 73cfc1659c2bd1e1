"""The member questionnaire in the demo, as ``minipublic demo`` loads it: the parks jury's
start and end rounds (online and paper, published), the climate assembly's start round
published and its end round still open for participant1."""

from __future__ import annotations

from django.test import Client

from minipublic.accounts.models import User
from minipublic.evaluation.actions import has_answered, open_round
from minipublic.evaluation.models import EvaluationParticipation, EvaluationRound
from minipublic.evaluation.results import compare, process_results
from minipublic.integrity.models import LedgerEntry
from minipublic.processes.models import Process


def test_the_parks_jury_published_both_rounds(db: None, demo_db: None) -> None:
    process = Process.objects.get(slug="demo-parks-jury")
    results = process_results(process.evaluation_rounds.all())
    start, end = results["start"], results["end"]
    assert (start.online, start.paper, start.round.eligible) == (8, 14, 24)
    assert (end.online, end.paper) == (8, 13)
    assert start.published
    assert end.published
    assert start.round.closed_at is not None
    assert start.round.closed_at.date().isoformat() == "2025-04-08"
    assert {row.item.key for row in compare(start, end)} == {
        "knowledge",
        "efficacy",
        "trust_commissioner",
        "citizens_capable",
    }
    # Only the jurors with accounts have a "has answered" record; paper forms have none.
    assert EvaluationParticipation.objects.filter(round__process=process).count() == 16
    closed = LedgerEntry.objects.filter(process=process, event="evaluation.round_closed")
    assert [entry.payload["answers"] for entry in closed.order_by("sequence")] == [22, 21]
    page = Client().get("/p/demo-parks-jury/evaluation/").content.decode()
    assert "22 (8 online, 14 on paper)" in page
    assert "Start and end compared" in page


def test_the_climate_assembly_end_round_is_open(db: None, demo_db: None) -> None:
    process = Process.objects.get(slug="demo")
    start = EvaluationRound.objects.get(process=process, kind="start")
    assert (start.status, start.online_answers) == ("closed", 12)
    current = open_round(process)
    assert current is not None
    assert current.kind == "end"
    assert current.responses.count() == 6
    assert not has_answered(current, User.objects.get(username="participant1"))
    assert has_answered(current, User.objects.get(username="participant2"))
    client = Client()
    client.force_login(User.objects.get(username="participant1"))
    page = client.get("/p/demo/evaluation/").content.decode()
    assert "Answer the questionnaire" in page
