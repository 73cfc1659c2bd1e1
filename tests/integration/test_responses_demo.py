"""The parks jury's responses as ``minipublic demo`` loads them: four answered by 10 July
2025 (one of them under consideration, then accepted), the fifth overdue since the
deadline of 16 July 2025 with the oversight group e-mailed once, the implementation
tracked through 2026, jurors 1 to 7 e-mailed every update (juror 8 opted out), and
everyone's ratings shown only in aggregate."""

from __future__ import annotations

from datetime import date

from django.test import Client

from minipublic.accountability.models import (
    Mailing,
    Milestone,
    OverdueNotice,
    ProgressUpdate,
    Rating,
    Response,
    UpdateOptOut,
)
from minipublic.accountability.page import overview
from minipublic.accountability.standing import deadline, delivered_on
from minipublic.integrity.models import LedgerEntry
from minipublic.processes.models import Process


def test_the_parks_jury_shows_answers_overdue_progress_and_ratings(db: None, demo_db: None) -> None:
    process = Process.objects.get(slug="demo-parks-jury")
    assert delivered_on(process) == date(2025, 5, 17)
    assert deadline(process) == date(2025, 7, 16)
    statuses = {
        (r.recommendation.number, r.revision): (r.status, r.made_at.date())
        for r in Response.objects.filter(process=process)
    }
    assert statuses == {
        (1, 1): ("accepted", date(2025, 6, 20)),
        (2, 1): ("accepted_in_part", date(2025, 6, 20)),
        (3, 1): ("rejected", date(2025, 7, 8)),
        (4, 1): ("under_consideration", date(2025, 7, 10)),
        (4, 2): ("accepted", date(2025, 8, 5)),
    }
    (notice,) = OverdueNotice.objects.filter(process=process)
    assert (notice.recommendation.number, notice.kind, notice.due_on) == (
        5,
        "deadline",
        date(2025, 7, 16),
    )
    assert notice.recipients == 1  # the oversight account
    overdue = LedgerEntry.objects.get(process=process, event="response.overdue")
    assert overdue.time.startswith("2025-07-17")
    label = LedgerEntry.objects.filter(
        process=process, event="conformance.label_changed", time__startswith="2025-07-17"
    ).get()
    gates = {gate["criterion"]: gate["after"] for gate in label.payload["gates"]}
    assert gates["response.on-time"] == "not_met"

    page = overview(process, date(2026, 12, 7))
    assert [row.recommendation.number for row in page.overdue] == [5]
    assert page.answered == 4
    behalf = ProgressUpdate.objects.filter(process=process, on_behalf_of__contains="Grounds")
    assert behalf.count() == 1
    assert ProgressUpdate.objects.filter(process=process, status="delayed").count() == 2
    moved = Milestone.objects.get(process=process, title="Fund opens to friends-of groups")
    assert [change["field"] for change in moved.history] == ["due_on", "done_on"]

    # Every update reached jurors 1 to 7; juror 8 opted out (and nobody else is told).
    assert UpdateOptOut.objects.filter(process=process).get().user.username == "juror8"
    mailings = Mailing.objects.filter(process=process)
    assert mailings.count() == Response.objects.filter(process=process).count() + (
        ProgressUpdate.objects.filter(process=process).count()
    )
    assert set(mailings.values_list("recipients", flat=True)) == {7}
    assert not mailings.filter(sent_at__isnull=True).exists()
    opted_at = UpdateOptOut.objects.get(process=process).since.strftime("%Y-%m-%dT%H")
    assert not LedgerEntry.objects.filter(process=process, time__startswith=opted_at).exists()
    assert not LedgerEntry.objects.filter(process=process, event__icontains="opt").exists()

    assert Rating.objects.filter(process=process).count() == 32
    row = page.rows[1]
    assert row.response_ratings is not None
    assert row.response_ratings.shown
    assert [count for _, count, _ in row.response_ratings.rows] == [
        0,
        1,
        6,
        1,
        0,
    ]  # juror 2 moved from 2 to 3

    html = Client().get("/p/demo-parks-jury/responses/").content.decode()
    assert "16 July 2025" in html
    assert "no answer by the deadline" in html
    assert "Accepted in part" in html
    assert "on behalf of Riverford City Council, Grounds Maintenance" in html
