"""The public draw, the panel's confirmation statuses, and replacing dropouts.

A committed run is drawn once, at or after the announced time, with the public
randomness; the engine turns it into a panel number of the committed lottery. The drawn
people become "selected"; recruiters then record who confirmed, declined, could not be
reached or dropped out. Dropouts are replaced by a replacement run of the engine over the
rest of the pool (computed by the background worker like a selection run), committed
and drawn in public like the selection.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import Q

from minipublic import clock
from minipublic.integrity.record import append
from minipublic.lifecycle import Action, LifecycleError, ProcessModel
from minipublic.processes.access import Actor, performs
from minipublic.processes.actions import _actor_role, _person
from minipublic.processes.models import Process
from minipublic.recruitment.models import Registrant, RegistrantStatus
from minipublic.selection.commit import (
    PUBLIC_DRAW,
    committed_selection,
    public_draw_record,
    publish_file,
    read_json,
    run_directory,
    run_instance,
    run_verified,
)
from minipublic.selection.models import Draw, RunKind, RunStatus, SelectionRun
from minipublic.selection.runs import ACTIVE, fail_stale_runs
from minipublic.selection.tasks import execute_run
from minipublic.sortition.errors import SortitionError
from minipublic.sortition.outputs import draw_panel
from minipublic.sortition.replace import draw_replacements
from minipublic.sortition.report import add_draw

RANDOMNESS_MAX = 200
REASON_MAX = 2000
#: The statuses a recruiter sets for a panel member.
MEMBER_STATUSES = (
    RegistrantStatus.CONFIRMED,
    RegistrantStatus.DECLINED,
    RegistrantStatus.UNREACHABLE,
    RegistrantStatus.WITHDRAWN,
)
#: Members with these statuses are replaced by the next replacement run.
DROPOUT_STATUSES = (RegistrantStatus.DECLINED, RegistrantStatus.WITHDRAWN)


def drawn_runs(process: Process) -> list[SelectionRun]:
    """The committed selection run and its replacement runs that were drawn, in order."""
    selection = committed_selection(process)
    if selection is None:
        return []
    runs = SelectionRun.objects.filter(process=process, draw__isnull=False).filter(
        Q(pk=selection.pk) | Q(kind=RunKind.REPLACEMENT, replaces_in=selection)
    )
    return list(runs.select_related("draw").order_by("number"))


def current_panel(process: Process) -> tuple[SelectionRun | None, list[str]]:
    """The committed selection run and the pseudonyms of the panel as it stands now.

    The panel is the selection's draw, or after replacements the confirmed members the
    latest replacement kept plus the replacements it drew. Empty before the draw.
    """
    selection = committed_selection(process)
    runs = drawn_runs(process)
    if not runs:
        return selection, []
    last = runs[-1]
    drawn = [str(member) for member in last.draw.members]
    if last.kind == RunKind.SELECTION:
        return selection, drawn
    record = read_json(last, "inputs.json")["replacement"]
    return selection, [person["id"] for person in record["confirmed"]] + drawn


def pending_run(process: Process) -> SelectionRun | None:
    """The committed run that waits for its draw (selection or replacement), if any."""
    return (
        SelectionRun.objects.filter(process=process, committed_at__isnull=False, draw__isnull=True)
        .order_by("number")
        .first()
    )


def _engine_draw(run: SelectionRun, randomness: str) -> dict[str, Any]:
    directory = run_directory(run)
    instance = run_instance(run)
    try:
        if run.kind == RunKind.REPLACEMENT and run.replaces_in is not None:
            original = run_instance(run.replaces_in)
            return draw_replacements(original, instance, directory, randomness, mode="draw")
        result = draw_panel(instance, directory, randomness, mode="draw")
        add_draw(directory, instance, result, "")
        return result
    except SortitionError as error:
        raise LifecycleError(
            "draw_refused", "The engine refused the draw: {problem}", problem=str(error)
        ) from None


@performs(Action.DRAW_PANEL)
def do_draw_panel(actor: Actor, process: Process, run: SelectionRun, *, randomness: str) -> Draw:
    """Draw the panel of the committed ``run`` with the public ``randomness``; once only.

    Refused before the announced time. The drawn people become "selected", draw.json is
    published, the run's files are verified once (the result kept in its summary), and
    the ledger records the randomness, the panel number and the members'
    pseudonyms.
    """
    run = SelectionRun.objects.select_related("replaces_in").get(pk=run.pk)
    if run.process_id != process.pk:
        raise LifecycleError("run_elsewhere", "That run belongs to another process.")
    if run.committed_at is None:
        raise LifecycleError(
            "run_not_committed",
            "Run {number} is not committed: commit first, then draw.",
            number=run.number,
        )
    if Draw.objects.filter(run=run).exists():
        raise LifecycleError(
            "run_already_drawn",
            "Run {number} has already been drawn: one commitment allows one draw.",
            number=run.number,
        )
    text = randomness.strip()
    if not text:
        raise LifecycleError("draw_needs_randomness", "Enter the public randomness.")
    if len(text) > RANDOMNESS_MAX:
        raise LifecycleError(
            "draw_randomness_too_long",
            "The randomness has at most {limit} characters.",
            limit=RANDOMNESS_MAX,
        )
    record = public_draw_record(run)
    announced = record.get("announced_for")
    announced_for = None
    if announced:
        announced_for = datetime.fromisoformat(announced)
        if clock.now() < announced_for:
            raise LifecycleError(
                "draw_too_early",
                "The draw was announced for {time}; it cannot happen before then.",
                time=announced_for.isoformat(timespec="minutes"),
            )
    result = _engine_draw(run, text)
    members = [str(member) for member in result["panel"]]
    role = _actor_role(actor, process, Action.DRAW_PANEL)
    draw = Draw.objects.create(
        run=run,
        randomness=text,
        panel_number=result["panel_number"],
        members=members,
        announced_for=announced_for,
        drawn_at=clock.now(),
        drawn_by_role=role,
    )
    Registrant.objects.filter(process=process, pseudonym__in=members).update(
        status=RegistrantStatus.SELECTED
    )
    path = publish_file(
        actor, process, run, "draw.json", (run_directory(run) / "draw.json").read_bytes()
    )
    run.summary = {
        **(run.summary or {}),
        PUBLIC_DRAW: {
            **record,
            "documents": {**record.get("documents", {}), "draw.json": path},
        },
    }
    run.save(update_fields=["summary"])
    # Checked from disk once, now; pages read the stored result (``run.summary``).
    run_verified(run, reverify=True)
    append(
        process,
        role,
        "selection.drawn",
        {
            "run": run.number,
            "randomness": text,
            "method": result["method"],
            "panel_number": draw.panel_number,
            "members": members,
        },
    )
    return draw


@performs(Action.MANAGE_PANEL)
def do_set_member_status(
    actor: Actor, process: Process, registrant: Registrant, status: RegistrantStatus | str
) -> Registrant:
    """Record that a panel member confirmed, declined, could not be reached or dropped out."""
    if status not in MEMBER_STATUSES:
        raise LifecycleError(
            "member_status_unknown", "{status} is not a status of a panel member.", status=status
        )
    registrant = Registrant.objects.get(pk=registrant.pk)
    _selection, panel = current_panel(process)
    if registrant.process_id != process.pk or registrant.pseudonym not in panel:
        raise LifecycleError(
            "not_on_panel",
            "{pseudonym} is not a member of the panel.",
            pseudonym=registrant.pseudonym,
        )
    if registrant.status == status:
        return registrant
    registrant.status = RegistrantStatus(status)
    registrant.save(update_fields=["status"])
    append(
        process,
        _actor_role(actor, process, Action.MANAGE_PANEL),
        "panel.status_changed",
        {"pseudonym": registrant.pseudonym, "status": registrant.status},
    )
    return registrant


def dropouts(process: Process) -> list[str]:
    """The pseudonyms of panel members who declined or dropped out, not yet replaced."""
    _selection, panel = current_panel(process)
    gone = Registrant.objects.filter(
        process=process, pseudonym__in=panel, status__in=DROPOUT_STATUSES
    ).values_list("pseudonym", flat=True)
    return [pseudonym for pseudonym in panel if pseudonym in set(gone)]


@performs(Action.RUN_SELECTION)
def do_replace_dropouts(actor: Actor, process: Process, *, reason: str) -> SelectionRun:
    """Queue a replacement run for the panel members who declined or dropped out.

    The background worker (``tasks.execute_run``) keeps everyone else on the panel and
    selects replacements fairly from the rest of the pool; the run is recorded whatever
    its outcome (``selection.run_finished``) and, when finished, is committed and drawn
    in public like the selection. Refused while another run is waiting or running.
    """
    reason = reason.strip()
    if not reason:
        raise LifecycleError("run_needs_reason", "Say publicly why this run is made.")
    if len(reason) > REASON_MAX:
        raise LifecycleError(
            "run_reason_too_long", "Say why in at most {limit} characters.", limit=REASON_MAX
        )
    if process.model == ProcessModel.PERMANENT_COUNCIL:
        # A council fills seats only by its rotation draws (council/), which keep former
        # members out of the pool; an ordinary replacement run would not.
        raise LifecycleError(
            "council_replaces_by_rotation",
            "A permanent council fills empty seats with its rotation draws.",
        )
    selection, panel = current_panel(process)
    if selection is None or not panel:
        raise LifecycleError("panel_not_drawn", "There is no drawn panel yet.")
    if pending_run(process) is not None:
        raise LifecycleError(
            "replacement_pending",
            "Run {number} is committed but not drawn yet; draw it first.",
            number=pending_run(process).number,  # type: ignore[union-attr]
        )
    fail_stale_runs(process)
    busy = SelectionRun.objects.filter(process=process, status__in=ACTIVE).first()
    if busy is not None:
        raise LifecycleError(
            "run_in_progress",
            "Run {number} has not finished yet; wait for it or cancel it.",
            number=busy.number,
        )
    gone = dropouts(process)
    if not gone:
        raise LifecycleError(
            "no_dropouts",
            "Nobody on the panel has declined or dropped out: there is nobody to replace.",
        )
    number = max(SelectionRun.objects.filter(process=process).values_list("number", flat=True)) + 1
    role = _actor_role(actor, process, Action.RUN_SELECTION)
    keeps = [pseudonym for pseudonym in panel if pseudonym not in gone]
    run = SelectionRun.objects.create(
        process=process,
        number=number,
        kind=RunKind.REPLACEMENT,
        algorithm=selection.algorithm,
        lottery_size=selection.lottery_size,
        reason=reason,
        status=RunStatus.QUEUED,
        started_by=_person(actor),
        started_by_role=role,
        created_at=clock.now(),
        replaces_in=selection,
        summary={"dropouts": gone, "keeps": keeps},
    )
    append(
        process,
        role,
        "selection.replacement_run",
        {
            "run": run.number,
            "replaces_in": selection.number,
            "reason": reason,
            "status": run.status,
            "dropouts": gone,
        },
    )
    result = execute_run.enqueue(run.pk)
    run.task_id = str(result.id)[:64]
    run.save(update_fields=["task_id"])
    return run
