"""``{% conformance_label process %}``: the process's label with a link to its conformance page."""

from __future__ import annotations

from typing import Any

from django import template

from minipublic.processes.models import Process

register = template.Library()


@register.inclusion_tag("conformance/_label.html")
def conformance_label(process: Process) -> dict[str, Any]:
    """The label evaluated now: the model's name when every gate passes, else neutral."""
    from minipublic.conformance.views import report_for

    report = report_for(process)
    return {
        "process": process,
        "report": report,
        "blocking": len(report.unknown_gates) + len(report.failing_gates),
    }
