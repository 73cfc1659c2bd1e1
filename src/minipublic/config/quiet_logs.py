"""Keep reports of steering attempts out of the logs.

A log line timed to the second for the request that made a report, beside a ledger that
records anonymous reports only by their day, would say when an anonymous report was
made (and a proxy's own log might then say from where). So neither the access log nor
Django's request warnings mention the report form's address.
"""

from __future__ import annotations

import logging
import re

#: The address of the form for reporting an incident (see integrity/urls.py).
REPORT_PATH = re.compile(r"/p/[^/]+/manage/incidents/new/")


def mentions_report_form(text: str) -> bool:
    """Whether ``text`` (a path or a log message) refers to the report form."""
    return REPORT_PATH.search(text) is not None


class SkipIncidentReports(logging.Filter):
    """A logging filter dropping records about requests to the report form."""

    def filter(self, record: logging.LogRecord) -> bool:
        """False (drop) for a record about the report form."""
        request = getattr(record, "request", None)
        path = getattr(request, "path", "") if request is not None else ""
        return not (mentions_report_form(str(path)) or mentions_report_form(record.getMessage()))
