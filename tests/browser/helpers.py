"""Steps shared by the browser tests."""

from __future__ import annotations

from playwright.sync_api import Page, expect

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


def accept_terms(page: Page, axe: AxeChecker, base_url: str, slug: str) -> None:
    """Read one's terms of engagement in ``slug`` and accept them, as a new member does;
    both pages are checked with axe-core."""
    page.goto(f"{base_url}/p/{slug}/terms/")
    axe(page)
    with page.expect_navigation():
        page.get_by_role("button", name="I accept these terms").click()
    axe(page)
    expect(page.get_by_role("status")).to_contain_text("You have accepted your terms")
