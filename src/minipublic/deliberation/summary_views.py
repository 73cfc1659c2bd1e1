"""Pages of the table summaries: the public record per session, a table's summary with
its versions (and, for its members and the team, the answers and the forms), writing and
revising, the team's overview, and a participant's own tables.

What each viewer sees is decided in ``summary_queries``; the actions in ``summaries``
check every rule again.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_safe

from minipublic.deliberation import summaries
from minipublic.deliberation.models import Session, SummaryStatus, Table, TableSummary
from minipublic.deliberation.roster import attendee_key_of
from minipublic.deliberation.summary_forms import AttestForm, CorrectionForm, WriteSummaryForm
from minipublic.deliberation.summary_queries import (
    my_tables,
    seated_at,
    session_states,
    sessions_overview,
    table_state,
    version_rows,
)
from minipublic.lifecycle import Action, LifecycleError
from minipublic.processes.access import (
    access_process_for_user,
    can,
    refusal,
    require_any,
    roles_in,
)
from minipublic.processes.error_text import describe
from minipublic.processes.models import Process

_TEAM_READS = (Action.WRITE_SUMMARY, Action.VIEW_ROOM)


def _session(process: Process, number: int) -> Session:
    session = Session.objects.filter(process=process, number=number).first()
    if session is None:
        raise Http404(number)
    return session


def _table(session: Session, number: int) -> Table:
    table = session.tables.filter(number=number).select_related("session").first()
    if table is None:
        raise Http404(number)
    return table


@require_safe
def summaries_index(request: HttpRequest, slug: str) -> HttpResponse:
    """Every session, with how many of its tables' summaries are in the record."""
    process = access_process_for_user(request.user, slug)
    context = {
        "process": process,
        "sessions": sessions_overview(process),
        "is_team": can(request.user, Action.VIEW_ROOM, process),
    }
    return render(request, "deliberation/summaries/index.html", context)


@require_safe
def session_summaries(request: HttpRequest, slug: str, session: int) -> HttpResponse:
    """The recorded summaries of one session's tables, with their fingerprints."""
    process = access_process_for_user(request.user, slug)
    chosen = _session(process, session)
    context = {"process": process, "session": chosen, "states": session_states(chosen)}
    return render(request, "deliberation/summaries/session.html", context)


# What each button of the table page does, and the rule it needs.
_STEPS: dict[str, Action] = {
    "confirm": Action.CONFIRM_SUMMARY,
    "correct": Action.CONFIRM_SUMMARY,
    "attest": Action.WRITE_SUMMARY,
}


@require_http_methods(["GET", "HEAD", "POST"])
def table_summary(request: HttpRequest, slug: str, session: int, table: int) -> HttpResponse:
    """A table's summary: the recorded version and its history for everyone; every
    version, the answers and the forms for the table's members and the team."""
    step = request.POST.get("step", "") if request.method == "POST" else ""
    if request.method == "POST" and step not in _STEPS:
        return HttpResponse(status=400)
    process = access_process_for_user(request.user, slug, _STEPS.get(step, Action.VIEW_PROCESS))
    chosen = _table(_session(process, session), table)
    forms: dict[str, Any] = {}
    if step:
        version = chosen.summaries.filter(version=_int(request.POST.get("version"))).first()
        if version is None:
            raise Http404("version")
        if _post(request, process, version, step, forms):
            return redirect(
                "deliberation:table_summary", process.slug, chosen.session.number, chosen.number
            )
    return _render_table(request, process, chosen, forms, status=400 if step else 200)


def _int(value: str | None) -> int:
    return int(value) if value and value.isdigit() else 0


def _post(
    request: HttpRequest, process: Process, summary: TableSummary, step: str, forms: dict[str, Any]
) -> bool:
    user: Any = request.user
    form: Form
    if step == "confirm":
        form = forms["confirm_form"] = Form({})
        form.is_valid()
        done = gettext("Thank you: you confirmed version %(version)s.")

        def run() -> object:
            return summaries.do_answer_summary(user, process, summary, confirm=True)

    elif step == "correct":
        form = forms["correct_form"] = CorrectionForm(request.POST)
        if not form.is_valid():
            return False
        correction = form.cleaned_data["correction"]
        done = gettext(
            "Your correction is sent: your table and the facilitator see it, and the summary "
            "cannot enter the record until it is revised."
        )

        def run() -> object:
            return summaries.do_answer_summary(
                user, process, summary, confirm=False, correction=correction
            )

    else:
        form = forms["attest_form"] = AttestForm(request.POST)
        if not form.is_valid():
            return False
        how = form.cleaned_data["how"]
        done = gettext("Your attestation is recorded for version %(version)s.")

        def run() -> object:
            return summaries.do_attest_summary(user, process, summary, how=how)

    try:
        run()
    except LifecycleError as error:
        form.add_error(None, describe(error))
        return False
    summary.refresh_from_db()
    messages.success(request, done % {"version": summary.version})
    if summary.status == SummaryStatus.RECORDED:
        messages.success(request, gettext("The summary is now in the public record."))
    return True


