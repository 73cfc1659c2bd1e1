"""The parking lot: concerns put aside as out of scope for now, or for later, and how each
one was resolved.

Participants and the team (lead practitioner, facilitators) park concerns; only the team
resolves them, always in words: *discussed* in a session (which, and what came of it),
*referred* to the commissioner (what, and how), or *out of the remit* (why). A resolution
can be reopened with a reason; participants who dispute one (say, it was never really
discussed) ask for a reopening, which the team must answer. Everything is in the public
ledger except who raised a concern or asked for a reopening: that stays private, even
from the team (only the person themselves sees which are theirs).

Open items block closing the participants' report: ``check_report_can_close`` refuses
while any concern is open or any request to reopen one awaits an answer. The move out of
the recommendations phase (``processes.actions.do_change_phase``) calls it, and so must
the code that freezes the report.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from minipublic import clock
from minipublic.deliberation.models import (
    Concern,
    ConcernKind,
    ConcernStatus,
    ConcernStep,
    ConcernStepKind,
    ReopenRequest,
    ReopenStatus,
    Resolution,
    Session,
)
from minipublic.integrity.record import append
from minipublic.lifecycle import Action, LifecycleError, Role
from minipublic.processes.access import Actor, SystemActor, performs, roles_in
from minipublic.processes.actions import _actor_role, _identity, _person
from minipublic.processes.models import Process

if TYPE_CHECKING:
    from minipublic.accounts.models import User

#: The longest concern, and the longest resolution, reason or answer, in characters.
CONCERN_MAX = 2000
WORDS_MAX = 4000


@dataclass(frozen=True)
class ReportBlock:
    """What in the parking lot still stops the participants' report from closing."""

    open_concerns: int
    pending_requests: int

    def __bool__(self) -> bool:
        return bool(self.open_concerns or self.pending_requests)


def report_block(process: Process) -> ReportBlock:
    """How many concerns of ``process`` are open and how many requests to reopen one
    await the team's answer."""
    concerns = Concern.objects.filter(process=process, status=ConcernStatus.OPEN).count()
    requests = ReopenRequest.objects.filter(
        concern__process=process, status=ReopenStatus.PENDING
    ).count()
    return ReportBlock(concerns, requests)


def open_concerns_block_report(process: Process) -> ReportBlock | None:
    """The parking lot's open items if they block closing ``process``'s participants'
    report, else None. Pages use it to warn before anyone tries."""
    block = report_block(process)
    return block if block else None


def check_report_can_close(process: Process) -> None:
    """Raise LifecycleError while the parking lot of ``process`` has open items.

    Called when the process leaves the recommendations phase, and by whatever freezes
    the participants' report: every parked concern must be resolved first.
    """
    block = report_block(process)
    if block:
        raise LifecycleError(
            "report_blocked_by_concerns",
            "The participants' report cannot be closed while the parking lot has open items "
            "(open concerns: {concerns}; requests to reopen awaiting an answer: {requests}). "
            "Resolve each one first: {url}",
            concerns=block.open_concerns,
            requests=block.pending_requests,
            url=reverse("deliberation:parking_lot", args=[process.slug]),
        )


def _words(text: str, code: str, message: str, limit: int = WORDS_MAX) -> str:
    words = text.strip()
    if not words:
        raise LifecycleError(code, message)
    if len(words) > limit:
        raise LifecycleError(
            "parking_text_too_long",
            "Keep it to {limit} characters (it has {length}).",
            limit=limit,
            length=len(words),
        )
    return words


def _held_session(process: Process, session: Session | None) -> Session | None:
    if session is None:
        return None
    if session.process_id != process.pk:
        raise LifecycleError("session_elsewhere", "That session belongs to another process.")
    if session.date > timezone.localdate(clock.now()):
        raise LifecycleError(
            "concern_session_not_held",
            "Session {session} has not been held yet (it is on {date}).",
            session=session.number,
            date=session.date.isoformat(),
        )
    return session


def _own(process: Process, concern: Concern) -> None:
    if concern.process_id != process.pk:
        raise LifecycleError("concern_elsewhere", "That concern belongs to another process.")


def _number(session: Session | None) -> int | None:
    return None if session is None else session.number


