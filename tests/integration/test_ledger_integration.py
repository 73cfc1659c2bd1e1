"""The ledger in the database: actions append to it, it exports, verifies and resists forks."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import OperationalError, connection

from minipublic.demo.content import ACCOUNTS
from minipublic.integrity import record
from minipublic.integrity.models import LedgerEntry
from minipublic.ledger import GENESIS, reveal_matches, verify_chain
from minipublic.lifecycle import Phase, ProcessModel, Role, Visibility
from minipublic.processes import actions
from minipublic.processes.access import SYSTEM
from minipublic.processes.models import Process
from tests.cast import Cast, accept_all_terms, make_user
from tests.servers import load_demo
from tests.support import base_env, run_cli, scratch_database


def _events(process: Process) -> list[str]:
    return [row["event"] for row in record.public_entries(process)]


def test_creating_the_cast_records_the_process_and_every_member(cast: Cast) -> None:
    rows = record.public_entries(cast.process)
    assert [row["event"] for row in rows] == [
        "process.created",
        "member.added",
        "terms.seeded",
        *["member.added"] * (len(Role) - 1),
        *["terms.accepted"] * len(Role),
    ]
    assert rows[0]["actor_role"] == "system"
    assert rows[0]["payload"]["slug"] == "riverside"
    added = [row for row in rows if row["event"] == "member.added"]
    assert sorted(row["payload"]["role"] for row in added) == sorted(r.value for r in Role)
    assert sorted(rows[2]["payload"]["charters"]) == sorted(r.value for r in Role)
    assert verify_chain(rows) == []
    assert record.head(cast.process) == rows[-1]["hash"]


def test_actions_append_with_the_actors_role(cast: Cast) -> None:
    lead = cast.users["lead_practitioner"]
    before = len(_events(cast.process))
    actions.do_update_process(
        lead,
        cast.process,
        title="Riverside Assembly on Floods",
        question="How should Riverside adapt to flooding?",
        commissioning_body="Riverside Council",
        model=ProcessModel.CITIZENS_ASSEMBLY,
    )
    actions.do_set_visibility(lead, cast.process, Visibility.PUBLIC)
    actions.do_change_phase(lead, cast.process, Phase.RECRUITMENT, "Design agreed")
    newcomer = make_user("newcomer")
    actions.do_add_member(lead, cast.process, newcomer, Role.OBSERVER)
    accept_all_terms(cast.process)
    actions.do_remove_member(lead, cast.process, newcomer, Role.OBSERVER)
    rows = record.public_entries(cast.process)[before:]
    assert [row["event"] for row in rows] == [
        "process.updated",
        "process.visibility_changed",
        "process.phase_changed",
        "member.added",
        "terms.accepted",
        "member.removed",
    ]
    assert {row["actor_role"] for row in rows} == {"lead_practitioner", "system"}
    assert rows[4]["actor_role"] == "system"  # the test accepted for the newcomer
    assert rows[0]["payload"] == {"changed": ["title"]}
    assert rows[1]["payload"] == {"from": "private", "to": "public"}
    assert rows[2]["payload"] == {"from": "design", "to": "recruitment", "reason": "Design agreed"}
    assert verify_chain(record.public_entries(cast.process)) == []


def test_an_update_that_changes_nothing_records_nothing(cast: Cast) -> None:
    before = _events(cast.process)
    process = cast.process
    actions.do_update_process(
        cast.users["lead_practitioner"],
        process,
        title=process.title,
        question=process.question,
        commissioning_body=process.commissioning_body,
        model=ProcessModel(process.model),
        description=process.description,
    )
    assert _events(cast.process) == before


def test_staff_without_a_role_act_as_staff(cast: Cast) -> None:
    process = actions.do_create_process(
        cast.users["staff"],
        slug="staffed",
        title="Staffed",
        question="Q?",
        commissioning_body="Council",
        lead=cast.users["outsider"],
    )
    rows = record.public_entries(process)
    assert [row["actor_role"] for row in rows] == ["staff", "staff", "staff"]
    assert [row["event"] for row in rows][-1] == "terms.seeded"


def test_members_names_never_appear_in_the_public_record(cast: Cast) -> None:
    person = make_user("Zebedee.Quill")
    person.first_name, person.last_name = "Zebedee", "Quillfeather"
    person.save()
    actions.do_add_member(SYSTEM, cast.process, person, Role.PARTICIPANT)
    accept_all_terms(cast.process)
    actions.do_remove_member(SYSTEM, cast.process, person, Role.PARTICIPANT)
    public = json.dumps(record.public_entries(cast.process), ensure_ascii=False).lower()
    assert "zebedee" not in public
    assert "quill" not in public
    stored = LedgerEntry.objects.filter(process=cast.process).order_by("sequence").last()
    assert stored is not None
    assert stored.payload["member"]["username"] == "Zebedee.Quill"
    published = record.public_entries(cast.process)[-1]["payload"]["member"]
    assert reveal_matches(published, stored.payload["member"], stored.salts["member"])


def test_usernames_of_members_stay_private(cast: Cast) -> None:
    public = json.dumps(record.public_entries(cast.process))
    assert "@example.org" not in public
    assert '"username"' not in public
    assert '"id"' not in public


def test_tampering_with_a_row_is_found(cast: Cast) -> None:
    assert record.verify_database(cast.process) == []
    row = LedgerEntry.objects.get(process=cast.process, sequence=2)
    LedgerEntry.objects.filter(pk=row.pk).update(payload={**row.payload, "role": "observer"})
    problems = record.verify_database()
    assert len(problems) == 1
    assert problems[0].entry == 2
    assert "riverside" in str(problems[0])
    assert "entry 2" in str(problems[0])


def test_a_changed_hash_breaks_the_link_after_it(cast: Cast) -> None:
    LedgerEntry.objects.filter(process=cast.process, sequence=1).update(hash="f" * 64)
    problems = record.verify_database(cast.process)
    assert [problem.entry for problem in problems] == [1]


def test_an_empty_ledger_has_the_genesis_head(db: None) -> None:
    process = Process.objects.create(
        slug="bare", title="Bare", question="Q", commissioning_body="C"
    )
    assert record.head(process) == GENESIS
    assert record.public_entries(process) == []
    assert record.verify_database(process) == []


def test_deleting_a_process_deletes_its_ledger(cast: Cast) -> None:
    actions.do_delete_process(SYSTEM, cast.process)
    assert not LedgerEntry.objects.exists()


def test_the_public_page_shows_the_checkpoint(public_cast: Cast) -> None:
    response = public_cast.client("anonymous").get("/p/riverside/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Public record checkpoint" in page
    assert f'<code class="hash">{record.head(public_cast.process)}</code>' in page
    # process.created, a member.added per role, terms.seeded, a terms.accepted per member
    assert f"<dd>{2 * len(Role) + 2}</dd>" in page


def _append_retrying_on_sqlite(process: Process, payload: dict[str, int]) -> None:
    # The test database on SQLite is in memory with a shared cache, where a second writer
    # fails at once ("table is locked") instead of waiting as on a database file; wait
    # here instead. PostgreSQL needs no help: the row lock makes the others wait.
    for _ in range(500):
        try:
            record.append(process, "system", "test.appended", payload)
        except OperationalError as error:
            if connection.vendor != "sqlite" or "locked" not in str(error):
                raise
            time.sleep(0.01)
        else:
            return
    raise AssertionError("SQLite stayed locked")


@pytest.mark.django_db(transaction=True)
def test_concurrent_appends_never_fork_the_chain() -> None:
    process = Process.objects.create(
        slug="race", title="Race", question="Q", commissioning_body="C"
    )
    threads, per_thread, errors = 4, 5, []
    start = threading.Barrier(threads)

    def work(number: int) -> None:
        try:
            start.wait()
            for step in range(per_thread):
                _append_retrying_on_sqlite(process, {"n": number, "step": step})
        except Exception as error:  # reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    workers = [threading.Thread(target=work, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert errors == []
    rows = record.public_entries(process)
    assert [row["sequence"] for row in rows] == list(range(threads * per_thread))
    assert verify_chain(rows) == []


# ------------------------------------------------------------------ the command line


@pytest.fixture
def demo_env(tmp_path: Path) -> Iterator[dict[str, str]]:
    with scratch_database(tmp_path) as url:
        yield base_env(tmp_path, DEBUG="1", DATABASE_URL=url)


@pytest.mark.django_db(transaction=True)
def test_the_demo_loads_twice_and_its_export_verifies(
    tmp_path: Path, demo_env: dict[str, str]
) -> None:
    load_demo(tmp_path, demo_env["DATABASE_URL"])  # the first load (a copy of the session's)
    assert run_cli("demo", env=demo_env).returncode == 0  # the second restores it
    assert run_cli("audit", "verify", "--database", env=demo_env).returncode == 0
    bundle = tmp_path / "bundle"
    exported = run_cli("export", "demo", "--out", str(bundle), env=demo_env)
    assert exported.returncode == 0, exported.stderr
    head = exported.stdout.split("Head:")[1].split()[0]
    lines = (bundle / "ledger.jsonl").read_text().splitlines()
    assert json.loads(lines[-1])["hash"] == head
    published = "\n".join(lines).lower()
    assert '"username"' not in published
    # Names are published only where someone declared an interest in a public role
    # (experts and staff); participants' names never.
    declarations = [
        row["payload"] for row in map(json.loads, lines) if row["event"] == "declaration.made"
    ]
    named = [payload for payload in declarations if isinstance(payload["name"], str)]
    assert {payload["role"] for payload in named} <= {
        "expert",
        "lead_practitioner",
        "facilitator",
        "oversight",
        "commissioner",
        "recruiter",
    }
    declared = {payload["name"] for payload in named}
    participants = [account for account in ACCOUNTS if account.username.startswith("participant")]
    assert participants
    for account in ACCOUNTS:
        if account.name not in declared:
            assert account.name.lower() not in published
        if account.username not in {role.value for role in Role}:  # "expert" is also a role
            assert f'"{account.username}"' not in published
    for account in participants:
        assert account.name.lower() not in published
    verified = run_cli("audit", "verify", str(bundle), "--checkpoint", head, env=demo_env)
    assert verified.returncode == 0, verified.stderr

    (bundle / "ledger.jsonl").write_text("\n".join(lines[:-1]) + "\n")
    broken = run_cli("audit", "verify", str(bundle), env=demo_env)
    assert broken.returncode == 1
    assert "ledger.jsonl" in broken.stderr


@pytest.mark.django_db(transaction=True)
def test_audit_verify_database_names_the_broken_entry(
    tmp_path: Path, demo_env: dict[str, str]
) -> None:
    load_demo(tmp_path, demo_env["DATABASE_URL"])
    code = (
        "from minipublic.integrity.models import LedgerEntry as L; "
        "L.objects.filter(process__slug='demo', sequence=3).update(hash='0'*63+'1')"
    )
    assert run_cli("manage", "shell", "-c", code, env=demo_env).returncode == 0
    result = run_cli("audit", "verify", "--database", env=demo_env)
    assert result.returncode == 1
    assert "process demo" in result.stderr
    assert "entry 3" in result.stderr


def test_audit_verify_needs_a_bundle_or_the_database(tmp_path: Path) -> None:
    result = run_cli("audit", "verify", env=base_env(tmp_path))
    assert result.returncode == 2
