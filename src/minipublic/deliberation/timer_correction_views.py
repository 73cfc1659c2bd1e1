"""The page that corrects an item's recorded times (RUN_TIMER): one row per stretch with
its start and end (local time, on the session's date), one empty row to add a stretch,
and the reason, which is published."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from minipublic.deliberation.agenda_forms import attach_error
from minipublic.deliberation.models import AgendaItem, Session
from minipublic.deliberation.time_requests import REASON_MAX
from minipublic.deliberation.timer_corrections import Stretch, do_correct_times
from minipublic.lifecycle import Action, LifecycleError
from minipublic.processes.access import access_process_for_user


def _time_field(label: Any) -> forms.TimeField:
    return forms.TimeField(
        label=label,
        required=False,
        widget=forms.TimeInput(attrs={"type": "time", "step": "1"}, format="%H:%M:%S"),
        error_messages={"invalid": _("Enter a time such as 14:05 or 14:05:30.")},
    )


class TimesForm(forms.Form):
    """The stretches of one item, as start and end times on the session's date."""

    reason = forms.CharField(
        label=_("Why the times are corrected"),
        required=False,
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Published with the times before and after the correction."),
    )

    def __init__(self, *args: Any, rows: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rows = rows
        for n in range(rows):
            self.fields[f"start_{n}"] = _time_field(_("Stretch %(n)s: from") % {"n": n + 1})
            self.fields[f"end_{n}"] = _time_field(_("Stretch %(n)s: to") % {"n": n + 1})
        self.order_fields([*(f for n in range(rows) for f in (f"start_{n}", f"end_{n}")), "reason"])

    def stretches(self, on: Any) -> list[Stretch] | None:
        """The stretches filled in, as aware times on the date ``on``; None (with the
        errors added) when a row has only one end."""
        result: list[Stretch] = []
        for n in range(self.rows):
            start: time | None = self.cleaned_data.get(f"start_{n}")
            end: time | None = self.cleaned_data.get(f"end_{n}")
            if start is None and end is None:
                continue
            if start is None or end is None:
                missing = f"start_{n}" if start is None else f"end_{n}"
                self.add_error(missing, _("Give both times, or leave both empty to remove it."))
                return None
            result.append(
                (
                    timezone.make_aware(datetime.combine(on, start)),
                    timezone.make_aware(datetime.combine(on, end)),
                )
            )
        return result


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def timer_times(request: HttpRequest, slug: str, number: int, item_id: int) -> HttpResponse:
    """Correct the stretches an item ran, with a reason."""
    process = access_process_for_user(request.user, slug, Action.RUN_TIMER)
    session = get_object_or_404(Session, process=process, number=number)
    item = get_object_or_404(AgendaItem, session=session, pk=item_id)
    rows = list(item.intervals.order_by("started_at", "pk"))
    initial: dict[str, Any] = {}
    for n, row in enumerate(rows):
        initial[f"start_{n}"] = timezone.localtime(row.started_at).time()
        initial[f"end_{n}"] = timezone.localtime(row.ended_at).time() if row.ended_at else None
    count = len(rows) + 1
    form = TimesForm(
        request.POST if request.method == "POST" else None, rows=count, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        stretches = form.stretches(session.date)
        if stretches is not None:
            try:
                changed = do_correct_times(
                    request.user, process, item, stretches, reason=form.cleaned_data["reason"]
                )
            except LifecycleError as error:
                attach_error(form, error)
            else:
                text = (
                    gettext("The times of “%(title)s” have been corrected.")
                    if changed
                    else gettext("Nothing changed: these are the times recorded.")
                )
                messages.success(request, text % {"title": item.title})
                url = reverse("deliberation:timer", args=[process.slug, session.number])
                return redirect(f"{url}#item-{item.pk}")
    context = {
        "process": process,
        "session": session,
        "item": item,
        "form": form,
        "running": any(row.ended_at is None for row in rows),
    }
    status = 400 if form.errors else 200
    return render(request, "deliberation/agenda/timer_times.html", context, status=status)
