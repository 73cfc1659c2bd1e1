"""docs/council.md's pages, commands, actions and ledger events are the real ones.

Each documented address is fetched on a real council; each documented command runs
(with ``--help``) through the real command line; the actions and ledger events named
are exactly those the code has.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from django.urls import resolve

from minipublic.council import actions
from minipublic.council.urls import urlpatterns
from minipublic.lifecycle import Action, ProcessModel
from minipublic.processes.models import Process
from tests.cast import Cast
from tests.support import base_env, run_cli

DOC = Path(__file__).resolve().parents[2] / "docs" / "council.md"


def _text() -> str:
    return DOC.read_text(encoding="utf-8")


def _section(text: str, heading: str) -> str:
    start = text.index(f"\n{heading}\n")
    end = text.find("\n## ", start + len(heading) + 2)
    return text[start : end if end != -1 else None]


def _addresses() -> list[str]:
    pages = _section(_text(), "## The pages")
    return re.findall(r"^\| [^|]+ \| `(/p/[^`]+)` \|", pages, re.M)


#: The council's pages (the other URLs only receive the pages' forms).
PAGES = {"overview", "topics", "propose", "topic", "follow_ups", "new_follow_up", "manage"}


def test_every_page_of_the_council_is_documented() -> None:
    documented = {re.sub(r"<[^>]+>", "x", address) for address in _addresses()}
    pages = {"/" + re.sub(r"<[^>]+>", "x", str(p.pattern)) for p in urlpatterns if p.name in PAGES}
    assert documented == pages
    posted = {p.name for p in urlpatterns} - PAGES
    assert posted == {"decide", "choose_expert", "schedule", "start_rotation", "seat"}


@pytest.mark.django_db
def test_every_documented_address_works(public_cast: Cast) -> None:
    Process.objects.filter(pk=public_cast.process.pk).update(
        model=ProcessModel.PERMANENT_COUNCIL.value
    )
    process = public_cast.refresh()
    topic = actions.do_propose_topic(
        public_cast.users["participant"], process, title="Buses", why="They are late."
    )
    lead = public_cast.client("lead_practitioner")
    addresses = _addresses()
    assert len(addresses) == 7
    for address in addresses:
        path = address.replace("<slug>", process.slug).replace("<number>", str(topic.pk))
        assert resolve(path).namespace == "council", path
        response = lead.get(path)
        assert response.status_code == 200, path


def test_documented_commands_exist(tmp_path: Path) -> None:
    blocks = re.findall(r"```sh\n(.*?)```", _text(), re.S)
    commands = [shlex.split(line) for block in blocks for line in block.splitlines() if line]
    assert commands, "docs/council.md shows no command"
    for words in commands:
        assert words[0] == "minipublic"
        result = run_cli(words[1], "--help", env=base_env(tmp_path))
        assert result.returncode == 0, (words, result.stderr)
        for option in (word for word in words[2:] if word.startswith("--")):
            assert option in result.stdout, (words, option)


def test_actions_and_ledger_events_are_the_real_ones() -> None:
    text = _text()
    table = _section(text, "## Who does what")
    named = set(re.findall(r"^\| `([a-z_]+)` \|", table, re.M))
    assert named <= {action.value for action in Action}
    assert {Action.COUNCIL_ACT.value, Action.MANAGE_COUNCIL.value} <= named
    source = Path(actions.__file__).read_text(encoding="utf-8")
    emitted = set(re.findall(r'"(council\.[a-z_]+)"', source))
    documented = set(re.findall(r"`(council\.[a-z_]+)`", text))
    assert documented == emitted
