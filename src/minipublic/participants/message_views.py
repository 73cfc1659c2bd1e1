"""Pages of messages: compose (to all participants, a table of a meeting, or one person)
with a preview of how many it reaches, the message log with each message's counts, and one
message's deliveries with a retry of the failed ones. Addresses are never shown."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from minipublic.deliberation.models import Table
from minipublic.deliberation.roster import roster
from minipublic.lifecycle import Action, LifecycleError, Role
from minipublic.participants import message_actions
from minipublic.participants.message_models import (
    Audience,
    DeliveryStatus,
    Message,
)
from minipublic.processes.access import access_process_for_user, can, require_any
from minipublic.processes.error_text import describe
from minipublic.processes.labels import ROLE_LABELS
from minipublic.processes.models import Process

_ROLES = frozenset(role.value for role in Role)
_LOG = (Action.MESSAGE_PARTICIPANTS, Action.VIEW_SUPPORT)


class ComposeForm(forms.Form):
    """A message to participants."""

    audience = forms.ChoiceField(
        label=_("To"), choices=Audience.choices, widget=forms.RadioSelect, initial=Audience.ALL
    )
    table = forms.ChoiceField(
        label=_("Table (when writing to one table)"), required=False, choices=()
    )
    person = forms.ChoiceField(
        label=_("Person (when writing to one person)"), required=False, choices=()
    )
    subject = forms.CharField(label=_("Subject"), max_length=message_actions.SUBJECT_MAX)
    body = forms.CharField(
        label=_("Message"),
        max_length=message_actions.BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Each person gets their own e-mail, with a line saying replies go through the "
            "platform and a link to their page. Your own address is never shown."
        ),
    )

    def __init__(self, process: Process, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        tables = Table.objects.filter(session__process=process).select_related("session")
        table_field: Any = self.fields["table"]
        table_field.choices = [("", "—")] + [
            (
                str(table.pk),
                gettext("Session %(session)s, table %(table)s%(name)s")
                % {
                    "session": table.session.number,
                    "table": table.number,
                    "name": f" ({table.name})" if table.name else "",
                },
            )
            for table in tables.order_by("-session__number", "number")
        ]
        person_field: Any = self.fields["person"]
        person_field.choices = [("", "—")] + [(a.key, a.name) for a in roster(process)]
        self.process = process

    def chosen_table(self) -> Table | None:
        """The table picked, if the audience is a table."""
        value = self.cleaned_data.get("table") or ""
        if self.cleaned_data.get("audience") != Audience.TABLE or not value:
            return None
        return Table.objects.filter(pk=int(value), session__process=self.process).first()


def _keyword_args(form: ComposeForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {
        "audience": data["audience"],
        "table": form.chosen_table(),
        "person": data["person"] if data["audience"] == Audience.PERSON else "",
    }


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def message_compose(request: HttpRequest, slug: str) -> HttpResponse:
    """Write a message; "Preview" shows how many it reaches, "Send" queues it."""
    process = access_process_for_user(request.user, slug, Action.MESSAGE_PARTICIPANTS)
    form = ComposeForm(process, request.POST if request.method == "POST" else None)
    preview: int | None = None
    if request.method == "POST" and form.is_valid():
        step = request.POST.get("step", "preview")
        try:
            if step == "send":
                message = message_actions.do_send_message(
                    request.user,
                    process,
                    subject=form.cleaned_data["subject"],
                    body=form.cleaned_data["body"],
                    **_keyword_args(form),
                )
                messages.success(
                    request,
                    gettext("Message queued for %(count)s people; the log shows its progress.")
                    % {"count": message.deliveries.count()},
                )
                return redirect("participants:message_detail", process.slug, message.pk)
            preview = len(message_actions.recipients(process, **_keyword_args(form)))
        except LifecycleError as error:
            form.add_error(None, describe(error))
    status = 400 if form.errors else 200
    context = {"process": process, "form": form, "preview": preview}
    return render(request, "participants/message_compose.html", context, status=status)


def _role_label(role: str) -> str:
    return str(ROLE_LABELS[Role(role)]) if role in _ROLES else role


def _counted() -> dict[str, Any]:
    return {
        status.value: Count("deliveries", filter=Q(deliveries__status=status))
        for status in DeliveryStatus
    }


@login_required
@require_http_methods(["GET", "HEAD"])
def message_log(request: HttpRequest, slug: str) -> HttpResponse:
    """Every message sent: audience, sender's role, time, and counts sent, failed, waiting."""
    process = access_process_for_user(request.user, slug)
    require_any(request.user, _LOG, process)
    rows = (
        Message.objects.filter(process=process)
        .select_related("table__session")
        .annotate(**_counted())
        .order_by("-created_at", "-pk")
    )
    context = {
        "process": process,
        "rows": [{"message": m, "role": _role_label(m.sender_role)} for m in rows],
        "may_send": can(request.user, Action.MESSAGE_PARTICIPANTS, process),
    }
    return render(request, "participants/message_log.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def message_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """One message: its text, each recipient (short name) and where their e-mail stands;
    a button to retry the failed ones."""
    process = access_process_for_user(request.user, slug)
    require_any(request.user, _LOG, process)
    message = (
        Message.objects.filter(process=process, pk=pk).select_related("table__session").first()
    )
    if message is None:
        raise Http404(pk)
    if request.method == "POST":
        access_process_for_user(request.user, slug, Action.MESSAGE_PARTICIPANTS)
        try:
            count = message_actions.do_retry_message(request.user, process, message)
        except LifecycleError as error:
            messages.error(request, describe(error))
        else:
            messages.success(
                request, gettext("%(count)s deliveries queued again.") % {"count": count}
            )
        return redirect("participants:message_detail", process.slug, message.pk)
    names = {attendee.key: attendee.name for attendee in roster(process)}
    rows = list(message.deliveries.order_by("pk"))
    deliveries = [
        {"delivery": d, "name": names.get(d.attendee_key, gettext("someone no longer in the room"))}
        for d in rows
    ]
    context = {
        "process": process,
        "message": message,
        "role": _role_label(message.sender_role),
        "deliveries": deliveries,
        "failed": sum(1 for d in rows if d.status == DeliveryStatus.FAILED),
        "unreachable": [
            row["name"]
            for row, d in zip(deliveries, rows, strict=True)
            if d.status == DeliveryStatus.UNREACHABLE
        ],
        "may_send": can(request.user, Action.MESSAGE_PARTICIPANTS, process),
    }
    return render(request, "participants/message_detail.html", context)
