"""JSON endpoints. They use the same access helpers and named actions as the pages."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count
from django.http import HttpRequest
from django.urls import reverse
from ninja import Router

from minipublic.api.auth import READ_AUTH, WRITE_AUTH, caller, signed_in_caller
from minipublic.api.schemas import (
    ErrorOut,
    MemberOut,
    MembershipOut,
    MeOut,
    PhaseChangeIn,
    PhaseChangeOut,
    ProcessDetailOut,
    ProcessOut,
)
from minipublic.lifecycle import Action, Phase, ProcessModel, Role, Visibility
from minipublic.processes import actions
from minipublic.processes.access import (
    access_process_for_user,
    held_roles,
    roles_awaiting_terms,
    visible_processes,
)
from minipublic.processes.models import Membership, Process

router = Router(tags=["processes"])
_ERRORS: dict[int, type[ErrorOut]] = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut}


def _process_out(request: HttpRequest, process: Process) -> ProcessOut:
    return ProcessOut(
        slug=process.slug,
        title=process.title,
        question=process.question,
        commissioning_body=process.commissioning_body,
        model=ProcessModel(process.model),
        phase=Phase(process.phase),
        visibility=Visibility(process.visibility),
        url=request.build_absolute_uri(reverse("portal:process", args=[process.slug])),
    )


@router.get("/processes", response=list[ProcessOut], auth=READ_AUTH, summary="List processes")
def list_processes(request: HttpRequest) -> list[ProcessOut]:
    """Public processes, and private ones the caller is a member of (no authentication needed)."""
    return [_process_out(request, process) for process in visible_processes(caller(request))]


@router.get(
    "/processes/{slug}",
    response={200: ProcessDetailOut, **_ERRORS},
    auth=READ_AUTH,
    summary="Read one process",
)
def get_process(request: HttpRequest, slug: str) -> ProcessDetailOut:
    """A process with its phase history, how many people hold each role, and the caller's roles."""
    user = caller(request)
    process = access_process_for_user(user, slug, Action.VIEW_PROCESS)
    counts = process.memberships.values("role").annotate(n=Count("user", distinct=True))
    history = [
        PhaseChangeOut(
            from_phase=Phase(change.from_phase) if change.from_phase else None,
            to_phase=Phase(change.to_phase),
            reason=change.reason,
            changed_at=change.changed_at,
        )
        for change in process.phase_changes.all()
    ]
    return ProcessDetailOut(
        **_process_out(request, process).model_dump(),
        description=process.description,
        role_counts={Role(row["role"]): row["n"] for row in counts},
        my_roles=sorted(held_roles(user, process)),
        roles_awaiting_terms=sorted(roles_awaiting_terms(user, process)),
        phase_history=history,
    )


@router.get(
    "/processes/{slug}/members",
    response={200: list[MemberOut], **_ERRORS},
    auth=READ_AUTH,
    summary="List members and their roles",
)
def list_members(request: HttpRequest, slug: str) -> list[MemberOut]:
    """Members and roles; only for those who run or oversee the process (personal data)."""
    process = access_process_for_user(caller(request), slug, Action.VIEW_MEMBERS)
    roles: dict[int, list[Role]] = defaultdict(list)
    people = {}
    for membership in process.memberships.select_related("user"):
        roles[membership.user_id].append(membership.role_enum)
        people[membership.user_id] = membership.user
    return [
        MemberOut(username=person.username, name=str(person), roles=sorted(roles[pk]))
        for pk, person in sorted(people.items(), key=lambda item: item[1].username)
    ]


@router.post(
    "/processes/{slug}/phase",
    response={200: ProcessOut, 409: ErrorOut, 422: ErrorOut, **_ERRORS},
    auth=WRITE_AUTH,
    summary="Move a process to another phase",
)
def change_phase(request: HttpRequest, slug: str, payload: PhaseChangeIn) -> ProcessOut:
    """Forward one phase at a time; going back needs a reason. 409 explains a refused move."""
    user = caller(request)
    process = access_process_for_user(user, slug, Action.CHANGE_PHASE)
    actions.do_change_phase(user, process, payload.to_phase, payload.reason)
    return _process_out(request, process)


@router.get("/me", response={200: MeOut, 401: ErrorOut}, auth=WRITE_AUTH, tags=["account"])
def me(request: HttpRequest) -> MeOut:
    """The caller and their roles in every process."""
    user = signed_in_caller(request)
    grouped: dict[int, list[Role]] = defaultdict(list)
    titles: dict[int, tuple[str, str]] = {}
    for membership in Membership.objects.filter(user=user).select_related("process"):
        grouped[membership.process_id].append(membership.role_enum)
        titles[membership.process_id] = (membership.process.slug, membership.process.title)
    return MeOut(
        username=user.get_username(),
        name=str(user),
        is_staff=bool(user.is_staff),
        memberships=[
            MembershipOut(process=titles[pk][0], title=titles[pk][1], roles=sorted(grouped[pk]))
            for pk in sorted(titles, key=lambda pk: titles[pk][0])
        ],
    )
