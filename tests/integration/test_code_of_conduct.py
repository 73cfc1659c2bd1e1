"""The participants' own code of conduct: drafting, the vote, adoption as their charter.

Through the pages (the Django test client on the real URLs) and through the named
actions. The riverside cast has one participant; tests that need a vote add more, with
names that must never show up next to a choice.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import resolve

from minipublic import clock
from minipublic.accounts.models import User
from minipublic.engagement.actions import do_accept_terms, do_publish_charter
from minipublic.engagement.code_actions import (
    do_cast_code_vote,
    do_close_code_vote,
    do_edit_code,
    do_open_code_vote,
    do_propose_code,
    do_withdraw_code,
)
from minipublic.engagement.models import Charter, CharterOrigin, CodeProposal, CodeVote
from minipublic.integrity.record import entries, public_entries
from minipublic.lifecycle import LifecycleError, Role
from minipublic.processes import actions as process_actions
from minipublic.processes.access import SYSTEM, TermsPending, roles_in
from tests.cast import ACTORS, ROLE_ACTORS, Cast, accept_all_terms, make_user

LIST = "/p/riverside/code/"
NEW = "/p/riverside/code/new/"
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
TEXT = "1. We listen to each other.\n2. We keep what others say in the room (zq-room)."


def _detail(number: int = 1) -> str:
    return f"{LIST}{number}/"


@contextmanager
def _at(moment: datetime) -> Iterator[None]:
    with clock.frozen_at(moment):
        yield


def _voters(cast: Cast, count: int) -> list[User]:
    """The cast's participant plus ``count - 1`` more, all having accepted their terms."""
    people = [cast.users["participant"]]
    for index in range(2, count + 1):
        user = make_user(f"zq-voter-{index}")
        process_actions.do_add_member(SYSTEM, cast.process, user, Role.PARTICIPANT)
        people.append(user)
    accept_all_terms(cast.process)
    return people


def _draft(cast: Cast, title: str = "Our code") -> CodeProposal:
    return do_propose_code(cast.users["participant"], cast.process, title=title, body=TEXT)


def _opened(cast: Cast, days: int = 3, title: str = "Our code") -> CodeProposal:
    proposal = _draft(cast, title)
    with _at(START):
        return do_open_code_vote(
            cast.users["facilitator"],
            cast.process,
            proposal,
            closes_at=START + timedelta(days=days),
        )


def _vote(cast: Cast, proposal: CodeProposal, people: list[User], choices: str) -> None:
    """Each person votes in turn: ``f``or, ``a``gainst, ``x`` abstain, ``-`` not at all."""
    names = {"f": "for", "a": "against", "x": "abstain"}
    with _at(START + timedelta(hours=1)):
        for person, letter in zip(people, choices, strict=True):
            if letter != "-":
                do_cast_code_vote(person, cast.process, proposal, names[letter])


def _close_after(cast: Cast, proposal: CodeProposal, days: int = 3) -> CodeProposal:
    with _at(START + timedelta(days=days, minutes=1)):
        return do_close_code_vote(cast.users["facilitator"], cast.process, proposal)


def _events(cast: Cast) -> list[str]:
    return [entry.event for entry in entries(cast.process)]


# ------------------------------------------------------------------ who may do what


def test_only_participants_may_open_the_new_proposal_page(cast: Cast) -> None:
    expected = {name: (200 if name == "participant" else 403) for name in ROLE_ACTORS}
    expected |= {"outsider": 404, "staff": 404, "anonymous": 302}
    for who in ACTORS:
        assert cast.client(who).get(NEW).status_code == expected[who], who


def _allowed(attempt: object) -> set[str]:
    """The roles for which ``attempt(user)`` is not refused by the access rules."""
    allowed = set()
    for who in ROLE_ACTORS:
        try:
            attempt(who)  # type: ignore[operator]
        except PermissionDenied:
            continue
        allowed.add(who)
    return allowed


