"""A process's planned design: copied from a template when created, then edited.

A template (``minipublic.standards.templates``) is data that may change with a new
catalogue version; a process keeps its own copy, so a later change to a template never
rewrites an existing process. The copy of what was taken from the template, with the
template's thresholds and the catalogue version, is the process's ``template_snapshot``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _

from minipublic.lifecycle import LifecycleError
from minipublic.standards import CATALOGUE_VERSION, TEMPLATES, ProcessTemplate

if TYPE_CHECKING:
    from minipublic.processes.models import Process

#: The planned values, in the order pages and the ledger show them.
PLANNED_FIELDS = (
    "planned_days",
    "planned_hours",
    "planned_meetings",
    "planned_panel_size",
    "response_days",
)

#: What each planned value is called on pages and in error messages.
PLANNED_LABELS = {
    "planned_days": _("Days of deliberation"),
    "planned_hours": _("Hours of deliberation"),
    "planned_meetings": _("Meetings"),
    "planned_panel_size": _("Panel size"),
    "response_days": _("Days the commissioner has to respond"),
}

#: The allowed range of each planned value (days also come in steps of half a day).
LIMITS: dict[str, tuple[Decimal | int, Decimal | int]] = {
    "planned_days": (Decimal("0.5"), Decimal("60")),
    "planned_hours": (1, 500),
    "planned_meetings": (1, 100),
    "planned_panel_size": (5, 2000),
    "response_days": (1, 730),
}
DAY_STEP = Decimal("0.5")


@dataclass(frozen=True)
class PlannedDesign:
    """Days and hours of deliberation, meetings, panel size and days to respond (None: unset)."""

    planned_days: Decimal | None = None
    planned_hours: int | None = None
    planned_meetings: int | None = None
    planned_panel_size: int | None = None
    response_days: int | None = None

    def as_json(self) -> dict[str, Any]:
        """The values as plain JSON (days as a number with at most one decimal)."""
        values: dict[str, Any] = dataclasses.asdict(self)
        if self.planned_days is not None:
            values["planned_days"] = _days_json(self.planned_days)
        return values

    def replace(self, **overrides: Any) -> PlannedDesign:
        """A copy with some values replaced (None values in ``overrides`` are ignored)."""
        return dataclasses.replace(
            self, **{key: value for key, value in overrides.items() if value is not None}
        )


def _days_json(days: Decimal) -> int | float:
    return int(days) if days == days.to_integral_value() else float(days)


def design_of(process: Process) -> PlannedDesign:
    """The design currently planned for ``process``."""
    return PlannedDesign(**{name: getattr(process, name) for name in PLANNED_FIELDS})


def apply_design(process: Process, design: PlannedDesign) -> list[str]:
    """Set ``design`` on ``process`` (unsaved); returns the names of the changed fields."""
    changed = []
    for name in PLANNED_FIELDS:
        value = getattr(design, name)
        if getattr(process, name) != value:
            changed.append(name)
        setattr(process, name, value)
    return changed


def check_design(design: PlannedDesign) -> None:
    """Refuse a planned value outside its range ("planned_value_out_of_range")."""
    for name in PLANNED_FIELDS:
        value = getattr(design, name)
        if value is None:
            continue
        low, high = LIMITS[name]
        if not low <= value <= high or (name == "planned_days" and value % DAY_STEP):
            raise LifecycleError(
                "planned_value_out_of_range",
                "{label} must lie between {min} and {max}.",
                field=name,
                label=PLANNED_LABELS[name],
                min=str(low),
                max=str(high),
            )


def find_template(template_id: str) -> ProcessTemplate:
    """The template with this id; LifecycleError("unknown_template") otherwise."""
    try:
        return TEMPLATES[template_id]
    except KeyError:
        raise LifecycleError(
            "unknown_template", "There is no process template {template}.", template=template_id
        ) from None


def template_design(t: ProcessTemplate) -> PlannedDesign:
    """The design a process created from ``t`` starts with: the template's defaults."""
    return PlannedDesign(
        planned_days=Decimal(str(t.days)).quantize(Decimal("0.1")),
        planned_hours=None if t.hours is None else round(t.hours),
        planned_meetings=t.meetings,
        planned_panel_size=t.panel.default,
        response_days=t.response.deadline_days,
    )


def snapshot(t: ProcessTemplate) -> dict[str, Any]:
    """A JSON copy of what the process took from ``t``, kept with the process for good."""
    return {
        "template": t.id,
        "name": t.name,
        "catalogue_version": CATALOGUE_VERSION,
        "process_model": None if t.process_model is None else t.process_model.value,
        "defaults": template_design(t).as_json(),
        "panel_range": [t.panel.min, t.panel.max],
        "thresholds": dataclasses.asdict(t.thresholds),
    }
