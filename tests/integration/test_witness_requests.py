"""The participants' requests for witnesses: asking, the secret vote, the public answer.

Through the pages and the named actions. The riverside cast has one participant; tests
that need a vote add more, with names that must never show up next to a choice.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from minipublic import clock
from minipublic.accounts.models import User
from minipublic.conformance.facts import facts_for
from minipublic.evidence.models import RequestStatus, Witness, WitnessRequest, WitnessVote
from minipublic.evidence.request_actions import (
    do_answer_request,
    do_cast_request_vote,
    do_close_request_vote,
    do_open_request_vote,
    do_request_witness,
    do_withdraw_request,
)
from minipublic.evidence.witness_actions import do_decide_witness, do_propose_witness
from minipublic.integrity.record import entries, public_entries
from minipublic.lifecycle import LifecycleError, Role
from minipublic.processes import actions as process_actions
from minipublic.processes.access import SYSTEM
from tests.cast import ACTORS, ROLE_ACTORS, Cast, accept_all_terms, make_user

LIST = "/p/riverside/witnesses/requests/"
NEW = f"{LIST}new/"
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
REASON = "Most of us rent; we need a tenant's view (zq-reason)."


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


def _ask(cast: Cast, who: User | None = None) -> WitnessRequest:
    return do_request_witness(
        who or cast.users["participant"],
        cast.process,
        kind="perspective",
        perspective="A tenant who lived through a retrofit",
        reason=REASON,
    )


def _opened(cast: Cast, days: int = 3) -> WitnessRequest:
    request = _ask(cast)
    with _at(START):
        return do_open_request_vote(
            cast.users["facilitator"], cast.process, request, closes_at=START + timedelta(days=days)
        )


def _vote(cast: Cast, request: WitnessRequest, people: list[User], choices: str) -> None:
    """Each person votes in turn: ``s``upport, ``o``ppose, ``-`` not at all."""
    with _at(START + timedelta(hours=1)):
        for person, letter in zip(people, choices, strict=True):
            if letter != "-":
                do_cast_request_vote(person, cast.process, request, supports=letter == "s")


def _closed(cast: Cast, request: WitnessRequest, days: int = 3) -> WitnessRequest:
    with _at(START + timedelta(days=days, minutes=1)):
        return do_close_request_vote(cast.users["facilitator"], cast.process, request)


def _detail(number: int = 1) -> str:
    return f"{LIST}{number}/"


# ------------------------------------------------------------------ who may do what


def test_only_participants_ask_for_witnesses(cast: Cast) -> None:
    expected = {name: (200 if name == "participant" else 403) for name in ROLE_ACTORS}
    expected |= {"outsider": 404, "staff": 404, "anonymous": 302}
    for who in ACTORS:
        assert cast.client(who).get(NEW).status_code == expected[who], who


def _allowed(attempt: object) -> set[str]:
    allowed = set()
    for who in ROLE_ACTORS:
        try:
            attempt(who)  # type: ignore[operator]
        except PermissionDenied:
            continue
        except LifecycleError:
            pass  # access granted, refused for another reason (e.g. already open)
        allowed.add(who)
    return allowed


def test_the_role_table_of_asking_voting_and_running_the_vote(cast: Cast) -> None:
    def ask(who: str) -> None:
        _ask(cast, cast.users[who])

    assert _allowed(ask) == {"participant"}
    request = WitnessRequest.objects.first()
    assert request is not None
    runners = {"facilitator", "lead_practitioner"}

    def open_vote(who: str) -> None:
        with _at(START):
            do_open_request_vote(
                cast.users[who], cast.process, request, closes_at=START + timedelta(days=1)
            )

    assert _allowed(open_vote) == runners  # the second one is refused by the status
    request.refresh_from_db()

    def vote(who: str) -> None:
        _vote(cast, request, [cast.users[who]], "s")

    assert _allowed(vote) == {"participant"}  # the team never votes

    def close(who: str) -> None:
        with _at(START + timedelta(hours=2)):
            do_close_request_vote(cast.users[who], cast.process, request)

    assert _allowed(close) <= runners
    request.refresh_from_db()
    assert request.status == RequestStatus.SUPPORTED


# ------------------------------------------------------------------ asking through the pages


def test_asking_through_the_page_keeps_what_was_typed(cast: Cast) -> None:
    client = cast.client("participant")
    refused = client.post(NEW, {"kind": "person", "person": "", "perspective": "Bus drivers"})
    assert refused.status_code == 400
    page = refused.content.decode()
    assert "This field is required." in page  # the reason
    assert 'value="Bus drivers"' in page
    no_person = client.post(
        NEW, {"kind": "person", "person": "", "perspective": "Bus drivers", "reason": "Why not."}
    )
    assert no_person.status_code == 400
    assert "Give the name of the person you would like to hear." in no_person.content.decode()
    assert not WitnessRequest.objects.exists()
    done = client.post(
        NEW,
        {
            "kind": "person",
            "person": "Ms Zq Driver",
            "perspective": "Bus drivers",
            "reason": REASON,
        },
    )
    assert done.status_code == 302
    assert done["Location"] == _detail()
    assert "This is your request" in client.get(_detail()).content.decode()
    assert "This is your request" not in cast.client("facilitator").get(_detail()).content.decode()


def test_the_public_sees_a_request_only_once_it_is_put_to_the_vote(public_cast: Cast) -> None:
    request = _ask(public_cast)
    public = Client()
    assert public.get(_detail()).status_code == 404
    assert "A tenant who lived" not in public.get(LIST).content.decode()
    assert "A tenant who lived" in public_cast.client("observer").get(LIST).content.decode()
    with _at(START):
        do_open_request_vote(
            SYSTEM, public_cast.process, request, closes_at=START + timedelta(days=2)
        )
    assert "zq-reason" in public.get(_detail()).content.decode()
    opened = entries(public_cast.process).get(event="witness_request.vote_opened")
    assert opened.payload["reason"] == REASON


def test_only_the_requester_withdraws_and_only_before_the_vote(cast: Cast) -> None:
    other = _voters(cast, 2)[1]
    request = _ask(cast)
    with pytest.raises(LifecycleError) as refused:
        do_withdraw_request(other, cast.process, request)
    assert refused.value.code == "request_not_yours"
    response = cast.client("participant").post(_detail(), {"step": "withdraw"})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == RequestStatus.WITHDRAWN
    with _at(START), pytest.raises(LifecycleError) as late:
        do_open_request_vote(SYSTEM, cast.process, request, closes_at=START + timedelta(days=1))
    assert late.value.code == "request_not_awaiting_vote"


# ------------------------------------------------------------------ the vote


def test_votes_are_secret_and_only_the_count_is_kept(cast: Cast) -> None:
    people = _voters(cast, 4)
    request = _opened(cast)
    before = entries(cast.process).count()
    _vote(cast, request, people, "ssos")
    _vote(cast, request, people[2:3], "s")  # a change of mind
    assert entries(cast.process).count() == before  # no entry per vote
    # While open: the count so far, never who voted how.
    page = cast.client("facilitator").get(_detail()).content.decode()
    assert "4" in page
    for person in people[1:]:
        assert person.get_username() not in page
    closed = _closed(cast, request)
    assert (closed.votes_support, closed.votes_oppose) == (4, 0)
    assert closed.status == RequestStatus.SUPPORTED
    assert not WitnessVote.objects.exists()  # the ballots are deleted once counted
    record = public_entries(cast.process)[-1]
    assert record["event"] == "witness_request.vote_closed"
    assert set(record["payload"]["voters"]) == {"redacted"}
    assert record["payload"]["support"] == 4
    text = json.dumps(public_entries(cast.process))
    for person in people[1:]:
        assert person.get_username() not in text


def test_a_participant_votes_and_changes_their_mind_through_the_page(cast: Cast) -> None:
    _voters(cast, 2)
    _opened(cast)
    client = cast.client("participant")
    with _at(START + timedelta(hours=1)):
        assert client.post(_detail(), {"step": "vote", "choice": "oppose"}).status_code == 302
        page = client.get(_detail()).content.decode()
        assert "You have voted" in page
        assert 'value="oppose" id="id_choice_1" required checked' in page  # own vote
        assert client.post(_detail(), {"step": "vote", "choice": "support"}).status_code == 302
        bad = client.post(_detail(), {"step": "vote", "choice": "maybe"})
        assert bad.status_code == 400
    assert WitnessVote.objects.get().supports is True


@pytest.mark.parametrize(
    ("choices", "status"),
    [
        ("sso-", RequestStatus.SUPPORTED),  # more support, 3 of 4 voted
        ("so--", RequestStatus.NOT_SUPPORTED),  # a tie is not enough
        ("s---", RequestStatus.NOT_SUPPORTED),  # fewer than half voted
        ("ssoo", RequestStatus.NOT_SUPPORTED),
    ],
)
def test_the_rule_for_support(cast: Cast, choices: str, status: RequestStatus) -> None:
    people = _voters(cast, 4)
    request = _opened(cast)
    _vote(cast, request, people, choices)
    assert _closed(cast, request).status == status


def test_the_vote_closes_early_only_once_everyone_has_voted(cast: Cast) -> None:
    people = _voters(cast, 2)
    request = _opened(cast)
    _vote(cast, request, people, "s-")
    with _at(START + timedelta(hours=2)):
        response = cast.client("facilitator").post(_detail(), {"step": "close"})
    assert response.status_code == 400
    assert "it closes earlier only once everyone has voted" in response.content.decode()
    _vote(cast, request, people, "-s")
    with _at(START + timedelta(hours=2)):
        assert cast.client("facilitator").post(_detail(), {"step": "close"}).status_code == 302
    with _at(START + timedelta(days=4)), pytest.raises(LifecycleError) as late:
        do_cast_request_vote(people[0], cast.process, request, supports=False)
    assert late.value.code == "request_vote_not_open"


def test_opening_a_vote_needs_a_time_to_come(cast: Cast) -> None:
    _ask(cast)
    with _at(START):
        past = cast.client("facilitator").post(
            _detail(), {"step": "open", "closes_at": "2026-03-01T09:00"}
        )
    assert past.status_code == 400
    assert "Choose a time still to come." in past.content.decode()
    assert WitnessRequest.objects.get().status == RequestStatus.PROPOSED


# ------------------------------------------------------------------ the answer


def _supported(cast: Cast) -> WitnessRequest:
    people = _voters(cast, 2)
    request = _opened(cast)
    _vote(cast, request, people, "ss")
    return _closed(cast, request)


def test_a_supported_request_is_answered_in_public_by_inviting_a_witness(
    public_cast: Cast,
) -> None:
    request = _supported(public_cast)
    assert "Not answered yet" in Client().get("/p/riverside/witnesses/").content.decode()
    manage = public_cast.client("lead_practitioner").get("/p/riverside/manage/witnesses/")
    assert "Supported requests waiting for your answer" in manage.content.decode()
    witness = do_propose_witness(
        public_cast.users["facilitator"],
        public_cast.process,
        name="Mrs Zq Tenant",
        role_organisation="Tenant, Riverside Housing",
        expertise="Lived through a retrofit.",
        perspectives=["renters"],
        proposer_kind="participants",
        request=request,
    )
    client = public_cast.client("facilitator")
    early = client.post(
        _detail(), {"step": "answer", "witness": witness.pk, "reasons": "She comes."}
    )
    assert early.status_code == 400
    assert "Select a valid choice" in early.content.decode()  # only invited ones are offered
    do_decide_witness(SYSTEM, public_cast.process, witness, status="invited", reasons="Asked.")
    done = client.post(
        _detail(), {"step": "answer", "witness": witness.pk, "reasons": "She speaks on day 3."}
    )
    assert done.status_code == 302
    register = Client().get("/p/riverside/witnesses/").content.decode()
    assert "She speaks on day 3." in register
    assert "Participants" in register
    assert "in answer to request #1" in register
    facts = facts_for(public_cast.process)
    assert (facts.witnesses, facts.witnesses_chosen_by_participants) == (1, 1)


def test_an_answer_may_explain_why_no_witness_is_invited(cast: Cast) -> None:
    request = _supported(cast)
    with pytest.raises(LifecycleError) as empty:
        do_answer_request(SYSTEM, cast.process, request, reasons=" ")
    assert empty.value.code == "request_answer_needs_reasons"
    do_answer_request(
        cast.users["lead_practitioner"], cast.process, request, reasons="Nobody was free."
    )
    request.refresh_from_db()
    assert request.answered_at is not None
    assert entries(cast.process).get(event="witness_request.answered").payload == {
        "number": 1,
        "witness": None,
        "reasons": "Nobody was free.",
    }


def test_an_unsupported_request_has_nothing_to_answer(cast: Cast) -> None:
    people = _voters(cast, 2)
    request = _opened(cast)
    _vote(cast, request, people, "oo")
    _closed(cast, request)
    with pytest.raises(LifecycleError) as refused:
        do_answer_request(SYSTEM, cast.process, request, reasons="No.")
    assert refused.value.code == "request_not_supported"
    # A witness heard in answer to an unsupported request is not the members' choice.
    witness = Witness.objects.create(
        process=cast.process,
        number=1,
        name="X",
        role_organisation="Y",
        expertise="Z",
        perspectives=["p"],
        proposer_kind="participants",
        proposed_at=clock.now(),
        request=request,
        status="invited",
    )
    assert witness.was_invited
    assert facts_for(cast.process).witnesses_chosen_by_participants == 0
