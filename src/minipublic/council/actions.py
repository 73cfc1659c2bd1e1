"""The council's actions: schedule, rotation draws, seating, topics, experts, follow-ups.

Every change is a ``do_*`` function performing ``Action.MANAGE_COUNCIL`` (the lead
practitioner: schedule and rotations) or ``Action.COUNCIL_ACT`` (members and the
secretariat: topics, experts, follow-ups), refused on a process that is not a
permanent council, and appending a ``council.*`` ledger entry in the same transaction.
Committing to a rotation run and drawing it use the selection app's public draw
(``Action.DRAW_PANEL``).
"""

from __future__ import annotations

from datetime import date

from minipublic import clock
from minipublic.council.models import (
    EndReason,
    ExpertChoice,
    FollowUp,
    FollowUpStatus,
    Rotation,
    RotationSchedule,
    Term,
    Topic,
    TopicStatus,
)
from minipublic.council.schedule import (
    add_months,
    cohort_end,
    council_panel,
    former_members,
    is_council,
    next_due,
    open_rotation,
    require_council,
    sitting_terms,
    unseated_run,
)
from minipublic.integrity.record import append
from minipublic.lifecycle import Action, LifecycleError
from minipublic.processes.access import Actor, performs
from minipublic.processes.actions import _actor_role, _person
from minipublic.processes.models import Process
from minipublic.recruitment.models import Registrant, RegistrantStatus
from minipublic.selection.commit import committed_selection
from minipublic.selection.draw import dropouts
from minipublic.selection.models import RunKind, SelectionRun
from minipublic.selection.rotation import queue_rotation_run
from minipublic.selection.runs import ACTIVE, fail_stale_runs

TITLE_MAX = 200
TEXT_MAX = 4000
REASON_MAX = 2000


def _text(value: str, code: str, message: str, limit: int = TEXT_MAX) -> str:
    text = value.strip()
    if not text:
        raise LifecycleError(code, message)
    if len(text) > limit:
        raise LifecycleError(
            "council_text_too_long", "Write at most {limit} characters.", limit=limit
        )
    return text


# ---------------------------------------------------------------- schedule and rotation


@performs(Action.MANAGE_COUNCIL)
def do_set_schedule(
    actor: Actor,
    process: Process,
    *,
    seats: int,
    term_months: int,
    seats_per_rotation: int,
    first_rotation: date,
) -> RotationSchedule:
    """Set the council's size, the length of a term and the rotation by thirds (or other share).

    The seats must divide into equal rotating groups, and the term into equal intervals
    (24 seats, 18 months, 8 per rotation: a rotation every 6 months). Terms already
    running keep their dates: a new schedule never rewrites them.
    """
    require_council(process)
    if seats < 1 or seats_per_rotation < 1 or term_months < 1:
        raise LifecycleError("schedule_invalid", "Seats, term and rotation must be at least 1.")
    if seats % seats_per_rotation:
        raise LifecycleError(
            "schedule_uneven",
            "{seats} seats do not divide into groups of {share}.",
            seats=seats,
            share=seats_per_rotation,
        )
    cohorts = seats // seats_per_rotation
    if term_months % cohorts:
        raise LifecycleError(
            "schedule_months_uneven",
            "A term of {months} months does not divide into {cohorts} equal intervals.",
            months=term_months,
            cohorts=cohorts,
        )
    schedule, _created = RotationSchedule.objects.update_or_create(
        process=process,
        defaults={
            "seats": seats,
            "term_months": term_months,
            "seats_per_rotation": seats_per_rotation,
            "first_rotation": first_rotation,
            "set_at": clock.now(),
        },
    )
    append(
        process,
        _actor_role(actor, process, Action.MANAGE_COUNCIL),
        "council.schedule_set",
        {
            "seats": seats,
            "term_months": term_months,
            "seats_per_rotation": seats_per_rotation,
            "interval_months": schedule.interval_months,
            "first_rotation": first_rotation.isoformat(),
        },
    )
    return schedule


