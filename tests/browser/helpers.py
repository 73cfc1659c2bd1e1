"""Steps shared by the browser tests."""

from __future__ import annotations

from playwright.sync_api import Page

from tests.browser.axe import AxeChecker

PHONE_WIDTH = 360


def sign_in(page: Page, axe: AxeChecker, base: str, username: str, password: str = "demo") -> None:
    """Use the sign-in form like a person would; both pages are checked with axe-core."""
    page.goto(base + "/accounts/login/")
    axe(page)
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
    axe(page)


def assert_fits_phone(page: Page) -> None:
    """Nothing on the page, tables included, needs sideways scrolling on a small phone."""
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH
    overflowing = page.evaluate(
        "[...document.querySelectorAll('.table-scroll')]"
        ".filter(e => e.scrollWidth > e.clientWidth).length"
    )
    assert overflowing == 0, "tables fit without scrolling sideways"