def test_the_role_table_of_drafting_voting_and_running_the_vote(cast: Cast) -> None:
    proposal = _draft(cast)
    process = cast.process

    def propose(who: str) -> None:
        do_propose_code(cast.users[who], process, title="T", body=f"B {who}")

    def edit(who: str) -> None:
        do_edit_code(cast.users[who], process, proposal, title="Our code", body=f"{TEXT} {who}")

    assert _allowed(propose) == _allowed(edit) == {"participant"}
    runners = ("facilitator", "lead_practitioner")
    with _at(START):
        for who in ROLE_ACTORS:
            if who not in runners:
                with pytest.raises(PermissionDenied):
                    do_open_code_vote(
                        cast.users[who], process, proposal, closes_at=START + timedelta(days=1)
                    )
        do_open_code_vote(
            cast.users["facilitator"], process, proposal, closes_at=START + timedelta(days=1)
        )

    def vote(who: str) -> None:
        _vote(cast, proposal, [cast.users[who]], "f")

    assert _allowed(vote) == {"participant"}  # facilitators never vote
    with _at(START + timedelta(hours=2)):
        for who in ROLE_ACTORS:
            if who not in runners:
                with pytest.raises(PermissionDenied):
                    do_close_code_vote(cast.users[who], process, proposal)
        do_close_code_vote(cast.users["facilitator"], process, proposal)
    proposal.refresh_from_db()
    assert proposal.status == "adopted"  # the only participant voted for


def test_the_lead_practitioner_also_runs_votes(cast: Cast) -> None:
    proposal = _draft(cast)
    with _at(START):
        do_open_code_vote(
            cast.users["lead_practitioner"],
            cast.process,
            proposal,
            closes_at=START + timedelta(days=2),
        )
    proposal.refresh_from_db()
    assert proposal.status == "voting"


def test_a_draft_is_withdrawn_by_its_proposer_or_a_facilitator_only(cast: Cast) -> None:
    other = _voters(cast, 2)[1]
    first, second = _draft(cast, "One"), _draft(cast, "Two")
    with pytest.raises(PermissionDenied):
        do_withdraw_code(other, cast.process, first)
    with pytest.raises(PermissionDenied):
        do_withdraw_code(cast.users["commissioner"], cast.process, first)
    do_withdraw_code(cast.users["participant"], cast.process, first)
    do_withdraw_code(cast.users["facilitator"], cast.process, second)
    assert set(CodeProposal.objects.values_list("status", flat=True)) == {"withdrawn"}
    assert _events(cast).count("code.withdrawn") == 2
    with pytest.raises(LifecycleError) as refused:
        do_edit_code(cast.users["participant"], cast.process, first, title="One", body="New")
    assert refused.value.code == "code_not_draft"


# ------------------------------------------------------------------ drafting through the pages


def test_proposing_and_editing_through_the_pages(cast: Cast) -> None:
    proposer = _voters(cast, 2)[1]  # zq-voter-2
    client = cast.client("participant")
    client.force_login(proposer)
    response = client.post(NEW, {"title": "Our code", "body": TEXT})
    assert response.status_code == 302
    assert response["Location"] == _detail()
    proposal = CodeProposal.objects.get()
    assert (proposal.number, proposal.status, proposal.proposed_by) == (1, "draft", proposer)
    entry = entries(cast.process).last()
    assert entry is not None
    assert entry.event == "code.proposed"
    assert entry.payload["number"] == 1
    assert entry.payload["sha256"] == proposal.sha256
    assert "zq-voter-2" not in json.dumps(public_entries(cast.process))
    # Another participant improves the draft: drafting is shared.
    other = cast.client("participant")
    page = other.get(f"{_detail()}edit/")
    assert page.status_code == 200
    assert "zq-room" in page.text
    response = other.post(f"{_detail()}edit/", {"title": "Our code", "body": f"{TEXT}\n3. Phones."})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.body.endswith("3. Phones.")
    assert _events(cast)[-1] == "code.edited"
    assert cast.client("commissioner").get(f"{_detail()}edit/").status_code == 403
    assert cast.client("facilitator").post(f"{_detail()}edit/", {"title": "X"}).status_code == 403


