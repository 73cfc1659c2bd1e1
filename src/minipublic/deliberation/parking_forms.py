"""Forms of the parking lot: raise a concern, resolve or reopen one, ask for a reopening,
answer such a request, and filter the public list.

Text fields are not required here: the actions say what is missing in their own words,
and nothing typed is lost.
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from minipublic import clock
from minipublic.deliberation.models import ConcernKind, Resolution, Session
from minipublic.deliberation.parking import CONCERN_MAX, WORDS_MAX
from minipublic.processes.models import Process


def session_choices(process: Process, blank: str, *, held: bool = False) -> list[tuple[str, str]]:
    """The sessions of ``process`` as choices (by number), after a blank choice; with
    ``held``, only those held by today."""
    rows = Session.objects.filter(process=process).order_by("number")
    if held:
        rows = rows.filter(date__lte=timezone.localdate(clock.now()))
    return [("", blank)] + [
        (str(session.number), f"{session.number}. {session.title} ({date_format(session.date)})")
        for session in rows
    ]


def chosen_session(process: Process, value: str) -> Session | None:
    """The session of ``process`` numbered ``value`` (None for the blank choice)."""
    if not value:
        return None
    return Session.objects.filter(process=process, number=int(value)).first()


def _choices(form: forms.Form, name: str, choices: list[Any]) -> None:
    cast(forms.ChoiceField, form.fields[name]).choices = choices


class _WithSession(forms.Form):
    session = forms.ChoiceField(label=_("Session"), required=False)

    def __init__(self, process: Process, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "session", session_choices(process, str(_("— none —")), held=True))


class RaiseConcernForm(_WithSession):
    """A concern to park."""

    text = forms.CharField(
        label=_("The concern"),
        required=False,
        max_length=CONCERN_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Published in the parking lot as you write it, without your name: please do not "
            "name anyone in it."
        ),
    )
    kind = forms.ChoiceField(
        label=_("Why it is parked"),
        choices=ConcernKind.choices,
        initial=ConcernKind.LATER,
        widget=forms.RadioSelect,
    )
    field_order = ["text", "kind", "session"]

    def __init__(self, process: Process, *args: Any, **kwargs: Any) -> None:
        super().__init__(process, *args, **kwargs)
        self.fields["session"].label = _("Session where it came up (if any)")


class ResolveForm(_WithSession):
    """How the team resolved a concern."""

    resolution = forms.ChoiceField(
        label=_("How it was resolved"), choices=Resolution.choices, widget=forms.RadioSelect
    )
    text = forms.CharField(
        label=_("In words"),
        required=False,
        max_length=WORDS_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Discussed: what came of it. Referred: what was referred to the commissioner, and "
            "how. Out of the remit: why. Published as written."
        ),
    )
    field_order = ["resolution", "session", "text"]

    def __init__(self, process: Process, *args: Any, **kwargs: Any) -> None:
        super().__init__(process, *args, **kwargs)
        self.fields["session"].label = _("Session where it was discussed")
        self.fields["session"].help_text = _("Needed when it was discussed; optional otherwise.")


class ReasonForm(forms.Form):
    """A reason: to reopen a concern, or to ask the team to."""

    reason = forms.CharField(
        label=_("Why"),
        required=False,
        max_length=WORDS_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Published in the parking lot, without your name."),
    )


class AnswerRequestForm(forms.Form):
    """The team's answer to a request to reopen a concern."""

    decision = forms.ChoiceField(
        label=_("Your decision"),
        choices=[("accept", _("Reopen the concern")), ("decline", _("Keep it resolved"))],
        widget=forms.RadioSelect,
    )
    answer = forms.CharField(
        label=_("Your answer to the participants"),
        required=False,
        max_length=WORDS_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Published with the request."),
    )


class FilterForm(forms.Form):
    """What the public list shows (a GET form: it works without JavaScript)."""

    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Open and resolved")), ("open", _("Open")), ("resolved", _("Resolved"))],
    )
    kind = forms.ChoiceField(label=_("Why it was parked"), required=False)
    resolution = forms.ChoiceField(label=_("How it was resolved"), required=False)
    session = forms.ChoiceField(label=_("Session raised in"), required=False)

    def __init__(self, process: Process, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "kind", [("", _("Any")), *ConcernKind.choices])
        _choices(self, "resolution", [("", _("Any")), *Resolution.choices])
        _choices(self, "session", session_choices(process, str(_("Any"))))
