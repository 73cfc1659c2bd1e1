"""Forms of the agenda pages: sessions, agenda items, tables, requests for more time and
the team's decisions on them.

Fields check what a form can (a number is a number, a date a date); the rules of the
room are the actions' (``agenda``, ``sessions``, ``time_requests``), whose refusals
``attach_error`` puts on the field they are about, so each message sits next to its
field and nothing typed is lost.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from minipublic.deliberation.agenda import DESCRIPTION_MAX
from minipublic.deliberation.models import AgendaItem, ItemKind
from minipublic.deliberation.sessions import ITEM_MINUTES_MAX, PLACE_MAX, TABLES_MAX, TITLE_MAX
from minipublic.deliberation.time_requests import REASON_MAX, REQUEST_MINUTES_MAX
from minipublic.lifecycle import LifecycleError
from minipublic.processes.error_text import describe

#: Which field each refusal of an action is about (others go at the top of the form).
FIELD_OF_CODE = {
    "room_needs_title": "title",
    "room_title_too_long": "title",
    "room_place_too_long": "location",
    "session_has_time": "date",
    "item_kind_unknown": "kind",
    "item_minutes_out_of_range": "planned_minutes",
    "item_description_too_long": "description",
    "item_recorded_change": "planned_minutes",
    "tables_out_of_range": "count",
    "tables_in_use": "count",
    "item_position_out_of_range": "to_position",
    "time_request_minutes": "minutes",
    "time_request_needs_reason": "reason",
    "time_decision_needs_reason": "reason",
    "time_reason_too_long": "reason",
    "time_grant_minutes": "minutes",
    "time_item_finished": "item",
    "correction_needs_reason": "reason",
}


def attach_error(form: forms.Form, error: LifecycleError) -> None:
    """Show an action's refusal on the field it is about, or above the form."""
    field = FIELD_OF_CODE.get(error.code)
    form.add_error(field if field in form.fields else None, describe(error))


def _whole(label: Any, low: int, high: int, **kwargs: Any) -> forms.IntegerField:
    message = _("Enter a whole number from %(low)s to %(high)s.") % {"low": low, "high": high}
    return forms.IntegerField(
        label=label,
        min_value=low,
        max_value=high,
        error_messages={
            "invalid": message,
            "min_value": message,
            "max_value": message,
            "required": message,
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        **kwargs,
    )


class SessionForm(forms.Form):
    """A session's title, date, start time and place."""

    title = forms.CharField(label=_("Title"), required=False, max_length=TITLE_MAX)
    date = forms.DateField(
        label=_("Date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Give the date of the session."),
            "invalid": _("Enter a date such as 2026-09-12."),
        },
    )
    starts_at = forms.TimeField(
        label=_("Starts at"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text=_("Local time, 24-hour clock (for example 10:00). Leave empty if not fixed."),
        error_messages={"invalid": _("Enter a time such as 10:00.")},
    )
    location = forms.CharField(label=_("Place"), required=False, max_length=PLACE_MAX)


class ItemForm(forms.Form):
    """An agenda item: title, kind, minutes planned and a description."""

    title = forms.CharField(label=_("Title"), required=False, max_length=TITLE_MAX)
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=ItemKind.choices,
        help_text=_("The time report adds up the time used per kind."),
        error_messages={"required": _("Choose the kind of item.")},
    )
    planned_minutes = _whole(_("Minutes planned"), 1, ITEM_MINUTES_MAX)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional: what happens, who leads it. Shown on the public agenda."),
    )

    def lock_recorded(self) -> None:
        """Make the title, kind and minutes read-only (the item has records)."""
        for name in ("title", "kind", "planned_minutes"):
            self.fields[name].disabled = True


class TablesForm(forms.Form):
    """How many tables a session has."""

    count = _whole(_("Number of tables"), 1, TABLES_MAX)


class MoveForm(forms.Form):
    """Where to move an item."""

    to_position = _whole(_("Move to place"), 1, ITEM_MINUTES_MAX)


class TimeRequestForm(forms.Form):
    """A participant's request for more minutes on an item, with the reason."""

    item = forms.TypedChoiceField(
        label=_("Which item"),
        coerce=int,
        error_messages={
            "required": _("Choose the item you would like more time for."),
            "invalid_choice": _("Choose one of the items still to be finished."),
        },
    )
    minutes = _whole(_("How many more minutes"), 1, REQUEST_MINUTES_MAX)
    reason = forms.CharField(
        label=_("Why"),
        required=False,
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Your reason and the team's decision are published; your name is not. "
            "The team grants the time, perhaps less of it, or says why not."
        ),
    )

    def __init__(self, *args: Any, items: list[AgendaItem], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        groups: dict[str, list[tuple[int, str]]] = {}
        for item in items:
            session = item.session
            label = _("Session %(number)s, %(date)s") % {
                "number": session.number,
                "date": date_format(session.date, "D j M Y"),
            }
            groups.setdefault(str(label), []).append((item.pk, f"{item.position}. {item.title}"))
        field: Any = self.fields["item"]
        field.choices = [("", _("Choose an item")), *groups.items()]


class DecisionForm(forms.Form):
    """The team's decision on one request for more time."""

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("grant", _("Grant")), ("decline", _("Decline"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose to grant or to decline the request.")},
    )
    minutes = forms.IntegerField(
        label=_("Minutes granted"),
        required=False,
        min_value=1,
        max_value=REQUEST_MINUTES_MAX,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "invalid": _("Enter a whole number of minutes."),
            "min_value": _("Grant at least 1 minute, or decline the request."),
            "max_value": _("Grant at most the minutes asked for."),
        },
    )
    reason = forms.CharField(
        label=_("Reason for the decision"),
        required=False,
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Published with the decision, as the members' request is."),
    )

    def clean(self) -> dict[str, Any]:
        """A grant needs its minutes."""
        data = super().clean() or {}
        if (
            data.get("decision") == "grant"
            and not data.get("minutes")
            and "minutes" not in (self.errors)
        ):
            self.add_error("minutes", _("Say how many minutes are granted."))
        return data
