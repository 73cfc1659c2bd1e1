"""The public page of process templates, and the template choice on the create page.

Every default is shown with its source, straight from ``minipublic.standards.templates``.
"""

from __future__ import annotations

from typing import Any

from django.forms import BoundField
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_safe

from minipublic.processes.labels import PHASE_LABELS
from minipublic.standards import TEMPLATES, ProcessTemplate, Purpose, ResponseRules

PURPOSE_LABELS = {
    Purpose.RECOMMENDATIONS: gettext_lazy("Recommendations on a policy question"),
    Purpose.OPINION: gettext_lazy("Informed public opinion"),
    Purpose.BALLOT_EVALUATION: gettext_lazy("Evaluating a ballot measure for the voters"),
    Purpose.PERMANENT: gettext_lazy("A permanent body of citizens"),
}


def _number(value: float) -> str:
    return f"{value:g}"


def _time(t: ProcessTemplate) -> str:
    parts = [_("%(days)s days") % {"days": _number(t.days)}]
    if t.hours is not None:
        parts.append(_("%(hours)s hours") % {"hours": _number(t.hours)})
    parts.append(ngettext("%(n)s meeting", "%(n)s meetings", t.meetings) % {"n": t.meetings})
    months = ngettext("over %(n)s month", "over %(n)s months", t.duration_months)
    return ", ".join(parts) + " " + months % {"n": t.duration_months}


def response_text(rules: ResponseRules) -> str:
    """The response rules of a template in one readable sentence."""
    if rules.deadline_days is None:
        parts = [_("No response from a decision-maker is due")]
    else:
        parts = [_("A public response within %(days)s days") % {"days": rules.deadline_days}]
    if rules.per_recommendation and rules.deadline_days is not None:
        parts.append(_("to each recommendation"))
    if rules.first_progress_report_months is not None:
        parts.append(
            _("a first progress report after %(n)s months")
            % {"n": rules.first_progress_report_months}
        )
    if rules.progress_report_every_months is not None:
        parts.append(
            _("progress reports every %(n)s months") % {"n": rules.progress_report_every_months}
        )
    if rules.public_meeting:
        parts.append(_("presented at a public meeting"))
    return ", ".join(parts) + "."


def _source(t: ProcessTemplate, key: str) -> str:
    citation = t.sources.get(key)
    return citation.text if citation is not None else "—"


def template_rows(t: ProcessTemplate) -> list[dict[str, Any]]:
    """Each default of ``t`` with its value and its source, for the templates page."""
    panel = _("%(default)s members (the model allows %(min)s to %(max)s)") % {
        "default": t.panel.default,
        "min": t.panel.min,
        "max": t.panel.max,
    }
    floor = _("%(days)s days, or fewer with a written justification but never below %(floor)s")
    rows: list[dict[str, Any]] = [
        {"label": _("Panel size"), "value": panel, "source": _source(t, "panel")},
        {"label": _("Time"), "value": _time(t), "source": _source(t, "time")},
        {
            "label": _("Phases"),
            "steps": [(PHASE_LABELS[step.phase], step.label) for step in t.phases],
            "source": _source(t, "phases"),
        },
        {"label": _("Outputs"), "items": t.outputs, "source": _source(t, "outputs")},
        {
            "label": _("Response"),
            "value": response_text(t.response),
            "source": _source(t, "response"),
        },
        {
            "label": _("Least days of deliberation"),
            "value": floor
            % {
                "days": _number(t.thresholds.min_days),
                "floor": _number(t.thresholds.floor_days),
            },
            "source": _source(t, "min_days"),
        },
    ]
    if t.thresholds.min_hours is not None:
        rows.append(
            {
                "label": _("Least hours of deliberation"),
                "value": _number(t.thresholds.min_hours),
                "source": _source(t, "min_hours"),
            }
        )
    if t.standing_body is not None:
        body = t.standing_body
        rows.append(
            {
                "label": _("Standing body"),
                "value": _(
                    "%(members)s members serving %(term)s months; "
                    "%(count)s replaced by lot every %(every)s months"
                )
                % {
                    "members": body.members,
                    "term": body.term_months,
                    "count": body.rotate_count,
                    "every": body.rotate_every_months,
                },
                "source": _source(t, "standing_body"),
            }
        )
    return rows


@require_safe
def templates_page(request: HttpRequest) -> HttpResponse:
    """Every process template with its purpose, defaults, phases, outputs, response and sources."""
    templates = [
        {"template": t, "purpose": PURPOSE_LABELS[t.purpose], "rows": template_rows(t)}
        for t in TEMPLATES.values()
    ]
    return render(request, "processes/templates.html", {"templates": templates})


def template_options(field: BoundField) -> list[dict[str, Any]]:
    """The radio buttons of the template choice, each with its template's summary."""
    options = []
    for radio in field:
        t = TEMPLATES.get(str(radio.data["value"]))
        options.append(
            {
                "radio": radio,
                "template": t,
                "purpose": PURPOSE_LABELS[t.purpose] if t else None,
            }
        )
    return options
