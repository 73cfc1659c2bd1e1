"""docs/evidence.md's pages, ledger events and numbers are the real ones.

Each documented page resolves to its named view; every page of the evidence app is
documented; the ledger events are exactly those the evidence actions write, each with
the payload fields it really has (found by running the actions); and the numbers the
page states are the code's.
"""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

from django.urls import resolve, reverse

from minipublic import clock
from minipublic.evidence import material_actions, request_actions, witness_actions
from minipublic.evidence.register import MIN_AGGREGATE
from minipublic.evidence.request_actions import MAX_VOTE_DAYS
from minipublic.evidence.urls import urlpatterns
from minipublic.integrity.declarations import do_declare_interest
from minipublic.integrity.record import entries
from minipublic.integrity.uploads import check_bytes
from minipublic.processes.access import SYSTEM
from tests.cast import make_cast

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "evidence.md"
SOURCES = ROOT / "src" / "minipublic" / "evidence"
#: URLs that only receive a page's forms (documented in a sentence, not the table).
POSTED = {"comment", "respond", "publish_material"}


def _section(heading: str) -> str:
    text = DOC.read_text(encoding="utf-8")
    start = text.index(f"\n## {heading}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else None]


def _rows(section: str) -> list[list[str]]:
    rows = [
        [cell.strip() for cell in line.strip().strip("|").split("|")]
        for line in section.splitlines()
        if line.startswith("|") and not line.startswith("|---")
    ]
    return rows[1:]


def test_every_page_is_documented_and_resolves() -> None:
    documented = {}
    for address, name, _who in _rows(_section("The pages")):
        path = address.strip("`")
        concrete = re.sub(r"<[^>]+>", "1", path).replace("/p/1/", "/p/demo/")
        match = resolve(concrete)
        assert f"{match.namespace}:{match.url_name}" == name.strip("`"), address
        assert reverse(name.strip("`"), kwargs=match.kwargs) == concrete
        documented[match.url_name] = path
    pages = {pattern.name for pattern in urlpatterns} - POSTED
    assert set(documented) == pages
    assert documented["witnesses"] == "/p/<slug>/witnesses/"  # the contract
    assert documented["materials"] == "/p/<slug>/materials/"


def test_the_numbers_stated_are_the_codes() -> None:
    text = " ".join(DOC.read_text(encoding="utf-8").split())
    assert f"only once at least {MIN_AGGREGATE} have agreed" in text
    assert f"at most {MAX_VOTE_DAYS} days ahead" in text


def _written_events() -> set[str]:
    events: set[str] = set()
    for path in SOURCES.glob("*.py"):
        events |= set(
            re.findall(r'"((?:witness|witness_request|material)\.[a-z_]+)"', path.read_text())
        )
    return events


def test_the_ledger_events_are_documented_with_their_payloads(db: None) -> None:
    documented = {
        row[0].strip("`"): f"{row[1]} {row[2]}" for row in _rows(_section("Ledger events"))
    }
    assert set(documented) == _written_events()
    cast = make_cast()
    process = cast.process
    lead, oversight = cast.users["lead_practitioner"], cast.users["oversight"]
    # Every event, through the real actions.
    witness = witness_actions.do_propose_witness(
        lead,
        process,
        name="A",
        role_organisation="B",
        expertise="C",
        perspectives=["d"],
    )
    witness_actions.do_update_witness(
        lead, process, witness, name="A2", role_organisation="B", expertise="C", perspectives=["d"]
    )
    witness_actions.do_decide_witness(lead, process, witness, status="invited", reasons="R")
    witness_actions.do_record_witness_declaration(lead, process, witness, kind="none")
    own = do_declare_interest(cast.users["expert"], process, kind="none")
    witness_actions.do_link_witness_declaration(lead, process, witness, own)
    witness_actions.do_record_witness_profile(lead, process, witness, gender="man")
    witness_actions.do_record_witness_profile(lead, process, witness)
    participant = cast.users["participant"]
    asked = {"kind": "perspective", "perspective": "P", "reason": "W"}
    withdrawn = request_actions.do_request_witness(participant, process, **asked)
    request_actions.do_withdraw_request(participant, process, withdrawn)
    request = request_actions.do_request_witness(participant, process, **asked)
    closes = clock.now() + timedelta(days=1)
    request_actions.do_open_request_vote(lead, process, request, closes_at=closes)
    request_actions.do_cast_request_vote(participant, process, request, supports=True)
    request_actions.do_close_request_vote(lead, process, request)
    request_actions.do_answer_request(lead, process, request, reasons="None free.")
    material = material_actions.do_submit_material(
        lead, process, title="T", author="A", file=check_bytes("a.md", b"a"), commissioned_by="team"
    )
    version = material.versions.get()
    comment = material_actions.do_comment_on_material(oversight, process, version, text="X")
    material_actions.do_respond_to_comment(lead, process, comment, response="Y", outcome="changed")
    material_actions.do_publish_material(lead, process, version)
    material_actions.do_submit_version(
        SYSTEM, process, material, file=check_bytes("a.md", b"b"), change_note="N"
    )
    seen: dict[str, set[str]] = {}
    for entry in entries(process).filter(event__regex=r"^(witness|witness_request|material)\."):
        seen.setdefault(entry.event, set()).update(entry.payload)
    assert set(seen) == set(documented)
    for event, keys in seen.items():
        for key in keys:
            assert f"`{key}`" in documented[event], (event, key)
