"""Create HiGHS instances without the banner HiGHS prints on standard output.

HiGHS prints a banner to the process's standard output when the first instance is made,
before any option can silence it. That would corrupt output that programs read, so the
first instance is made with the stdout file descriptor pointed at /dev/null.
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
