"""Requests for more time: a participant asks for more minutes on an agenda item, with a
reason; the team grants them (perhaps fewer) or declines, always with a reason.

Granting adds the minutes to the item's ``extra_minutes``, so the timer and the report
count them as allowed. Requests and decisions are public ledger entries
(``time.requested``, ``time.decided``); who asked is a private field, never published,
and shown only to the team that runs the room.
"""

from __future__ import annotations

from django.db.models import F, Max

from minipublic import clock
from minipublic.deliberation.agenda import fresh_item
from minipublic.deliberation.models import AgendaItem, RequestStatus, Session, TimeRequest
from minipublic.integrity.record import append
from minipublic.ledger import format_time
from minipublic.lifecycle import Action, LifecycleError
from minipublic.processes.access import Actor, SystemActor, performs
from minipublic.processes.actions import _actor_role, _identity
from minipublic.processes.models import Process

#: The most minutes one request may ask for, and the longest reason.
REQUEST_MINUTES_MAX = 120
REASON_MAX = 1000


def _reason(text: str, code: str) -> str:
    reason = " ".join(text.split())
    if not reason:
        if code == "request":
            raise LifecycleError("time_request_needs_reason", "Say why more time would help.")
        raise LifecycleError(
            "time_decision_needs_reason",
            "Give the reason for the decision: the members and the public read it.",
        )
    if len(reason) > REASON_MAX:
        raise LifecycleError(
            "time_reason_too_long", "A reason has at most {limit} characters.", limit=REASON_MAX
        )
    return reason


def current_item(session: Session) -> AgendaItem | None:
    """The item a request is about by default: the one running, else the first item of
    the session not yet finished."""
    running = session.items.filter(intervals__ended_at__isnull=True, intervals__isnull=False)
    return (
        running.first()
        or session.items.filter(finished_at__isnull=True).order_by("position").first()
    )


@performs(Action.REQUEST_TIME)
def do_request_time(
    actor: Actor, process: Process, item: AgendaItem, *, minutes: int, reason: str
) -> TimeRequest:
    """Ask for ``minutes`` more on ``item`` (not yet finished), saying why.

    One open request per person and item: asking again waits for the decision.
    Records ``time.requested``; the requester is a private field.
    """
    fresh_item(process, item)
    if item.finished_at is not None:
        raise LifecycleError(
            "time_item_finished",
            "Item {position} “{title}” is over: more time can only be asked for an item "
            "that has not finished.",
            position=item.position,
            title=item.title,
        )
    if not 1 <= minutes <= REQUEST_MINUTES_MAX:
        raise LifecycleError(
            "time_request_minutes",
            "Ask for between 1 and {limit} minutes.",
            limit=REQUEST_MINUTES_MAX,
        )
    reason = _reason(reason, "request")
    person = None if isinstance(actor, SystemActor) or not actor.is_authenticated else actor
    if (
        person is not None
        and item.time_requests.filter(requested_by=person, status=RequestStatus.PENDING).exists()
    ):
        raise LifecycleError(
            "time_request_pending",
            "You have already asked for more time on this item: the team has not decided yet.",
        )
    last = TimeRequest.objects.filter(process=process).aggregate(last=Max("number"))["last"]
    made = clock.now().replace(microsecond=0)
    request = TimeRequest.objects.create(
        process=process,
        number=(last or 0) + 1,
        item=item,
        requested_by=person,
        minutes=minutes,
        reason=reason,
        made_at=made,
    )
    payload: dict[str, object] = {
        "number": request.number,
        "session": item.session.number,
        "position": item.position,
        "title": item.title,
        "minutes": minutes,
        "reason": reason,
        "at": format_time(made),
    }
    private = []
    if person is not None:
        payload["requester"] = _identity(person)
        private.append("requester")
    append(
        process,
        _actor_role(actor, process, Action.REQUEST_TIME),
        "time.requested",
        payload,
        private_fields=private,
    )
    return request


@performs(Action.DECIDE_TIME)
def do_decide_time_request(
    actor: Actor,
    process: Process,
    request: TimeRequest,
    *,
    grant: bool,
    minutes: int = 0,
    reason: str,
) -> TimeRequest:
    """Grant ``minutes`` (1 up to those asked for) of ``request``, or decline it; either
    way with a reason. Granting adds the minutes to the item's allowed time.

    A request is decided once. Records ``time.decided``.
    """
    if request.process_id != process.pk:
        raise LifecycleError("time_request_elsewhere", "That request belongs to another process.")
    request.refresh_from_db()
    if request.status != RequestStatus.PENDING:
        raise LifecycleError(
            "time_request_decided",
            "Request {number} has already been decided ({status}).",
            number=request.number,
            status=request.get_status_display(),
        )
    if grant and not 1 <= minutes <= request.minutes:
        raise LifecycleError(
            "time_grant_minutes",
            "Grant between 1 and the {asked} minutes asked for, or decline the request.",
            asked=request.minutes,
        )
    reason = _reason(reason, "decision")
    item = request.item
    role = _actor_role(actor, process, Action.DECIDE_TIME)
    request.status = RequestStatus.GRANTED if grant else RequestStatus.DECLINED
    request.granted_minutes = minutes if grant else 0
    request.decision_reason = reason
    request.decided_at = clock.now().replace(microsecond=0)
    request.decided_by_role = role
    request.save()
    if grant:
        AgendaItem.objects.filter(pk=item.pk).update(extra_minutes=F("extra_minutes") + minutes)
        item.refresh_from_db(fields=["extra_minutes"])
    append(
        process,
        role,
        "time.decided",
        {
            "number": request.number,
            "decision": request.status,
            "minutes_granted": request.granted_minutes,
            "reason": reason,
            "item_granted_minutes": item.extra_minutes,
        },
    )
    return request
