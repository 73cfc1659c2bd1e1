"""Named actions of the participants' votes: the thresholds, opening, casting, closing.

The team opens and closes votes (facilitation, not content); participants cast ballots
on a support scale (``SupportLevel``). A recommendation is adopted, or an amendment
carried, when the supporting levels reach ``adoption_percent`` of the ballots cast,
abstentions left out. The rule is fixed when the vote opens.

Secrecy: a ballot is stored keyed to its voter only so that they can change it while
the vote is open. Closing the vote counts the ballots per level, writes the counts and
the outcome to the ledger (with, as a private field, who voted — never how) and deletes
the ballots. No ledger entry is written per ballot: its timing would narrow down how
people voted. Every action runs with the process row locked (``performs``), so a ballot
and the closing of its vote are serialised: a ballot either counts or is refused.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Max

from minipublic import clock
from minipublic.integrity.record import append
from minipublic.lifecycle import Action, LifecycleError, Role
from minipublic.processes.access import Actor, performs
from minipublic.processes.models import Process
from minipublic.recommendations.acting import (
    ledger_role,
    locked,
    needs_person,
    participant_count,
    text_sha256,
)
from minipublic.recommendations.drafting import apply_amendment, wording_sha256
from minipublic.recommendations.drafting_models import Amendment, AmendmentStatus
from minipublic.recommendations.models import DraftingRules, Recommendation, RecommendationStatus
from minipublic.recommendations.vote_models import (
    SUPPORTING,
    Ballot,
    RecommendationVote,
    SupportLevel,
)

_TEAM = (Role.FACILITATOR, Role.LEAD_PRACTITIONER)
#: Sensible bounds for each threshold (percent): below half, a minority could adopt.
RULE_BOUNDS: dict[str, tuple[Decimal, Decimal]] = {
    "adoption_percent": (Decimal(50), Decimal(100)),
    "minority_percent": (Decimal(1), Decimal(50)),
    "sign_off_percent": (Decimal(50), Decimal(100)),
}
#: The most paper ballots the team may enter for one level.
PAPER_LIMIT = 10_000


@dataclass(frozen=True)
class Tally:
    """The count of one vote: ballots per level and what they add up to."""

    counts: dict[str, int]
    cast: int
    abstentions: int
    counted: int
    supporting: int
    share: Decimal
    threshold: Decimal
    passed: bool


def tally(counts: Mapping[str, int], threshold: Decimal) -> Tally:
    """Add up ``counts`` (ballots per level): the share of supporting levels among the
    ballots that are not abstentions, and whether it reaches ``threshold`` percent
    (exactly, without rounding; nothing passes without a counted ballot)."""
    full = {level: int(counts.get(level, 0)) for level in SupportLevel.values}
    cast = sum(full.values())
    abstentions = full[SupportLevel.ABSTAIN]
    counted = cast - abstentions
    supporting = sum(full[level] for level in SUPPORTING)
    share = Decimal(0) if counted == 0 else Decimal(100 * supporting) / counted
    return Tally(
        counts=full,
        cast=cast,
        abstentions=abstentions,
        counted=counted,
        supporting=supporting,
        share=share.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP),
        threshold=threshold,
        passed=counted > 0 and 100 * supporting >= threshold * counted,
    )


def current_rules(process: Process) -> DraftingRules:
    """The process's thresholds (the defaults, unsaved, until the team sets them)."""
    return DraftingRules.objects.filter(process=process).first() or DraftingRules(process=process)


def rules_fixed(process: Process) -> bool:
    """Whether the thresholds can no longer change (a vote has opened)."""
    return RecommendationVote.objects.filter(process=process).exists()


@performs(Action.RUN_RECOMMENDATION_VOTE)
def do_set_rules(
    actor: Actor,
    process: Process,
    *,
    adoption_percent: Decimal,
    minority_percent: Decimal,
    sign_off_percent: Decimal,
) -> DraftingRules:
    """Set the thresholds of the process's votes, minority reports and sign-off; only
    before the first vote opens."""
    if rules_fixed(process):
        raise LifecycleError(
            "rules_fixed", "A vote has opened: the thresholds can no longer change."
        )
    values = {
        "adoption_percent": Decimal(adoption_percent),
        "minority_percent": Decimal(minority_percent),
        "sign_off_percent": Decimal(sign_off_percent),
    }
    for name, value in values.items():
        low, high = RULE_BOUNDS[name]
        if not low <= value <= high:
            raise LifecycleError(
                "rule_out_of_bounds",
                "Adoption and sign-off need between 50% and 100%, a minority report "
                "between 1% and 50%.",
            )
    rules, _ = DraftingRules.objects.update_or_create(process=process, defaults=values)
    append(
        process,
        ledger_role(actor, process, _TEAM),
        "drafting.rules_set",
        {name: str(value) for name, value in values.items()},
    )
    return rules


