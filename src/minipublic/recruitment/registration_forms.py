"""Forms of the registration pages: the public form, the settings and the questions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from minipublic.integrity.uploads import read_table_upload
from minipublic.recruitment.models import Feature
from minipublic.recruitment.retention import MAX_RETENTION_DAYS

ACCESS_NEED_CHOICES = [
    ("childcare", gettext_lazy("Childcare")),
    ("travel", gettext_lazy("Help with travel")),
    ("language", gettext_lazy("Language support or interpreting")),
    ("disability", gettext_lazy("Disability support")),
]


def _attrs(autocomplete: str) -> dict[str, str]:
    return {"autocomplete": autocomplete}


class RegistrationForm(forms.Form):
    """The public registration form; one radio question per feature."""

    code = forms.CharField(
        label=gettext_lazy("Registration code (from your letter)"),
        max_length=32,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )
    first_name = forms.CharField(
        label=gettext_lazy("First name"),
        max_length=100,
        widget=forms.TextInput(_attrs("given-name")),
    )
    last_name = forms.CharField(
        label=gettext_lazy("Last name"),
        max_length=100,
        widget=forms.TextInput(_attrs("family-name")),
    )
    email = forms.EmailField(
        label=gettext_lazy("E-mail address"),
        required=False,
        widget=forms.EmailInput(_attrs("email")),
    )
    phone = forms.CharField(
        label=gettext_lazy("Phone number"),
        max_length=40,
        required=False,
        widget=forms.TextInput({"autocomplete": "tel", "type": "tel"}),
    )
    address = forms.CharField(
        label=gettext_lazy("Address"),
        max_length=500,
        required=False,
        widget=forms.Textarea({"autocomplete": "street-address", "rows": 3}),
    )
    postcode = forms.CharField(
        label=gettext_lazy("Postcode"),
        max_length=20,
        required=False,
        widget=forms.TextInput(_attrs("postal-code")),
    )
    access_needs = forms.MultipleChoiceField(
        label=gettext_lazy("Do you need any of these to take part?"),
        choices=ACCESS_NEED_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    access_details = forms.CharField(
        label=gettext_lazy("Anything else we should know to make taking part possible for you"),
        max_length=2000,
        required=False,
        widget=forms.Textarea({"rows": 3}),
        help_text=gettext_lazy("We ask for payment details for the stipend later."),
    )
    consent = forms.BooleanField(
        label=gettext_lazy(
            "I have read the privacy notice and agree that my answers are used as it says."
        ),
        error_messages={"required": gettext_lazy("Tick the box to agree to the privacy notice.")},
    )

    def __init__(
        self, *args: Any, features: list[Feature], code_required: bool, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if not code_required:
            del self.fields["code"]
        self.question_names = []
        for feature in features:
            name = f"q_{feature.name}"
            self.fields[name] = forms.ChoiceField(
                label=feature.question,
                choices=[(value.value, value.label) for value in feature.values.all()],
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose an answer to this question.")},
            )
            self.question_names.append(name)

    def questions(self) -> list[forms.BoundField]:
        """The bound question fields, in order (each shown as a fieldset)."""
        return [self[name] for name in self.question_names]

    def answers(self) -> dict[str, str]:
        """The answers by feature name."""
        return {name[2:]: self.cleaned_data[name] for name in self.question_names}


class RegistrationSettingsForm(forms.Form):
    """Open or close registration, and its privacy notice."""

    open = forms.BooleanField(label=gettext_lazy("Registration is open"), required=False)
    code_required = forms.BooleanField(
        label=gettext_lazy("A registration code (from the invitation letter) is required"),
        required=False,
    )
    privacy_notice = forms.CharField(
        label=gettext_lazy("Privacy notice"),
        widget=forms.Textarea({"rows": 10}),
        required=False,
        help_text=gettext_lazy(
            "Shown in full above the consent box. Changing it starts a new version."
        ),
    )
    closes_on = forms.DateField(
        label=gettext_lazy("Registration closes on (optional)"),
        required=False,
        widget=forms.DateInput({"type": "date"}),
    )
    retention_days = forms.IntegerField(
        label=gettext_lazy("Keep unselected registrants' personal data for (days after the draw)"),
        min_value=0,
        max_value=MAX_RETENTION_DAYS,
        required=False,
        help_text=gettext_lazy(
            "Then the names, contact details and access needs of everyone who was not "
            "drawn are erased; their pseudonymous answers stay, to check the draw. People "
            "drawn later, as replacements, can no longer be contacted: keep the data as "
            "long as replacements may be needed."
        ),
    )


class QuestionForm(forms.Form):
    """A question and its answers, one answer a line as 'name | label'."""

    name = forms.SlugField(
        label=gettext_lazy("Name of the feature (e.g. age)"),
        max_length=50,
        help_text=gettext_lazy("Used in the quotas and the files; lower-case, no spaces."),
    )
    question = forms.CharField(label=gettext_lazy("Question"), max_length=300)
    values = forms.CharField(
        label=gettext_lazy("Answers"),
        widget=forms.Textarea({"rows": 8}),
        help_text=gettext_lazy(
            "One answer a line, as 'name | label', e.g. '16-29 | 16 to 29 years old'."
        ),
    )
    prefer_not_to_say = forms.CharField(
        label=gettext_lazy("Name of the 'prefer not to say' answer (optional)"),
        max_length=50,
        required=False,
    )

    def clean_values(self) -> list[tuple[str, str]]:
        """The answers as (name, label) pairs."""
        pairs = []
        for number, line in enumerate(self.cleaned_data["values"].splitlines(), start=1):
            if not line.strip():
                continue
            name, bar, label = line.partition("|")
            if not bar:
                raise forms.ValidationError(_("Line {n}: write 'name | label'.").format(n=number))
            pairs.append((name.strip(), label.strip()))
        return pairs

    def answer_list(self) -> list[tuple[str, str, bool]]:
        """The answers with the 'prefer not to say' one marked."""
        marked = self.cleaned_data.get("prefer_not_to_say", "").strip()
        return [(name, label, name == marked) for name, label in self.cleaned_data["values"]]


class ImportPoolForm(forms.Form):
    """Upload a pool of registrants (CSV or Excel)."""

    file = forms.FileField(
        label=gettext_lazy("File (.csv or .xlsx)"),
        help_text=gettext_lazy(
            "Columns: first_name, last_name, email, phone, address, postcode and one column "
            "per question, named like it, holding answer names. Nothing is imported if any "
            "row has a problem."
        ),
    )

    def clean_file(self) -> tuple[str, bytes]:
        """The file's name and bytes, refused if larger than the upload limit."""
        return read_table_upload(self.cleaned_data["file"], "pool")
