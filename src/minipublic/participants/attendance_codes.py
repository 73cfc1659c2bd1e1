"""Check-in codes: the team shows a short code at the door of a meeting, and participants
check themselves in by entering it on their phone while it is open.

Codes use only characters that cannot be confused (``CODE_ALPHABET``) and are unique among
the open codes of a process, so a code names its meeting. A participant can only ever
check *themselves* in (the account decides who). Wrong codes are counted per account: after
``MAX_WRONG_TRIES`` within ``WRONG_TRIES_WINDOW`` the page refuses further tries for a
while, so nobody can guess a code by trying them all.
"""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import TYPE_CHECKING

from minipublic import clock
from minipublic.deliberation.models import Session
from minipublic.deliberation.roster import attendee_key_of
from minipublic.integrity.record import append
from minipublic.lifecycle import Action, LifecycleError
from minipublic.participants.attendance import after_change, counts, own_session
from minipublic.participants.attendance_models import (
    CODE_ALPHABET,
    CODE_LENGTH,
    Attendance,
    AttendanceStatus,
    CheckInAttempt,
    CheckInCode,
    CheckInMethod,
)
from minipublic.processes.access import Actor, performs
from minipublic.processes.actions import _actor_role, _person
from minipublic.processes.models import Process

if TYPE_CHECKING:
    from minipublic.accounts.models import User

#: Wrong codes an account may enter within ``WRONG_TRIES_WINDOW`` before it must wait.
MAX_WRONG_TRIES = 5
WRONG_TRIES_WINDOW = timedelta(minutes=15)


def new_code() -> str:
    """A fresh random code of ``CODE_LENGTH`` unambiguous characters."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise(typed: str) -> str:
    """A typed code as stored: capitals, without spaces or dashes."""
    return "".join(ch for ch in typed.upper() if ch.isalnum())


def _unique_code(process: Process) -> str:
    taken = set(
        CheckInCode.objects.filter(session__process=process, is_open=True).values_list(
            "code", flat=True
        )
    )
    while True:
        code = new_code()
        if code not in taken:
            return code


@performs(Action.RECORD_ATTENDANCE)
def do_open_check_in(
    actor: Actor, process: Process, session: Session, *, new: bool = False
) -> CheckInCode:
    """Open check-in by code for ``session`` (making its code the first time, or a new one
    when ``new``: say, after the old one was shared outside the room)."""
    own_session(process, session)
    now = clock.now()
    code = CheckInCode.objects.filter(session=session).first()
    if code is None:
        code = CheckInCode(session=session, created_at=now)
    if (
        new
        or not code.code
        or (
            not code.is_open
            and CheckInCode.objects.filter(
                session__process=process, is_open=True, code=code.code
            ).exists()
        )
    ):
        code.code = _unique_code(process)
    code.is_open = True
    code.changed_at = now
    code.save()
    append(
        process,
        _actor_role(actor, process, Action.RECORD_ATTENDANCE),
        "attendance.check_in_opened",
        {"session": session.number},
    )
    return code


@performs(Action.RECORD_ATTENDANCE)
def do_close_check_in(actor: Actor, process: Process, session: Session) -> CheckInCode:
    """Close check-in by code for ``session`` (the code stops working)."""
    own_session(process, session)
    code = CheckInCode.objects.filter(session=session, is_open=True).first()
    if code is None:
        raise LifecycleError(
            "check_in_not_open",
            "Check-in by code is not open for session {session}.",
            session=session.number,
        )
    code.is_open = False
    code.changed_at = clock.now()
    code.save(update_fields=["is_open", "changed_at"])
    by_code = Attendance.objects.filter(session=session, method=CheckInMethod.CODE).count()
    append(
        process,
        _actor_role(actor, process, Action.RECORD_ATTENDANCE),
        "attendance.check_in_closed",
        {"session": session.number, "checked_in_by_code": by_code, **counts(session)},
    )
    return code


def wrong_tries(process: Process, user: User | None) -> int:
    """Wrong codes ``user`` entered in ``process`` within the window."""
    since = clock.now() - WRONG_TRIES_WINDOW
    return CheckInAttempt.objects.filter(process=process, user=user, at__gte=since).count()


@performs(Action.CHECK_IN)
def do_check_in(actor: Actor, process: Process, *, code: str) -> Session:
    """Check the participant ``actor`` in to the meeting whose open code is ``code``;
    returns that meeting. Wrong codes count towards the limit on tries."""
    person = _person(actor)
    if person is None or wrong_tries(process, person) >= MAX_WRONG_TRIES:
        raise LifecycleError(
            "check_in_too_many_tries",
            "Too many wrong codes. Wait {minutes} minutes, or ask the team at the door to "
            "check you in.",
            minutes=int(WRONG_TRIES_WINDOW.total_seconds() // 60),
        )
    key = attendee_key_of(person, process)
    if key is None:
        raise LifecycleError(
            "check_in_not_in_room",
            "Your account is not on this assembly's list of members; ask the team at the door.",
        )
    typed = normalise(code)
    if not typed:
        raise LifecycleError("check_in_needs_code", "Type the code shown in the room.")
    found = (
        CheckInCode.objects.filter(session__process=process, code=typed)
        .select_related("session")
        .order_by("-is_open", "-changed_at")
        .first()
    )
    if found is None or not found.is_open:
        if found is not None:
            raise LifecycleError(
                "check_in_closed",
                "Check-in with this code is closed. Ask the team at the door to check you in.",
            )
        raise LifecycleError(
            "check_in_wrong_code",
            "That is not the code of a meeting open for check-in. Check the code shown in "
            "the room and type it again (letters and digits only).",
        )
    session = found.session
    existing = Attendance.objects.filter(session=session, attendee_key=key).first()
    if existing is not None and existing.status == AttendanceStatus.PRESENT:
        return session
    Attendance.objects.update_or_create(
        session=session,
        attendee_key=key,
        defaults={
            "status": AttendanceStatus.PRESENT,
            "method": CheckInMethod.CODE,
            "recorded_by": person,
            "recorded_at": clock.now(),
        },
    )
    after_change(_actor_role(actor, process, Action.CHECK_IN), process, session, 1)
    return session


_WRONG = frozenset({"check_in_wrong_code", "check_in_closed"})


def check_in_with_code(actor: Actor, process: Process, code: str) -> Session:
    """``do_check_in``, counting a wrong or closed code against the account (outside the
    refused action's transaction, so the count survives the refusal)."""
    try:
        return do_check_in(actor, process, code=code)
    except LifecycleError as error:
        person = _person(actor)
        if error.code in _WRONG and person is not None:
            CheckInAttempt.objects.create(process=process, user=person, at=clock.now())
        raise
