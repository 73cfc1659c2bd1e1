"""Forms of the research pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from minipublic.learning.research_models import ProjectCode, ResearchProject
from minipublic.qda.transcripts import MAX_BYTES


class ProjectForm(forms.Form):
    """A new research project."""

    name = forms.CharField(label=_("Name of the project"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The research question and who works on it. Seen only by members."),
    )


class CodeForm(forms.Form):
    """A new inductive code."""

    name = forms.CharField(label=_("Name of the code"), max_length=120)
    definition = forms.CharField(
        label=_("Definition"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("When to apply it, in a sentence or two, so that other coders agree."),
    )
    parent = forms.ModelChoiceField(
        label=_("Category"),
        queryset=ProjectCode.objects.none(),
        required=False,
        empty_label=_("None (a theme of its own)"),
    )

    def __init__(self, *args: Any, project: ResearchProject, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = project.codes.filter(is_category=True)  # type: ignore[attr-defined]


class InviteForm(forms.Form):
    """Add a researcher to the project."""

    username = forms.CharField(
        label=_("User name of the researcher"),
        max_length=150,
        help_text=_("They must have an account marked as a researcher."),
    )


class UploadForm(forms.Form):
    """An interview transcript and the names to look for in it."""

    file = forms.FileField(
        label=_("Transcript"),
        help_text=_("Plain text (.txt, any common encoding) or Word (.docx), up to %(limit)s MB.")
        % {"limit": MAX_BYTES // 1_000_000},
    )
    name = forms.CharField(
        label=_("Name of the source"),
        max_length=200,
        required=False,
        help_text=_("For example: Interview 3 (facilitator). The file name if left empty."),
    )
    known_names = forms.CharField(
        label=_("Names to look for"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "One per line, optionally with the label that replaces it, e.g. "
            "“Jane Smith = [interviewee]”. Names the rules find are proposed too."
        ),
    )


class CodingForm(forms.Form):
    """Code a paragraph, or the exact words given, with the codes ticked."""

    paragraph = forms.IntegerField(label=_("Paragraph number"), min_value=1)
    words = forms.CharField(
        label=_("Exact words to code"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Copy them from the paragraph; leave empty to code the whole paragraph."),
    )
    codes = forms.ModelMultipleChoiceField(
        label=_("Codes"),
        queryset=ProjectCode.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    memo = forms.CharField(
        label=_("Memo"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Optional: why you coded it so."),
    )

    def __init__(self, *args: Any, project: ResearchProject, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        codes = project.codes.filter(is_category=False).select_related("parent")
        self.fields["codes"].queryset = codes  # type: ignore[attr-defined]
        self.fields["codes"].label_from_instance = _code_label  # type: ignore[attr-defined]


def _code_label(code: ProjectCode) -> str:
    return f"{code.parent.name}: {code.name}" if code.parent else code.name