@performs(Action.RAISE_CONCERN)
def do_raise_concern(
    actor: Actor,
    process: Process,
    *,
    text: str,
    kind: ConcernKind | str = ConcernKind.LATER,
    session: Session | None = None,
) -> Concern:
    """Park a concern in ``process``'s parking lot, optionally in the session where it
    came up. The text is public; who raised it is not."""
    words = _words(text, "concern_needs_text", "Say what the concern is.", limit=CONCERN_MAX)
    try:
        kind = ConcernKind(kind)
    except ValueError:
        raise LifecycleError(
            "concern_kind_unknown", "Say whether it is out of scope for now or for later."
        ) from None
    session = _held_session(process, session)
    last = Concern.objects.filter(process=process).aggregate(last=Max("number"))["last"]
    role = _actor_role(actor, process, Action.RAISE_CONCERN)
    concern = Concern.objects.create(
        process=process,
        number=(last or 0) + 1,
        text=words,
        kind=kind.value,
        raised_at=clock.now(),
        raised_by=_person(actor),
        raised_by_role=role,
        session=session,
    )
    person = _person(actor)
    append(
        process,
        role,
        "concern.raised",
        {
            "concern": concern.number,
            "kind": concern.kind,
            "session": _number(session),
            "text": concern.text,
            "raiser": _identity(person) if person else {"system": True},
        },
        private_fields=["raiser"],
    )
    return concern


_RESOLUTION_WORDS = {
    Resolution.DISCUSSED: "Say what came of the discussion.",
    Resolution.REFERRED: "Say what was referred to the commissioner, and how.",
    Resolution.OUT_OF_REMIT: "Give the reason it is outside the remit.",
}


@performs(Action.RESOLVE_CONCERN)
def do_resolve_concern(
    actor: Actor,
    process: Process,
    concern: Concern,
    *,
    resolution: Resolution | str,
    text: str,
    session: Session | None = None,
) -> Concern:
    """Resolve an open concern: discussed in ``session`` (required), referred to the
    commissioner, or out of the remit; ``text`` says what came of it, what was referred
    and how, or why it is outside the remit."""
    _own(process, concern)
    if concern.status != ConcernStatus.OPEN:
        raise LifecycleError(
            "concern_not_open",
            "Concern #{number} is already resolved: reopen it first.",
            number=concern.number,
        )
    try:
        resolution = Resolution(resolution)
    except ValueError:
        raise LifecycleError(
            "resolution_unknown",
            "Choose how it was resolved: discussed, referred, or out of the remit.",
        ) from None
    code = f"resolution_needs_words_{resolution.value}"
    words = _words(text, code, _RESOLUTION_WORDS[resolution])
    if resolution == Resolution.DISCUSSED and session is None:
        raise LifecycleError(
            "resolution_needs_session", "Say in which session the concern was discussed."
        )
    session = _held_session(process, session)
    now = clock.now()
    role = _actor_role(actor, process, Action.RESOLVE_CONCERN)
    concern.status = ConcernStatus.RESOLVED
    concern.resolution = resolution.value
    concern.resolution_session = session
    concern.resolution_text = words
    concern.resolved_at = now
    concern.resolved_by_role = role
    concern.save()
    ConcernStep.objects.create(
        concern=concern,
        kind=ConcernStepKind.RESOLVED,
        resolution=resolution.value,
        session=session,
        text=words,
        at=now,
        actor_role=role,
    )
    append(
        process,
        role,
        "concern.resolved",
        {
            "concern": concern.number,
            "resolution": resolution.value,
            "session": _number(session),
            "text": words,
        },
    )
    return concern


def _reopen(
    process: Process, concern: Concern, role: str, reason: str, request: int | None
) -> None:
    concern.status = ConcernStatus.OPEN
    concern.resolution = ""
    concern.resolution_session = None
    concern.resolution_text = ""
    concern.resolved_at = None
    concern.resolved_by_role = ""
    concern.save()
    ConcernStep.objects.create(
        concern=concern, kind=ConcernStepKind.REOPENED, text=reason, at=clock.now(), actor_role=role
    )
    append(
        process,
        role,
        "concern.reopened",
        {"concern": concern.number, "reason": reason, "request": request},
    )


