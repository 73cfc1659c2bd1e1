"""The transparency portal's section on the frozen report (its versions, hashes and links).

The portal (``portal/sections.py``) calls ``portal_section`` and renders its context
with this app's template; ``None`` leaves the section out.
"""

from __future__ import annotations

from minipublic.processes.models import Process


def portal_section(process: Process) -> dict[str, object] | None:
    """The public context of this section for ``process``, or None to leave it out."""
    return None
