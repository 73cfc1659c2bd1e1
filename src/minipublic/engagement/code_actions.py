"""Named actions on the participants' own code of conduct: draft, vote, adopt.

Participants draft a code together (any of them may edit a draft); a facilitator or the
lead practitioner opens a vote on it, which freezes its text, and closes the vote once
its time is up or everyone has voted. A code is adopted when more participants vote for
than against and at least half of the participants voted; it then becomes the next
version of the participant charter (``actions.adopt_participant_code``), which every
participant accepts before acting again (enforced in ``processes.access``).

Ballot secrecy: no ledger entry is written per vote. A per-vote entry would publish when
each ballot was cast and when someone changed their mind, which with the final count
can narrow down how small groups voted. The ledger records the frozen text when the vote
opens and the count when it closes, with the list of who voted as a private field (only
its salted commitment is public). The individual choices are deleted once counted.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.db.models import Max

from minipublic import clock
from minipublic.engagement.actions import (
    BODY_LIMIT,
    TITLE_LIMIT,
    adopt_participant_code,
    charter_sha256,
)
from minipublic.engagement.models import (
    Charter,
    CodeProposal,
    CodeStatus,
    CodeVote,
    VoteChoice,
)
from minipublic.integrity.record import append
from minipublic.ledger import format_time
from minipublic.lifecycle import Action, LifecycleError, Role
from minipublic.processes.access import Actor, SystemActor, held_roles, performs, require
from minipublic.processes.models import Membership, Process

if TYPE_CHECKING:
    from minipublic.accounts.models import User

#: The longest a vote may stay open.
MAX_VOTE_DAYS = 30


def _person(actor: Actor) -> User | None:
    return None if isinstance(actor, SystemActor) or not actor.is_authenticated else actor


def _identity(user: User) -> dict[str, object]:
    return {"id": user.pk, "username": user.get_username()}


def _ledger_role(actor: Actor, process: Process, preferred: tuple[Role, ...]) -> str:
    if isinstance(actor, SystemActor):
        return actor.label
    held = held_roles(actor, process)
    return next((role.value for role in preferred if role in held), "staff")


def participant_count(process: Process) -> int:
    """How many members hold the participant role in ``process`` now."""
    return Membership.objects.filter(process=process, role=Role.PARTICIPANT.value).count()


def _text(title: str, body: str) -> tuple[str, str]:
    title, body = title.strip(), body.strip()
    if not title or not body:
        raise LifecycleError("code_needs_text", "A code needs a title and its text.")
    if len(title) > TITLE_LIMIT or len(body) > BODY_LIMIT:
        raise LifecycleError(
            "code_too_long",
            "A title has at most {title} characters and the code at most {body}.",
            title=TITLE_LIMIT,
            body=BODY_LIMIT,
        )
    return title, body


def _locked(process: Process, proposal: CodeProposal) -> CodeProposal:
    # Re-read the proposal under a row lock: its status decides what may happen next.
    if proposal.process_id != process.pk:
        raise LifecycleError("code_elsewhere", "That proposal belongs to another process.")
    current = CodeProposal.objects.select_for_update().get(pk=proposal.pk)
    for name in ("title", "body", "status", "sha256", "vote_closes_at", "eligible"):
        setattr(proposal, name, getattr(current, name))
    return proposal


def _require_draft(proposal: CodeProposal) -> None:
    if proposal.status != CodeStatus.DRAFT:
        raise LifecycleError(
            "code_not_draft",
            "Proposal #{number} is no longer a draft: its text is fixed.",
            number=proposal.number,
        )


def _require_voting(proposal: CodeProposal) -> datetime:
    # The closing time of a vote that is open; refused otherwise.
    if proposal.status != CodeStatus.VOTING or proposal.vote_closes_at is None:
        raise LifecycleError(
            "code_vote_not_open",
            "Proposal #{number} is not open for voting.",
            number=proposal.number,
        )
    return proposal.vote_closes_at


@performs(Action.PROPOSE_CODE)
def do_propose_code(actor: Actor, process: Process, *, title: str, body: str) -> CodeProposal:
    """Start a draft code of conduct, numbered in ``process``; the proposer stays private."""
    title, body = _text(title, body)
    person = _person(actor)
    now = clock.now()
    latest = CodeProposal.objects.filter(process=process).aggregate(last=Max("number"))["last"]
    proposal = CodeProposal.objects.create(
        process=process,
        number=(latest or 0) + 1,
        title=title,
        body=body,
        proposed_by=person,
        proposed_at=now,
        edited_at=now,
        sha256=charter_sha256(title, body),
    )
    payload: dict[str, object] = {
        "number": proposal.number,
        "title": title,
        "sha256": proposal.sha256,
    }
    private = []
    if person is not None:
        payload["proposer"] = _identity(person)
        private.append("proposer")
    append(
        process,
        _ledger_role(actor, process, (Role.PARTICIPANT,)),
        "code.proposed",
        payload,
        private_fields=private,
    )
    return proposal


@performs(Action.PROPOSE_CODE)
def do_edit_code(
    actor: Actor, process: Process, proposal: CodeProposal, *, title: str, body: str
) -> CodeProposal:
    """Change the text of a draft; any participant may, drafting is shared."""
    title, body = _text(title, body)
    _locked(process, proposal)
    _require_draft(proposal)
    digest = charter_sha256(title, body)
    if digest == proposal.sha256:
        raise LifecycleError("code_unchanged", "The text is the same as before.")
    proposal.title, proposal.body, proposal.sha256 = title, body, digest
    proposal.edited_at = clock.now()
    proposal.save(update_fields=["title", "body", "sha256", "edited_at"])
    payload: dict[str, object] = {"number": proposal.number, "sha256": digest}
    person = _person(actor)
    if person is not None:
        payload["editor"] = _identity(person)
    append(
        process,
        _ledger_role(actor, process, (Role.PARTICIPANT,)),
        "code.edited",
        payload,
        private_fields=["editor"] if person is not None else [],
    )
    return proposal


@performs(Action.VIEW_PROCESS)
def do_withdraw_code(actor: Actor, process: Process, proposal: CodeProposal) -> None:
    """Withdraw a draft: its proposer may, and so may whoever runs the votes."""
    person = _person(actor)
    if person is not None and proposal.proposed_by_id == person.pk:
        require(actor, Action.PROPOSE_CODE, process)
        role: tuple[Role, ...] = (Role.PARTICIPANT,)
    else:
        require(actor, Action.RUN_CODE_VOTE, process)
        role = (Role.FACILITATOR, Role.LEAD_PRACTITIONER)
    _locked(process, proposal)
    _require_draft(proposal)
    proposal.status = CodeStatus.WITHDRAWN
    proposal.save(update_fields=["status"])
    acting_as = _ledger_role(actor, process, role)
    append(process, acting_as, "code.withdrawn", {"number": proposal.number})


@performs(Action.RUN_CODE_VOTE)
def do_open_code_vote(
    actor: Actor, process: Process, proposal: CodeProposal, *, closes_at: datetime
) -> CodeProposal:
    """Put a draft to the participants' vote until ``closes_at``, freezing its text."""
    now = clock.now()
    _locked(process, proposal)
    _require_draft(proposal)
    if closes_at.tzinfo is None:
        raise ValueError("closes_at needs a time zone")
    if closes_at <= now:
        raise LifecycleError("code_vote_closes_in_past", "The vote must close in the future.")
    if closes_at > now + timedelta(days=MAX_VOTE_DAYS):
        raise LifecycleError(
            "code_vote_too_long",
            "A vote stays open at most {days} days.",
            days=MAX_VOTE_DAYS,
        )
    if CodeProposal.objects.filter(process=process, status=CodeStatus.VOTING).exists():
        raise LifecycleError(
            "code_vote_already_open", "Another proposal is being voted on: close that vote first."
        )
    digest = charter_sha256(proposal.title, proposal.body)
    current = Charter.objects.filter(
        process=process, role=Role.PARTICIPANT.value, is_current=True
    ).first()
    if current is not None and current.sha256 == digest:
        raise LifecycleError(
            "code_same_as_charter", "This text is already the participants' charter."
        )
    eligible = participant_count(process)
    if eligible == 0:
        raise LifecycleError("code_no_voters", "The process has no participants to vote.")
    proposal.status = CodeStatus.VOTING
    proposal.sha256 = digest
    proposal.vote_opened_at, proposal.vote_closes_at = now, closes_at
    proposal.eligible = eligible
    try:
        with transaction.atomic():
            proposal.save(
                update_fields=["status", "sha256", "vote_opened_at", "vote_closes_at", "eligible"]
            )
    except IntegrityError:
        raise LifecycleError(
            "code_vote_already_open", "Another proposal is being voted on: close that vote first."
        ) from None
    append(
        process,
        _ledger_role(actor, process, (Role.FACILITATOR, Role.LEAD_PRACTITIONER)),
        "code.vote_opened",
        {
            "number": proposal.number,
            "sha256": digest,
            "closes_at": format_time(closes_at),
            "eligible": eligible,
        },
    )
    return proposal


