"""The transparency portal's section on the responses and implementation progress.

The portal (``portal/sections.py``) calls ``portal_section`` and renders its context
with this app's template; ``None`` leaves the section out.
"""

from __future__ import annotations

from minipublic import clock
from minipublic.accountability.page import overview
from minipublic.processes.models import Process


def portal_section(process: Process) -> dict[str, object] | None:
    """The public context of this section for ``process``, or None to leave it out
    (before the participants' report is delivered there is nothing to answer)."""
    page = overview(process, clock.now().date())
    if page.delivered_on is None:
        return None
    return {"process": process, "page": page}
