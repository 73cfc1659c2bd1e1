"""docs/recommendations.md agrees with the pages and the ledger events it names, and
the documentation index and docs/integrity.md lead to them."""

from __future__ import annotations

import re
from pathlib import Path

from django.urls import resolve, reverse

from minipublic.integrity.record import entries
from minipublic.recommendations import drafting, minority, votes
from minipublic.recommendations.vote_models import SupportLevel
from tests.cast import make_cast
from tests.drafting_fixtures import TEXT, draft, make_assembly

DOCS = Path(__file__).resolve().parents[2] / "docs"
PAGE = DOCS / "recommendations.md"
_PLACEHOLDERS = {"<slug>": "demo", "<n>": "3", "<m>": "2", "<v>": "4"}


def _section(heading: str) -> str:
    text = PAGE.read_text()
    start = text.index(f"\n## {heading}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else None]


def test_the_index_links_the_page() -> None:
    assert "(recommendations.md)" in (DOCS / "index.md").read_text()


def test_the_documented_pages_resolve() -> None:
    rows = [
        [cell.strip() for cell in line.strip("|").split("|")]
        for line in _section("Pages").splitlines()
        if line.startswith("| `")
    ]
    assert len(rows) == 11
    for address, name, _who in rows:
        path = address.strip("`")
        for placeholder, value in _PLACEHOLDERS.items():
            path = path.replace(placeholder, value)
        match = resolve(path)
        assert f"{match.namespace}:{match.url_name}" == name.strip("`"), path
        assert reverse(name.strip("`"), kwargs=match.kwargs) == path


def test_the_support_scale_is_documented_in_order() -> None:
    votes_section = _section("Votes")
    labels = [str(label) for value, label in SupportLevel.choices if value != "abstain"]
    positions = [votes_section.index(label) for label in labels]
    assert positions == sorted(positions)


def test_every_ledger_event_is_documented(db: None) -> None:
    assembly = make_assembly(make_cast())
    process, team = assembly.cast.process, assembly.cast.users["facilitator"]
    votes.do_set_rules(team, process, adoption_percent=80, minority_percent=10, sign_off_percent=75)
    first = draft(assembly)
    drafting.do_join_drafting_group(assembly.user("member2"), process, first)
    drafting.do_leave_drafting_group(assembly.user("member2"), process, first)
    drafting.do_revise_recommendation(
        assembly.user("participant"), process, first, theme="T", title="T", text="New."
    )
    drafting.do_comment(assembly.user("member3"), process, first, text="A comment.")
    one = drafting.do_propose_amendment(
        assembly.user("member3"), process, first, text="A.", reason="R."
    )
    drafting.do_accept_amendment(assembly.user("participant"), process, one)
    two = drafting.do_propose_amendment(
        assembly.user("member3"), process, first, text="B.", reason="R."
    )
    drafting.do_withdraw_amendment(assembly.user("member3"), process, two)
    three = drafting.do_propose_amendment(
        assembly.user("member3"), process, first, text="C.", reason="R."
    )
    drafting.do_put_amendment_to_vote(assembly.user("participant"), process, three)
    vote = votes.do_open_vote(team, process, first, three)
    votes.do_cast_ballot(assembly.user("member2"), process, vote, "full")
    votes.do_close_vote(team, process, vote)
    second = draft(assembly, title="Other")
    drafting.do_withdraw_recommendation(assembly.user("participant"), process, second, reason="X")
    report = minority.do_write_minority_report(
        assembly.user("member4"), process, title="M", text=TEXT
    )
    minority.do_support_minority_report(assembly.user("member5"), process, report, support=True)
    minority.do_support_minority_report(assembly.user("member5"), process, report, support=False)
    minority.do_withdraw_minority_report(assembly.user("member4"), process, report)
    made = {
        e.event
        for e in entries(process)
        if e.event.split(".")[0]
        in {
            "drafting",
            "recommendation",
            "drafting_group",
            "amendment",
            "recommendation_vote",
            "minority_report",
        }
    }
    documented = set(re.findall(r"`([a-z_]+\.[a-z_]+)`", (DOCS / "integrity.md").read_text()))
    assert len(made) == 17
    assert made <= documented, sorted(made - documented)