@performs(Action.MANAGE_COUNCIL)
def do_start_rotation(actor: Actor, process: Process, *, reason: str) -> Rotation:
    """Queue the rotation draw for the seats due at the next rotation date.

    The engine fills exactly those seats (and any seat whose member left) from the
    council's pool, without its sitting and former members, keeping the whole council
    within its quotas. The run is then committed and drawn in public like any run.
    """
    require_council(process)
    reason = _text(
        reason, "rotation_needs_reason", "Say publicly why this draw is made.", REASON_MAX
    )
    selection = committed_selection(process)
    if selection is None or unseated_run(process) is not None or not sitting_terms(process):
        raise LifecycleError(
            "council_not_seated", "The council has no seated members yet: seat the first draw."
        )
    if open_rotation(process) is not None:
        raise LifecycleError(
            "rotation_open",
            "A rotation draw is already under way: commit, draw and seat it first.",
        )
    fail_stale_runs(process)
    busy = SelectionRun.objects.filter(process=process, status__in=ACTIVE).first()
    if busy is not None:
        raise LifecycleError(
            "run_in_progress",
            "Run {number} has not finished yet; wait for it or cancel it.",
            number=busy.number,
        )
    due = next_due(process)
    if due is None or not due.terms:
        raise LifecycleError("rotation_not_due", "No seat is due for rotation.")
    panel = council_panel(process)
    resigned = dropouts(process)
    leaving = [term.pseudonym for term in due.terms if term.pseudonym not in resigned]
    gone = [*leaving, *resigned]
    seats = sorted(
        {term.seat for term in due.terms}
        | set(sitting_terms(process).filter(pseudonym__in=resigned).values_list("seat", flat=True))
    )
    keeps = [pseudonym for pseudonym in panel if pseudonym not in set(gone)]
    former = former_members(process)
    role = _actor_role(actor, process, Action.MANAGE_COUNCIL)
    run = queue_rotation_run(
        process,
        selection,
        keeps=keeps,
        leaving=gone,
        former=former,
        reason=reason,
        role=role,
        started_by=_person(actor),
    )
    rotation = Rotation.objects.create(
        process=process,
        run=run,
        due_on=due.on,
        seats=seats,
        leaving=gone,
        former=former,
        started_at=clock.now(),
    )
    append(
        process,
        role,
        "council.rotation_started",
        {
            "run": run.number,
            "due_on": due.on.isoformat(),
            "seats": seats,
            "leaving": gone,
            "former_members_excluded": former,
            "reason": reason,
        },
    )
    return rotation


