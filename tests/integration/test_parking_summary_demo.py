"""The demo assembly's parking lot and table summaries, as ``minipublic demo`` loads them:
concerns resolved in all three ways, one reopened on a member's request and one request
declined, two still open and blocking the report; the first weekend's summaries recorded,
one corrected and revised, one waiting for participant1's confirmation."""

from __future__ import annotations

import pytest

from minipublic.accounts.models import User
from minipublic.deliberation.models import (
    Concern,
    ReopenRequest,
    SummaryStatus,
    TableSummary,
)
from minipublic.deliberation.summaries import standing
from minipublic.deliberation.summary_queries import my_tables
from minipublic.lifecycle import LifecycleError, Phase
from minipublic.processes import actions
from minipublic.processes.access import SYSTEM
from minipublic.processes.models import Process


def test_the_demo_shows_the_parking_lot_and_the_summaries(db: None, demo_db: None) -> None:

    process = Process.objects.get(slug="demo")
    assert process.phase == Phase.RECOMMENDATIONS
    concerns = Concern.objects.filter(process=process)
    assert concerns.count() == 10
    assert concerns.filter(status="open").count() == 2
    assert set(concerns.exclude(status="open").values_list("resolution", flat=True)) == {
        "discussed",
        "referred",
        "out_of_remit",
    }
    answers = set(ReopenRequest.objects.filter(concern__process=process).values_list("status"))
    assert answers == {("accepted",), ("declined",)}
    # The open concerns block the close of the report.
    with pytest.raises(LifecycleError) as refused:
        actions.do_change_phase(SYSTEM, process, Phase.RESPONSE)
    assert refused.value.params["concerns"] == 2

    summaries = TableSummary.objects.filter(table__session__process=process)
    recorded = summaries.filter(status=SummaryStatus.RECORDED)
    assert recorded.count() >= 6
    assert summaries.filter(status=SummaryStatus.SUPERSEDED).count() == 1
    revised = summaries.get(status=SummaryStatus.RECORDED, version=2)
    assert revised.table.session.number == 1
    assert revised.revision_note
    (waiting,) = summaries.filter(status=SummaryStatus.AWAITING)
    now = standing(waiting)
    assert (now.corrections, now.confirmations + 1) == (0, now.needed)
    assert now.attested or not now.needs_attestation
    amina = User.objects.get(username="participant1")
    mine = [row for row in my_tables(process, amina) if row.needs_me]
    assert [row.latest for row in mine] == [waiting]
