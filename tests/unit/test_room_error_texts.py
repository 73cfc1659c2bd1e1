"""The parking lot and the table summaries raise some refusals through helpers (the code
is an argument, not a literal ``LifecycleError("…")``): each of those codes has wording too.
"""

from __future__ import annotations

import re
from pathlib import Path

from minipublic.deliberation.models import Resolution
from minipublic.processes.error_text import _TEXTS

DELIBERATION = Path(__file__).resolve().parents[2] / "src" / "minipublic" / "deliberation"
_HELPER_CALL = re.compile(r"(?:_words|_checked_text)\(\s*\w+,\s*\"([a-z_]+)\"")


def test_codes_raised_through_helpers_have_wording() -> None:
    codes = set()
    for name in ("parking.py", "summaries.py"):
        codes |= set(_HELPER_CALL.findall((DELIBERATION / name).read_text()))
    codes |= {f"resolution_needs_words_{kind.value}" for kind in Resolution}
    assert len(codes) >= 9, codes
    missing = sorted(codes - set(_TEXTS))
    assert not missing, f"add wording to the deliberation error texts: {missing}"