def _next_number(process: Process) -> int:
    latest = RecommendationVote.objects.filter(process=process).aggregate(last=Max("number"))
    return int(latest["last"] or 0) + 1


@performs(Action.RUN_RECOMMENDATION_VOTE)
def do_open_vote(
    actor: Actor,
    process: Process,
    recommendation: Recommendation,
    amendment: Amendment | None = None,
) -> RecommendationVote:
    """Open the participants' vote on adopting ``recommendation`` (its wording is fixed
    from now on) or, with ``amendment``, on carrying that amendment."""
    locked(process, recommendation)
    if recommendation.status != RecommendationStatus.DRAFT:
        raise LifecycleError(
            "recommendation_not_draft",
            "Recommendation {number} is no longer a draft: its wording is fixed.",
            number=recommendation.number,
        )
    pending = recommendation.amendments.filter(
        status__in=[AmendmentStatus.OPEN, AmendmentStatus.VOTING]
    )
    if amendment is None:
        if pending.exists():
            raise LifecycleError(
                "amendments_undecided",
                "Amendments to recommendation {number} await a decision: accept them, put "
                "them to a vote, or ask their proposers to withdraw them first.",
                number=recommendation.number,
            )
        text, digest = recommendation.text, wording_sha256(recommendation)
    else:
        if amendment.recommendation_id != recommendation.pk:
            raise LifecycleError(
                "amendment_elsewhere", "That amendment is to another recommendation."
            )
        amendment.refresh_from_db(fields=["status"])
        if amendment.status != AmendmentStatus.VOTING or amendment.votes.exists():
            raise LifecycleError(
                "amendment_not_for_vote",
                "Amendment {amendment} has not been put to a vote by the drafting group, or "
                "its vote has already opened.",
                amendment=amendment.number,
            )
        text, digest = amendment.text, text_sha256(amendment.text)
    eligible = participant_count(process)
    if eligible == 0:
        raise LifecycleError("vote_no_voters", "The process has no participants to vote.")
    rules, _ = DraftingRules.objects.get_or_create(process=process)
    vote = RecommendationVote.objects.create(
        process=process,
        number=_next_number(process),
        recommendation=recommendation,
        amendment=amendment,
        text=text,
        sha256=digest,
        adoption_percent=rules.adoption_percent,
        eligible=eligible,
        opened_at=clock.now(),
    )
    if amendment is None:
        recommendation.status = RecommendationStatus.VOTING
        recommendation.save(update_fields=["status"])
    append(
        process,
        ledger_role(actor, process, _TEAM),
        "recommendation_vote.opened",
        {
            "vote": vote.number,
            "recommendation": recommendation.number,
            "amendment": None if amendment is None else amendment.number,
            "sha256": digest,
            "adoption_percent": str(vote.adoption_percent),
            "eligible": eligible,
        },
    )
    return vote


def _locked_vote(process: Process, vote: RecommendationVote) -> RecommendationVote:
    if vote.process_id != process.pk:
        raise LifecycleError("vote_elsewhere", "That vote belongs to another process.")
    current = RecommendationVote.objects.select_for_update().get(pk=vote.pk)
    vote.closed_at, vote.counts, vote.passed = current.closed_at, current.counts, current.passed
    return vote


def _require_open(vote: RecommendationVote) -> None:
    if vote.closed_at is not None:
        raise LifecycleError(
            "vote_closed",
            "Vote {number} closed at {closed}: ballots can no longer be cast or changed.",
            number=vote.number,
            closed=vote.closed_at.strftime("%d %b %Y, %H:%M UTC"),
        )


