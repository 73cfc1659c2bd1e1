"""Forms of the participant's page, the privacy choices, the contact form and the
handling of contact requests. Text fields are not required here: the actions say what
is missing in their own words, and nothing typed is lost."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from minipublic.participants.privacy_models import ContactKind

TEXT_MAX = 4000


class ConsentForm(forms.Form):
    """A participant's two choices."""

    name_public = forms.TypedChoiceField(
        label=_("May we publish your name after the assembly has ended?"),
        choices=[
            ("no", _("No, keep my name private")),
            ("yes", _("Yes, you may list my name as a member once it has ended")),
        ],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        help_text=_(
            "Names are never published while the assembly is running, whatever you choose."
        ),
    )
    follow_up = forms.TypedChoiceField(
        label=_("May we keep in touch after the assembly?"),
        choices=[
            ("yes", _("Yes, tell me what happens to our recommendations, and ask me for surveys")),
            ("no", _("No, do not contact me after it ends")),
        ],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        help_text=_("You can change your mind at any time."),
    )


class WithdrawForm(forms.Form):
    """The confirmation of withdrawing all consent."""

    confirm = forms.BooleanField(
        label=_("I understand that my personal data will be erased and that this cannot be undone"),
        required=True,
        error_messages={"required": _("Tick the box to confirm.")},
    )


_SOURCES = [
    (ContactKind.MEDIA.value, _("A journalist or someone from the media")),
    (ContactKind.STAKEHOLDER.value, _("A campaigner, lobbyist, business or interest group")),
    (ContactKind.RESEARCHER.value, _("A researcher")),
    (ContactKind.OTHER.value, _("Someone else, or I do not know")),
]


class DirectContactForm(forms.Form):
    """A participant (or the lead) says someone tried to reach a participant directly."""

    source = forms.ChoiceField(
        label=_("Who contacted you?"), choices=_SOURCES, widget=forms.RadioSelect
    )
    what_happened = forms.CharField(
        label=_("What happened?"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "When and how they contacted you, and what they wanted. Only the oversight "
            "group and the lead practitioner read this."
        ),
    )


class LeadDirectContactForm(DirectContactForm):
    """The lead's version: about a participant, not about themselves."""

    source = forms.ChoiceField(
        label=_("Who tried to reach a participant?"), choices=_SOURCES, widget=forms.RadioSelect
    )


class ContactRequestForm(forms.Form):
    """The public contact form."""

    kind = forms.ChoiceField(
        label=_("Who are you?"), choices=ContactKind.choices, widget=forms.RadioSelect
    )
    name = forms.CharField(label=_("Your name"), max_length=200, required=False)
    organisation = forms.CharField(label=_("Organisation (if any)"), max_length=200, required=False)
    email = forms.EmailField(
        label=_("Your e-mail address"),
        required=False,
        help_text=_("We answer you here. It is never given to the participants."),
    )
    request = forms.CharField(
        label=_("What are you asking?"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("For example: an interview, a survey, or an invitation to an event."),
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["organisation"].widget.attrs["autocomplete"] = "organization"
        self.fields["email"].widget.attrs["autocomplete"] = "email"


class ForwardForm(forms.Form):
    """Pass a request on to the participants."""

    message = forms.CharField(
        label=_("Message to the participants"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Say who is asking and what for, and that anyone who wishes to answer can do so "
            "through the team. Do not give the requester's e-mail address."
        ),
    )


class DeclineForm(forms.Form):
    """Decline a request."""

    reason = forms.CharField(
        label=_("Reason for declining"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class OutcomeForm(forms.Form):
    """Record what came of a request."""

    outcome = forms.CharField(
        label=_("Outcome"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "For example: two participants agreed to talk. Name nobody: the outcome is public."
        ),
    )
