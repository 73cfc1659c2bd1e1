"""``{% conformance_label process %}``: the process's label with a link to its conformance page."""

from __future__ import annotations

from typing import Any

from django import template

from minipublic import clock
from minipublic.conformance.models import ConformanceState
from minipublic.integrity.models import LedgerEntry
from minipublic.ledger import format_time
from minipublic.processes.models import Process
from minipublic.standards import Outcome

register = template.Library()
_BLOCKING = {Outcome.NOT_MET.value, Outcome.UNKNOWN.value}


def _stale(state: ConformanceState, process: Process) -> bool:
    if state.evaluated_at.date() != clock.now().date():
        return True
    latest = (
        LedgerEntry.objects.filter(process=process)
        .order_by("-sequence")
        .values_list("time", flat=True)
        .first()
    )
    return latest is not None and latest > format_time(state.evaluated_at)


@register.inclusion_tag("conformance/_label.html")
def conformance_label(process: Process) -> dict[str, Any]:
    """The label as last evaluated (``ConformanceState``): the model's name when every gate
    passed, else neutral with the number of blocking gates.

    Storing and logging a new evaluation is the actions' and the nightly run's job, not
    the page's. When nothing was stored yet, or the record changed (a newer ledger entry)
    or the day changed since, the page evaluates afresh without storing, so the label
    never lags behind the conformance page; the selection files are not re-verified.
    """
    state = ConformanceState.objects.filter(process=process).first()
    if state is None or _stale(state, process):
        from minipublic.conformance.views import report_for

        report = report_for(process)
        earned, label = report.label_earned, report.label
        blocking = len(report.unknown_gates) + len(report.failing_gates)
    else:
        earned, label = state.label_earned, state.label
        blocking = sum(1 for outcome in state.gates.values() if outcome in _BLOCKING)
    return {"process": process, "label_earned": earned, "label": label, "blocking": blocking}