def test_a_draft_without_a_title_is_refused_and_keeps_the_text(cast: Cast) -> None:
    response = cast.client("participant").post(NEW, {"title": "", "body": TEXT})
    assert response.status_code == 400
    assert "needs a title and its text" in response.text
    assert "zq-room" in response.text
    assert not CodeProposal.objects.exists()


# ------------------------------------------------------------------ opening the vote


def test_opening_a_vote_with_a_bad_date_is_refused_and_keeps_the_date(cast: Cast) -> None:
    _draft(cast)
    client = cast.client("facilitator")
    for typed, message in (
        ("2020-01-05T10:30", "Choose a time still to come."),
        ("2999-01-05T10:30", "at most 30 days"),
        ("next tuesday", "Enter a valid date/time."),
    ):
        response = client.post(_detail(), {"step": "open", "closes_at": typed})
        assert response.status_code == 400, typed
        assert message in response.text, typed
        assert f'value="{typed}"' in response.text, typed
    assert CodeProposal.objects.get().status == "draft"


def test_opening_a_vote_through_the_page_freezes_the_text(cast: Cast) -> None:
    _voters(cast, 3)
    _draft(cast)
    closes = (clock.now() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    response = cast.client("facilitator").post(_detail(), {"step": "open", "closes_at": closes})
    assert response.status_code == 302
    proposal = CodeProposal.objects.get()
    assert proposal.status == "voting"
    assert proposal.eligible == 3
    entry = entries(cast.process).last()
    assert entry is not None
    assert entry.event == "code.vote_opened"
    assert entry.payload["sha256"] == proposal.sha256
    assert entry.payload["eligible"] == 3
    assert entry.payload["closes_at"] == f"{closes}:00Z"
    # The text is fixed now.
    client = cast.client("participant")
    assert client.get(f"{_detail()}edit/").status_code == 302
    with pytest.raises(LifecycleError) as refused:
        do_edit_code(cast.users["participant"], cast.process, proposal, title="X", body="Y")
    assert refused.value.code == "code_not_draft"
    assert cast.client("participant").post(_detail(), {"step": "open"}).status_code == 403


def test_only_one_vote_runs_at_a_time(cast: Cast) -> None:
    first = _opened(cast)
    second = _draft(cast, "Another code")
    with _at(START), pytest.raises(LifecycleError) as refused:
        do_open_code_vote(
            cast.users["facilitator"], cast.process, second, closes_at=START + timedelta(days=1)
        )
    assert refused.value.code == "code_vote_already_open"
    with _at(START + timedelta(hours=1)):
        page = cast.client("facilitator").get(_detail(second.number)).text
    assert "A vote on proposal #1 is running" in page
    assert 'value="open"' not in page
    _close_after(cast, first)
    assert 'value="open"' in cast.client("facilitator").get(_detail(second.number)).text


# ------------------------------------------------------------------ the vote's rules


@pytest.mark.parametrize(
    ("choices", "adopted"),
    [
        ("ffa-", True),  # 2 for, 1 against, 3 of 4 voted
        ("fa--", False),  # a tie rejects
        ("f---", False),  # for, but only a quarter voted
        ("fx--", True),  # half voted (an abstention counts as voting), 1 for 0 against
        ("faxx", False),  # everyone voted, for does not beat against
        ("aaff", False),
    ],
)
def test_the_count_decides(cast: Cast, choices: str, adopted: bool) -> None:
    people = _voters(cast, 4)
    proposal = _opened(cast)
    _vote(cast, proposal, people, choices)
    proposal = _close_after(cast, proposal)
    assert proposal.status == ("adopted" if adopted else "rejected")
    assert (proposal.votes_for, proposal.votes_against, proposal.abstentions) == (
        choices.count("f"),
        choices.count("a"),
        choices.count("x"),
    )
    entry = entries(cast.process).filter(event="code.vote_closed").get()
    assert entry.payload["adopted"] is adopted
    assert entry.payload["eligible"] == 4
    assert entry.payload["for"] == choices.count("f")
    origins = Charter.objects.filter(process=cast.process, role="participant", is_current=True)
    assert (origins.get().origin == CharterOrigin.PARTICIPANTS) is adopted


def test_a_participant_may_change_their_vote_until_it_closes(cast: Cast) -> None:
    people = _voters(cast, 2)
    proposal = _opened(cast)
    _vote(cast, proposal, people, "f-")
    _vote(cast, proposal, people, "a-")
    assert CodeVote.objects.filter(proposal=proposal).count() == 1
    proposal = _close_after(cast, proposal)
    assert (proposal.votes_for, proposal.votes_against) == (0, 1)
    assert proposal.status == "rejected"


def test_votes_after_the_closing_time_are_refused(cast: Cast) -> None:
    proposal = _opened(cast, days=1)
    with _at(START + timedelta(days=1)), pytest.raises(LifecycleError) as refused:
        do_cast_code_vote(cast.users["participant"], cast.process, proposal, "for")
    assert refused.value.code == "code_vote_ended"
    with _at(START + timedelta(days=1)):
        page = cast.client("participant").get(_detail()).text
        refused_page = cast.client("participant").post(_detail(), {"step": "vote", "choice": "for"})
    assert "The time for voting is over" in page
    assert 'type="radio"' not in page
    assert refused_page.status_code == 400
    assert "has ended" in refused_page.text


def test_a_vote_closes_early_only_once_everyone_has_voted(cast: Cast) -> None:
    people = _voters(cast, 3)
    proposal = _opened(cast)
    _vote(cast, proposal, people, "ff-")
    with _at(START + timedelta(hours=2)), pytest.raises(LifecycleError) as refused:
        do_close_code_vote(cast.users["facilitator"], cast.process, proposal)
    assert refused.value.code == "code_vote_still_open"
    with _at(START + timedelta(hours=2)):
        response = cast.client("facilitator").post(_detail(), {"step": "close"})
    assert response.status_code == 400
    assert "closes earlier only once every participant" in response.text
    _vote(cast, proposal, people[2:], "a")
    with _at(START + timedelta(hours=2)):
        proposal = do_close_code_vote(cast.users["facilitator"], cast.process, proposal)
    assert proposal.status == "adopted"
    with pytest.raises(TermsPending):  # the new charter first
        do_cast_code_vote(people[0], cast.process, proposal, "against")
    do_accept_terms(people[0], cast.process)
    with _at(START + timedelta(hours=3)), pytest.raises(LifecycleError) as refused:
        do_cast_code_vote(people[0], cast.process, proposal, "against")
    assert refused.value.code == "code_vote_not_open"


def test_a_bad_choice_is_refused_on_the_page(cast: Cast) -> None:
    _opened(cast, days=20)
    with _at(START + timedelta(hours=1)):
        response = cast.client("participant").post(_detail(), {"step": "vote", "choice": "maybe"})
    assert response.status_code == 400
    assert "Select a valid choice" in response.text
    assert not CodeVote.objects.exists()


# ------------------------------------------------------------------ adoption


def test_adoption_makes_the_participant_charter_and_asks_everyone_to_accept(cast: Cast) -> None:
    people = _voters(cast, 2)
    proposal = _opened(cast)
    _vote(cast, proposal, people, "ff")
    with _at(START + timedelta(hours=2)):
        do_close_code_vote(cast.users["lead_practitioner"], cast.process, proposal)
    charter = Charter.objects.get(process=cast.process, role="participant", is_current=True)
    assert (charter.version, charter.origin, charter.adopted_code) == (2, "participants", proposal)
    assert (charter.title, charter.body) == (proposal.title, proposal.body)
    assert _events(cast)[-2:] == ["code.vote_closed", "terms.published"]
    # Participants must accept the new version before acting again; others are untouched.
    report = "/p/riverside/manage/incidents/new/"
    assert cast.client("participant").get(report).status_code == 403
    assert cast.client("facilitator").get(report).status_code == 200
    do_accept_terms(cast.users["participant"], cast.process)
    assert cast.client("participant").get(report).status_code == 200
    # The lead practitioner can no longer rewrite the participants' charter.
    with pytest.raises(LifecycleError) as refused:
        do_publish_charter(
            cast.users["lead_practitioner"],
            cast.process,
            Role.PARTICIPANT,
            title="Better terms",
            body="1. Obey.",
            change_note="Mine now.",
        )
    assert refused.value.code == "charter_owned_by_participants"
    page = cast.client("observer").get(LIST).text
    assert "own code, adopted by their vote" in page
    assert "2 for, 0 against, 0 abstaining, of 2 participants" in page


# ------------------------------------------------------------------ reading and secrecy


def test_the_public_sees_a_proposal_only_once_its_vote_opens(public_cast: Cast) -> None:
    draft = _draft(public_cast, "zq-draft-title")
    for who in ("anonymous", "outsider", "staff"):
        client = public_cast.client(who)
        assert "zq-draft-title" not in client.get(LIST).text, who
        assert client.get(_detail(draft.number)).status_code == 404, who
    for who in ROLE_ACTORS:
        assert public_cast.client(who).get(_detail(draft.number)).status_code == 200, who
        assert "zq-draft-title" in public_cast.client(who).get(LIST).text, who
    with _at(START):
        do_open_code_vote(
            public_cast.users["facilitator"],
            public_cast.process,
            draft,
            closes_at=START + timedelta(days=3),
        )
    page = public_cast.client("anonymous").get(_detail(draft.number))
    assert page.status_code == 200
    assert "zq-room" in page.text
    assert "zq-draft-title" in public_cast.client("anonymous").get(LIST).text


def test_a_private_process_hides_its_code_pages(cast: Cast) -> None:
    _opened(cast)
    for who in ("outsider", "staff", "anonymous"):
        assert cast.client(who).get(LIST).status_code == 404, who
        assert cast.client(who).get(_detail()).status_code == 404, who


def test_the_vote_form_shows_only_ones_own_choice(cast: Cast) -> None:
    with _at(START + timedelta(hours=1)):
        people = _voters(cast, 2)
        _opened(cast, days=20)
        client = cast.client("participant")
        page = client.get(_detail()).text
        assert page.count('type="radio"') == 3
        assert "checked" not in page
        response = client.post(_detail(), {"step": "vote", "choice": "against"})
        assert response.status_code == 302
        page = client.get(_detail()).text
        assert "You have voted" in page
        assert re.search(r'value="against"[^>]*checked', page)
        assert page.count("checked") == 1
        other = cast.client("participant")
        other.force_login(people[1])
        assert "checked" not in other.get(_detail()).text
        assert "1 has voted so far" in cast.client("observer").get(LIST).text


def test_individual_choices_never_reach_a_page_or_the_public_record(public_cast: Cast) -> None:
    people = _voters(public_cast, 4)
    proposal = _opened(public_cast)
    _vote(public_cast, proposal, people, "fafx")
    pages = [_detail(), LIST]
    while_open = [
        public_cast.client(who).get(path).text
        for who in (*ROLE_ACTORS, "anonymous")
        for path in pages
    ]
    _close_after(public_cast, proposal)
    after = [public_cast.client(who).get(path).text for who in ACTORS for path in pages]
    bundle = public_cast.client("anonymous").get("/p/riverside/integrity/bundle.zip")
    with zipfile.ZipFile(io.BytesIO(bundle.content)) as archive:
        published = " ".join(archive.read(name).decode() for name in archive.namelist())
    public = json.dumps(public_entries(public_cast.process))
    for text in (*while_open, *after, published, public):
        for person in people[1:]:
            assert person.get_username() not in text
    assert "code.vote_cast" not in public
    assert '"choice"' not in public
    assert "code.vote_closed" in published
    assert not CodeVote.objects.exists()  # counted, then forgotten
    closed = entries(public_cast.process).get(event="code.vote_closed")
    assert closed.private_fields == ["voters"]
    assert sorted(closed.payload["voters"]) == sorted(person.pk for person in people)


# ------------------------------------------------------------------ the demo


def test_the_demo_members_adopt_their_own_code(db: None, demo_db: None) -> None:

    proposals = list(CodeProposal.objects.filter(process__slug="demo").order_by("number"))
    assert [(p.title, p.status) for p in proposals] == [
        ("Our code of conduct", "adopted"),
        ("Speaking order at our tables", "draft"),
    ]
    adopted = proposals[0]
    assert (adopted.votes_for, adopted.votes_against, adopted.abstentions) == (8, 1, 1)
    assert adopted.eligible == 12
    assert "Phones stay in our bags" in adopted.body  # participant9's edit
    charter = Charter.objects.get(process__slug="demo", role="participant", is_current=True)
    assert (charter.origin, charter.adopted_code) == ("participants", adopted)
    # Every member has accepted the adopted code, so every one of them may act.
    client = Client()
    for index in range(1, 13):
        user = User.objects.get(username=f"participant{index}")
        assert charter.acceptances.filter(user=user).exists(), user
        assert roles_in(user, adopted.process) == {Role.PARTICIPANT}, user  # may act again
        client.force_login(user)
        assert client.get(f"/p/demo/code/{adopted.number}/").status_code == 200
    anonymous = Client().get("/p/demo/code/").text
    assert "Our code of conduct" in anonymous
    assert "Speaking order" not in anonymous  # a draft: the members' workspace


# ------------------------------------------------------------------ the documentation


def _doc_rows(heading: str) -> list[list[str]]:
    text = (Path(__file__).resolve().parents[2] / "docs" / "terms.md").read_text()
    start = text.index(f"\n### {heading}\n")
    end = text.find("\n#", start + 1)
    rows = [
        [cell.strip() for cell in line.strip("|").split("|")]
        for line in text[start:end].splitlines()
        if line.startswith("|") and not line.startswith("| ---")
    ]
    return rows[1:]


def test_the_documented_code_pages_resolve() -> None:
    rows = _doc_rows("Pages of the participants' code")
    assert len(rows) == 4
    for address, name, _who in rows:
        path = address.strip("`").replace("<slug>", "demo").replace("<n>", "2")
        match = resolve(path)
        assert f"{match.namespace}:{match.url_name}" == name.strip("`")


def test_the_code_events_are_documented_with_their_payloads(cast: Cast) -> None:
    documented = {
        row[0].strip("`"): row[1] for row in _doc_rows("Ledger events of the participants' code")
    }
    people = _voters(cast, 2)
    do_withdraw_code(cast.users["participant"], cast.process, _draft(cast, "Gone"))
    proposal = _draft(cast)
    do_edit_code(people[1], cast.process, proposal, title="Our code", body=f"{TEXT}\n3. More.")
    proposal = _opened_existing(cast, proposal)
    _vote(cast, proposal, people, "ff")
    with _at(START + timedelta(hours=2)):
        do_close_code_vote(cast.users["facilitator"], cast.process, proposal)
    seen = {e.event: e.payload for e in entries(cast.process).filter(event__startswith="code.")}
    assert set(seen) == set(documented)
    for event, payload in seen.items():
        for key in payload:
            assert f"`{key}`" in documented[event], (event, key)


def _opened_existing(cast: Cast, proposal: CodeProposal) -> CodeProposal:
    with _at(START):
        return do_open_code_vote(
            cast.users["facilitator"], cast.process, proposal, closes_at=START + timedelta(days=3)
        )
