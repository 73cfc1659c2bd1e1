"""The progress interface the command line and the web app attach to a selection."""

from __future__ import annotations

import pytest

from minipublic.sortition.algorithms import Algorithm
from minipublic.sortition.progress import Cancelled
from minipublic.sortition.select import run_selection
from tests.engine.cases import instance, integrality_gap


class Recorder:
    """Keeps every event."""

    def __init__(self) -> None:
        self.events: list[tuple[str, float | None, str]] = []

    def update(self, stage: str, fraction: float | None = None, detail: str = "") -> None:
        self.events.append((stage, fraction, detail))


class Broken:
    """A reporter whose every call fails, as a buggy progress bar might."""

    def update(self, stage: str, fraction: float | None = None, detail: str = "") -> None:
        raise ValueError("the progress bar is broken")


class CancelAt:
    """Cancels the selection at the first event of ``stage``."""

    def __init__(self, stage: str) -> None:
        self.stage = stage
        self.seen: list[str] = []

    def update(self, stage: str, fraction: float | None = None, detail: str = "") -> None:
        self.seen.append(stage)
        if stage == self.stage:
            raise Cancelled


def test_events_come_in_order_with_fractions_in_range() -> None:
    recorder = Recorder()
    run_selection(instance("synth_a"), progress=recorder)
    stages = [stage for stage, _, _ in recorder.events]
    assert stages[0] == "relaxation"
    assert "decomposing" in stages
    assert stages.index("decomposing") < stages.index("lottery")
    fractions = [f for stage, f, _ in recorder.events if stage == "decomposing"]
    assert fractions == sorted(fractions)
    assert all(0.0 <= f <= 1.0 for f in fractions if f is not None)


def test_a_broken_reporter_does_not_stop_the_selection() -> None:
    quiet = run_selection(instance("synth_a"))
    broken = run_selection(instance("synth_a"), progress=Broken())
    assert (broken.probabilities == quiet.probabilities).all()
    assert broken.lottery.panels == quiet.lottery.panels


@pytest.mark.parametrize("stage", ["relaxation", "decomposing", "lottery"])
def test_cancelled_stops_the_selection(stage: str) -> None:
    reporter = CancelAt(stage)
    with pytest.raises(Cancelled):
        run_selection(instance("synth_a"), progress=reporter)
    assert reporter.seen[-1] == stage


def test_the_exact_path_reports_progress_too() -> None:
    recorder = Recorder()
    selection = run_selection(integrality_gap(), algorithm=Algorithm.LEXIMIN, progress=recorder)
    assert selection.path == "exact"
    assert recorder.events
