"""Named actions of the member questionnaire: open and close a round, answer it, and type
in a questionnaire answered on paper.

Confidentiality (OECD 2021, Annex C: "Answers to the survey should be confidential"): an
answer is stored without its author (``models.EvaluationResponse``), a separate row says
only that the member has answered, and no ledger entry is written per answer. The ledger
records a round when it opens (the instrument and its fingerprint) and when it closes
(the counts, and whether the results are published).
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from typing import TYPE_CHECKING

from django.conf import settings

from minipublic import clock
from minipublic.evaluation.models import (
    Channel,
    EvaluationParticipation,
    EvaluationResponse,
    EvaluationRound,
    RoundKind,
    RoundStatus,
)
from minipublic.evaluation.results import MIN_ANSWERS, counts
from minipublic.integrity.record import append
from minipublic.lifecycle import Action, LifecycleError, Role
from minipublic.processes.access import Actor, SystemActor, held_roles, performs
from minipublic.processes.models import Membership, Process
from minipublic.standards import StandardsError
from minipublic.standards.member_questionnaire import (
    DEFAULT_INSTRUMENT,
    Instrument,
    Item,
    Moment,
    instrument,
)

if TYPE_CHECKING:
    from minipublic.accounts.models import User

#: The most members a round may count as asked (a typo guard).
MAX_ELIGIBLE = 10_000


def _ledger_role(actor: Actor, process: Process) -> str:
    if isinstance(actor, SystemActor):
        return actor.label
    held = held_roles(actor, process)
    for role in (Role.LEAD_PRACTITIONER, Role.OVERSIGHT):
        if role in held:
            return role.value
    return "staff"


def participants(process: Process) -> int:
    """How many members hold the participant role in ``process`` (those with accounts)."""
    return Membership.objects.filter(process=process, role=Role.PARTICIPANT.value).count()


def round_instrument(round_: EvaluationRound) -> Instrument:
    """The instrument ``round_`` asks (refused if the shipped file changed since it opened)."""
    found = instrument(round_.instrument_key)
    if found.sha256 != round_.instrument_sha256:
        raise LifecycleError(
            "evaluation_instrument_changed",
            "The questionnaire {key} changed since this round opened; its answers could no "
            "longer be compared.",
            key=round_.instrument_key,
        )
    return found


def round_items(round_: EvaluationRound) -> tuple[Item, ...]:
    """The items ``round_`` asks, in the instrument's order."""
    return round_instrument(round_).items_for(Moment(round_.kind))


def open_round(process: Process) -> EvaluationRound | None:
    """The round of ``process`` open for answers now, if any."""
    return process.evaluation_rounds.filter(status=RoundStatus.OPEN).first()


def has_answered(round_: EvaluationRound, user: User) -> bool:
    """Whether ``user`` has answered ``round_`` online."""
    return EvaluationParticipation.objects.filter(round=round_, user=user).exists()


def answer_seed(round_: EvaluationRound, user: User) -> bytes:
    """The seed that orders one member's randomised answer options: stable across
    reloads, different for each member and round, not guessable without the site key."""
    message = f"evaluation:{round_.pk}:{user.pk}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).digest()


@performs(Action.MANAGE_EVALUATION)
def do_open_round(
    actor: Actor,
    process: Process,
    *,
    kind: str,
    instrument_key: str = DEFAULT_INSTRUMENT,
    eligible: int | None = None,
) -> EvaluationRound:
    """Open the start or the end round with a usable instrument.

    ``eligible`` is how many members are asked, including those who answer on paper
    (at least the participants with an account, the default).
    """
    if kind not in RoundKind.values:
        raise LifecycleError("evaluation_kind_unknown", "A round is 'start' or 'end'.")
    rounds = {row.kind: row for row in process.evaluation_rounds.all()}
    if kind in rounds:
        raise LifecycleError(
            "evaluation_round_exists", "The {kind} round has already been opened.", kind=kind
        )
    if kind == RoundKind.START and RoundKind.END in rounds:
        raise LifecycleError(
            "evaluation_start_after_end", "The end round is open or done: no start round now."
        )
    if any(row.status == RoundStatus.OPEN for row in rounds.values()):
        raise LifecycleError(
            "evaluation_round_open", "Another round is open: close it before opening this one."
        )
    try:
        chosen = instrument(instrument_key)
    except StandardsError:
        raise LifecycleError(
            "evaluation_instrument_unknown", "No questionnaire is called {key}.", key=instrument_key
        ) from None
    if not chosen.usable:
        raise LifecycleError(
            "evaluation_instrument_incomplete",
            "The questionnaire {key} is incomplete ({missing}); it cannot be asked yet.",
            key=chosen.key,
            missing=chosen.missing,
        )
    members = participants(process)
    asked = members if eligible is None else eligible
    if asked < max(members, 1) or asked > MAX_ELIGIBLE:
        raise LifecycleError(
            "evaluation_eligible_range",
            "Count between {low} and {high} members asked (the participants with an "
            "account, plus those answering on paper).",
            low=max(members, 1),
            high=MAX_ELIGIBLE,
        )
    round_ = EvaluationRound.objects.create(
        process=process,
        kind=kind,
        instrument_key=chosen.key,
        instrument_version=chosen.version,
        instrument_sha256=chosen.sha256,
        eligible=asked,
        opened_at=clock.now(),
    )
    append(
        process,
        _ledger_role(actor, process),
        "evaluation.round_opened",
        {
            "round": kind,
            "instrument": chosen.key,
            "version": chosen.version,
            "sha256": chosen.sha256,
            "wording": chosen.wording.value,
            "questions": len(chosen.items_for(Moment(kind))),
            "eligible": asked,
        },
    )
    return round_