@performs(Action.VOTE_CODE)
def do_cast_code_vote(
    actor: Actor, process: Process, proposal: CodeProposal, choice: str
) -> CodeVote:
    """Cast (or change) one's vote while the vote is open; no ledger entry reveals it."""
    person = _person(actor)
    if person is None:
        raise LifecycleError("code_vote_needs_person", "Only a participant votes.")
    if choice not in VoteChoice.values:
        raise LifecycleError("code_choice_unknown", "Vote for, against, or abstain.")
    _locked(process, proposal)
    now = clock.now()
    if now >= _require_voting(proposal):
        raise LifecycleError(
            "code_vote_ended", "The vote on proposal #{number} has ended.", number=proposal.number
        )
    vote, _ = CodeVote.objects.update_or_create(
        proposal=proposal, user=person, defaults={"choice": choice, "cast_at": now}
    )
    return vote


def own_vote(proposal: CodeProposal, user: User) -> str:
    """The choice ``user`` has cast on an open ``proposal`` ("" if none, or once counted)."""
    vote = CodeVote.objects.filter(proposal=proposal, user=user).first()
    return "" if vote is None else vote.choice


def votes_cast(proposal: CodeProposal) -> int:
    """How many have voted on ``proposal`` so far (the count, never how)."""
    if proposal.status == CodeStatus.VOTING:
        return CodeVote.objects.filter(proposal=proposal).count()
    return proposal.votes_for + proposal.votes_against + proposal.abstentions


