"""Forms of the briefing materials: submit, revise, comment, respond."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from minipublic.evidence.models import (
    NAME_MAX,
    TEXT_MAX,
    AuthorKind,
    CommentSource,
    CommissionedBy,
    ResponseOutcome,
)
from minipublic.integrity.uploads import (
    CheckedFile,
    UploadError,
    accepted_extensions,
    check_upload,
    max_megabytes,
)


class _CheckedFileField(forms.FileField):
    """An upload checked like every upload (type by content, size), as a CheckedFile."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(label=_("File"), **kwargs)

    def clean(self, data: Any, initial: Any = None) -> CheckedFile:
        """The checked file, or the upload check's message naming the file."""
        upload = super().clean(data, initial)
        try:
            return check_upload(upload)
        except UploadError as error:
            raise forms.ValidationError(str(error), code=error.code) from None


def _file_help() -> str:
    return str(
        _(
            "Accepted: {accepted}; at most {limit} MB. A draft is seen only by the team, the "
            "oversight group and you until the lead practitioner publishes it."
        )
    ).format(accepted=accepted_extensions(), limit=max_megabytes())


class MaterialForm(forms.Form):
    """A new briefing material and its first draft."""

    title = forms.CharField(label=_("Title"), max_length=NAME_MAX)
    summary = forms.CharField(
        label=_("What it covers"),
        max_length=TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    author = forms.CharField(
        label=_("Author"),
        max_length=NAME_MAX,
        help_text=_("The person or body who wrote it, as the members will read it."),
    )
    commissioned_by = forms.ChoiceField(label=_("Who asked for it"), choices=CommissionedBy.choices)
    commission_note = forms.CharField(
        label=_("About the commission (optional)"),
        max_length=NAME_MAX,
        required=False,
        help_text=_("For example: “asked for at the oversight meeting of 2 September”."),
    )

    def __init__(self, *args: Any, team: bool, commissioner: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if team and not commissioner:
            self.fields["author_kind"] = forms.ChoiceField(
                label=_("Kind of author"),
                choices=AuthorKind.choices,
                initial=AuthorKind.TEAM.value,
                help_text=_(
                    "A material written by the commissioner is labelled as such wherever it "
                    "is shown."
                ),
            )
            self.order_fields(["title", "summary", "author", "author_kind"])
        self.fields["file"] = _CheckedFileField(help_text=_file_help())


class VersionForm(forms.Form):
    """A new draft version of a material."""

    change_note = forms.CharField(
        label=_("What changed and why"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Published with the version, in the material's public change history."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"] = _CheckedFileField(help_text=_file_help())
        self.order_fields(["file", "change_note"])


class CommentForm(forms.Form):
    """A review comment: the oversight group's, or a stakeholder group's recorded by the team."""

    text = forms.CharField(
        label=_("Comment"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args: Any, oversight: bool, team: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = []
        if oversight:
            choices.append((CommentSource.OVERSIGHT.value, CommentSource.OVERSIGHT.label))
        if team:
            choices.append((CommentSource.STAKEHOLDER.value, CommentSource.STAKEHOLDER.label))
        self.fields["source"] = forms.ChoiceField(
            label=_("The comment comes from"),
            choices=choices,
            initial=choices[0][0] if choices else None,
            # With one source there is nothing to choose.
            widget=forms.RadioSelect if len(choices) > 1 else forms.HiddenInput,
        )
        if team:
            self.fields["group"] = forms.CharField(
                label=_("Group or organisation (for a stakeholder comment)"),
                max_length=NAME_MAX,
                required=False,
            )
        self.order_fields(["source", "group", "text"])
        self.help_text = _(
            "Comments are published with the version they are on once it (or a later "
            "version) is published, with the team's response."
        )


class ResponseForm(forms.Form):
    """The team's response to one review comment."""

    outcome = forms.ChoiceField(
        label=_("What the team did"), choices=ResponseOutcome.choices, widget=forms.RadioSelect
    )
    response = forms.CharField(
        label=_("Response"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What was changed, or why not. Published with the comment."),
    )
