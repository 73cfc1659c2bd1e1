"""Translated wording for this app's LifecycleError codes (merged into processes.error_text)."""

from __future__ import annotations

from django.utils.functional import Promise

from minipublic.participants.attendance_error_text import TEXTS as ATTENDANCE_TEXTS
from minipublic.participants.message_error_text import TEXTS as MESSAGE_TEXTS
from minipublic.participants.portal_error_text import TEXTS as PORTAL_TEXTS
from minipublic.participants.support_error_text import TEXTS as SUPPORT_TEXTS

TEXTS: dict[str, Promise] = {**SUPPORT_TEXTS, **ATTENDANCE_TEXTS, **MESSAGE_TEXTS, **PORTAL_TEXTS}
