"""``minipublic serve`` in production mode: static files, headers, errors."""

from __future__ import annotations

import re
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.servers import serving
from tests.support import base_env, run_cli, scratch_database

PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "production-like-test-secret-0123456789-abcdefghijklmnop",
    "ALLOWED_HOSTS": "127.0.0.1",
    "HTTPS": "0",
    "FIELD_ENCRYPTION_KEYS": "cHJvZHVjdGlvbi1saWtlLXRlc3Qta2V5LTAxMjM0NTY=",
}


#: Where each production server's output goes (serving() writes var_dir/serve-PORT.log).
_VAR_DIRS: dict[str, Path] = {}


@pytest.fixture(scope="module")
def production_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    var_dir = tmp_path_factory.mktemp("production")
    with scratch_database(var_dir) as database_url:
        settings = {**PRODUCTION, "DATABASE_URL": database_url}
        assert run_cli("migrate", env=base_env(var_dir, **settings)).returncode == 0
        with serving(var_dir, **settings) as base:
            _VAR_DIRS[base] = var_dir
            yield base


def _get(url: str, **headers: str) -> tuple[int, dict[str, str], str]:
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 (our own local server)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def test_static_files_are_collected_hashed_and_cached(production_server: str) -> None:
    status, _, page = _get(production_server + "/")
    assert status == 200
    stylesheet = re.search(r'href="(/static/minipublic/site\.[0-9a-f]{12}\.css)"', page)
    assert stylesheet, "the stylesheet has a content hash in its name"
    status, headers, body = _get(production_server + stylesheet.group(1))
    assert status == 200
    assert "max-age=315360000" in headers["Cache-Control"]
    assert ".skip-link" in body


def test_security_headers(production_server: str) -> None:
    _, headers, _ = _get(production_server + "/")
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"


def test_unknown_page_and_unknown_host(production_server: str) -> None:
    status, _, page = _get(production_server + "/nothing-here/")
    assert status == 404
    assert "We could not find that page" in page
    status, _, _ = _get(production_server + "/", Host="evil.example.org")
    assert status == 400


def test_the_demo_is_absent_in_production(production_server: str) -> None:
    status, _, _ = _get(production_server + "/p/demo/")
    assert status == 404


def test_the_access_log_keeps_no_client_address(production_server: str) -> None:
    # Anonymous reports keep only a date; an address beside a request time would undo it.
    status, _, _ = _get(production_server + "/about/")
    assert status == 200
    port = production_server.rsplit(":", 1)[1]
    log = _VAR_DIRS[production_server] / f"serve-{port}.log"
    for _ in range(50):  # gunicorn writes the access line just after the response
        if "GET /about/" in log.read_text():
            break
        time.sleep(0.1)
    lines = [line for line in log.read_text().splitlines() if "GET /about/" in line]
    assert lines, log.read_text()
    assert not any("127.0.0.1" in line for line in lines), lines


def test_nothing_is_logged_about_the_incident_report_form(production_server: str) -> None:
    # Requests for the form (here sent on to sign in, with ?next=<the form>) leave no
    # line at all, while the requests around them are logged as usual.
    for path in ("/p/nowhere/manage/incidents/new/", "/p/nowhere/manage/incidents/"):
        status, _, _ = _get(production_server + path)
        assert status == 200  # the sign-in page, after the redirect
    _get(production_server + "/about/?after-the-report-form")
    port = production_server.rsplit(":", 1)[1]
    log = _VAR_DIRS[production_server] / f"serve-{port}.log"
    for _ in range(50):
        if "after-the-report-form" in log.read_text():
            break
        time.sleep(0.1)
    text = log.read_text()
    assert "after-the-report-form" in text
    assert "/p/nowhere/manage/incidents/ " in text or "/p/nowhere/manage/incidents/ HTTP" in text
    assert "/incidents/new/" not in text, text
