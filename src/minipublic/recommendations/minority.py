"""Named actions of minority reports: a participant writes one (about a recommendation
or the report as a whole); participants add and withdraw their support.

A minority report goes into the participants' report once its supporters reach
``DraftingRules.minority_percent`` of the process's participants (members holding the
participant role). Who wrote or supports one stays private: the ledger gets the
number of supporters, with the supporter as a private field.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Max

from minipublic import clock
from minipublic.integrity.record import append
from minipublic.lifecycle import Action, LifecycleError, Role
from minipublic.processes.access import Actor, performs
from minipublic.processes.models import Process
from minipublic.recommendations.acting import (
    TEXT_LIMIT,
    TITLE_LIMIT,
    checked_text,
    identity,
    ledger_role,
    needs_person,
    participant_count,
    text_sha256,
)
from minipublic.recommendations.models import Recommendation, RecommendationStatus
from minipublic.recommendations.vote_models import MinorityReport, MinoritySupport
from minipublic.recommendations.votes import current_rules

_PARTICIPANT = (Role.PARTICIPANT,)


@dataclass(frozen=True)
class Standing:
    """How far a minority report is from the threshold."""

    supporters: int
    participants: int
    needed: int
    percent: Decimal
    reached: bool


def needed_supporters(participants: int, percent: Decimal) -> int:
    """The fewest supporters that make at least ``percent`` of ``participants`` (at
    least one)."""
    exact = Decimal(participants) * percent / 100
    whole = int(exact)
    return max(1, whole if whole == exact else whole + 1)


def standing(report: MinorityReport, participants: int | None = None) -> Standing:
    """The supporters of ``report`` against the process's threshold, now."""
    participants = participant_count(report.process) if participants is None else participants
    percent = current_rules(report.process).minority_percent
    supporters = report.supports.count()
    needed = needed_supporters(participants, percent)
    reached = report.withdrawn_at is None and supporters >= needed
    return Standing(supporters, participants, needed, percent, reached)


def _locked(process: Process, report: MinorityReport) -> MinorityReport:
    if report.process_id != process.pk:
        raise LifecycleError(
            "minority_elsewhere", "That minority report belongs to another process."
        )
    current = MinorityReport.objects.select_for_update().get(pk=report.pk)
    report.withdrawn_at = current.withdrawn_at
    if report.withdrawn_at is not None:
        raise LifecycleError(
            "minority_withdrawn",
            "Minority report {number} has been withdrawn by its author.",
            number=report.number,
        )
    return report


@performs(Action.DRAFT_RECOMMENDATION)
def do_write_minority_report(
    actor: Actor,
    process: Process,
    *,
    title: str,
    text: str,
    recommendation: Recommendation | None = None,
) -> MinorityReport:
    """Write a minority report (its author supports it from the start)."""
    user = needs_person(actor)
    title = checked_text(title, TITLE_LIMIT, "minority_needs_title", "Give it a title.")
    text = checked_text(text, TEXT_LIMIT, "minority_needs_text", "Write the minority view.")
    if recommendation is not None and (
        recommendation.process_id != process.pk
        or recommendation.status == RecommendationStatus.WITHDRAWN
    ):
        raise LifecycleError(
            "recommendation_elsewhere", "That recommendation belongs to another process."
        )
    now = clock.now()
    latest = MinorityReport.objects.filter(process=process).aggregate(last=Max("number"))["last"]
    report = MinorityReport.objects.create(
        process=process,
        number=(latest or 0) + 1,
        recommendation=recommendation,
        title=title,
        text=text,
        author=user,
        written_at=now,
    )
    MinoritySupport.objects.create(report=report, supporter=user, since=now)
    append(
        process,
        ledger_role(actor, process, _PARTICIPANT),
        "minority_report.written",
        {
            "number": report.number,
            "recommendation": None if recommendation is None else recommendation.number,
            "sha256": text_sha256(title, text),
            "author": identity(user),
        },
        private_fields=["author"],
    )
    return report


@performs(Action.DRAFT_RECOMMENDATION)
def do_support_minority_report(
    actor: Actor, process: Process, report: MinorityReport, *, support: bool
) -> Standing:
    """Add (``support``) or withdraw one's support for a minority report."""
    user = needs_person(actor)
    _locked(process, report)
    mine = report.supports.filter(supporter=user)
    if support and mine.exists():
        raise LifecycleError("already_supporting", "You already support this minority report.")
    if not support and not mine.exists():
        raise LifecycleError("not_supporting", "You do not support this minority report.")
    if support:
        MinoritySupport.objects.create(report=report, supporter=user, since=clock.now())
    else:
        mine.delete()
    now = standing(report)
    append(
        process,
        ledger_role(actor, process, _PARTICIPANT),
        "minority_report.supported" if support else "minority_report.support_withdrawn",
        {"number": report.number, "supporters": now.supporters, "supporter": identity(user)},
        private_fields=["supporter"],
    )
    return now


@performs(Action.DRAFT_RECOMMENDATION)
def do_withdraw_minority_report(actor: Actor, process: Process, report: MinorityReport) -> None:
    """Withdraw one's own minority report (it then never goes into the report)."""
    user = needs_person(actor)
    _locked(process, report)
    if report.author_id != user.pk:
        raise LifecycleError(
            "not_the_author", "Only the participant who wrote a minority report withdraws it."
        )
    report.withdrawn_at = clock.now()
    report.save(update_fields=["withdrawn_at"])
    append(
        process,
        ledger_role(actor, process, _PARTICIPANT),
        "minority_report.withdrawn",
        {"number": report.number},
    )