@performs(Action.VOTE_RECOMMENDATION)
def do_cast_ballot(actor: Actor, process: Process, vote: RecommendationVote, level: str) -> Ballot:
    """Cast, or change, one's ballot while the vote is open. Nothing is logged per ballot."""
    user = needs_person(actor)
    if level not in SupportLevel.values:
        raise LifecycleError("support_level_unknown", "Choose one of the levels of support.")
    _locked_vote(process, vote)
    _require_open(vote)
    ballot, _ = Ballot.objects.update_or_create(
        vote=vote, voter=user, defaults={"level": level, "cast_at": clock.now()}
    )
    return ballot


def own_ballot(vote: RecommendationVote, user: object) -> str:
    """The level ``user`` chose in an open ``vote`` ("" if none, or once counted)."""
    pk = getattr(user, "pk", None)
    if pk is None:
        return ""
    return (
        Ballot.objects.filter(vote=vote, voter_id=pk).values_list("level", flat=True).first() or ""
    )


def ballots_cast(vote: RecommendationVote) -> int:
    """How many have voted (online) in ``vote`` so far: the number, never how."""
    if vote.is_open:
        return Ballot.objects.filter(vote=vote).count()
    return sum(int(n) for n in vote.counts.values()) - sum(
        int(n) for n in vote.paper_counts.values()
    )


def _paper(paper_counts: Mapping[str, int] | None) -> dict[str, int]:
    paper: dict[str, int] = {}
    for level, value in (paper_counts or {}).items():
        if level not in SupportLevel.values:
            raise LifecycleError("support_level_unknown", "Choose one of the levels of support.")
        number = int(value)
        if not 0 <= number <= PAPER_LIMIT:
            raise LifecycleError(
                "paper_count_out_of_bounds",
                "A count of paper ballots is a whole number from 0 to {limit}.",
                limit=PAPER_LIMIT,
            )
        if number:
            paper[level] = number
    return paper


@performs(Action.RUN_RECOMMENDATION_VOTE)
def do_close_vote(
    actor: Actor,
    process: Process,
    vote: RecommendationVote,
    paper_counts: Mapping[str, int] | None = None,
) -> Tally:
    """Close a vote: count the ballots (plus the paper ballots the team counted in the
    room), decide the recommendation or the amendment, delete the ballots."""
    _locked_vote(process, vote)
    _require_open(vote)
    paper = _paper(paper_counts)
    ballots = Ballot.objects.filter(vote=vote)
    online: dict[str, int] = {}
    for level in ballots.values_list("level", flat=True):
        online[level] = online.get(level, 0) + 1
    if not online and not paper:
        raise LifecycleError(
            "vote_empty", "Nobody has voted yet: wait for the ballots before closing the vote."
        )
    counts = {level: online.get(level, 0) + paper.get(level, 0) for level in SupportLevel.values}
    result = tally(counts, vote.adoption_percent)
    now = clock.now()
    vote.counts, vote.paper_counts, vote.passed, vote.closed_at = counts, paper, result.passed, now
    vote.save(update_fields=["counts", "paper_counts", "passed", "closed_at"])
    recommendation = locked(process, vote.recommendation)
    outcome = _decide(vote, recommendation, result.passed)
    voters = sorted(ballots.values_list("voter_id", flat=True))
    append(
        process,
        ledger_role(actor, process, _TEAM),
        "recommendation_vote.closed",
        {
            "vote": vote.number,
            "recommendation": recommendation.number,
            "amendment": None if vote.amendment is None else vote.amendment.number,
            "counts": counts,
            "paper_counts": paper,
            "cast": result.cast,
            "supporting": result.supporting,
            "share_percent": str(result.share),
            "adoption_percent": str(vote.adoption_percent),
            "outcome": outcome,
            "voters": voters,
        },
        private_fields=["voters"],
    )
    ballots.delete()
    return result


def _decide(vote: RecommendationVote, recommendation: Recommendation, passed: bool) -> str:
    now = clock.now()
    amendment = vote.amendment
    if amendment is None:
        recommendation.status = (
            RecommendationStatus.ADOPTED if passed else RecommendationStatus.NOT_ADOPTED
        )
        recommendation.decided_at = now
        recommendation.save(update_fields=["status", "decided_at"])
        return str(recommendation.status)
    amendment.status = AmendmentStatus.CARRIED if passed else AmendmentStatus.REJECTED
    amendment.decided_at = now
    amendment.save(update_fields=["status", "decided_at"])
    if passed:
        apply_amendment(recommendation, amendment, None)
    return str(amendment.status)
