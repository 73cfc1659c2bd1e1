"""Create and run HiGHS instances safely within a larger program.

HiGHS prints a banner to the process's standard output when the first instance is made,
before any option can silence it. That would corrupt output that programs read, so the
first instance is made with the stdout file descriptor pointed at /dev/null.

HiGHS also keeps one thread scheduler per process, sized by the first model that runs;
a later model asking for another thread count (ours ask for one, for determinism) then
fails at once. ``run`` resets the scheduler and tries again in that case.
"""

from __future__ import annotations

import os
import sys

import highspy

_quietened = False


def quiet_highs() -> highspy.Highs:
    """A new ``highspy.Highs`` (the first one made with stdout silenced)."""
    global _quietened
    if _quietened:
        return highspy.Highs()  # type: ignore[no-untyped-call]
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        with open(os.devnull, "wb") as devnull:
            os.dup2(devnull.fileno(), 1)
            model = highspy.Highs()  # type: ignore[no-untyped-call]
    finally:
        os.dup2(saved, 1)
        os.close(saved)
    _quietened = True
    return model


def run(model: highspy.Highs) -> highspy.HighsStatus:
    """Run ``model``; if HiGHS refuses because another thread count is in use, retry once."""
    status = model.run()
    if status == highspy.HighsStatus.kError:
        highspy.Highs.resetGlobalScheduler(True)
        status = model.run()
    return status
