"""The team's agenda pages (MANAGE_AGENDA): sessions, their agenda items and tables.

Views stay thin: read a form, call one named action, show the outcome. A refused
change is shown next to the field it is about, with everything typed kept.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from minipublic.deliberation import agenda, sessions
from minipublic.deliberation.agenda_forms import (
    ItemForm,
    SessionForm,
    TablesForm,
    attach_error,
)
from minipublic.deliberation.models import AgendaItem, Session
from minipublic.lifecycle import Action, LifecycleError
from minipublic.processes.access import access_process_for_user, can
from minipublic.processes.error_text import describe
from minipublic.processes.models import Process


def _session(process: Process, number: int) -> Session:
    return get_object_or_404(Session, process=process, number=number)


def _item(session: Session, item_id: int) -> AgendaItem:
    return get_object_or_404(AgendaItem, session=session, pk=item_id)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def manage_agenda(request: HttpRequest, slug: str) -> HttpResponse:
    """Every session with its items, minutes planned and tables; add a session (POST)."""
    process = access_process_for_user(request.user, slug, Action.MANAGE_AGENDA)
    form = SessionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            session = sessions.do_add_session(
                request.user,
                process,
                title=data["title"],
                on=data["date"],
                starts_at=data["starts_at"],
                location=data["location"],
            )
        except LifecycleError as error:
            attach_error(form, error)
        else:
            messages.success(
                request,
                gettext("Session %(number)s has been added. Now add its agenda items.")
                % {"number": session.number},
            )
            return redirect("deliberation:session_manage", process.slug, session.number)
    rows = (
        Session.objects.filter(process=process)
        .annotate(
            item_count=Count("items", distinct=True),
            planned=Sum("items__planned_minutes"),
            table_count=Count("tables", distinct=True),
        )
        .order_by("number")
    )
    context = {
        "process": process,
        "sessions": rows,
        "form": form,
        "may_time": can(request.user, Action.RUN_TIMER, process),
    }
    status = 400 if form.errors else 200
    return render(request, "deliberation/agenda/manage.html", context, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def session_manage(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """One session: its agenda items (edit, move, remove), a new item, its tables."""
    process = access_process_for_user(request.user, slug, Action.MANAGE_AGENDA)
    session = _session(process, number)
    forms: dict[str, Any] = {}
    refusals: list[str] = []
    if request.method == "POST":
        step = request.POST.get("step", "")
        if step == "add":
            if _add_item(request, process, session, forms):
                return redirect("deliberation:session_manage", process.slug, number)
        elif step == "tables":
            if _set_tables(request, process, session, forms):
                return redirect("deliberation:session_manage", process.slug, number)
        elif step == "move":
            if _move(request, process, session, refusals):
                return redirect("deliberation:session_manage", process.slug, number)
        else:
            return HttpResponse(status=400)
    items = list(
        session.items.annotate(
            timed=Count("intervals", distinct=True), requests=Count("time_requests", distinct=True)
        ).order_by("position")
    )
    context = {
        "process": process,
        "session": session,
        "items": items,
        "planned": sum(item.planned_minutes for item in items),
        "table_count": session.tables.count(),
        "item_form": forms.get("item") or ItemForm(),
        "tables_form": forms.get("tables")
        or TablesForm(initial={"count": session.tables.count() or None}),
        "refusals": refusals,
        "may_time": can(request.user, Action.RUN_TIMER, process),
    }
    status = 400 if forms or refusals else 200
    return render(request, "deliberation/agenda/session.html", context, status=status)


def _add_item(
    request: HttpRequest, process: Process, session: Session, forms: dict[str, Any]
) -> bool:
    form = forms["item"] = ItemForm(request.POST)
    if not form.is_valid():
        return False
    data = form.cleaned_data
    try:
        item = sessions.do_add_item(
            request.user,
            process,
            session,
            title=data["title"],
            kind=data["kind"],
            planned_minutes=data["planned_minutes"],
            description=data["description"],
        )
    except LifecycleError as error:
        attach_error(form, error)
        return False
    messages.success(
        request,
        gettext("Item %(position)s “%(title)s” has been added.")
        % {"position": item.position, "title": item.title},
    )
    return True


def _set_tables(
    request: HttpRequest, process: Process, session: Session, forms: dict[str, Any]
) -> bool:
    form = forms["tables"] = TablesForm(request.POST)
    if not form.is_valid():
        return False
    try:
        tables = sessions.do_set_tables(request.user, process, session, form.cleaned_data["count"])
    except LifecycleError as error:
        attach_error(form, error)
        return False
    messages.success(
        request,
        gettext("Session %(number)s now has %(count)s tables.")
        % {"number": session.number, "count": len(tables)},
    )
    return True


def _move(request: HttpRequest, process: Process, session: Session, refusals: list[str]) -> bool:
    try:
        item_id = int(request.POST.get("item", ""))
        to_position = int(request.POST.get("to", ""))
    except ValueError:
        refusals.append(gettext("Choose an item and where to move it."))
        return False
    item = _item(session, item_id)
    try:
        agenda.do_move_item(request.user, process, item, to_position)
    except LifecycleError as error:
        refusals.append(describe(error))
        return False
    messages.success(
        request,
        gettext("“%(title)s” is now item %(position)s.")
        % {"title": item.title, "position": item.position},
    )
    return True


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def session_edit(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """Change a session's title, date, start time or place."""
    process = access_process_for_user(request.user, slug, Action.MANAGE_AGENDA)
    session = _session(process, number)
    if request.method == "POST":
        form = SessionForm(request.POST)
    else:
        form = SessionForm(
            initial={
                "title": session.title,
                "date": session.date,
                "starts_at": session.starts_at,
                "location": session.location,
            }
        )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            agenda.do_edit_session(
                request.user,
                process,
                session,
                title=data["title"],
                on=data["date"],
                starts_at=data["starts_at"],
                location=data["location"],
            )
        except LifecycleError as error:
            attach_error(form, error)
        else:
            messages.success(request, gettext("The session has been saved."))
            return redirect("deliberation:session_manage", process.slug, session.number)
    context = {"process": process, "session": session, "form": form}
    status = 400 if form.errors else 200
    return render(request, "deliberation/agenda/session_edit.html", context, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def item_edit(request: HttpRequest, slug: str, number: int, item_id: int) -> HttpResponse:
    """Change an item; once it has recorded time or requests, only its description."""
    process = access_process_for_user(request.user, slug, Action.MANAGE_AGENDA)
    session = _session(process, number)
    item = _item(session, item_id)
    timed, requests = agenda.records_of(item)
    recorded = timed or bool(requests) or item.finished_at is not None
    current = {
        "title": item.title,
        "kind": item.kind,
        "planned_minutes": item.planned_minutes,
        "description": item.description,
    }
    form = ItemForm(request.POST if request.method == "POST" else None, initial=current)
    if recorded:
        form.lock_recorded()
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            agenda.do_edit_item(
                request.user,
                process,
                item,
                title=data["title"],
                kind=data["kind"],
                planned_minutes=data["planned_minutes"],
                description=data["description"],
            )
        except LifecycleError as error:
            attach_error(form, error)
        else:
            messages.success(request, gettext("The item has been saved."))
            return redirect("deliberation:session_manage", process.slug, session.number)
    context = {"process": process, "session": session, "item": item, "form": form}
    context |= {"recorded": recorded, "timed": timed, "requests": requests}
    status = 400 if form.errors else 200
    return render(request, "deliberation/agenda/item_edit.html", context, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def item_remove(request: HttpRequest, slug: str, number: int, item_id: int) -> HttpResponse:
    """Ask, then remove an item that has no recorded time or requests."""
    process = access_process_for_user(request.user, slug, Action.MANAGE_AGENDA)
    session = _session(process, number)
    item = _item(session, item_id)
    refusal = ""
    if request.method == "POST":
        try:
            agenda.do_remove_item(request.user, process, item)
        except LifecycleError as error:
            refusal = describe(error)
        else:
            messages.success(
                request, gettext("“%(title)s” has been removed.") % {"title": item.title}
            )
            return redirect("deliberation:session_manage", process.slug, session.number)
    context = {"process": process, "session": session, "item": item, "refusal": refusal}
    status = 400 if refusal else 200
    return render(request, "deliberation/agenda/item_remove.html", context, status=status)
