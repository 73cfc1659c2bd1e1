"""The report's pages in the demo, read only: the climate assembly's report not yet
delivered, the parks jury's two frozen versions with their hashes and diff, a version in
full, and a participant's pages. axe-core on each; the public ones fit a phone and read
without JavaScript."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.axe import AxeChecker
from tests.browser.helpers import assert_fits_phone, sign_in


@pytest.mark.parametrize(
    ("path", "shown"),
    [
        ("/p/demo/report/", "has not been delivered yet"),
        ("/p/demo-parks-jury/report/", "What changed from version 1"),
        ("/p/demo-parks-jury/report/2/", "£1.2 million"),
        ("/p/demo-parks-jury/", "The participants' report"),
    ],
)
def test_the_public_pages_pass_axe_and_fit_a_phone(
    phone: Page, axe: AxeChecker, demo_server: str, path: str, shown: str
) -> None:
    response = phone.goto(demo_server + path)
    assert response is not None
    assert response.status == 200
    axe(phone)
    assert_fits_phone(phone)
    expect(phone.locator("main")).to_contain_text(shown)


def test_the_diff_reads_without_javascript(browser: Browser, demo_server: str) -> None:
    page = browser.new_context(java_script_enabled=False).new_page()
    page.goto(demo_server + "/p/demo-parks-jury/report/")
    page.get_by_text("What changed from version 1").click()
    diff = page.locator(".word-diff").first
    expect(diff.locator("del")).to_contain_text("1.5")
    expect(diff.locator("ins")).to_contain_text("1.2")


@pytest.mark.parametrize(
    ("user", "path", "shown"),
    [
        ("participant1", "/p/demo/report/", "Version 1 is being signed"),
        ("participant1", "/p/demo/report/1/", "You have signed this version."),
        ("participant1", "/p/demo/report/edit/", "6 participants have signed this version"),
        ("juror1", "/p/demo-parks-jury/report/edit/", "Start version 3"),
        ("commissioner", "/p/demo-parks-jury/report/change/", "Declined by the participants"),
    ],
)
def test_the_members_pages_pass_axe(
    page: Page, axe: AxeChecker, demo_server: str, user: str, path: str, shown: str
) -> None:
    sign_in(page, axe, demo_server, user)
    response = page.goto(demo_server + path)
    assert response is not None
    assert response.status == 200
    axe(page)
    expect(page.locator("main")).to_contain_text(shown)
