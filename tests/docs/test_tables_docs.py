"""docs/deliberation-tables.md's pages, form addresses, ledger event, its fields and the
benchmark command are the real ones.

Each documented page is fetched on a real room with an allocation; every form address
resolves to the view the docs say; the event's fields are exactly those the code records.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
from django.urls import resolve

from minipublic.deliberation import allocation as allocation_actions
from minipublic.deliberation.sessions import do_add_session, do_set_tables
from minipublic.deliberation.urls import urlpatterns
from minipublic.integrity.models import LedgerEntry
from minipublic.recruitment.models import Registrant, RegistrantStatus
from tests.cast import Cast

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "deliberation-tables.md"
#: The allocation's pages; the other patterns only receive their forms.
PAGES = {"tables", "allocation", "my_tables"}
FORMS = {"run_allocation", "apply_allocation", "pin", "unpin", "add_group", "remove_group"}


def _text() -> str:
    return DOC.read_text(encoding="utf-8")


def _section(heading: str) -> str:
    text = _text()
    start = text.index(f"\n{heading}\n")
    end = text.find("\n## ", start + len(heading) + 2)
    return text[start : end if end != -1 else None]


def _shape(route: str) -> str:
    return re.sub(r"<[^>]+>", "x", route)


def _routes(names: set[str]) -> set[str]:
    return {"/" + _shape(str(p.pattern)) for p in urlpatterns if p.name in names}


def test_every_page_and_form_address_is_documented() -> None:
    pages = re.findall(r"^\| [^|]+ \| `(/p/[^`]+)` \|", _section("## The pages"), re.M)
    assert {_shape(page) for page in pages} == _routes(PAGES)
    posted = re.findall(r"`(/p/[^`]+/)`", _section("## The pages").split("The forms post")[1])
    assert {_shape(address) for address in posted} == _routes(FORMS)
    assert {p.name for p in urlpatterns} >= PAGES | FORMS


def test_the_documented_event_fields_are_the_recorded_ones() -> None:
    table = _section("## Applying")
    documented = set()
    for cell in re.findall(r"^\| ([^|]+) \|", table, re.M):
        documented |= set(re.findall(r"`([a-z_]+)`", cell))
    assert "`tables.allocated`" in table
    source = (ROOT / "src/minipublic/deliberation/allocation.py").read_text()
    body = re.split(r"\n(?:def |@)", source.split("def _ledger_payload")[1])[0]
    recorded = set(re.findall(r'^\s+"([a-z_]+)":', body, re.M))
    assert len(recorded) > 15
    assert documented == recorded


def test_the_benchmark_command_is_a_make_target() -> None:
    assert "`make bench-allocation`" in _text()
    assert re.search(r"^bench-allocation:", (ROOT / "Makefile").read_text(), re.M)
    assert (ROOT / "bench" / "allocation.py").is_file()


@pytest.mark.django_db
def test_every_documented_page_works(cast: Cast) -> None:
    for i in range(8):
        Registrant.objects.create(
            process=cast.process,
            pseudonym=f"P{i}",
            first_name=f"Name{i}",
            last_name="Surname",
            answers={"age": ("young", "old")[i % 2]},
            registered_on=datetime.date(2026, 3, 1),
            status=RegistrantStatus.CONFIRMED,
            user=cast.users["participant"] if i == 0 else None,
        )
    facilitator = cast.users["facilitator"]
    session = do_add_session(facilitator, cast.process, title="Day", on=datetime.date(2026, 9, 12))
    do_set_tables(facilitator, cast.process, session, 2)
    request = allocation_actions.RunRequest(sessions=(1,), features=("age",), tables=2)
    run = allocation_actions.run_allocation(facilitator, cast.process, request)
    allocation_actions.do_apply_allocation(facilitator, cast.process, run)
    assert LedgerEntry.objects.filter(event="tables.allocated").exists()
    values = {"slug": "riverside", "number": "1"}
    for page in re.findall(
        r"^\| [^|]+ \| `(/p/[^`]+)` \| ([^|]+) \|", _section("## The pages"), re.M
    ):
        address, reader = page
        url = re.sub(r"<(\w+)>", lambda m: values[m.group(1)], address)
        who = "participant" if reader.strip().startswith("a participant") else "facilitator"
        assert resolve(url).url_name in PAGES
        assert cast.client(who).get(url).status_code == 200, url
