"""The oversight dashboard: who may open it, what it lists where, overdue marks and tampering."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from django.test import override_settings

from minipublic.integrity import actions
from minipublic.integrity.declarations import do_declare_interest, do_review_declaration
from minipublic.integrity.models import Declaration, Incident, LedgerEntry
from minipublic.lifecycle import Phase
from tests.cast import ACTORS, ROLE_ACTORS, Cast

pytestmark = pytest.mark.django_db

URL = "/p/riverside/manage/oversight/"


def _today() -> date:
    return datetime.now(UTC).date()


def _report(cast: Cast, who: str = "facilitator", **changes: object) -> Incident:
    fields: dict[str, object] = {
        "what_happened": "The council asked us to drop the levy recommendation.",
        "pressure_source": "commissioner",
        "target": "report_content",
        "severity": "high",
        **changes,
    }
    return actions.do_report_incident(cast.users[who], cast.process, **fields)  # type: ignore[arg-type]


def _review(cast: Cast, incident: Incident, status: str, **changes: str) -> Incident:
    return actions.do_review_incident(
        cast.users["oversight"], cast.process, incident, status=status, **changes
    )


def _page(cast: Cast) -> str:
    response = cast.client("oversight").get(URL)
    assert response.status_code == 200
    return response.content.decode()


def _table(page: str, table_id: str) -> str:
    """The HTML of the table with ``table_id`` ("" if the page has none)."""
    match = re.search(rf'<table[^>]*id="{table_id}".*?</table>', page, re.S)
    return match.group(0) if match else ""


def _rows(page: str, table_id: str) -> list[str]:
    return re.findall(r"<tr>\s*<th scope=\"row\">.*?</tr>", _table(page, table_id), re.S)


def _count(page: str, name: str) -> int:
    match = re.search(rf'<dd id="count-{name}">(\d+)</dd>', page)
    assert match, name
    return int(match.group(1))


def _incident_link(number: int | None) -> str:
    return f'href="/p/riverside/manage/incidents/{number}/"'


def _age(incident: Incident, *, reported: int, changed: int | None = None) -> None:
    # Test fixture: pretend the incident was reported (and last changed) days ago.
    Incident.objects.filter(pk=incident.pk).update(
        reported_on=_today() - timedelta(days=reported),
        status_changed_on=None if changed is None else _today() - timedelta(days=changed),
    )


# ---------------------------------------------------------------- access


EXPECTED_PRIVATE = dict.fromkeys(ROLE_ACTORS, 403) | {
    "oversight": 200,
    "outsider": 404,
    "staff": 404,
    "anonymous": 302,
}
EXPECTED_PUBLIC = EXPECTED_PRIVATE | {"outsider": 403, "staff": 403}


@pytest.mark.parametrize("actor", ACTORS)
def test_only_oversight_opens_the_dashboard_of_a_private_process(cast: Cast, actor: str) -> None:
    response = cast.client(actor).get(URL)
    assert response.status_code == EXPECTED_PRIVATE[actor]
    if actor == "anonymous":
        assert response["Location"] == f"/accounts/login/?next={URL}"


@pytest.mark.parametrize("actor", ACTORS)
def test_only_oversight_opens_the_dashboard_of_a_public_process(
    public_cast: Cast, actor: str
) -> None:
    response = public_cast.client(actor).get(URL)
    assert response.status_code == EXPECTED_PUBLIC[actor]
    if actor == "anonymous":
        assert response["Location"] == f"/accounts/login/?next={URL}"


def test_the_dashboard_stays_open_to_oversight_once_the_process_is_closed(cast: Cast) -> None:
    cast.process.phase = Phase.CLOSED
    cast.process.save()
    assert cast.client("oversight").get(URL).status_code == 200
    assert cast.client("lead_practitioner").get(URL).status_code == 403


def test_the_dashboard_is_read_only(cast: Cast) -> None:
    assert cast.client("oversight").post(URL).status_code == 405


def test_pages_link_to_the_dashboard_only_for_oversight(cast: Cast) -> None:
    link = f'href="{URL}"'
    for page in ("/p/riverside/", "/dashboard/"):
        assert link in cast.client("oversight").get(page).content.decode(), page
        for who in ("lead_practitioner", "participant", "commissioner"):
            assert link not in cast.client(who).get(page).content.decode(), (who, page)


# ---------------------------------------------------------------- sections


def test_an_empty_dashboard_says_so_in_plain_words(cast: Cast) -> None:
    page = _page(cast)
    assert "No open incidents." in page
    assert "No escalations and no red line breached." in page
    assert "No declarations await review." in page
    assert "The record verifies." in page
    assert "<code>minipublic audit verify --database</code>" in page
    for name in ("open", "overdue", "escalated", "red-lines", "declarations"):
        assert _count(page, name) == 0


def test_each_incident_appears_in_its_section(cast: Cast) -> None:
    reported = _report(cast, target="time")
    under_review = _review(cast, _report(cast, target="selection"), "under_review")
    escalated = _review(
        cast, _report(cast, target="agenda_framing_remit"), "escalated", response="Told the board."
    )
    breached = _review(
        cast,
        _report(cast, target="confidentiality_nda"),
        "red_line_breached",
        response="Refused to sign.",
        red_line_decision="pause",
    )
    addressed = _review(cast, _report(cast, target="payment_contract"), "addressed")
    page = _page(cast)

    open_table = _table(page, "open-incidents")
    for incident in (reported, under_review):
        assert _incident_link(incident.number) in open_table
    for incident in (escalated, breached, addressed):
        assert _incident_link(incident.number) not in open_table
    assert "Under review" in open_table
    assert "Commissioner" in open_table  # the pressure source

    escalations = _table(page, "escalations")
    for incident in (escalated, breached):
        assert _incident_link(incident.number) in escalations
    for incident in (reported, under_review, addressed):
        assert _incident_link(incident.number) not in escalations
    assert "Pause the process" in escalations
    assert "Refused to sign." in escalations
    assert "Told the board." in escalations

    assert _incident_link(addressed.number) not in page
    assert _count(page, "open") == 2
    assert _count(page, "escalated") == 1
    assert _count(page, "red-lines") == 1
    assert "levy recommendation" not in page  # what happened stays on the incident's page


def test_open_incidents_come_oldest_first_and_escalations_newest_first(cast: Cast) -> None:
    first, second, third = (_report(cast) for _ in range(3))
    _age(first, reported=3)
    _age(second, reported=9)
    _age(third, reported=5)
    page = _page(cast)
    rows = _rows(page, "open-incidents")
    assert all(
        _incident_link(item.number) in row
        for row, item in zip(rows, (second, third, first), strict=True)
    )

    _review(cast, first, "escalated")
    _review(cast, second, "escalated")
    Incident.objects.filter(pk=first.pk).update(status_changed_on=_today() - timedelta(days=2))
    rows = _rows(_page(cast), "escalations")
    assert all(
        _incident_link(item.number) in row for row, item in zip(rows, (second, first), strict=True)
    )


def test_pending_declarations_are_listed_until_reviewed(cast: Cast) -> None:
    oversight = cast.users["oversight"]
    pending = do_declare_interest(
        cast.users["participant"], cast.process, kind="financial", details="Owns a riverside flat."
    )
    reviewed = do_declare_interest(cast.users["expert"], cast.process, kind="none")
    do_review_declaration(oversight, cast.process, reviewed, review="noted")
    corrected = do_declare_interest(
        cast.users["facilitator"], cast.process, kind="employment", details="Works for the port."
    )
    correction = do_declare_interest(
        cast.users["facilitator"],
        cast.process,
        kind="employment",
        details="Worked for the port until 2024.",
        supersedes=corrected,
    )
    table = _table(_page(cast), "pending-declarations")
    link = 'href="/p/riverside/manage/declarations/{}/"'
    assert link.format(pending.pk) in table
    assert link.format(correction.pk) in table
    assert link.format(reviewed.pk) not in table
    assert link.format(corrected.pk) not in table
    assert ">participant<" in table  # oversight may read participants' names here
    assert "Financial interest" in table
    assert _count(_page(cast), "declarations") == 2

    do_review_declaration(oversight, cast.process, pending, review="managed", note="Recused.")
    do_review_declaration(oversight, cast.process, correction, review="noted")
    page = _page(cast)
    assert "No declarations await review." in page
    assert _count(page, "declarations") == 0


# ---------------------------------------------------------------- overdue


@override_settings(OVERSIGHT_REVIEW_DAYS=10)
def test_incidents_are_overdue_after_the_review_days(cast: Cast) -> None:
    fresh, on_the_day, late, revived = (_report(cast) for _ in range(4))
    _age(fresh, reported=2)
    _age(on_the_day, reported=10)
    _age(late, reported=11)
    # Reported long ago, but its status changed recently: waiting since the change.
    _review(cast, revived, "under_review")
    _age(revived, reported=40, changed=3)
    page = _page(cast)
    rows = {
        number: row
        for row in _rows(page, "open-incidents")
        for number in (fresh.number, on_the_day.number, late.number, revived.number)
        if _incident_link(number) in row
    }
    assert "Overdue" in rows[late.number]
    assert ">11" in rows[late.number]
    for incident in (fresh, on_the_day, revived):
        assert "Overdue" not in rows[incident.number], incident.number
    assert ">3" in rows[revived.number]
    assert _count(page, "overdue") == 1
    assert "waiting more than 10 days" in page

    with override_settings(OVERSIGHT_REVIEW_DAYS=2):  # now only the fresh one is not
        assert _count(_page(cast), "overdue") == 3


@override_settings(OVERSIGHT_REVIEW_DAYS=14)
def test_declarations_are_overdue_after_the_review_days(cast: Cast) -> None:
    old = do_declare_interest(cast.users["participant"], cast.process, kind="none")
    new = do_declare_interest(cast.users["observer"], cast.process, kind="none")
    Declaration.objects.filter(pk=old.pk).update(declared_on=_today() - timedelta(days=15))
    rows = _rows(_page(cast), "pending-declarations")
    (old_row,) = [row for row in rows if f"/declarations/{old.pk}/" in row]
    (new_row,) = [row for row in rows if f"/declarations/{new.pk}/" in row]
    assert "Overdue" in old_row
    assert "Overdue" not in new_row
    assert _count(_page(cast), "overdue") == 1


# ---------------------------------------------------------------- the record


def test_the_dashboard_shows_the_head_and_notices_tampering(cast: Cast) -> None:
    _report(cast)
    last = LedgerEntry.objects.filter(process=cast.process).order_by("sequence").last()
    assert last is not None
    page = _page(cast)
    assert last.hash in page
    assert "The record verifies." in page
    assert "does not verify" not in page

    first = LedgerEntry.objects.filter(process=cast.process).order_by("sequence").first()
    assert first is not None
    LedgerEntry.objects.filter(pk=first.pk).update(payload={**first.payload, "title": "Forged"})
    page = _page(cast)
    assert "The record does not verify" in page
    assert "The record verifies." not in page
    assert f"entry {first.sequence}" in page


# ---------------------------------------------------------------- anonymous reports


def test_a_held_anonymous_report_is_listed_only_once_released(cast: Cast) -> None:
    held = _report(cast, "participant", anonymous=True, target="participant_contact")
    page = _page(cast)
    assert "No open incidents." in page
    assert "Direct contact with participants" not in page
    assert _count(page, "open") == 0
    assert Incident.objects.get(pk=held.pk).held

    # The next day the dashboard lets it into the register before listing.
    Incident.objects.filter(pk=held.pk).update(reported_on=_today() - timedelta(days=1))
    page = _page(cast)
    held = Incident.objects.get(anonymous=True)
    assert not held.held
    assert held.number == 1
    table = _table(page, "open-incidents")
    assert _incident_link(held.number) in table
    assert "Direct contact with participants" in table
    assert ">participant<" not in page
    assert "The record verifies." in page
