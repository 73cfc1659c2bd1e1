"""Forms of the case record: its text and choices, and publishing it.

Text fields are not required here: the actions say what is missing in their own words,
and nothing typed is lost.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from minipublic.learning.case_actions import SECTION_LIMIT, TITLE_LIMIT
from minipublic.learning.case_generate import PRESSURE_KEYS
from minipublic.learning.case_models import SECTION_KEYS, CaseRecord, LocationChoice
from minipublic.learning.library_models import Licence, Outcome

SECTION_LABELS: dict[str, Promise] = {
    "summary": _("Summary"),
    "purpose": _("Problems and purpose (the remit)"),
    "context": _("Background and context"),
    "organisers": _("Commissioner, organisers and funders"),
    "recruitment": _("Recruitment and selection"),
    "methods": _("Methods, design and time"),
    "process": _("What went on, integrity included"),
    "outcomes": _("Outcomes: recommendations, responses, implementation"),
    "lessons": _("Lessons: what we would do differently"),
}
SECTION_HINTS: dict[str, Promise] = {
    "summary": _("A brief description: what the library lists first. Required."),
    "organisers": _("Names are replaced by role labels in the review, e.g. [the commissioner]."),
    "process": _(
        "Appraisal red flags and how they were negotiated, the register of steering "
        "attempts by category and outcome. Never copy an unpublished register entry."
    ),
    "lessons": _("Your reflections for other practitioners: what you would do differently."),
}
PRESSURE_LABELS: dict[str, Promise] = {
    "steer.expert_selection": _("Steering: choice of experts or information"),
    "steer.report_content": _("Steering: content of the report"),
    "steer.lobbying_participants": _("Steering: lobbying participants"),
    "steer.vested_interests": _("Steering: participants with vested interests"),
    "steer.framing_remit": _("Steering: framing or remit"),
    "steer.time": _("Steering: time"),
    "impact.no_response": _("Impact: no response"),
    "impact.no_follow_up_funding": _("Impact: no follow-up funding"),
    "impact.transformation_constrained": _("Impact: transformation constrained"),
    "market.deliberation_wash": _("Market: deliberation-washing"),
    "market.participation_wash": _("Market: participation-washing"),
    "market.new_providers": _("Market: new providers"),
    "market.non_disclosure": _("Market: non-disclosure"),
}


class CaseRecordForm(forms.Form):
    """The draft's text, section by section, and what the library shows of it."""

    title = forms.CharField(label=_("Title"), max_length=TITLE_LIMIT, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key in SECTION_KEYS:
            self.fields[f"section_{key}"] = forms.CharField(
                # Built per form, so str() translates into the request's language.
                label=str(SECTION_LABELS[key]),
                help_text=str(SECTION_HINTS.get(key, "")),
                required=False,
                max_length=SECTION_LIMIT,
                widget=forms.Textarea(attrs={"rows": 12 if key == "lessons" else 6}),
            )
        for name, field in self.extra_fields().items():
            self.fields[name] = field

    @staticmethod
    def extra_fields() -> dict[str, forms.Field]:
        """The choices after the sections (in the order shown)."""
        return {
            "pressures": forms.MultipleChoiceField(
                label=_("Pressures met (for the library's filter)"),
                choices=[(key, PRESSURE_LABELS[key]) for key in PRESSURE_KEYS],
                widget=forms.CheckboxSelectMultiple,
                required=False,
            ),
            "outcome": forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices),
            "place": forms.CharField(label=_("Town or city"), max_length=100, required=False),
            "region": forms.CharField(label=_("Region"), max_length=100, required=False),
            "country": forms.CharField(label=_("Country"), max_length=100, required=False),
            "location": forms.ChoiceField(
                label=_("How precisely the library shows where it took place"),
                choices=LocationChoice.choices,
                widget=forms.RadioSelect,
            ),
            "licence": forms.ChoiceField(
                label=_("Licence of the published record"),
                choices=Licence.choices,
                widget=forms.RadioSelect,
            ),
            "link_process": forms.BooleanField(
                label=_("Name this process in the library"),
                required=False,
                help_text=_(
                    "Ticked, the entry links to this process and its public record notes the "
                    "publication. Unticked, nothing links the entry back to this process."
                ),
            ),
        }

    @staticmethod
    def initial_for(record: CaseRecord) -> dict[str, Any]:
        """The form's values for ``record``."""
        initial: dict[str, Any] = {
            f"section_{key}": record.sections.get(key, "") for key in SECTION_KEYS
        }
        initial.update(
            title=record.title,
            pressures=record.pressures,
            outcome=record.outcome,
            place=record.place,
            region=record.region,
            country=record.country,
            location=record.location,
            licence=record.licence,
            link_process=record.link_process,
        )
        return initial

    def edits(self) -> dict[str, Any]:
        """The cleaned values as ``do_edit_case_record``'s arguments."""
        data = self.cleaned_data
        return {
            "title": data.get("title", ""),
            "sections": {key: data.get(f"section_{key}", "") for key in SECTION_KEYS},
            "pressures": data.get("pressures", []),
            "outcome": data["outcome"],
            "place": data.get("place", ""),
            "region": data.get("region", ""),
            "country": data.get("country", ""),
            "location": data["location"],
            "licence": data["licence"],
            "link_process": bool(data.get("link_process")),
        }


class ConfirmForm(forms.Form):
    """An explicit confirmation before publishing."""

    confirm = forms.BooleanField(
        label=_("I have read the anonymised record above and it may be published."),
        required=True,
        error_messages={"required": _("Tick the box to confirm you have read the record.")},
    )
