"""The demo's participant support, attendance, messages and portal (issue 10).

Runs after every demo process is loaded, in the order the parts depend on each other:
attendance and messages first (they make stipends due), then support, then the portal.
Each part adds ONE line in its slot below.
"""

from __future__ import annotations

from minipublic.accounts.models import User
from minipublic.demo.support_story import load_support


def load_participants(users: dict[str, User]) -> None:
    """Create the demo assembly's attendance, messages, support plans and portal content."""
    # 1. Attendance and messages (the attendance/messages part): before support.
    # 2. Support plans, stipends and payments.
    load_support(users)
    # 3. The participant's portal, contact requests and consent (the portal part).
