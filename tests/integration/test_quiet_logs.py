"""Nothing the site logs says when someone used the incident report form."""

from __future__ import annotations

import io
import logging

import pytest

from minipublic.config.quiet_logs import SkipIncidentReports
from tests.cast import Cast

pytestmark = pytest.mark.django_db


@pytest.fixture
def site_log() -> io.StringIO:
    """What the site's own console handler (with its filters) would write."""
    stream = io.StringIO()
    handler = next(
        handler
        for handler in logging.getLogger().handlers
        if any(isinstance(item, SkipIncidentReports) for item in handler.filters)
    )
    copy = logging.StreamHandler(stream)
    for item in handler.filters:
        copy.addFilter(item)
    logging.getLogger("django.request").addHandler(copy)
    yield stream
    logging.getLogger("django.request").removeHandler(copy)


def test_a_refused_report_leaves_no_warning_but_other_bad_requests_do(
    cast: Cast, site_log: io.StringIO
) -> None:
    client = cast.client("participant")
    refused = client.post(f"/p/{cast.process.slug}/manage/incidents/new/", {"target": "nope"})
    assert refused.status_code == 400
    assert site_log.getvalue() == ""
    other = client.post(f"/p/{cast.process.slug}/declare/", {"kind": "nope"})
    assert other.status_code == 400
    assert f"/p/{cast.process.slug}/declare/" in site_log.getvalue()


def test_the_filter_reads_the_request_path_and_the_message() -> None:
    keep = SkipIncidentReports()

    def record(message: str) -> logging.LogRecord:
        return logging.LogRecord("django.request", logging.WARNING, "", 0, message, (), None)

    assert not keep.filter(record("Bad Request: /p/demo/manage/incidents/new/"))
    assert keep.filter(record("Bad Request: /p/demo/manage/incidents/"))
    assert keep.filter(record("Bad Request: /p/demo/declare/"))
