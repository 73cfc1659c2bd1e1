"""Translated wording for this app's LifecycleError codes (merged into processes.error_text)."""

from __future__ import annotations

from django.utils.functional import Promise

from minipublic.learning.case_error_text import TEXTS as CASE_TEXTS
from minipublic.learning.library_error_text import TEXTS as LIBRARY_TEXTS
from minipublic.learning.research_error_text import TEXTS as RESEARCH_TEXTS

TEXTS: dict[str, Promise] = {**CASE_TEXTS, **LIBRARY_TEXTS, **RESEARCH_TEXTS}
