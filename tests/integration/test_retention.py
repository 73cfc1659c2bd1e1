"""Retention: unselected registrants' personal data is erased N days after the draw."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from typer.testing import CliRunner

from minipublic import clock
from minipublic.cli.app import app
from minipublic.integrity.documents import write_process_bundle
from minipublic.integrity.record import entries
from minipublic.ledger import verify_bundle
from minipublic.processes.access import SYSTEM
from minipublic.recruitment.models import Registrant, RegistrantStatus, RegistrationSettings
from minipublic.recruitment.retention import do_erase_unselected_personal_data, draw_date
from minipublic.selection.commit import do_commit_run
from minipublic.selection.draw import do_draw_panel
from minipublic.selection.models import RunKind, RunStatus, SelectionRun
from tests.cast import Cast
from tests.selection_fixtures import (
    add_registrants,
    engine_files,
    finished_run,
    later,
    to_selection_phase,
)

pytestmark = pytest.mark.django_db

REGISTRANTS = "/p/riverside/manage/registrants/"
SETTINGS = "/p/riverside/manage/registration/"
SOURCE = "Three ten-sided dice rolled at the meeting"
EVENT = "registrants.personal_data_erased"


@pytest.fixture
def pool(cast: Cast) -> list[Registrant]:
    """The riverside process in selection, with the demo pool; retention 30 days."""
    to_selection_phase(cast.process)
    people = add_registrants(cast.process)
    RegistrationSettings.objects.create(process=cast.process, retention_days=30)
    # A possible duplicate is never selected: its data goes too.
    Registrant.objects.filter(pk=people[1].pk).update(duplicate_of=people[0])
    return people


@pytest.fixture
def drawn(
    cast: Cast, pool: list[Registrant], tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> datetime:
    """Commit run 1 and draw it; the moment of the draw."""
    run = finished_run(cast, engine_files(tmp_path_factory), tmp_path / "run-1")
    lead = cast.users["lead_practitioner"]
    do_commit_run(lead, cast.process, run, announced_for=later(10), randomness_source=SOURCE)
    moment = later(15)
    with clock.frozen_at(moment):
        do_draw_panel(lead, cast.process, run, randomness="381")
    return moment


def _erased_events(cast: Cast) -> list[dict[str, object]]:
    return [dict(row.payload) for row in entries(cast.process) if row.event == EVENT]


def _cli(moment: datetime, *args: str) -> str:
    with clock.frozen_at(moment):
        result = CliRunner().invoke(app, ["erase-personal-data", *args])
    assert result.exit_code == 0, result.output
    return " ".join(result.output.split())


def _with_data() -> set[str]:
    return set(
        Registrant.objects.filter(personal_data_erased_on__isnull=True).values_list(
            "pseudonym", flat=True
        )
    )


def test_nothing_is_erased_before_a_draw(cast: Cast, pool: list[Registrant]) -> None:
    assert draw_date(cast.process) is None
    assert do_erase_unselected_personal_data(SYSTEM, cast.process, today=date(2099, 1, 1)) == 0
    output = _cli(clock.now() + timedelta(days=400), "--process", "riverside")
    assert "riverside: nothing to erase before the panel's draw; then after 30 days." in output
    assert len(_with_data()) == len(pool)
    assert not _erased_events(cast)
    page = cast.client("recruiter").get(REGISTRANTS).content.decode()
    assert "will be erased 30 days after the panel's public draw" in page


def test_the_command_erases_unselected_people_after_the_period(
    cast: Cast, drawn: datetime, tmp_path: Path
) -> None:
    selected = set(
        Registrant.objects.filter(status=RegistrantStatus.SELECTED).values_list(
            "pseudonym", flat=True
        )
    )
    assert len(selected) == 24
    total = Registrant.objects.count()
    unselected = Registrant.objects.exclude(pseudonym__in=selected)
    answers_before = dict(unselected.values_list("pseudonym", "answers"))
    # Members who declined, and so on, keep their data too.
    declined = Registrant.objects.filter(pseudonym__in=selected).first()
    assert declined is not None
    declined.status = RegistrantStatus.DECLINED
    declined.save()
    due = drawn.date() + timedelta(days=30)

    # A day early: nothing, and the command says when.
    output = _cli(drawn + timedelta(days=29))
    assert f"riverside: nothing to erase yet; the data of {total - 24} unselected" in output
    assert f"is due for erasure on {due.isoformat()}" in output
    assert len(_with_data()) == total
    page = cast.client("lead_practitioner").get(REGISTRANTS).content.decode()
    assert f"{total - 24} people who were not drawn will be erased on" in page

    # A dry run says what would go and changes nothing.
    output = _cli(drawn + timedelta(days=30), "--dry-run")
    assert f"riverside: would erase the personal data of {total - 24} unselected people" in output
    assert len(_with_data()) == total
    assert not _erased_events(cast)

    # On the day: everyone never selected, duplicates included; members and decliners kept.
    output = _cli(drawn + timedelta(days=30))
    assert f"riverside: erased the personal data of {total - 24} unselected people" in output
    assert _with_data() == selected
    for person in unselected:
        assert (person.first_name, person.last_name, person.email, person.phone) == ("",) * 4
        assert (person.address, person.postcode, person.access_details) == ("", "", "")
        assert person.access_needs == []
        assert person.user is None
        assert person.personal_data_erased_on == due
        assert person.status == RegistrantStatus.REGISTERED
        assert person.answers == answers_before[person.pseudonym]
    kept = Registrant.objects.filter(pseudonym__in=selected)
    assert all(person.first_name and person.email for person in kept)
    assert Registrant.objects.count() == total
    assert _erased_events(cast) == [
        {"count": total - 24, "retention_days": 30, "draw_date": drawn.date().isoformat()}
    ]
    [entry] = [row for row in entries(cast.process) if row.event == EVENT]
    assert entry.actor_role == "system"

    # Again: nothing more, no second entry.
    output = _cli(drawn + timedelta(days=31), "--process", "riverside")
    assert "riverside: nothing left to erase." in output
    assert do_erase_unselected_personal_data(SYSTEM, cast.process, today=due) == 0
    assert len(_erased_events(cast)) == 1

    # The page shows the erasure instead of blank names; the public record still verifies.
    page = cast.client("recruiter").get(REGISTRANTS).content.decode()
    assert f"The personal data of {total - 24} people who were not drawn was erased on" in page
    assert page.count("erased on ") >= total - 24
    # The export says so too, and holds nothing of the erased people but their answers.
    export = cast.client("recruiter").get("/p/riverside/manage/registrants.csv")
    rows = list(csv.DictReader(io.StringIO(export.content.decode())))
    erased = [row for row in rows if row["personal_data_erased_on"]]
    assert len(erased) == total - 24
    assert {row["personal_data_erased_on"] for row in erased} == {due.isoformat()}
    assert all(not row["email"] and not row["last_name"] for row in erased)
    bundle = tmp_path / "bundle"
    write_process_bundle(cast.process, bundle)
    assert verify_bundle(bundle) == []


def test_erasure_waits_for_a_replacement_under_way(cast: Cast, drawn: datetime) -> None:
    selection = SelectionRun.objects.get(number=1)
    SelectionRun.objects.create(
        process=cast.process,
        number=2,
        kind=RunKind.REPLACEMENT,
        replaces_in=selection,
        reason="Two dropouts",
        status=RunStatus.QUEUED,
        started_by_role="lead_practitioner",
        created_at=clock.now(),
    )
    later_day = drawn + timedelta(days=60)
    output = _cli(later_day)
    assert "riverside: erasure waits while a replacement run is under way." in output
    assert not _erased_events(cast)
    page = cast.client("recruiter").get(REGISTRANTS).content.decode()
    assert "waits while a replacement run is under way" in page
    SelectionRun.objects.filter(number=2).update(status=RunStatus.FAILED)
    assert do_erase_unselected_personal_data(SYSTEM, cast.process, today=later_day.date()) > 0


def test_the_period_is_set_on_the_settings_page(cast: Cast, pool: list[Registrant]) -> None:
    lead = cast.client("lead_practitioner")
    page = lead.get(SETTINGS).content.decode()
    assert 'name="retention_days"' in page
    assert 'value="30"' in page
    form = {"privacy_notice": "We keep your data safe.", "retention_days": "120"}
    response = lead.post(SETTINGS, form)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert RegistrationSettings.objects.get(process=cast.process).retention_days == 120
    [entry] = [row for row in entries(cast.process) if row.event == "registration.retention_set"]
    assert entry.payload == {"retention_days": 120}
    # Unchanged: no new entry.
    assert lead.post(SETTINGS, form).status_code == 302
    assert entries(cast.process).filter(event="registration.retention_set").count() == 1
    refused = lead.post(SETTINGS, {**form, "retention_days": "-1"})
    assert refused.status_code == 400
    refused = lead.post(SETTINGS, {**form, "retention_days": "99999"})
    assert refused.status_code == 400
    assert RegistrationSettings.objects.get(process=cast.process).retention_days == 120
    assert cast.client("commissioner").post(SETTINGS, form).status_code == 403


def test_an_unknown_process_is_an_error(cast: Cast) -> None:
    result = CliRunner().invoke(app, ["erase-personal-data", "--process", "nowhere"])
    assert result.exit_code == 2


def test_erasure_is_one_update_however_many_are_due(cast: Cast, drawn: datetime) -> None:
    waiting = Registrant.objects.filter(
        process=cast.process, status=RegistrantStatus.REGISTERED
    ).count()
    assert waiting > 10
    day = (drawn + timedelta(days=31)).date()
    with CaptureQueriesContext(connection) as queries:
        assert do_erase_unselected_personal_data(SYSTEM, cast.process, today=day) == waiting
    updates = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("UPDATE")]
    erasing = [sql for sql in updates if "recruitment_registrant" in sql]
    assert len(erasing) == 1
    # The rows are not loaded (nor their personal data read) to be blanked.
    reads = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SELECT")]
    assert not [sql for sql in reads if '"first_name"' in sql]
    assert len(queries.captured_queries) < 20
    erased = Registrant.objects.filter(status="registered").first()
    assert erased is not None
    assert (erased.first_name, erased.email, erased.access_needs, erased.user_id) == (
        "",
        "",
        [],
        None,
    )
    assert erased.personal_data_erased_on == day
    assert _erased_events(cast)[-1]["count"] == waiting