def _render_table(
    request: HttpRequest, process: Process, table: Table, forms: dict[str, Any], status: int
) -> HttpResponse:
    user: Any = request.user
    roles = roles_in(user, process)
    is_team = can(user, Action.VIEW_ROOM, process, roles=roles)
    is_member = seated_at(user, process, table)
    state = table_state(table)
    insider = is_team or is_member
    rows = version_rows(
        table,
        with_answers=insider,
        viewer=user if user.is_authenticated else None,
        names=is_team,
    )
    if not insider and state.recorded is None:
        rows = []  # the public sees the versions once one is in the record
    latest = state.latest
    awaiting = latest is not None and latest.status == SummaryStatus.AWAITING
    may_answer = awaiting and is_member and can(user, Action.CONFIRM_SUMMARY, process, roles=roles)
    may_write = can(user, Action.WRITE_SUMMARY, process, roles=roles)
    context = {
        "process": process,
        "session": table.session,
        "table": table,
        "state": state,
        "rows": rows,
        "is_team": is_team,
        "is_member": is_member,
        "may_answer": may_answer,
        "my_answer": latest.responses.filter(user=user).first()
        if may_answer and latest is not None
        else None,
        "correct_form": forms.get("correct_form") or CorrectionForm(),
        "may_write": may_write and state.recorded is None,
        "may_attest": may_write
        and awaiting
        and state.members.without_account > 0
        and latest is not None
        and latest.attested_at is None,
        "attest_form": forms.get("attest_form") or AttestForm(),
    }
    refusals: list[str] = []
    for name, shown in (("confirm_form", "may_answer"), ("correct_form", "may_answer")):
        if name in forms and (name == "confirm_form" or not context[shown]):
            refusals += forms[name].non_field_errors()
    if "attest_form" in forms and not context["may_attest"]:
        refusals += forms["attest_form"].non_field_errors()
    context["refusals"] = refusals
    return render(request, "deliberation/summaries/table.html", context, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def write_summary(request: HttpRequest, slug: str, session: int, table: int) -> HttpResponse:
    """Write a table's summary, or revise the version awaiting confirmation."""
    process = access_process_for_user(request.user, slug, Action.WRITE_SUMMARY)
    chosen = _table(_session(process, session), table)
    state = table_state(chosen)
    latest = state.latest
    if request.method == "POST":
        form = WriteSummaryForm(request.POST)
    else:
        form = WriteSummaryForm(initial={"text": latest.text if latest is not None else ""})
    if request.method == "POST" and form.is_valid():
        try:
            written = summaries.do_write_summary(
                request.user,
                process,
                chosen,
                text=form.cleaned_data["text"],
                note=form.cleaned_data["note"],
            )
        except LifecycleError as error:
            form.add_error(None, describe(error))
        else:
            messages.success(
                request,
                gettext(
                    "Version %(version)s is written: the table's members are asked to confirm it."
                )
                % {"version": written.version},
            )
            return redirect(
                "deliberation:table_summary", process.slug, chosen.session.number, chosen.number
            )
    rows = version_rows(chosen, with_answers=True, names=True)
    context = {
        "process": process,
        "session": chosen.session,
        "table": chosen,
        "state": state,
        "form": form,
        "revising": latest is not None,
        "current": rows[0] if rows else None,
    }
    status = 400 if form.errors else 200
    return render(request, "deliberation/summaries/write.html", context, status=status)


@login_required
@require_safe
def manage_summaries(request: HttpRequest, slug: str) -> HttpResponse:
    """The team's overview: every table of every session and where its summary stands."""
    process = access_process_for_user(request.user, slug)
    require_any(request.user, _TEAM_READS, process)
    sessions = [
        {"session": session, "states": session_states(session)}
        for session in Session.objects.filter(process=process).order_by("number")
    ]
    context = {
        "process": process,
        "sessions": sessions,
        "may_write": can(request.user, Action.WRITE_SUMMARY, process),
    }
    return render(request, "deliberation/summaries/manage.html", context)


@login_required
@require_safe
def my_summaries(request: HttpRequest, slug: str) -> HttpResponse:
    """A participant's tables, with the summaries awaiting their answer first."""
    process = access_process_for_user(request.user, slug)
    user: Any = request.user
    if attendee_key_of(user, process) is None:
        raise refusal(user, (Action.CONFIRM_SUMMARY,), process)
    tables = my_tables(process, user)
    context = {
        "process": process,
        "waiting": [row for row in tables if row.needs_me],
        "others": [row for row in tables if not row.needs_me],
        "may_answer": can(user, Action.CONFIRM_SUMMARY, process),
    }
    return render(request, "deliberation/summaries/mine.html", context)
