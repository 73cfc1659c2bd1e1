"""The climate assembly's members ask for witnesses and vote on their requests, as dated
``timeline.Step``s (the register itself is in ``evidence_story``).

After the heating weekend Chen Wei asks for a tenant who has lived through a retrofit;
the members support it (9 to 1) and the team invites one, whose name is not published.
Hamza Ali asks to hear a councillor from Greenhaven, where a workplace parking levy has
run for ten years; supported 8 to 3, the councillor declines and Greenhaven's transport
manager comes instead. Jack Pemberton's request for a climate scientist on whether 2040
is realistic is not supported (4 to 6).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from minipublic.accounts.models import User
from minipublic.evidence import request_actions
from minipublic.evidence.models import Witness, WitnessRequest
from minipublic.processes.models import Process

Step = tuple[datetime, Callable[[], None]]


def _at(moment: str) -> datetime:
    return datetime.fromisoformat(moment).replace(tzinfo=UTC)


@dataclass(frozen=True)
class DemoRequest:
    """A member's request, its vote (``votes``: member, supports, moment) and answer."""

    key: str
    account: str
    on: str
    kind: str
    perspective: str
    reason: str
    opens: str
    closes: str
    votes: tuple[tuple[str, bool, str], ...]
    person: str = ""


def _votes(day: str, support: str, oppose: str) -> tuple[tuple[str, bool, str], ...]:
    """Members (by number) voting on ``day``, one every twenty minutes from 12:00."""
    ballots = [(f"participant{n}", True) for n in support.split()]
    ballots += [(f"participant{n}", False) for n in oppose.split()]
    return tuple(
        (who, supports, f"{day}T{12 + index // 3:02d}:{(index % 3) * 20:02d}")
        for index, (who, supports) in enumerate(ballots)
    )


REQUESTS: tuple[DemoRequest, ...] = (
    DemoRequest(
        "tenant",
        "participant3",
        "2026-09-20T16:00",
        "perspective",
        "A tenant who has lived through a retrofit",
        "Every heating witness talked about owners. Most of us at my table rent: we need to "
        "hear what a retrofit means for tenants, and who ends up paying.",
        "2026-09-21T10:00",
        "2026-09-24T18:00",
        _votes("2026-09-22", "3 1 2 5 6 7 9 11 12", "8"),
    ),
    DemoRequest(
        "greenhaven",
        "participant8",
        "2026-09-27T17:00",
        "person",
        "A city that has run a workplace parking levy for years",
        "We keep hearing forecasts about the levy. We want to hear from somewhere that "
        "actually did it: what it raised and what happened to jobs.",
        "2026-09-28T10:00",
        "2026-10-01T18:00",
        _votes("2026-09-29", "8 1 3 4 6 10 11 12", "2 7 9"),
        person="Cllr Ruth Bamford, Leader of Greenhaven City Council",
    ),
    DemoRequest(
        "scientist",
        "participant10",
        "2026-10-08T19:00",
        "perspective",
        "A climate scientist on whether 2040 is realistic at all",
        "Before we choose how, I would like someone to tell us whether net zero by 2040 can "
        "be done, or whether we are planning for something impossible.",
        "2026-10-09T10:00",
        "2026-10-12T18:00",
        _votes("2026-10-10", "10 4 5 12", "1 2 3 6 9 11"),
    ),
)

# (request, moment, witness invited, the team's answer)
ANSWERS: tuple[tuple[str, str, str, str], ...] = (
    (
        "tenant",
        "2026-09-26T10:00",
        "tenant",
        "We invited a tenant of the Riverford Housing Co-operative whose street was "
        "retrofitted in 2024. She speaks on 3 October with the co-operative's retrofit "
        "officer; at her request her name is not published.",
    ),
    (
        "greenhaven",
        "2026-10-02T16:30",
        "okoro",
        "Cllr Bamford could not come on 4 October. Greenhaven's transport policy manager, "
        "who has run the levy since 2017, joins the transport session by video instead.",
    ),
)


def request_steps(
    process: Process,
    users: dict[str, User],
    witnesses: dict[str, Witness],
    requests: dict[str, WitnessRequest],
) -> list[Step]:
    """The members' requests, their votes and the team's answers (``requests`` is filled
    as they are made; ``witnesses`` holds the register's witnesses by key)."""
    steps: list[Step] = []
    for request in REQUESTS:
        steps.extend(_request_steps(process, users, request, requests))
    for key, moment, witness, reasons in ANSWERS:
        answer = _answering(process, users, requests, witnesses, key, witness, reasons)
        steps.append((_at(moment), answer))
    return steps


def _request_steps(
    process: Process,
    users: dict[str, User],
    spec: DemoRequest,
    requests: dict[str, WitnessRequest],
) -> list[Step]:
    def ask() -> None:
        requests[spec.key] = request_actions.do_request_witness(
            users[spec.account],
            process,
            kind=spec.kind,
            person_name=spec.person,
            perspective=spec.perspective,
            reason=spec.reason,
        )

    def open_vote() -> None:
        request_actions.do_open_request_vote(
            users["facilitator"], process, requests[spec.key], closes_at=_at(spec.closes)
        )

    def close_vote() -> None:
        request_actions.do_close_request_vote(users["facilitator"], process, requests[spec.key])

    steps: list[Step] = [(_at(spec.on), ask), (_at(spec.opens), open_vote)]
    for account, supports, moment in spec.votes:
        steps.append((_at(moment), _voting(process, users[account], requests, spec.key, supports)))
    steps.append((_at(spec.closes).replace(minute=30), close_vote))
    return steps


def _voting(
    process: Process,
    user: User,
    requests: dict[str, WitnessRequest],
    key: str,
    supports: bool,
) -> Callable[[], None]:
    def vote() -> None:
        request_actions.do_cast_request_vote(user, process, requests[key], supports=supports)

    return vote


def _answering(
    process: Process,
    users: dict[str, User],
    requests: dict[str, WitnessRequest],
    witnesses: dict[str, Witness],
    key: str,
    witness: str,
    reasons: str,
) -> Callable[[], None]:
    def answer() -> None:
        found = WitnessRequest.objects.get(pk=requests[key].pk)
        invited = Witness.objects.get(pk=witnesses[witness].pk)
        request_actions.do_answer_request(
            users["practitioner"], process, found, witness=invited, reasons=reasons
        )

    return answer