@performs(Action.MANAGE_COUNCIL)
def do_seat_members(actor: Actor, process: Process, *, starts_on: date | None = None) -> list[Term]:
    """Give the members drawn by the latest public draw their seats and terms.

    After the first selection every seat is filled, the terms ending in turn at the
    scheduled rotations; after a rotation draw the seats due are filled for a full term
    from the rotation date, and the leaving members' terms end on that date.
    """
    require_council(process)
    schedule = RotationSchedule.objects.filter(process=process).first()
    if schedule is None:
        raise LifecycleError("schedule_missing", "Set the rotation schedule first.")
    run = unseated_run(process)
    if run is None:
        raise LifecycleError("nothing_to_seat", "There is no new draw whose members need seats.")
    drawn = [str(member) for member in run.draw.members]
    users = dict(
        Registrant.objects.filter(process=process, pseudonym__in=drawn).values_list(
            "pseudonym", "user_id"
        )
    )
    ended: list[dict[str, object]] = []
    if run.kind == RunKind.SELECTION:
        if len(drawn) != schedule.seats:
            raise LifecycleError(
                "seats_mismatch",
                "The draw chose {drawn} members for {seats} seats; correct the schedule.",
                drawn=len(drawn),
                seats=schedule.seats,
            )
        start = starts_on or clock.now().date()
        plan = [
            (seat, pseudonym, start, cohort_end(schedule, seat))
            for seat, pseudonym in enumerate(drawn, start=1)
        ]
        rotation = None
    else:
        rotation = Rotation.objects.filter(process=process, run=run).first()
        if rotation is None:
            raise LifecycleError(
                "run_not_rotation", "Run {number} is not a rotation draw.", number=run.number
            )
        start = rotation.due_on
        leaving = list(sitting_terms(process).filter(pseudonym__in=rotation.leaving))
        # A seat left early is filled for the rest of its term, so that the groups keep
        # rotating in turn; a seat whose term ended is filled for a whole term.
        ends = {term.seat: term.ends_on for term in leaving if term.ends_on > start}
        full = add_months(start, schedule.term_months)
        plan = [
            (seat, pseudonym, start, ends.get(seat, full))
            for seat, pseudonym in zip(rotation.seats, drawn, strict=True)
        ]
        for term in leaving:
            term.ended_on = min(term.ends_on, start)
            term.ended_reason = EndReason.ROTATED if term.ends_on <= start else EndReason.RESIGNED
            term.save(update_fields=["ended_on", "ended_reason"])
            ended.append(
                {"seat": term.seat, "pseudonym": term.pseudonym, "reason": term.ended_reason}
            )
        rotation.filled_at = clock.now()
        rotation.save(update_fields=["filled_at"])
    terms = [
        Term.objects.create(
            process=process,
            seat=seat,
            pseudonym=pseudonym,
            user_id=users.get(pseudonym),
            starts_on=begin,
            ends_on=end,
            run=run,
        )
        for seat, pseudonym, begin, end in plan
    ]
    Registrant.objects.filter(process=process, pseudonym__in=drawn).update(
        status=RegistrantStatus.CONFIRMED
    )
    append(
        process,
        _actor_role(actor, process, Action.MANAGE_COUNCIL),
        "council.seats_filled",
        {
            "run": run.number,
            "rotation_of": rotation.due_on.isoformat() if rotation else None,
            "seats": [
                {
                    "seat": term.seat,
                    "pseudonym": term.pseudonym,
                    "starts_on": term.starts_on.isoformat(),
                    "ends_on": term.ends_on.isoformat(),
                }
                for term in terms
            ],
            "ended": ended,
        },
    )
    return terms


# ---------------------------------------------------------------- topics and experts


@performs(Action.COUNCIL_ACT)
def do_propose_topic(actor: Actor, process: Process, *, title: str, why: str) -> Topic:
    """Put a topic on the council's agenda, with why the council should take it up."""
    require_council(process)
    title = _text(title, "topic_needs_text", "Give the topic a title and say why.", TITLE_MAX)
    why = _text(why, "topic_needs_text", "Give the topic a title and say why.")
    role = _actor_role(actor, process, Action.COUNCIL_ACT)
    topic = Topic.objects.create(
        process=process,
        title=title,
        why=why,
        proposed_on=clock.now().date(),
        proposed_by_role=role,
    )
    append(
        process,
        role,
        "council.topic_proposed",
        {"topic": topic.pk, "title": title, "why": why},
    )
    return topic


def _assembly(process: Process, assembly: Process | None) -> Process | None:
    if assembly is None:
        return None
    if assembly.pk == process.pk or is_council(assembly):
        raise LifecycleError(
            "assembly_is_council", "An assembly convened by the council cannot be a council."
        )
    return assembly


@performs(Action.COUNCIL_ACT)
def do_decide_topic(
    actor: Actor,
    process: Process,
    topic: Topic,
    *,
    status: str,
    note: str,
    votes_for: int | None = None,
    votes_against: int | None = None,
    votes_abstaining: int | None = None,
    assembly: Process | None = None,
) -> Topic:
    """Record the council's decision on ``topic``: adopted, declined, or an assembly convened.

    The secretariat records the vote as counted in the meeting. Convening names the
    assembly process; a declined topic stays declined.
    """
    require_council(process)
    topic = Topic.objects.get(pk=topic.pk)
    if topic.process_id != process.pk:
        raise LifecycleError("topic_elsewhere", "That topic belongs to another process.")
    if status not in (TopicStatus.ADOPTED, TopicStatus.DECLINED, TopicStatus.CONVENED):
        raise LifecycleError("topic_status_unknown", "{status} is not a decision.", status=status)
    if topic.status in (TopicStatus.DECLINED, TopicStatus.CONVENED):
        raise LifecycleError(
            "topic_already_decided",
            "The council has already decided on {title}.",
            title=topic.title,
        )
    if status == TopicStatus.CONVENED and assembly is None:
        raise LifecycleError("convene_needs_assembly", "Name the assembly convened for the topic.")
    votes = (votes_for, votes_against, votes_abstaining)
    if any(vote is not None and vote < 0 for vote in votes):
        raise LifecycleError("votes_negative", "A vote count cannot be negative.")
    topic.status = status
    topic.decision_note = _text(
        note, "decision_needs_note", "Say what the council decided and why."
    )
    topic.votes_for, topic.votes_against, topic.votes_abstaining = votes
    topic.decided_on = clock.now().date()
    topic.assembly = _assembly(process, assembly) if status == TopicStatus.CONVENED else None
    topic.save()
    append(
        process,
        _actor_role(actor, process, Action.COUNCIL_ACT),
        "council.topic_decided",
        {
            "topic": topic.pk,
            "title": topic.title,
            "status": status,
            "note": topic.decision_note,
            "votes": {"for": votes_for, "against": votes_against, "abstaining": votes_abstaining},
            "assembly": topic.assembly.slug if topic.assembly else None,
        },
    )
    return topic


