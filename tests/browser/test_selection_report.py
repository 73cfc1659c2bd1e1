"""The selection report (report.html) in a real browser: accessible, readable on a phone.

The report is a standalone file that practitioners publish, so it is checked like a page
of the site: axe-core with the same rules, and no sideways scrolling at phone width.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.browser.axe import AxeChecker

DEMO = Path(__file__).resolve().parents[2] / "src" / "minipublic" / "demo" / "selection"


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("selection") / "riverford"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "minipublic",
            "select",
            str(DEMO / "people.csv"),
            str(DEMO / "quotas.csv"),
            "--size",
            "24",
            "--address-columns",
            "address_line,postcode",
            "--out",
            str(out),
            "--seed",
            "browser test",
        ],
        check=True,
        capture_output=True,
    )
    return out / "report.html"


def test_the_report_passes_axe_and_shows_the_comparison(
    page: Page, axe: AxeChecker, report: Path
) -> None:
    page.goto(report.as_uri())
    axe(page)
    assert page.get_by_role("heading", name="Selection report").is_visible()
    chart = page.locator("svg")
    assert chart.count() >= 1
    assert "Legacy method (estimate)" in page.content()


def test_the_report_fits_a_phone(phone: Page, axe: AxeChecker, report: Path) -> None:
    phone.goto(report.as_uri())
    axe(phone)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
