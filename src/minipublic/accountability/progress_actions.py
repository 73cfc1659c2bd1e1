"""Named actions on implementing an accepted recommendation: who is responsible and when
progress is next reviewed, milestones, and progress updates.

The commissioner reports progress; the lead practitioner may post what the responsible
body sent them, and such a post is labelled "on behalf of" that body. Everything is
public with its history: earlier values stay in ``history`` and in the ledger, and
progress updates are never edited. Each progress update is e-mailed to the participants.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Max

from minipublic import clock
from minipublic.accountability import standing
from minipublic.accountability.common import acting_role, check_adopted, identity, person
from minipublic.accountability.common import text as clean_text
from minipublic.accountability.mail import queue_mailing
from minipublic.accountability.models import (
    ACCEPTING,
    NAME_MAX,
    Implementation,
    Milestone,
    ProgressStatus,
    ProgressUpdate,
)
from minipublic.accountability.response_actions import notice_overdue
from minipublic.integrity.record import append
from minipublic.lifecycle import Action, LifecycleError, Role
from minipublic.processes.access import Actor, performs
from minipublic.processes.models import Process
from minipublic.recommendations.models import Recommendation

_POSTERS = (Role.COMMISSIONER, Role.LEAD_PRACTITIONER)


def _check_accepted(process: Process, recommendation: Recommendation) -> None:
    check_adopted(process, recommendation)
    current = standing.current_responses(process).get(recommendation.pk)
    if current is None or current.status not in ACCEPTING:
        raise LifecycleError(
            "progress_not_accepted",
            "Recommendation {number} has not been accepted (in whole or in part): there is "
            "no implementation to track.",
            number=recommendation.number,
        )


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


@performs(Action.REPORT_PROGRESS)
def do_set_implementation(
    actor: Actor,
    process: Process,
    recommendation: Recommendation,
    *,
    responsible_body: str,
    next_review_on: date | None,
) -> Implementation:
    """Name the body responsible for implementing an accepted recommendation and the
    date its progress is next reviewed; an earlier value stays in the history."""
    _check_accepted(process, recommendation)
    body = clean_text(
        responsible_body,
        code="progress_needs_body",
        message="Name the body responsible for implementing it.",
        limit=NAME_MAX,
    )
    role = acting_role(actor, process, _POSTERS)
    now = clock.now()
    found = Implementation.objects.filter(recommendation=recommendation).first()
    if found is None:
        found = Implementation(process=process, recommendation=recommendation, history=[])
    elif (found.responsible_body, found.next_review_on) == (body, next_review_on):
        raise LifecycleError("progress_unchanged", "Nothing has changed.")
    else:
        found.history = [
            *found.history,
            {
                "until": now.isoformat(),
                "responsible_body": found.responsible_body,
                "next_review_on": _iso(found.next_review_on),
            },
        ]
    found.responsible_body, found.next_review_on, found.updated_at = body, next_review_on, now
    found.save()
    append(
        process,
        role,
        "implementation.updated",
        {
            "recommendation": recommendation.number,
            "responsible_body": body,
            "next_review_on": _iso(next_review_on),
        },
    )
    return found


def _title(value: str) -> str:
    return clean_text(
        " ".join(value.split()),
        code="milestone_needs_title",
        message="Say what the milestone is.",
        limit=NAME_MAX,
    )


def _not_future(done_on: date | None) -> date | None:
    if done_on is not None and done_on > clock.now().date():
        raise LifecycleError(
            "milestone_done_in_future", "A milestone cannot be done on a day still to come."
        )
    return done_on


@performs(Action.REPORT_PROGRESS)
def do_add_milestone(
    actor: Actor,
    process: Process,
    recommendation: Recommendation,
    *,
    title: str,
    due_on: date,
    done_on: date | None = None,
) -> Milestone:
    """Add a milestone (title and due date; done date if already reached)."""
    _check_accepted(process, recommendation)
    title = _title(title)
    done_on = _not_future(done_on)
    last = Milestone.objects.filter(process=process).aggregate(n=Max("number"))["n"]
    milestone = Milestone.objects.create(
        process=process,
        recommendation=recommendation,
        number=(last or 0) + 1,
        title=title,
        due_on=due_on,
        done_on=done_on,
        created_at=clock.now(),
        history=[],
    )
    append(
        process,
        acting_role(actor, process, _POSTERS),
        "milestone.added",
        {
            "recommendation": recommendation.number,
            "milestone": milestone.number,
            "title": title,
            "due_on": due_on.isoformat(),
            "done_on": _iso(done_on),
        },
    )
    return milestone


@performs(Action.REPORT_PROGRESS)
def do_update_milestone(
    actor: Actor, process: Process, milestone: Milestone, *, due_on: date, done_on: date | None
) -> Milestone:
    """Move a milestone's due date or record (or clear) the day it was done; each change
    is kept in its public history."""
    if milestone.process_id != process.pk:
        raise LifecycleError(
            "recommendation_elsewhere", "That recommendation belongs to another process."
        )
    _check_accepted(process, milestone.recommendation)
    done_on = _not_future(done_on)
    changes: list[dict[str, Any]] = []
    now = clock.now().isoformat()
    for field, value in (("due_on", due_on), ("done_on", done_on)):
        before = getattr(milestone, field)
        if before != value:
            change = {"at": now, "field": field, "before": _iso(before), "after": _iso(value)}
            changes.append(change)
            setattr(milestone, field, value)
    if not changes:
        raise LifecycleError("progress_unchanged", "Nothing has changed.")
    milestone.history = [*milestone.history, *changes]
    milestone.save()
    append(
        process,
        acting_role(actor, process, _POSTERS),
        "milestone.changed",
        {
            "recommendation": milestone.recommendation.number,
            "milestone": milestone.number,
            "changes": [{k: v for k, v in change.items() if k != "at"} for change in changes],
        },
    )
    return milestone


def _progress_status(value: str) -> ProgressStatus:
    try:
        return ProgressStatus(value)
    except ValueError:
        raise LifecycleError(
            "progress_status_unknown", "Choose not started, on track, delayed or done."
        ) from None


@performs(Action.REPORT_PROGRESS)
def do_report_progress(
    actor: Actor,
    process: Process,
    recommendation: Recommendation,
    *,
    status: ProgressStatus | str,
    text: str,
    as_of: date | None = None,
) -> ProgressUpdate:
    """Publish a progress update on an accepted recommendation (``as_of`` defaults to
    today) and e-mail it to the participants who have not opted out.

    Posted by the lead practitioner (not as commissioner), it is labelled as posted on
    behalf of the responsible body, which must be named first.
    """
    _check_accepted(process, recommendation)
    progress = _progress_status(str(status))
    body = clean_text(text, code="progress_needs_text", message="Say what has happened.")
    today = clock.now().date()
    as_of = as_of or today
    if as_of > today:
        raise LifecycleError("progress_in_future", "A progress update cannot be dated ahead.")
    role = acting_role(actor, process, _POSTERS)
    on_behalf_of = ""
    if role == Role.LEAD_PRACTITIONER.value:
        implementation = Implementation.objects.filter(recommendation=recommendation).first()
        if implementation is None:
            raise LifecycleError(
                "progress_body_unknown",
                "Name the responsible body first: you post on its behalf.",
            )
        on_behalf_of = implementation.responsible_body
    last = ProgressUpdate.objects.filter(process=process).aggregate(n=Max("number"))["n"]
    who = person(actor)
    update = ProgressUpdate.objects.create(
        process=process,
        recommendation=recommendation,
        number=(last or 0) + 1,
        status=progress.value,
        text=body,
        as_of=as_of,
        posted_at=clock.now(),
        posted_role=role,
        on_behalf_of=on_behalf_of,
        posted_by=who,
    )
    append(
        process,
        role,
        "progress.reported",
        {
            "recommendation": recommendation.number,
            "update": update.number,
            "status": progress.value,
            "text": body,
            "as_of": as_of.isoformat(),
            "on_behalf_of": on_behalf_of or None,
            "by": identity(who),
        },
        private_fields=["by"],
    )
    queue_mailing(process, progress=update)
    notice_overdue(process, today)
    return update
