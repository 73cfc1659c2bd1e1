"""Selection runs: started on the page, executed by the task (and the real worker),
recorded whatever their outcome, with nothing half-written."""

from __future__ import annotations

import json
import subprocess
import time
from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.test import override_settings

from minipublic import clock
from minipublic.integrity.record import public_entries, verify_database
from minipublic.lifecycle import Phase
from minipublic.processes.access import SYSTEM
from minipublic.processes.actions import do_change_phase
from minipublic.selection.models import RunStatus, SelectionRun
from minipublic.selection.quotas import (
    do_override_quota,
    do_save_population_shares,
    do_save_quota_settings,
)
from minipublic.selection.runs import do_cancel_run, do_start_run, fail_stale_runs
from minipublic.selection.tasks import compute, execute_run
from tests.cast import Cast
from tests.integration.test_quotas import SHARES, make_features, make_pool
from tests.support import MINIPUBLIC, base_env, run_cli, scratch_database

pytestmark = pytest.mark.django_db


@pytest.fixture
def ready(cast: Cast, tmp_path: Path) -> Iterator[Cast]:
    """Riverside in recruitment with 12 registrants and quotas for a panel of 4."""
    values = make_features(cast.process)
    make_pool(cast.process, 12)
    do_save_quota_settings(SYSTEM, cast.process, panel_size=4, tolerance=1)
    shares = {
        value.pk: Decimal(SHARES[key.split(":")[0]][key.split(":")[1]])
        for key, value in values.items()
    }
    do_save_population_shares(SYSTEM, cast.process, shares)
    do_change_phase(SYSTEM, cast.process, Phase.RECRUITMENT)
    with override_settings(VAR_DIR=tmp_path / "var"):
        yield cast


def start(cast: Cast, reason: str = "The first selection") -> SelectionRun:
    response = cast.client("lead_practitioner").post(
        f"/p/{cast.process.slug}/manage/runs/", {"reason": reason, "algorithm": "leximin"}
    )
    assert response.status_code == 302, response.content.decode()
    return SelectionRun.objects.get(
        process=cast.process, number=int(response["Location"].split("/")[-2])
    )


def events(cast: Cast, name: str) -> list[dict[str, Any]]:
    return [e["payload"] for e in public_entries(cast.process) if e["event"] == name]


def test_a_run_started_on_the_page_is_queued_executed_and_recorded(
    ready: Cast, tmp_path: Path
) -> None:
    run = start(ready)
    assert run.status == RunStatus.QUEUED
    assert run.number == 1
    assert run.started_by_role == "lead_practitioner"
    assert len(run.inputs_sha256) == 64
    page = ready.client("recruiter").get(f"/p/{ready.process.slug}/manage/runs/1/")
    # No timed reload (WCAG 2.2.1): a script follows the run, or the reader reloads.
    assert 'http-equiv="refresh"' not in page.content.decode()
    assert "selection/run-progress" in page.content.decode()
    assert "Reload to see the latest progress" in page.content.decode()
    assert "<progress" in page.content.decode()
    assert execute_run.call(run.pk) == RunStatus.DONE
    run.refresh_from_db()
    assert run.status == RunStatus.DONE
    final = tmp_path / "var" / "selection" / f"riverside-{run.process_id}" / "run-1"
    assert run.output_dir == str(final)
    commitment = json.loads((final / "commitment.json").read_text())
    assert commitment["commitment"] == run.commitment_sha256
    assert commitment["inputs_sha256"] == run.inputs_sha256
    assert run.summary["pool_size"] == 12
    assert run.summary["panel_size"] == 4
    assert run.summary["certified"] is True
    assert 0 < run.summary["min_probability"] <= 1
    assert not list(final.parent.glob(".*partial"))
    page = ready.client("recruiter").get(f"/p/{ready.process.slug}/manage/runs/1/")
    assert "selection/run-progress" not in page.content.decode()  # nothing left to follow
    assert run.commitment_sha256 in page.content.decode()
    status = ready.client("lead_practitioner").get(
        f"/p/{ready.process.slug}/manage/runs/1/status.json"
    )
    assert status.json()["status"] == "done"
    assert status.json()["fraction"] == 1.0
    started = events(ready, "selection.run_started")
    assert started == [
        {
            "run": 1,
            "reason": "The first selection",
            "algorithm": "leximin",
            "inputs_sha256": run.inputs_sha256,
            "pool_size": 12,
            "panel_size": 4,
        }
    ]
    finished = events(ready, "selection.run_finished")
    assert finished[0]["status"] == "done"
    assert finished[0]["commitment_sha256"] == run.commitment_sha256
    assert verify_database(ready.process) == []
    published = json.dumps(public_entries(ready.process))
    assert "example.org" not in published
    assert "Name1" not in published
    # A second run is numbered 2.
    assert start(ready, "Checking").number == 2


