"""Forms of the case library: sharing a material, withdrawing an entry."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from minipublic.integrity.uploads import (
    CheckedFile,
    UploadError,
    accepted_extensions,
    check_upload,
    max_megabytes,
)
from minipublic.learning.library_actions import REASON_MAX, TITLE_MAX
from minipublic.learning.library_models import Licence, MaterialKind


class CheckedFileField(forms.FileField):
    """An upload checked like every upload (type by content, size), as a CheckedFile."""

    def clean(self, data: Any, initial: Any = None) -> CheckedFile:
        """The checked file, or the upload check's message naming the file."""
        upload = super().clean(data, initial)
        try:
            return check_upload(upload)
        except UploadError as error:
            raise forms.ValidationError(str(error), code=error.code) from None


class MaterialForm(forms.Form):
    """A material to share with a library entry. The licence has no default: sharing
    under an open licence is a decision the author makes knowingly."""

    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX)
    kind = forms.ChoiceField(label=_("Kind of material"), choices=MaterialKind.choices)
    licence = forms.ChoiceField(
        label=_("Licence"),
        choices=Licence.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the open licence the material is shared under.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["licence"].help_text = _(
            "Anyone may download, copy and adapt the file under this licence. Share only what "
            "you have the right to share, and nothing that names a person."
        )
        self.fields["file"] = CheckedFileField(
            label=_("File"),
            help_text=str(_("Accepted: {accepted}; at most {limit} MB.")).format(
                accepted=accepted_extensions(), limit=max_megabytes()
            ),
        )


class WithdrawForm(forms.Form):
    """Withdrawing an entry: the reason is published in its place."""

    reason = forms.CharField(
        label=_("Why it is withdrawn"),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Shown to everyone who opens the entry's address instead of the record. Do not "
            "repeat anything that should not be public."
        ),
    )
