"""Create and run HiGHS models quietly, single-threaded, within a larger program.

HiGHS prints a banner on standard output when the first model of a process is made,
before any option can silence it; the first model is therefore made with standard output
pointed at /dev/null. HiGHS also keeps one thread scheduler per process, sized by the
first model that runs; if another part of the program ran a model with another thread
count, ``run`` resets the scheduler and tries once more. (The selection engine does the
same for its models; the two core packages do not depend on each other.)
"""

from __future__ import annotations

import os
import sys

import highspy

_quietened = False


def new_model(seed: int) -> highspy.Highs:
    """A silent, single-threaded HiGHS model with a fixed random seed (deterministic)."""
    global _quietened
    if _quietened:
        model = highspy.Highs()  # type: ignore[no-untyped-call]
    else:
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
    for name, value in (("output_flag", False), ("threads", 1), ("random_seed", seed)):
        model.setOptionValue(name, value)
    return model


def run(model: highspy.Highs) -> highspy.HighsStatus:
    """Run ``model``; if HiGHS refuses because another thread count is in use, retry once."""
    status = model.run()
    if status == highspy.HighsStatus.kError:
        highspy.Highs.resetGlobalScheduler(True)
        status = model.run()
    return status
