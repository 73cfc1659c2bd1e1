"""The climate assembly's members write and adopt their own code of conduct.

After the second weekend Eilidh Ross (participant5) drafts "Our code of conduct"; Irena
Novak (participant9) adds two lines from her table's discussion; Jack Pemberton
(participant10) starts a second draft about speaking order that nobody takes further.
The facilitator puts the first draft to the members' vote for three days (2 to 5
October 2026); ten of the twelve members vote (one changes their mind) and the code is
adopted, eight for, one against, one abstaining. It becomes version 2 of the
participants' charter, and every member accepts it the same day, before any of them
acts again in the process.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from minipublic.accounts.models import User
from minipublic.engagement.actions import do_accept_terms
from minipublic.engagement.code_actions import (
    do_cast_code_vote,
    do_close_code_vote,
    do_edit_code,
    do_open_code_vote,
    do_propose_code,
)
from minipublic.engagement.models import CodeProposal
from minipublic.processes.access import SYSTEM
from minipublic.processes.models import Process

Step = tuple[datetime, Callable[[], None]]

#: The demo process whose members adopt their own code (the others keep the default).
SLUG = "demo"

TITLE = "Our code of conduct"
FIRST_DRAFT = (
    "We are twelve Riverford residents who did not choose each other. These are the "
    "promises we make to one another for the rest of the assembly.\n"
    "\n"
    "1. We listen to understand, not to reply. One person speaks at a time.\n"
    "2. We disagree with ideas, never with the person. Nobody is mocked for a question.\n"
    "3. We keep what others say in small groups in the room. What we decide together is "
    "public.\n"
    "4. We give everyone a turn before anyone speaks twice, and we ask quieter members what "
    "they think.\n"
    "5. We tell the facilitators if anyone, inside or outside the assembly, tries to tell "
    "us how to vote."
)
SECOND_DRAFT = (
    FIRST_DRAFT + "\n"
    "6. We say things in plain words and ask the experts to do the same: no unexplained "
    "jargon or acronyms.\n"
    "7. Phones stay in our bags during sessions, except for family emergencies."
)
SPEAKING_TITLE = "Speaking order at our tables"
SPEAKING_DRAFT = (
    "1. Each table starts with the member who spoke last in the previous round.\n"
    "2. A talking card goes round the table; whoever holds it has two minutes."
)

# (member, choice, day, hour) in the order they voted; participant11 changes their mind.
VOTES: tuple[tuple[str, str, str, int], ...] = (
    ("participant5", "for", "2026-10-02", 12),
    ("participant9", "for", "2026-10-02", 13),
    ("participant1", "for", "2026-10-02", 18),
    ("participant11", "against", "2026-10-02", 20),
    ("participant6", "for", "2026-10-03", 9),
    ("participant2", "for", "2026-10-03", 11),
    ("participant8", "against", "2026-10-03", 14),
    ("participant4", "abstain", "2026-10-03", 17),
    ("participant10", "for", "2026-10-04", 10),
    ("participant7", "for", "2026-10-04", 12),
    ("participant11", "for", "2026-10-04", 19),
)
ADOPTED_ON = "2026-10-05"
PARTICIPANTS = tuple(f"participant{i}" for i in range(1, 13))


def _at(day: str, hour: int, minute: int = 0) -> datetime:
    return datetime.fromisoformat(day).replace(hour=hour, minute=minute, tzinfo=UTC)


def code_steps(process: Process, users: dict[str, User]) -> list[Step]:
    """The members' code of conduct in ``process`` (the climate assembly only), as dated
    steps: drafted, edited, voted on, adopted and accepted by every member."""
    if process.slug != SLUG:
        return []
    made: dict[str, CodeProposal] = {}

    def propose() -> None:
        made["code"] = do_propose_code(
            users["participant5"], process, title=TITLE, body=FIRST_DRAFT
        )

    def edit() -> None:
        do_edit_code(users["participant9"], process, made["code"], title=TITLE, body=SECOND_DRAFT)

    def second_draft() -> None:
        do_propose_code(users["participant10"], process, title=SPEAKING_TITLE, body=SPEAKING_DRAFT)

    def open_vote() -> None:
        do_open_code_vote(
            users["facilitator"], process, made["code"], closes_at=_at(ADOPTED_ON, 10)
        )

    def close_vote() -> None:
        do_close_code_vote(users["facilitator"], process, made["code"])

    steps: list[Step] = [
        (_at("2026-09-26", 16), propose),
        (_at("2026-09-28", 19), edit),
        (_at("2026-09-29", 20), second_draft),
        (_at("2026-10-02", 10), open_vote),
    ]
    for username, choice, day, hour in VOTES:
        steps.append((_at(day, hour), _voting(process, made, users[username], choice)))
    steps.append((_at(ADOPTED_ON, 10, 30), close_vote))
    # Everyone accepts the adopted code before acting again (the same day).
    first = _at(ADOPTED_ON, 11)
    for index, username in enumerate(PARTICIPANTS):
        moment = first + timedelta(minutes=20 * index)
        steps.append((moment, _accepting(process, users[username])))
    return steps


def _voting(
    process: Process, made: dict[str, CodeProposal], user: User, choice: str
) -> Callable[[], None]:
    def vote() -> None:
        do_cast_code_vote(user, process, made["code"], choice)

    return vote


def _accepting(process: Process, user: User) -> Callable[[], None]:
    def accept() -> None:
        do_accept_terms(SYSTEM, process, user=user)

    return accept