def test_a_second_run_is_refused_while_one_is_waiting(ready: Cast) -> None:
    start(ready)
    response = ready.client("lead_practitioner").post(
        f"/p/{ready.process.slug}/manage/runs/", {"reason": "Again", "algorithm": "leximin"}
    )
    assert response.status_code == 400
    assert "Run 1 has not finished yet" in response.content.decode()
    assert SelectionRun.objects.filter(process=ready.process).count() == 1
    response = ready.client("lead_practitioner").post(
        f"/p/{ready.process.slug}/manage/runs/", {"reason": " ", "algorithm": "leximin"}
    )
    assert response.status_code == 400


def test_a_waiting_run_is_cancelled_at_once_and_never_executes(ready: Cast) -> None:
    run = start(ready)
    response = ready.client("lead_practitioner").post(
        f"/p/{ready.process.slug}/manage/runs/1/cancel/"
    )
    assert response.status_code == 302
    run.refresh_from_db()
    assert run.status == RunStatus.CANCELLED
    assert execute_run.call(run.pk) == "skipped"
    assert not run.output_dir
    assert events(ready, "selection.run_finished")[0]["status"] == "cancelled"


def test_a_running_run_stops_when_cancelled_and_leaves_no_files(
    ready: Cast, tmp_path: Path
) -> None:
    run = start(ready)
    run.status = RunStatus.RUNNING
    run.started_at = clock.now()
    run.save()
    do_cancel_run(SYSTEM, ready.process, run)
    run.refresh_from_db()
    assert run.status == RunStatus.RUNNING
    assert run.cancel_requested
    compute(SelectionRun.objects.select_related("process").get(pk=run.pk))
    after = SelectionRun.objects.get(pk=run.pk)
    assert after.status == RunStatus.CANCELLED
    assert after.output_dir == ""
    folder = tmp_path / "var" / "selection" / f"riverside-{after.process_id}"
    assert not folder.exists() or not any(folder.iterdir())


def test_infeasible_quotas_fail_the_run_with_the_engines_explanation(ready: Cast) -> None:
    from minipublic.recruitment.models import FeatureValue

    male = FeatureValue.objects.get(feature__process=ready.process, value="male")
    young = FeatureValue.objects.get(feature__process=ready.process, value="young")
    do_override_quota(SYSTEM, ready.process, male, min=4, max=4)
    do_override_quota(SYSTEM, ready.process, young, min=4, max=4)
    run = start(ready)
    execute_run.call(run.pk)
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED
    assert run.error_code == "infeasible_quotas"
    assert not run.output_dir
    page = ready.client("lead_practitioner").get(f"/p/{ready.process.slug}/manage/runs/1/")
    content = page.content.decode()
    assert "No panel can meet the quotas." in content
    assert "The smallest change that makes a panel possible" in content
    assert "Lowest chance of selection" not in content
    finished = events(ready, "selection.run_finished")[0]
    assert finished["status"] == "failed"
    assert finished["error_code"] == "infeasible_quotas"
    assert finished["commitment_sha256"] is None
    # The failed run does not block a new one.
    assert start(ready, "Quotas relaxed").number == 2


def test_a_run_whose_worker_died_is_failed_and_can_be_restarted(ready: Cast) -> None:
    run = start(ready)
    run.status = RunStatus.RUNNING
    run.started_at = run.heartbeat_at = clock.now() - timedelta(minutes=6)
    run.save()
    assert fail_stale_runs(ready.process, now=clock.now() - timedelta(minutes=2)) == 0
    page = ready.client("lead_practitioner").get(f"/p/{ready.process.slug}/manage/runs/1/")
    assert "The worker stopped while computing this run" in page.content.decode()
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED
    assert run.error_code == "worker_lost"
    assert events(ready, "selection.run_finished")[0]["error_code"] == "worker_lost"
    again = do_start_run(ready.users["lead_practitioner"], ready.process, reason="Restart")
    assert again.number == 2


