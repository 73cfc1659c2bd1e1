"""Named actions on the participants' requests for witnesses: ask, vote, count, answer.

A participant asks for a witness (a named person or a perspective, and why); the team
(facilitators, lead practitioner) opens a vote on it and closes it once its time is up
or everyone has voted; participants vote to support it or not. A request is supported
when more participants support it than not and at least half of them voted. The team
must then answer it in public: a witness invited from it, or the reasons why not.

Who asked stays private: the requester is a private field of the ledger and is shown to
nobody but themselves. Ballot secrecy follows the participants' code vote
(``engagement.code_actions``): no ledger entry per vote, the count and (privately) who
voted when the vote closes, and the individual choices deleted once counted.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from django.db.models import Max

from minipublic import clock
from minipublic.engagement.code_actions import participant_count
from minipublic.evidence.common import (
    check_process,
    identity,
    ledger_role,
    line,
    paragraph,
    person,
)
from minipublic.evidence.models import (
    NAME_MAX,
    TEXT_MAX,
    RequestKind,
    RequestStatus,
    Witness,
    WitnessRequest,
    WitnessVote,
)
from minipublic.integrity.record import append
from minipublic.ledger import format_time
from minipublic.lifecycle import Action, LifecycleError, Role
from minipublic.processes.access import Actor, performs

if TYPE_CHECKING:
    from minipublic.accounts.models import User
    from minipublic.processes.models import Process

#: The longest a vote on a request may stay open.
MAX_VOTE_DAYS = 30
_TEAM = (Role.FACILITATOR, Role.LEAD_PRACTITIONER)


def request_sha256(request: WitnessRequest) -> str:
    """The fingerprint of the request's text as put to the vote."""
    text = json.dumps(
        [request.kind, request.person, request.perspective, request.reason],
        ensure_ascii=False,
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _locked(process: Process, request: WitnessRequest) -> WitnessRequest:
    # Re-read the request under a row lock: its status decides what may happen next.
    check_process(process, request.process_id)
    WitnessRequest.objects.select_for_update().filter(pk=request.pk).values_list("pk").get()
    request.refresh_from_db()
    return request


@performs(Action.REQUEST_WITNESS)
def do_request_witness(
    actor: Actor,
    process: Process,
    *,
    kind: RequestKind | str,
    perspective: str,
    reason: str,
    person_name: str = "",
) -> WitnessRequest:
    """Ask for a witness: a named person (``person_name``) or a perspective not yet heard,
    and why the members should hear it. The request waits for the team to open a vote."""
    try:
        asked = RequestKind(kind)
    except ValueError:
        raise LifecycleError(
            "request_kind_unknown", "Ask either for a named person or for a perspective."
        ) from None
    person_name = line(
        person_name,
        limit=NAME_MAX,
        code="request_needs_person",
        message="Give the name of the person you would like to hear.",
        required=asked is RequestKind.PERSON,
    )
    if asked is RequestKind.PERSPECTIVE:
        person_name = ""
    perspective = line(
        perspective,
        limit=NAME_MAX,
        code="request_needs_perspective",
        message="Say which perspective or expertise the witness would bring.",
    )
    reason = paragraph(
        reason,
        limit=TEXT_MAX,
        code="request_needs_reason",
        message="Say why the members should hear this witness.",
    )
    who = person(actor)
    last = WitnessRequest.objects.filter(process=process).aggregate(last=Max("number"))["last"]
    request = WitnessRequest.objects.create(
        process=process,
        number=(last or 0) + 1,
        kind=asked.value,
        person=person_name,
        perspective=perspective,
        reason=reason,
        requested_by=who,
        requested_at=clock.now(),
    )
    payload: dict[str, object] = {"number": request.number, "kind": asked.value}
    private: list[str] = []
    if who is not None:
        payload["requester"] = identity(who)
        private.append("requester")
    role = ledger_role(actor, process, (Role.PARTICIPANT,))
    append(process, role, "witness_request.made", payload, private_fields=private)
    return request


def _require_proposed(request: WitnessRequest) -> None:
    if request.status != RequestStatus.PROPOSED:
        raise LifecycleError(
            "request_not_awaiting_vote",
            "Request #{number} is no longer waiting for a vote.",
            number=request.number,
        )


@performs(Action.REQUEST_WITNESS)
def do_withdraw_request(actor: Actor, process: Process, request: WitnessRequest) -> None:
    """Withdraw one's own request before a vote opens on it (only the requester may)."""
    _locked(process, request)
    who = person(actor)
    if who is None or request.requested_by_id != who.pk:
        raise LifecycleError(
            "request_not_yours", "Only the participant who made a request may withdraw it."
        )
    _require_proposed(request)
    request.status = RequestStatus.WITHDRAWN
    request.save(update_fields=["status"])
    role = ledger_role(actor, process, (Role.PARTICIPANT,))
    append(process, role, "witness_request.withdrawn", {"number": request.number})


@performs(Action.RUN_WITNESS_VOTE)
def do_open_request_vote(
    actor: Actor, process: Process, request: WitnessRequest, *, closes_at: datetime
) -> WitnessRequest:
    """Put a request to the participants' vote until ``closes_at``; its text is published."""
    _locked(process, request)
    _require_proposed(request)
    now = clock.now()
    if closes_at.tzinfo is None:
        raise ValueError("closes_at needs a time zone")
    if closes_at <= now:
        raise LifecycleError("request_vote_closes_in_past", "The vote must close in the future.")
    if closes_at > now + timedelta(days=MAX_VOTE_DAYS):
        raise LifecycleError(
            "request_vote_too_long", "A vote stays open at most {days} days.", days=MAX_VOTE_DAYS
        )
    eligible = participant_count(process)
    if eligible == 0:
        raise LifecycleError("request_no_voters", "The process has no participants to vote.")
    request.status = RequestStatus.VOTING
    request.vote_opened_at, request.vote_closes_at = now, closes_at
    request.eligible = eligible
    request.sha256 = request_sha256(request)
    request.save(update_fields=["status", "vote_opened_at", "vote_closes_at", "eligible", "sha256"])
    append(
        process,
        ledger_role(actor, process, _TEAM),
        "witness_request.vote_opened",
        {
            "number": request.number,
            "kind": request.kind,
            "person": request.person,
            "perspective": request.perspective,
            "reason": request.reason,
            "sha256": request.sha256,
            "closes_at": format_time(closes_at),
            "eligible": eligible,
        },
    )
    return request


def _require_voting(request: WitnessRequest) -> datetime:
    if request.status != RequestStatus.VOTING or request.vote_closes_at is None:
        raise LifecycleError(
            "request_vote_not_open",
            "Request #{number} is not open for voting.",
            number=request.number,
        )
    return request.vote_closes_at


@performs(Action.VOTE_WITNESS)
def do_cast_request_vote(
    actor: Actor, process: Process, request: WitnessRequest, *, supports: bool
) -> WitnessVote:
    """Support a request or not (changeable until the vote closes); nothing public
    records it."""
    who = person(actor)
    if who is None:
        raise LifecycleError("request_vote_needs_person", "Only a participant votes.")
    _locked(process, request)
    now = clock.now()
    if now >= _require_voting(request):
        raise LifecycleError(
            "request_vote_ended",
            "The vote on request #{number} has ended.",
            number=request.number,
        )
    vote, _ = WitnessVote.objects.update_or_create(
        request=request, user=who, defaults={"supports": supports, "cast_at": now}
    )
    return vote


def own_vote(request: WitnessRequest, user: User) -> bool | None:
    """How ``user`` voted on an open request (None: not voted, or already counted)."""
    vote = WitnessVote.objects.filter(request=request, user=user).first()
    return None if vote is None else vote.supports


def votes_cast(request: WitnessRequest) -> int:
    """How many have voted on ``request`` so far (the count, never how)."""
    if request.status == RequestStatus.VOTING:
        return WitnessVote.objects.filter(request=request).count()
    return request.votes_support + request.votes_oppose


def is_supported(support: int, oppose: int, eligible: int) -> bool:
    """The rule: more support than not, and at least half of the participants voted."""
    return support > oppose and 2 * (support + oppose) >= eligible


@performs(Action.RUN_WITNESS_VOTE)
def do_close_request_vote(
    actor: Actor, process: Process, request: WitnessRequest
) -> WitnessRequest:
    """Count the votes once the time is up (or everyone voted) and delete the ballots."""
    _locked(process, request)
    closes_at = _require_voting(request)
    now = clock.now()
    votes = WitnessVote.objects.filter(request=request)
    if now < closes_at and votes.count() < request.eligible:
        raise LifecycleError(
            "request_vote_still_open",
            "The vote runs until {closes}; it closes earlier only once everyone has voted.",
            closes=closes_at.astimezone(UTC).strftime("%d %b %Y, %H:%M UTC"),
        )
    choices = list(votes.values_list("supports", flat=True))
    request.votes_support = choices.count(True)
    request.votes_oppose = choices.count(False)
    supported = is_supported(request.votes_support, request.votes_oppose, request.eligible)
    request.status = RequestStatus.SUPPORTED if supported else RequestStatus.NOT_SUPPORTED
    request.vote_closed_at = now
    request.save(update_fields=["votes_support", "votes_oppose", "status", "vote_closed_at"])
    voters = sorted(votes.values_list("user_id", flat=True))
    append(
        process,
        ledger_role(actor, process, _TEAM),
        "witness_request.vote_closed",
        {
            "number": request.number,
            "support": request.votes_support,
            "oppose": request.votes_oppose,
            "eligible": request.eligible,
            "supported": supported,
            "voters": voters,
        },
        private_fields=["voters"],
    )
    votes.delete()
    return request


@performs(Action.MANAGE_WITNESSES)
def do_answer_request(
    actor: Actor,
    process: Process,
    request: WitnessRequest,
    *,
    reasons: str,
    witness: Witness | None = None,
) -> WitnessRequest:
    """Answer a supported request in public: the ``witness`` invited from it (invited or
    already heard), or, without one, the reasons why no witness is invited. A later
    answer (say, once someone has been found) replaces the earlier one on the page; the
    ledger keeps both."""
    _locked(process, request)
    if request.status != RequestStatus.SUPPORTED:
        raise LifecycleError(
            "request_not_supported",
            "Request #{number} was not supported by the participants' vote: there is "
            "nothing to answer.",
            number=request.number,
        )
    reasons = paragraph(
        reasons,
        limit=TEXT_MAX,
        code="request_answer_needs_reasons",
        message="Explain the answer to the participants; it is published.",
    )
    if witness is not None:
        check_process(process, witness.process_id)
        if not witness.was_invited:
            raise LifecycleError(
                "request_answer_not_invited",
                "Witness #{number} has not been invited: invite them first, or explain "
                "why no witness is invited.",
                number=witness.number,
            )
    request.answer_witness = witness
    request.answer_reasons = reasons
    request.answered_at = clock.now()
    request.save(update_fields=["answer_witness", "answer_reasons", "answered_at"])
    append(
        process,
        ledger_role(actor, process, (Role.LEAD_PRACTITIONER, Role.FACILITATOR)),
        "witness_request.answered",
        {
            "number": request.number,
            "witness": witness.number if witness is not None else None,
            "reasons": reasons,
        },
    )
    return request