def is_adopted(votes_for: int, votes_against: int, abstentions: int, eligible: int) -> bool:
    """The rule: more for than against, and at least half of the participants voted."""
    turnout = votes_for + votes_against + abstentions
    return votes_for > votes_against and 2 * turnout >= eligible


@performs(Action.RUN_CODE_VOTE)
def do_close_code_vote(actor: Actor, process: Process, proposal: CodeProposal) -> CodeProposal:
    """Count the votes once the time is up (or everyone voted); adopt the code if it won.

    An adopted code becomes the next participant charter. The individual choices are
    then deleted; the ledger keeps the count and, privately, who voted.
    """
    _locked(process, proposal)
    now = clock.now()
    closes_at = _require_voting(proposal)
    votes = CodeVote.objects.filter(proposal=proposal)
    if now < closes_at and votes.count() < proposal.eligible:
        raise LifecycleError(
            "code_vote_still_open",
            "The vote runs until {closes}; it closes earlier only once everyone has voted.",
            closes=closes_at.astimezone(UTC).strftime("%d %b %Y, %H:%M UTC"),
        )
    choices = list(votes.values_list("choice", flat=True))
    proposal.votes_for = choices.count(VoteChoice.FOR)
    proposal.votes_against = choices.count(VoteChoice.AGAINST)
    proposal.abstentions = choices.count(VoteChoice.ABSTAIN)
    adopted = is_adopted(
        proposal.votes_for, proposal.votes_against, proposal.abstentions, proposal.eligible
    )
    proposal.status = CodeStatus.ADOPTED if adopted else CodeStatus.REJECTED
    proposal.vote_closed_at = now
    proposal.save(
        update_fields=["votes_for", "votes_against", "abstentions", "status", "vote_closed_at"]
    )
    voters = sorted(votes.values_list("user_id", flat=True))
    append(
        process,
        _ledger_role(actor, process, (Role.FACILITATOR, Role.LEAD_PRACTITIONER)),
        "code.vote_closed",
        {
            "number": proposal.number,
            "for": proposal.votes_for,
            "against": proposal.votes_against,
            "abstain": proposal.abstentions,
            "eligible": proposal.eligible,
            "adopted": adopted,
            "voters": voters,
        },
        private_fields=["voters"],
    )
    votes.delete()
    if adopted:
        adopt_participant_code(actor, process, proposal)
    return proposal
