"""The public draw: commit, draw at the announced time, panel statuses, replacements."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from django.test import override_settings
from django.utils import timezone

from minipublic import clock
from minipublic.integrity.documents import write_process_bundle
from minipublic.integrity.models import Document
from minipublic.integrity.record import entries, public_entries
from minipublic.ledger import verify_bundle
from minipublic.lifecycle import LifecycleError
from minipublic.recruitment.models import PersonalDataExport, Registrant, RegistrantStatus
from minipublic.selection.commit import do_commit_run
from minipublic.selection.draw import current_panel, do_draw_panel, do_set_member_status
from minipublic.selection.models import Draw, RunKind, RunStatus, SelectionRun
from minipublic.selection.runs import fail_stale_runs
from minipublic.selection.tasks import execute_run
from tests.cast import ACTORS, Cast
from tests.selection_fixtures import (
    add_registrants,
    engine_files,
    finished_run,
    later,
    to_selection_phase,
)
from tests.support import base_env, run_cli

pytestmark = pytest.mark.django_db

DRAW = "/p/riverside/manage/draw/"
PANEL = "/p/riverside/manage/panel/"
PANEL_CSV = "/p/riverside/manage/panel.csv"
SOURCE = "Three ten-sided dice (red hundreds, white tens, blue units) rolled at the meeting"


@pytest.fixture
def ready(cast: Cast, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> SelectionRun:
    """The riverside process in selection, with the demo pool and a finished run 1."""
    to_selection_phase(cast.process)
    add_registrants(cast.process)
    return finished_run(cast, engine_files(tmp_path_factory), tmp_path / "run-1")


def _commit(
    cast: Cast, run: SelectionRun, minutes: int = 10, *, publish_answers: bool = False
) -> SelectionRun:
    return do_commit_run(
        cast.users["lead_practitioner"],
        cast.process,
        run,
        announced_for=later(minutes),
        randomness_source=SOURCE,
        publish_answers=publish_answers,
    )


def _draw(cast: Cast, run: SelectionRun, randomness: str = "381") -> Draw:
    return do_draw_panel(cast.users["lead_practitioner"], cast.process, run, randomness=randomness)


def _events(cast: Cast, event: str) -> list[dict[str, object]]:
    return [dict(row.payload) for row in entries(cast.process) if row.event == event]


# ---------------------------------------------------------------- commit, then draw


def test_commit_then_draw_through_the_pages(cast: Cast, ready: SelectionRun) -> None:
    lead = cast.client("lead_practitioner")
    assert lead.get(DRAW).status_code == 200
    announced = later(30)
    local = timezone.get_current_timezone()
    response = lead.post(
        "/p/riverside/manage/runs/1/commit/",
        {
            "run1-announced_for": announced.astimezone(local).strftime("%Y-%m-%dT%H:%M"),
            "run1-randomness_source": SOURCE,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    ready.refresh_from_db()
    assert ready.committed_at is not None
    # The pool's answers are not published unless the lead ticks the box (it was not):
    # the commitment holds their hash.
    names = sorted(Document.objects.filter(process=cast.process).values_list("filename", flat=True))
    assert names == ["certificate.json", "commitment.json", "lottery.json", "probabilities.csv"]
    [committed] = _events(cast, "selection.committed")
    assert committed["answers_published"] is False
    assert committed["run"] == 1
    assert committed["commitment_sha256"] == ready.commitment_sha256
    assert committed["randomness_source"] == SOURCE

    # Before the announced time the page shows the time and refuses the randomness.
    page = lead.get(DRAW).content.decode()
    assert "The randomness can be entered from then on" in page
    early = lead.post(DRAW, {"randomness": "381"})
    assert early.status_code == 400
    assert "it cannot happen before then" in early.content.decode()
    assert not Draw.objects.exists()

    with clock.frozen_at(announced + (later(1) - clock.now())):
        response = lead.post(DRAW, {"randomness": "381"})
        assert response.status_code == 302
        assert response["Location"] == PANEL
        draw = Draw.objects.get()
        assert draw.panel_number == 381
        assert len(draw.members) == 24
        lottery = json.loads((Path(ready.output_dir) / "lottery.json").read_text())
        assert draw.members == lottery["panels"][381]
        selected = Registrant.objects.filter(status=RegistrantStatus.SELECTED)
        assert sorted(selected.values_list("pseudonym", flat=True)) == sorted(draw.members)
        [drawn] = _events(cast, "selection.drawn")
        assert drawn == {
            "run": 1,
            "randomness": "381",
            "method": "digits",
            "panel_number": 381,
            "members": draw.members,
        }
        assert Document.objects.filter(filename="draw.json").count() == 1

        # One commitment, one draw: a second draw is refused, by the page and the action.
        again = lead.post(DRAW, {"randomness": "7"})
        assert again.status_code == 400
        with pytest.raises(LifecycleError) as refused:
            _draw(cast, ready, "7")
        assert refused.value.code == "run_already_drawn"
        assert Draw.objects.get().panel_number == 381


def test_the_draw_page_counts_rare_answers_and_the_lead_may_publish_them(
    cast: Cast, ready: SelectionRun
) -> None:
    lead = cast.client("lead_practitioner")
    inputs = json.loads((Path(ready.output_dir) / "inputs.json").read_text())
    combinations = Counter(tuple(person["values"]) for person in inputs["people"])
    rare = sum(n for n in combinations.values() if n < 5)
    assert 0 < rare < len(inputs["people"])
    page = lead.get(DRAW).content.decode()
    assert f"{rare} of the {len(inputs['people'])} people in this pool" in page
    # Counted once and kept with the run: later renders do not parse inputs.json again.
    ready.refresh_from_db()
    assert ready.summary["answer_privacy"] == {
        "pool": len(inputs["people"]),
        "rare": rare,
        "smallest": 5,
    }
    path = Path(ready.output_dir) / "inputs.json"
    aside = path.with_name("inputs.json.aside")
    path.rename(aside)
    try:
        again = lead.get(DRAW).content.decode()
    finally:
        aside.rename(path)
    assert f"{rare} of the {len(inputs['people'])} people in this pool" in again
    local = timezone.get_current_timezone()
    response = lead.post(
        "/p/riverside/manage/runs/1/commit/",
        {
            "run1-announced_for": later(30).astimezone(local).strftime("%Y-%m-%dT%H:%M"),
            "run1-randomness_source": SOURCE,
            "run1-publish_answers": "on",
        },
    )
    assert response.status_code == 302
    assert Document.objects.filter(process=cast.process, filename="inputs.json").exists()
    [committed] = _events(cast, "selection.committed")
    assert committed["answers_published"] is True


def test_a_second_commit_is_refused(cast: Cast, ready: SelectionRun, tmp_path: Path) -> None:
    second = finished_run(cast, Path(ready.output_dir), tmp_path / "run-2", number=2)
    _commit(cast, ready)
    with pytest.raises(LifecycleError) as refused:
        _commit(cast, second)
    assert refused.value.code == "selection_already_committed"
    with pytest.raises(LifecycleError) as again:
        _commit(cast, ready)
    assert again.value.code == "run_already_committed"
    response = cast.client("lead_practitioner").post(
        "/p/riverside/manage/runs/2/commit/",
        {"run2-announced_for": "2099-01-01T10:00", "run2-randomness_source": SOURCE},
    )
    assert response.status_code == 400
    assert "no re-rolling" in response.content.decode()
    assert SelectionRun.objects.filter(committed_at__isnull=False).count() == 1


def test_only_a_finished_run_with_a_future_time_is_committed(
    cast: Cast, ready: SelectionRun
) -> None:
    ready.status = RunStatus.FAILED
    ready.save()
    with pytest.raises(LifecycleError) as failed:
        _commit(cast, ready)
    assert failed.value.code == "run_not_done"
    ready.status = RunStatus.DONE
    ready.save()
    with pytest.raises(LifecycleError) as past:
        _commit(cast, ready, minutes=-5)
    assert past.value.code == "draw_time_past"
    with pytest.raises(LifecycleError) as uncommitted:
        _draw(cast, ready)
    assert uncommitted.value.code == "run_not_committed"
    assert not entries(cast.process).filter(event__startswith="selection.").exists()


def test_draw_before_the_announced_time_is_refused(cast: Cast, ready: SelectionRun) -> None:
    _commit(cast, ready, minutes=60)
    with pytest.raises(LifecycleError) as early:
        _draw(cast, ready)
    assert early.value.code == "draw_too_early"
    assert not Draw.objects.exists()
    assert not (Path(ready.output_dir) / "draw.json").exists()


def _from_bundle(cast: Cast, bundle: Path, folder: Path) -> Path:
    folder.mkdir()
    for document in Document.objects.filter(process=cast.process):
        (folder / document.filename).write_bytes((bundle / document.path).read_bytes())
    return folder


def test_without_the_answers_the_public_still_verifies_the_draw(
    cast: Cast, ready: SelectionRun, tmp_path: Path
) -> None:
    _commit(cast, ready)
    with clock.frozen_at(later(15)):
        _draw(cast, ready, "381")
        bundle = tmp_path / "bundle"
        write_process_bundle(cast.process, bundle)
    rebuilt = _from_bundle(cast, bundle, tmp_path / "from-bundle")
    assert not (rebuilt / "inputs.json").exists()
    env = base_env(tmp_path)
    checked = run_cli("verify", str(rebuilt), env=env)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "Partly verified" in checked.stdout
    assert "skipped  panels" in checked.stdout
    assert "ok  draw" in checked.stdout
    # Still tamper-evident: another panel, or a changed lottery, fails.
    tampered = json.loads((rebuilt / "draw.json").read_text())
    tampered["panel"] = [*tampered["panel"][::-1][:-1], "R-NOBODY"]
    (rebuilt / "draw.json").write_text(json.dumps(tampered))
    assert run_cli("verify", str(rebuilt), env=env).returncode == 1
    lottery = json.loads((Path(ready.output_dir) / "lottery.json").read_text())
    lottery["panels"][0], lottery["panels"][1] = lottery["panels"][1], lottery["panels"][0]
    (rebuilt / "draw.json").write_bytes((Path(ready.output_dir) / "draw.json").read_bytes())
    (rebuilt / "lottery.json").write_text(json.dumps(lottery))
    assert run_cli("verify", str(rebuilt), env=env).returncode == 1
    # The oversight body downloads the withheld inputs.json (logged) and checks it all.
    oversight = cast.client("oversight")
    response = oversight.get("/p/riverside/manage/runs/1/inputs.json")
    assert response.status_code == 200
    assert PersonalDataExport.objects.filter(exported_by_role="oversight").count() == 1
    (rebuilt / "inputs.json").write_bytes(response.content)
    (rebuilt / "lottery.json").write_bytes((Path(ready.output_dir) / "lottery.json").read_bytes())
    full = run_cli("verify", str(rebuilt), env=env)
    assert full.returncode == 0, full.stdout + full.stderr
    assert "Verified:" in full.stdout
    assert "skipped" not in full.stdout
    for who in ("commissioner", "observer", "facilitator", "anonymous"):
        assert cast.client(who).get("/p/riverside/manage/runs/1/inputs.json").status_code in (
            302,
            403,
        ), who


def test_the_draw_verifies_in_the_bundle_and_with_the_cli(
    cast: Cast, ready: SelectionRun, tmp_path: Path
) -> None:
    _commit(cast, ready, publish_answers=True)
    with clock.frozen_at(later(15)):
        _draw(cast, ready, "4 11 23 35 42 58")
        bundle = tmp_path / "bundle"
        write_process_bundle(cast.process, bundle)
    assert verify_bundle(bundle) == []
    env = base_env(tmp_path)
    checked = run_cli("verify", ready.output_dir, env=env)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "Verified" in checked.stdout
    # The published copies alone (from the bundle) verify too.
    rebuilt = tmp_path / "from-bundle"
    rebuilt.mkdir()
    for document in Document.objects.filter(process=cast.process):
        (rebuilt / document.filename).write_bytes((bundle / document.path).read_bytes())
    from_bundle = run_cli("verify", str(rebuilt), env=env)
    assert from_bundle.returncode == 0, from_bundle.stdout + from_bundle.stderr
    tampered = json.loads((rebuilt / "draw.json").read_text())
    tampered["panel_number"] = (tampered["panel_number"] + 1) % 1000
    (rebuilt / "draw.json").write_text(json.dumps(tampered))
    assert run_cli("verify", str(rebuilt), env=env).returncode == 1


# ---------------------------------------------------------------- after the draw


def _drawn(cast: Cast, ready: SelectionRun) -> list[str]:
    _commit(cast, ready)
    with clock.frozen_at(later(15)):
        return list(_draw(cast, ready).members)


def test_member_statuses_are_recorded_without_names(cast: Cast, ready: SelectionRun) -> None:
    members = _drawn(cast, ready)
    with clock.frozen_at(later(20)):
        recruiter = cast.client("recruiter")
        for pseudonym, status in zip(
            members, ["confirmed", "declined", "unreachable"], strict=False
        ):
            response = recruiter.post(PANEL, {"registrant": pseudonym, "status": status})
            assert response.status_code == 302
        bad = recruiter.post(PANEL, {"registrant": members[0], "status": "selected"})
        assert bad.status_code == 400
        outsider = Registrant.objects.exclude(pseudonym__in=members).first()
        assert outsider is not None
        with pytest.raises(LifecycleError) as not_on_panel:
            do_set_member_status(
                cast.users["recruiter"], cast.process, outsider, RegistrantStatus.CONFIRMED
            )
        assert not_on_panel.value.code == "not_on_panel"
    statuses = dict(
        Registrant.objects.filter(pseudonym__in=members[:3]).values_list("pseudonym", "status")
    )
    assert statuses == {members[0]: "confirmed", members[1]: "declined", members[2]: "unreachable"}
    changes = _events(cast, "panel.status_changed")
    assert changes == [
        {"pseudonym": members[0], "status": "confirmed"},
        {"pseudonym": members[1], "status": "declined"},
        {"pseudonym": members[2], "status": "unreachable"},
    ]
    record = json.dumps(public_entries(cast.process))
    for person in Registrant.objects.filter(pseudonym__in=members):
        assert person.email not in record
        assert person.last_name not in record


def test_a_dropout_is_replaced_end_to_end(
    cast: Cast, ready: SelectionRun, tmp_path: Path, settings: object
) -> None:
    setattr(settings, "VAR_DIR", tmp_path / "var")  # noqa: B010
    members = _drawn(cast, ready)
    dropout = members[5]
    with clock.frozen_at(later(20)):
        do_set_member_status(
            cast.users["recruiter"],
            cast.process,
            Registrant.objects.get(pseudonym=dropout),
            RegistrantStatus.WITHDRAWN,
        )
        page = cast.client("recruiter").get(PANEL).content.decode()
        assert "Prepare a replacement run" in page
        assert dropout in page
        response = cast.client("recruiter").post(
            "/p/riverside/manage/panel/replace/", {"reason": f"{dropout} moved away"}
        )
        assert response.status_code == 302
        run = SelectionRun.objects.get(number=2)
        assert (run.kind, run.status, run.replaces_in_id) == (
            RunKind.REPLACEMENT,
            RunStatus.QUEUED,
            ready.pk,
        )
        assert run.task_id
        assert not run.output_dir
        [prepared] = _events(cast, "selection.replacement_run")
        assert prepared["dropouts"] == [dropout]
        assert prepared["status"] == "queued"
        page = cast.client("recruiter").get(PANEL).content.decode()
        assert 'href="/p/riverside/manage/runs/2/"' in page
        assert "Replacement run 2: Waiting to start" in page
        assert execute_run.call(run.pk) == RunStatus.DONE
        assert execute_run.call(run.pk) == "skipped"  # never computed twice
        run.refresh_from_db()
        assert run.commitment_sha256
        assert Path(run.output_dir).name == "run-2"
        assert not list(Path(run.output_dir).parent.glob(".*partial"))
        [finished] = [e for e in _events(cast, "selection.run_finished") if e["run"] == 2]
        assert finished["status"] == "done"
        assert finished["commitment_sha256"] == run.commitment_sha256
        assert "Replacement run 2: Finished" in cast.client("recruiter").get(PANEL).content.decode()
        _commit(cast, run, minutes=5)
    with clock.frozen_at(later(30)):
        draw = _draw(cast, run, "12")
        assert len(draw.members) == 1
        _selection, panel = current_panel(cast.process)
    assert len(panel) == 24
    assert dropout not in panel
    assert draw.members[0] in panel
    assert draw.members[0] not in members
    newcomer = Registrant.objects.get(pseudonym=draw.members[0])
    assert newcomer.status == RegistrantStatus.SELECTED
    checked = run_cli("verify", run.output_dir, env=base_env(tmp_path))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "whole panel" in checked.stdout


def test_replacing_needs_a_dropout(cast: Cast, ready: SelectionRun) -> None:
    _drawn(cast, ready)
    with clock.frozen_at(later(20)):
        response = cast.client("lead_practitioner").post(
            "/p/riverside/manage/panel/replace/", {"reason": "Just because"}
        )
    assert response.status_code == 400
    assert "nobody to replace" in response.content.decode()
    assert SelectionRun.objects.count() == 1


def _declined(cast: Cast, ready: SelectionRun) -> list[str]:
    members = _drawn(cast, ready)
    with clock.frozen_at(later(20)):
        first = Registrant.objects.get(pseudonym=members[0])
        do_set_member_status(cast.users["recruiter"], cast.process, first, "declined")
    return members


def test_a_replacement_is_not_queued_twice(
    cast: Cast, ready: SelectionRun, tmp_path: Path, settings: object
) -> None:
    setattr(settings, "VAR_DIR", tmp_path / "var")  # noqa: B010
    _declined(cast, ready)
    replace = "/p/riverside/manage/panel/replace/"
    with clock.frozen_at(later(21)):
        client = cast.client("recruiter")
        assert client.post(replace, {"reason": "One member declined"}).status_code == 302
        again = client.post(replace, {"reason": "Once more"})
    assert again.status_code == 400
    assert "Run 2 has not finished yet" in again.content.decode()
    assert SelectionRun.objects.filter(kind=RunKind.REPLACEMENT).count() == 1
    assert len(_events(cast, "selection.replacement_run")) == 1


def test_a_replacement_whose_worker_died_is_failed_and_can_be_queued_again(
    cast: Cast, ready: SelectionRun, tmp_path: Path, settings: object
) -> None:
    setattr(settings, "VAR_DIR", tmp_path / "var")  # noqa: B010
    _declined(cast, ready)
    replace = "/p/riverside/manage/panel/replace/"
    with clock.frozen_at(later(21)):
        cast.client("recruiter").post(replace, {"reason": "One member declined"})
        run = SelectionRun.objects.get(number=2)
        # The worker claimed the run and then died without a word.
        SelectionRun.objects.filter(pk=run.pk).update(
            status=RunStatus.RUNNING, started_at=clock.now(), heartbeat_at=clock.now()
        )
    with clock.frozen_at(later(30)):
        assert fail_stale_runs(cast.process) == 1
        assert execute_run.call(run.pk) == "skipped"
        response = cast.client("recruiter").post(replace, {"reason": "The worker stopped"})
    assert response.status_code == 302
    run.refresh_from_db()
    assert (run.status, run.error_code, run.output_dir) == (RunStatus.FAILED, "worker_lost", "")
    [lost] = [e for e in _events(cast, "selection.run_finished") if e["run"] == 2]
    assert lost["status"] == "failed"
    assert SelectionRun.objects.get(number=3).status == RunStatus.QUEUED
    assert not (tmp_path / "var" / "selection").exists() or not list(
        (tmp_path / "var" / "selection").rglob("run-2*")
    )


def test_a_replacement_the_engine_refuses_fails_and_leaves_no_files(
    cast: Cast, ready: SelectionRun, tmp_path: Path, settings: object
) -> None:
    setattr(settings, "VAR_DIR", tmp_path / "var")  # noqa: B010
    _declined(cast, ready)
    with clock.frozen_at(later(21)):
        cast.client("recruiter").post(
            "/p/riverside/manage/panel/replace/", {"reason": "One member declined"}
        )
        run = SelectionRun.objects.get(number=2)
        # The run names a dropout the committed pool does not know: the engine refuses.
        run.summary = {**run.summary, "dropouts": ["P-NOBODY"]}
        run.save(update_fields=["summary"])
        assert execute_run.call(run.pk) == RunStatus.FAILED
    run.refresh_from_db()
    assert run.output_dir == ""
    assert "P-NOBODY" in run.error_message
    assert run.error_code not in ("", "crashed")
    assert not list((tmp_path / "var").rglob("run-2*"))
    assert [e["status"] for e in _events(cast, "selection.run_finished") if e["run"] == 2] == [
        "failed"
    ]


# ---------------------------------------------------------------- who sees the panel


def _expected_panel_status(who: str) -> int:
    if who in ("lead_practitioner", "recruiter"):
        return 200
    if who in ("outsider", "staff"):
        return 404
    if who == "anonymous":
        return 302
    return 403


@pytest.mark.parametrize("who", ACTORS)
def test_only_recruiters_and_the_lead_see_the_panel(
    cast: Cast, ready: SelectionRun, who: str
) -> None:
    members = _drawn(cast, ready)
    person = Registrant.objects.get(pseudonym=members[0])
    client = cast.client(who)
    page = client.get(PANEL)
    download = client.get(PANEL_CSV)
    assert page.status_code == _expected_panel_status(who)
    assert download.status_code == _expected_panel_status(who)
    if page.status_code == 200:
        assert person.email in page.content.decode()
        assert person.email in download.content.decode()
        export = PersonalDataExport.objects.get()
        assert (export.exported_by, export.rows) == (cast.users[who], 24)
    else:
        assert person.email.encode() not in page.content + download.content
        assert not PersonalDataExport.objects.exists()


@pytest.mark.parametrize("who", ["recruiter", "commissioner", "observer", "oversight"])
def test_only_the_lead_commits_and_draws(cast: Cast, ready: SelectionRun, who: str) -> None:
    client = cast.client(who)
    assert client.get(DRAW).status_code == 403
    response = client.post(
        "/p/riverside/manage/runs/1/commit/",
        {"run1-announced_for": "2099-01-01T10:00", "run1-randomness_source": SOURCE},
    )
    assert response.status_code == 403
    assert SelectionRun.objects.get().committed_at is None


def test_a_replacement_prepared_for_another_panel_is_not_committed(
    cast: Cast, ready: SelectionRun, tmp_path: Path, settings: object
) -> None:
    setattr(settings, "VAR_DIR", tmp_path / "var")  # noqa: B010
    members = _drawn(cast, ready)
    recruiter = cast.users["recruiter"]
    with clock.frozen_at(later(20)):
        first = Registrant.objects.get(pseudonym=members[0])
        do_set_member_status(recruiter, cast.process, first, RegistrantStatus.DECLINED)
        cast.client("recruiter").post(
            "/p/riverside/manage/panel/replace/", {"reason": "One member declined"}
        )
        run = SelectionRun.objects.get(number=2)
        assert execute_run.call(run.pk) == RunStatus.DONE
        second = Registrant.objects.get(pseudonym=members[1])
        do_set_member_status(recruiter, cast.process, second, RegistrantStatus.WITHDRAWN)
        with pytest.raises(LifecycleError) as stale:
            _commit(cast, run)
    assert stale.value.code == "replacement_stale"
    assert SelectionRun.objects.get(number=2).committed_at is None


def test_the_panel_page_shows_exact_composition_to_recruiters(
    cast: Cast, ready: SelectionRun
) -> None:
    members = _drawn(cast, ready)
    page = cast.client("recruiter").get(PANEL).content.decode()
    women = Registrant.objects.filter(pseudonym__in=members, answers__gender="female").count()
    assert "Composition against the quotas" in page
    assert re.search(rf'<th scope="row">female</th>(?:(?!</tr>).)*>{women}</td>', page, re.S)
    assert "fewer than" not in page


def test_a_file_too_large_to_publish_leaves_nothing_committed(
    cast: Cast, ready: SelectionRun
) -> None:
    with override_settings(UPLOAD_MAX_BYTES=20_000), pytest.raises(LifecycleError) as refused:
        _commit(cast, ready)
    assert refused.value.code == "selection_file_refused"
    assert refused.value.params["name"] in ("inputs.json", "lottery.json")
    ready.refresh_from_db()
    assert ready.committed_at is None
    assert not Document.objects.exists()
    assert not entries(cast.process).filter(event="selection.committed").exists()