def _resolved(concern: Concern) -> None:
    if concern.status != ConcernStatus.RESOLVED:
        raise LifecycleError(
            "concern_not_resolved",
            "Concern #{number} is still open: there is nothing to reopen.",
            number=concern.number,
        )


@performs(Action.RESOLVE_CONCERN)
def do_reopen_concern(actor: Actor, process: Process, concern: Concern, *, reason: str) -> Concern:
    """Reopen a resolved concern, saying why; its earlier resolution stays in its history.

    Pending requests to reopen it are answered at once with the same reason.
    """
    _own(process, concern)
    _resolved(concern)
    words = _words(reason, "reopen_needs_reason", "Say why the concern is reopened.")
    role = _actor_role(actor, process, Action.RESOLVE_CONCERN)
    _reopen(process, concern, role, words, None)
    for request in concern.reopen_requests.filter(status=ReopenStatus.PENDING):
        _answer(process, request, role, ReopenStatus.ACCEPTED, words)
    return concern


def _is_participant(actor: Actor, process: Process) -> bool:
    if isinstance(actor, SystemActor):
        return False
    return Role.PARTICIPANT in roles_in(actor, process)


@performs(Action.RAISE_CONCERN)
def do_request_reopening(
    actor: Actor, process: Process, concern: Concern, *, reason: str
) -> ReopenRequest:
    """A participant asks the team to reopen a resolved concern, saying why (e.g. it was
    never really discussed). The team must answer; until then the report cannot close."""
    _own(process, concern)
    user: User | None = _person(actor)
    if user is None or not _is_participant(actor, process):
        raise LifecycleError(
            "reopen_request_for_participants",
            "Requests to reopen are for participants; the team reopens a concern itself.",
        )
    _resolved(concern)
    words = _words(reason, "reopen_request_needs_reason", "Say why the concern should be reopened.")
    if concern.reopen_requests.filter(requested_by=user, status=ReopenStatus.PENDING).exists():
        raise LifecycleError(
            "reopen_request_pending",
            "You have already asked to reopen concern #{number}; the team has yet to answer.",
            number=concern.number,
        )
    last = concern.reopen_requests.aggregate(last=Max("number"))["last"]
    request = ReopenRequest.objects.create(
        concern=concern,
        number=(last or 0) + 1,
        requested_by=user,
        reason=words,
        made_at=clock.now(),
    )
    append(
        process,
        _actor_role(actor, process, Action.RAISE_CONCERN),
        "concern.reopen_requested",
        {
            "concern": concern.number,
            "request": request.number,
            "reason": words,
            "requester": _identity(user),
        },
        private_fields=["requester"],
    )
    return request


def _answer(
    process: Process, request: ReopenRequest, role: str, status: ReopenStatus, answer: str
) -> None:
    request.status = status.value
    request.answer = answer
    request.answered_at = clock.now()
    request.answered_by_role = role
    request.save()
    append(
        process,
        role,
        "concern.reopen_answered",
        {
            "concern": request.concern.number,
            "request": request.number,
            "decision": status.value,
            "answer": answer,
        },
    )


@performs(Action.RESOLVE_CONCERN)
def do_answer_reopen_request(
    actor: Actor, process: Process, request: ReopenRequest, *, accept: bool, answer: str
) -> ReopenRequest:
    """Answer a participant's request to reopen a concern, in words either way.

    Accepting reopens the concern (and answers any other pending request on it);
    declining keeps the resolution, with the team's reasons in public.
    """
    concern = request.concern
    _own(process, concern)
    if request.status != ReopenStatus.PENDING:
        raise LifecycleError(
            "reopen_request_answered",
            "Request {request} on concern #{number} has already been answered.",
            request=request.number,
            number=concern.number,
        )
    words = _words(answer, "reopen_answer_needs_words", "Give the participants your answer.")
    role = _actor_role(actor, process, Action.RESOLVE_CONCERN)
    if not accept:
        _answer(process, request, role, ReopenStatus.DECLINED, words)
        return request
    _answer(process, request, role, ReopenStatus.ACCEPTED, words)
    if concern.status == ConcernStatus.RESOLVED:
        _reopen(process, concern, role, words, request.number)
    for other in concern.reopen_requests.filter(status=ReopenStatus.PENDING):
        _answer(process, other, role, ReopenStatus.ACCEPTED, words)
    return request
