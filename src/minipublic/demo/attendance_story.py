"""The climate assembly's attendance and messages, as dated steps.

Before session 9 the lead practitioner writes to all participants about the last
weekend; at sessions 9 and 10 (7 and 8 November 2026) the facilitator keeps the check-in
sheet at the door while most members check themselves in with the code on their phones.
One panel member without an account misses both days without a word (a follow-up for
the recruiter, still open); another sends apologies for
Sunday (excused). After session 10 the facilitator writes to table 2: their drafting group
meets again on Zoom. The e-mails go through the real send function (the demo's e-mail
backend sends nothing) and are recorded as sent.

``attendance_steps`` gives the dated steps to the process's timeline (demo/timeline.py).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from minipublic.accounts.models import User
from minipublic.deliberation.models import Session, Table
from minipublic.deliberation.roster import roster
from minipublic.participants.attendance import do_assign_follow_up, do_record_attendance
from minipublic.participants.attendance_codes import (
    check_in_with_code,
    do_close_check_in,
    do_open_check_in,
)
from minipublic.participants.attendance_models import FollowUpTask
from minipublic.participants.message_actions import do_send_message
from minipublic.participants.message_mail import send_message_batch
from minipublic.participants.message_models import Audience
from minipublic.processes.models import Process

Step = tuple[datetime, Callable[[], None]]
SLUG = "demo"
#: The two meetings with attendance, and their days.
MEETINGS = {9: "2026-11-07", 10: "2026-11-08"}
#: Participant accounts that check themselves in with the code (the rest at the sheet).
SELF_CHECK_IN = ("participant1", "participant2", "participant3", "participant5", "participant8")

ALL_SUBJECT = "Our last weekend: 7 and 8 November at the Guildhall"
ALL_BODY = (
    "Dear members,\n\nOur last weekend together is on Saturday 7 and Sunday 8 November at "
    "the Guildhall, from 10:00 (doors and coffee from 9:30). We will finish and vote on our "
    "recommendations.\n\nWhen you arrive, you can check in at the door or on your phone with "
    "the code shown on the screen. If you need anything to be able to come — travel, care, "
    "an interpreter — please tell us through your page by Wednesday.\n\nPriya, for the team"
)
TABLE_SUBJECT = "Your drafting group meets again on Zoom"
TABLE_BODY = (
    "Hello table 2,\n\nThank you for a great Sunday. As agreed, your drafting group on home "
    "heating meets once more on Zoom on Thursday 12 November at 18:30, to tidy the wording "
    "of recommendation 3 before the report closes. The link will be on your page the day "
    "before.\n\nTom"
)


def _at(iso_date: str, hour: int, minute: int = 0) -> datetime:
    return datetime.fromisoformat(iso_date).replace(hour=hour, minute=minute, tzinfo=UTC)


def _statuses(process: Process, number: int) -> dict[str, str]:
    """Who came to meeting ``number``: all present but the two absences of the story."""
    people = [attendee for attendee in roster(process) if attendee.user_id is None]
    missing, apologised = people[0].key, people[1].key
    statuses = {attendee.key: "present" for attendee in roster(process)}
    statuses[missing] = "absent"
    if number == 10:
        statuses[apologised] = "excused"
    return statuses


def attendance_steps(process: Process, users: dict[str, User]) -> list[Step]:
    """The dated steps of attendance and messages (none for other processes)."""
    if process.slug != SLUG:
        return []
    lead, facilitator, recruiter = users["practitioner"], users["facilitator"], users["recruiter"]

    def session(number: int) -> Session:
        return Session.objects.get(process=process, number=number)

    def write_to_all() -> None:
        message = do_send_message(
            lead, process, audience=Audience.ALL, subject=ALL_SUBJECT, body=ALL_BODY
        )
        send_message_batch.call(message.pk)

    def meeting(number: int) -> Callable[[], None]:
        def run() -> None:
            held = session(number)
            code = do_open_check_in(facilitator, process, held)
            for name in SELF_CHECK_IN:
                check_in_with_code(users[name], process, code.code)
            do_close_check_in(facilitator, process, held)
            do_record_attendance(facilitator, process, held, _statuses(process, number))

        return run

    def assign_follow_up() -> None:
        for task in FollowUpTask.objects.filter(process=process, done_at__isnull=True):
            do_assign_follow_up(recruiter, process, task, recruiter)

    def write_to_table() -> None:
        table = Table.objects.get(session=session(10), number=2)
        message = do_send_message(
            facilitator,
            process,
            audience=Audience.TABLE,
            table=table,
            subject=TABLE_SUBJECT,
            body=TABLE_BODY,
        )
        send_message_batch.call(message.pk)

    return [
        (_at("2026-11-04", 17), write_to_all),
        (_at(MEETINGS[9], 10, 20), meeting(9)),
        (_at(MEETINGS[10], 10, 15), meeting(10)),
        (_at(MEETINGS[10], 18), assign_follow_up),
        (_at(MEETINGS[10], 19), write_to_table),
    ]
