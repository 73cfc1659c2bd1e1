"""Named actions on the commissioner's answers: respond (and revise), and notice answers
that are overdue.

An answer is never edited: a revision is a new row, and both are public. Each answer is
e-mailed to the participants (``mail.queue_mailing``). Overdue answers are noticed by
``do_check_deadlines`` — run by ``minipublic accountability check-deadlines`` (hourly,
from cron) and by every action here — which records each once (``OverdueNotice``),
writes ``response.overdue`` to the ledger, e-mails the oversight group and re-evaluates
the conformance label, so a missed deadline changes it and the change is logged.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Max

from minipublic import clock
from minipublic.accountability import standing
from minipublic.accountability.common import (
    acting_role,
    check_adopted,
    identity,
    person,
    text,
)
from minipublic.accountability.mail import notify_overdue, queue_mailing
from minipublic.accountability.models import OverdueNotice, Response, ResponseStatus
from minipublic.integrity.record import append
from minipublic.lifecycle import Action, LifecycleError, Role
from minipublic.processes.access import SYSTEM, Actor, performs
from minipublic.processes.models import Process
from minipublic.recommendations.models import Recommendation


def _status(value: str) -> ResponseStatus:
    try:
        return ResponseStatus(value)
    except ValueError:
        raise LifecycleError(
            "response_status_unknown",
            "Answer accepted, accepted in part, rejected or under consideration.",
        ) from None


def _final_answer_by(status: ResponseStatus, value: date | None, today: date) -> date | None:
    if status != ResponseStatus.UNDER_CONSIDERATION:
        return None
    if value is None:
        raise LifecycleError(
            "response_needs_final_date",
            "Say by which date the final answer will come: it is published with the answer.",
        )
    if value <= today:
        raise LifecycleError(
            "response_final_date_past", "The date of the final answer must be in the future."
        )
    return value


@performs(Action.RESPOND)
def do_respond(
    actor: Actor,
    process: Process,
    recommendation: Recommendation,
    *,
    status: ResponseStatus | str,
    reasons: str,
    final_answer_by: date | None = None,
) -> Response:
    """Publish the commissioner's answer to an adopted recommendation (or a revision of
    it), with reasons, once the participants' report has been delivered.

    ``final_answer_by`` is required for "under consideration" and ignored otherwise.
    The answer is e-mailed to the participants who have not opted out.
    """
    check_adopted(process, recommendation)
    due = standing.deadline(process)
    if standing.delivered_on(process) is None:
        raise LifecycleError(
            "report_not_delivered",
            "The participants' report has not been delivered yet: answers come after it.",
        )
    today = clock.now().date()
    answer = _status(str(status))
    reasons = text(
        reasons,
        code="response_needs_reasons",
        message="Give the reasons for the answer: they are published with it.",
    )
    promised = _final_answer_by(answer, final_answer_by, today)
    current = standing.current_responses(process).get(recommendation.pk)
    if current is not None and (current.status, current.reasons, current.final_answer_by) == (
        answer.value,
        reasons,
        promised,
    ):
        raise LifecycleError("response_unchanged", "This is already the published answer.")
    last = Response.objects.filter(recommendation=recommendation).aggregate(n=Max("revision"))["n"]
    who = person(actor)
    response = Response.objects.create(
        process=process,
        recommendation=recommendation,
        revision=(last or 0) + 1,
        status=answer.value,
        reasons=reasons,
        final_answer_by=promised,
        made_at=clock.now(),
        made_by=who,
    )
    append(
        process,
        acting_role(actor, process, (Role.COMMISSIONER,)),
        "response.published",
        {
            "recommendation": recommendation.number,
            "revision": response.revision,
            "status": answer.value,
            "reasons": reasons,
            "final_answer_by": promised.isoformat() if promised else None,
            "deadline": due.isoformat() if due else None,
            "late": current is None and due is not None and today > due,
            "by": identity(who),
        },
        private_fields=["by"],
    )
    queue_mailing(process, response=response)
    _notice_overdue(process, today)
    _reevaluate(actor, process, today)
    return response


@performs(Action.VIEW_PROCESS)
def do_check_deadlines(
    actor: Actor, process: Process, *, today: date | None = None
) -> list[OverdueNotice]:
    """Notice every answer of ``process`` that is overdue and not noticed yet: record it,
    log ``response.overdue``, e-mail the oversight group and re-evaluate the conformance
    label. Safe to repeat: each overdue answer is noticed once per due date. Anyone who
    may read the process may trigger it (it decides nothing; the command does hourly)."""
    today = today or clock.now().date()
    noticed = _notice_overdue(process, today)
    if noticed:
        _reevaluate(actor, process, today)
    return noticed


def _reevaluate(actor: Actor, process: Process, today: date) -> None:
    # An answer published or overdue may change the conformance label; do_reevaluate
    # logs the change (conformance.label_changed).
    from minipublic.conformance.actions import do_reevaluate

    do_reevaluate(actor, process, today=today)


def notice_overdue(process: Process, today: date) -> list[OverdueNotice]:
    """For the other accountability actions: notice overdue answers (no re-evaluation)."""
    return _notice_overdue(process, today)


def _notice_overdue(process: Process, today: date) -> list[OverdueNotice]:
    noticed: list[OverdueNotice] = []
    for item in standing.overdue(process, today):
        notice, created = OverdueNotice.objects.get_or_create(
            recommendation=item.recommendation,
            kind=item.kind,
            due_on=item.due_on,
            defaults={"process": process, "noticed_at": clock.now()},
        )
        if not created:
            continue
        notice.recipients = notify_overdue(notice)
        notice.save(update_fields=["recipients"])
        # The platform noticed it, whoever's action happened to trigger the check.
        append(
            process,
            SYSTEM.label,
            "response.overdue",
            {
                "recommendation": item.recommendation.number,
                "kind": item.kind,
                "due_on": item.due_on.isoformat(),
                "oversight_notified": notice.recipients,
            },
        )
        noticed.append(notice)
    return noticed
