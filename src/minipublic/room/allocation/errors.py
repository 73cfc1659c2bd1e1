"""The allocation engine's error: a stable code, an English message and its parameters."""

from __future__ import annotations

from minipublic.coded_error import CodedError


class AllocationError(CodedError):
    """The allocation cannot be made as asked; ``code`` says why, ``params`` the details.

    Every message names what is wrong (the attendee, session, table or group) and what to
    change. The web layer words each code in the reader's language.
    """
