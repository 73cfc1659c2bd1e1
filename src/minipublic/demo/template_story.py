"""The demo processes start from templates, like every new process should.

The climate assembly starts from the Citizens' Assembly template and plans five weekends
(ten days, sixty hours), a panel of 24 (the quota target of the recruitment story) and
the council's answer within three months. The transport jury, still being designed,
keeps the Citizens' Jury defaults. The parks jury was planned as seven Saturday mornings
(three and a half days), short of the model's four days, which its conformance page
shows. The values agree with ``conformance_story.DESIGNS``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from minipublic.processes.design import PlannedDesign

#: Each demo process's template and the planned values replacing its defaults.
TEMPLATE_DESIGNS: dict[str, tuple[str, PlannedDesign]] = {
    "demo": (
        "citizens_assembly",
        PlannedDesign(
            planned_days=Decimal(10),
            planned_hours=60,
            planned_meetings=5,
            planned_panel_size=24,
            response_days=90,
        ),
    ),
    "demo-transport-jury": ("citizens_jury", PlannedDesign()),
    "demo-parks-jury": (
        "citizens_jury",
        PlannedDesign(
            planned_days=Decimal("3.5"),
            planned_hours=24,
            planned_meetings=7,
            planned_panel_size=24,
            response_days=60,
        ),
    ),
}


def created_from_template(slug: str) -> dict[str, Any]:
    """The ``template`` and ``design`` arguments creating the demo process ``slug``."""
    if slug not in TEMPLATE_DESIGNS:
        return {}
    template, design = TEMPLATE_DESIGNS[slug]
    return {"template": template, "design": design}