def _locked_open(process: Process, round_: EvaluationRound) -> EvaluationRound:
    if round_.process_id != process.pk:
        raise LifecycleError("evaluation_elsewhere", "That round belongs to another process.")
    current = EvaluationRound.objects.select_for_update().get(pk=round_.pk)
    if current.status != RoundStatus.OPEN:
        raise LifecycleError(
            "evaluation_round_closed", "The {kind} round is closed.", kind=current.kind
        )
    return current


def _clean(round_: EvaluationRound, answers: Mapping[str, str]) -> dict[str, str]:
    # Every question may be skipped; what is given must be an option of an asked item.
    items = {item.key: item for item in round_items(round_)}
    cleaned: dict[str, str] = {}
    for key, value in answers.items():
        if not value:
            continue
        item = items.get(key)
        if item is None or item.option(value) is None:
            raise LifecycleError(
                "evaluation_answer_unknown",
                "'{value}' is not an answer to question '{item}' of this round.",
                value=value,
                item=key,
            )
        cleaned[key] = value
    if not cleaned:
        raise LifecycleError(
            "evaluation_nothing_answered",
            "Every question may be skipped, but a questionnaire needs at least one answer.",
        )
    return cleaned


def _room_left(round_: EvaluationRound) -> None:
    online, paper = counts(round_)
    if online + paper >= round_.eligible:
        raise LifecycleError(
            "evaluation_round_full",
            "All {eligible} members asked have answered already.",
            eligible=round_.eligible,
        )


@performs(Action.ANSWER_EVALUATION)
def do_answer(
    actor: Actor, process: Process, round_: EvaluationRound, answers: Mapping[str, str]
) -> None:
    """Submit one member's answers, once per round; nothing links them to the member."""
    if isinstance(actor, SystemActor) or not actor.is_authenticated:
        raise LifecycleError("evaluation_needs_member", "Only a member answers, for themselves.")
    current = _locked_open(process, round_)
    if has_answered(current, actor):
        raise LifecycleError(
            "evaluation_already_answered", "You have already answered this questionnaire."
        )
    cleaned = _clean(current, answers)
    _room_left(current)
    EvaluationParticipation.objects.create(round=current, user=actor)
    EvaluationResponse.objects.create(round=current, channel=Channel.ONLINE, answers=cleaned)


@performs(Action.MANAGE_EVALUATION)
def do_enter_paper(
    actor: Actor, process: Process, round_: EvaluationRound, answers: Mapping[str, str]
) -> None:
    """Type in one questionnaire a member answered on paper (anonymous, as online)."""
    current = _locked_open(process, round_)
    cleaned = _clean(current, answers)
    _room_left(current)
    EvaluationResponse.objects.create(round=current, channel=Channel.PAPER, answers=cleaned)


@performs(Action.MANAGE_EVALUATION)
def do_close_round(actor: Actor, process: Process, round_: EvaluationRound) -> EvaluationRound:
    """Close a round: count the questionnaires; its results are published if enough came in."""
    current = _locked_open(process, round_)
    online, paper = counts(current)
    current.online_answers, current.paper_answers = online, paper
    current.status = RoundStatus.CLOSED
    current.closed_at = clock.now()
    current.save(update_fields=["online_answers", "paper_answers", "status", "closed_at"])
    append(
        process,
        _ledger_role(actor, process),
        "evaluation.round_closed",
        {
            "round": current.kind,
            "online": online,
            "paper": paper,
            "answers": online + paper,
            "eligible": current.eligible,
            "results_published": online + paper >= MIN_ANSWERS,
            "min_answers": MIN_ANSWERS,
        },
    )
    return current