@performs(Action.COUNCIL_ACT)
def do_choose_expert(
    actor: Actor, process: Process, topic: Topic, *, name: str, field: str, why: str
) -> ExpertChoice:
    """Record an expert the council chose to inform the assembly on an adopted topic."""
    require_council(process)
    topic = Topic.objects.get(pk=topic.pk)
    if topic.process_id != process.pk:
        raise LifecycleError("topic_elsewhere", "That topic belongs to another process.")
    if topic.status not in (TopicStatus.ADOPTED, TopicStatus.CONVENED):
        raise LifecycleError(
            "topic_not_adopted", "Experts are chosen for a topic the council adopted."
        )
    message = "Give the expert's name, field and why the council chose them."
    choice = ExpertChoice.objects.create(
        topic=topic,
        name=_text(name, "expert_needs_text", message, TITLE_MAX),
        field=_text(field, "expert_needs_text", message, TITLE_MAX),
        why=_text(why, "expert_needs_text", message),
        chosen_on=clock.now().date(),
    )
    append(
        process,
        _actor_role(actor, process, Action.COUNCIL_ACT),
        "council.expert_chosen",
        {
            "topic": topic.pk,
            "name": choice.name,
            "field": choice.field,
            "why": choice.why,
        },
    )
    return choice


# ---------------------------------------------------------------- follow-ups


@performs(Action.COUNCIL_ACT)
def do_record_follow_up(
    actor: Actor,
    process: Process,
    *,
    assembly: Process,
    subject: str,
    status: str,
    summary: str,
    next_check_on: date | None = None,
) -> FollowUp:
    """Record where the response to an earlier assembly stands, and when to check again.

    A matter still open (not implemented, not rejected) needs a next check after today;
    a rejection needs the reasons given in ``summary``.
    """
    require_council(process)
    _assembly(process, assembly)
    if status not in FollowUpStatus.values:
        raise LifecycleError(
            "follow_up_status_unknown", "{status} is not a status of a response.", status=status
        )
    subject = _text(
        subject, "follow_up_needs_text", "Say what is followed up and what you found.", 300
    )
    summary = _text(summary, "follow_up_needs_text", "Say what is followed up and what you found.")
    today = clock.now().date()
    settled = status in (FollowUpStatus.IMPLEMENTED, FollowUpStatus.REJECTED)
    if not settled and (next_check_on is None or next_check_on <= today):
        raise LifecycleError(
            "follow_up_needs_next_check", "Give a date after today for the next check."
        )
    row = FollowUp.objects.create(
        process=process,
        assembly=assembly,
        subject=subject,
        status=status,
        summary=summary,
        recorded_on=today,
        next_check_on=None if settled else next_check_on,
    )
    append(
        process,
        _actor_role(actor, process, Action.COUNCIL_ACT),
        "council.follow_up",
        {
            "assembly": assembly.slug,
            "subject": subject,
            "status": status,
            "summary": summary,
            "next_check_on": row.next_check_on.isoformat() if row.next_check_on else None,
        },
    )
    return row