def test_a_crashing_run_is_failed_and_leaves_no_files(
    ready: Cast, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("minipublic.sortition.select.run_selection", explode)
    run = start(ready)
    assert execute_run.call(run.pk) == RunStatus.FAILED
    run.refresh_from_db()
    assert run.error_code == "crashed"
    assert "RuntimeError" in run.error_message
    assert not (tmp_path / "var" / "selection" / f"riverside-{run.process_id}" / "run-1").exists()


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("lead_practitioner", 200),
        ("recruiter", 200),
        ("commissioner", 403),
        ("observer", 403),
        ("oversight", 403),
        ("outsider", 404),
    ],
)
def test_who_may_see_the_runs(ready: Cast, who: str, status: int) -> None:
    start(ready)
    client = ready.client(who)
    slug = ready.process.slug
    for url in (
        f"/p/{slug}/manage/runs/",
        f"/p/{slug}/manage/runs/1/",
        f"/p/{slug}/manage/runs/1/status.json",
    ):
        assert client.get(url).status_code == status, url
    if status != 200:
        response = client.post(f"/p/{slug}/manage/runs/", {"reason": "x", "algorithm": "nash"})
        assert response.status_code == status
        assert client.post(f"/p/{slug}/manage/runs/1/cancel/").status_code == status


def test_the_process_page_links_to_quotas_and_runs(ready: Cast) -> None:
    url = f"/p/{ready.process.slug}/"
    assert "Quotas and runs" in ready.client("recruiter").get(url).content.decode()
    assert "Quotas and runs" not in ready.client("commissioner").get(url).content.decode()


SETUP = """
from datetime import date
from minipublic.lifecycle import Phase, Role
from minipublic.processes.access import SYSTEM
from minipublic.processes import actions
from minipublic.accounts.models import User
from minipublic.recruitment.models import Feature, FeatureValue, Registrant
from minipublic.selection.quotas import do_save_quota_settings, do_save_population_shares
from minipublic.selection.runs import do_start_run
from minipublic.engagement.actions import do_accept_terms
lead = User.objects.create_user(username="lead", password="x-long-password-1")
p = actions.do_create_process(SYSTEM, slug="worker-test", title="T", question="Q?",
    commissioning_body="C", lead=lead)
do_accept_terms(lead, p)
f = Feature.objects.create(process=p, name="gender", question="G?", order=0)
a = FeatureValue.objects.create(feature=f, value="female", label="F", order=0)
b = FeatureValue.objects.create(feature=f, value="male", label="M", order=1)
for i in range(10):
    Registrant.objects.create(process=p, pseudonym=f"W-{i}", registered_on=date(2026, 1, 1),
        answers={"gender": "female" if i % 2 else "male"})
do_save_quota_settings(SYSTEM, p, panel_size=4, tolerance=1)
do_save_population_shares(SYSTEM, p, {a.pk: 50, b.pk: 50})
actions.do_change_phase(SYSTEM, p, Phase.RECRUITMENT)
print(do_start_run(lead, p, reason="Background").number)
"""

STATUS = """
from minipublic.selection.models import SelectionRun
run = SelectionRun.objects.get(process__slug="worker-test", number=1)
print("STATUS", run.status, run.output_dir)
"""


@pytest.mark.django_db(transaction=True)
def test_the_real_worker_executes_a_run_in_the_background(tmp_path: Path) -> None:
    with scratch_database(tmp_path) as url:
        env = base_env(tmp_path, DEBUG="1", DATABASE_URL=url)
        assert run_cli("migrate", env=env).returncode == 0
        made = run_cli("manage", "shell", "-c", SETUP, env=env)
        assert made.returncode == 0, made.stderr
        worker = subprocess.Popen(
            [MINIPUBLIC, "worker", "--interval", "0.2"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            deadline = time.monotonic() + 90
            status = ""
            while time.monotonic() < deadline:
                checked = run_cli("manage", "shell", "-c", STATUS, env=env)
                assert checked.returncode == 0, checked.stderr
                line = checked.stdout.split("STATUS ", 1)[1].strip()
                status, _, folder = line.partition(" ")
                if status not in ("queued", "running"):
                    break
                time.sleep(0.5)
        finally:
            worker.terminate()
            worker.wait(timeout=30)
        assert status == "done"
        assert (Path(folder) / "commitment.json").is_file()
        assert Path(folder).parent.name.startswith("worker-test-")
        assert Path(folder).name == "run-1"


def test_files_left_by_a_rolled_back_run_do_not_block_the_next(ready: Cast, tmp_path: Path) -> None:
    run = start(ready)
    orphan = tmp_path / "var" / "selection" / f"riverside-{run.process_id}" / "run-1"
    orphan.mkdir(parents=True)
    (orphan / "commitment.json").write_text("{}")
    assert execute_run.call(run.pk) == RunStatus.DONE
    assert json.loads((orphan / "commitment.json").read_text()) != {}
