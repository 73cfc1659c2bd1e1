"""Browser tests: Playwright drives Debian's chromium; axe-core checks every page visited.

A missing chromium is a failure, not a skip: ``make test`` installs it
(scripts/ensure-chromium). Every page a test navigates to must be checked with
``accessible(page)`` before the test ends, or the test fails.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, sync_playwright

from tests.browser.axe import AxeChecker
from tests.browser.helpers import PHONE_WIDTH

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Chromium's background services try to reach Google; the test machine has no network.
_FLAGS = [
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test in this folder as a browser test."""
    for item in items:
        if Path(str(item.fspath)).parent == Path(__file__).parent:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator[Playwright]:
    """One Playwright driver for the session."""
    with sync_playwright() as instance:
        yield instance


@pytest.fixture(scope="session")
def browser(playwright_instance: Playwright) -> Iterator[Browser]:
    """Debian's chromium, headless."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run scripts/ensure-chromium (make test does).")
    args = [*_FLAGS, "--no-sandbox"] if os.geteuid() == 0 else _FLAGS
    instance = playwright_instance.chromium.launch(executable_path=CHROMIUM, args=args)
    yield instance
    instance.close()


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    """A fresh browser profile (no cookies) for one test."""
    ctx = browser.new_context(locale="en-GB")
    yield ctx
    ctx.close()


@pytest.fixture
def axe() -> Iterator[AxeChecker]:
    """Checks pages with axe-core and, at the end, that no visited page went unchecked."""
    checker = AxeChecker()
    yield checker
    checker.assert_every_page_checked()


@pytest.fixture
def page(context: BrowserContext, axe: AxeChecker) -> Page:
    """A page whose navigations the axe checker tracks."""
    new_page = context.new_page()
    axe.track(new_page)
    return new_page


@pytest.fixture
def phone(browser: Browser, axe: AxeChecker) -> Iterator[Page]:
    """A page on a small phone screen, tracked by the axe checker."""
    ctx = browser.new_context(viewport={"width": PHONE_WIDTH, "height": 740})
    new_page = ctx.new_page()
    axe.track(new_page)
    yield new_page
    ctx.close()
