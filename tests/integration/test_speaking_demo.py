"""The demo assembly's speaking time: recorded through the console's actions, with the
tables the story promises (docs/speaking-time.md, demo/speaking_story.py)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import pairwise

import pytest
from django.db.models import F

from minipublic.deliberation.models import Turn
from minipublic.deliberation.speaking_figures import process_figures
from minipublic.demo.speaking_story import TALKS, turns_for
from minipublic.integrity.models import LedgerEntry
from minipublic.processes.models import Process


def test_the_story_is_the_same_on_every_load() -> None:
    seats = [f"r:P{n}" for n in range(6)]
    for talk in TALKS:
        assert turns_for(talk, seats) == turns_for(talk, seats)
        turns = turns_for(talk, seats)
        assert all(a.end < b.start for a, b in pairwise(turns))
        assert all(talk.start <= turn.start and turn.end <= talk.end for turn in turns)


@pytest.mark.django_db
def test_the_demo_tables_show_different_equity(demo_db: None) -> None:

    process = Process.objects.get(slug="demo")
    after = datetime(2026, 12, 1, tzinfo=UTC)
    figures = {f.session.number: f for f in process_figures(process, after)}
    first = {part.table.number: part.equity for part in figures[1].tables}
    # Table 1: two voices take most of the time.
    shares = sorted((m.share or 0 for m in first[1].members), reverse=True)
    assert shares[0] + shares[1] > 0.75
    assert first[1].gini is not None
    assert first[1].gini > 0.5
    # Table 2: fairly even; nobody above 1.5 times a fair share.
    assert first[2].gini is not None
    assert first[2].gini < 0.2
    assert first[2].largest_to_fair_share is not None
    assert first[2].largest_to_fair_share < 1.5
    # Table 3: one member never spoke, and only there.
    assert len(first[3].silent) == 1
    assert figures[1].equity.silent == first[3].silent
    assert figures[1].equity.spoke_count == 23
    # Sunday: two team members at table 2, table 4 not recorded, every time plausible.
    second = {part.table.number: part for part in figures[2].tables}
    assert second[2].recorders == 2
    assert second[4].turns == 0
    assert second[1].equity.gini is not None
    assert second[1].equity.gini < first[1].gini  # table 1 after the team invited others in
    turns = Turn.objects.filter(table__session__process=process)
    assert not turns.filter(adjusted=True).exists()
    assert not turns.filter(ended_at__isnull=True).exists()
    # The console of table 3 was offline: its queued turns reached the server late.
    late = turns.filter(received_at__gt=F("started_at") + timedelta(minutes=5))
    assert late.exists()
    assert set(late.values_list("table__session__number", "table__number")) == {(2, 3)}
    finished = LedgerEntry.objects.filter(process=process, event="speaking.recording_finished")
    assert finished.count() == len(TALKS)
    assert {(e.payload["session"], e.payload["table"]) for e in finished} == {
        (talk.session, talk.table) for talk in TALKS
    }
