"""What a member of the public sees: readable, accessible, keyboard-usable, phone-sized."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.axe import AxeChecker
from tests.browser.helpers import assert_fits_phone

PUBLIC_PAGES = [
    "/",
    "/p/demo/",
    "/p/demo/integrity/",
    "/p/demo/documents/",
    "/p/demo-parks-jury/",
    "/p/demo-parks-jury/integrity/",
    "/about/",
    "/accounts/login/",
]


def test_home_lists_the_demo_assembly(page: Page, axe: AxeChecker, demo_server: str) -> None:
    page.goto(demo_server + "/")
    axe(page)
    link = page.get_by_role("link", name="Riverford Climate Assembly")
    expect(link).to_be_visible()
    expect(page.get_by_text("Riverford Transport Citizens' Jury")).to_have_count(0)  # private
    with page.expect_navigation():
        link.click()
    expect(page).to_have_url(demo_server + "/p/demo/")
    axe(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Riverford Climate Assembly")
    expect(page.locator("[aria-current=step]")).to_contain_text("Recommendations")
    expect(page.get_by_text("Participant: 12")).to_be_visible()


def test_the_integrity_page_shows_the_published_register(
    page: Page, axe: AxeChecker, demo_server: str
) -> None:
    page.goto(demo_server + "/p/demo/")
    axe(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Integrity: attempts to steer this process").click()
    expect(page).to_have_url(demo_server + "/p/demo/integrity/")
    axe(page)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Integrity")
    published = page.locator("section[aria-labelledby^=incident-]")
    expect(published).to_have_count(3)
    expect(page.get_by_role("heading", name="Incident 1", exact=True)).to_be_visible()
    register = page.locator("main")
    expect(register).to_contain_text("Content of the final report")
    expect(register).to_contain_text("Escalated")
    expect(register).to_contain_text("Direct contact with participants")
    # The fifth is the commissioner's request to change the report (demo/report_story.py),
    # the sixth a lobbyist's e-mail to a member (demo/portal_story.py).
    expect(page.get_by_text("6 reports in all, published or not.")).to_be_visible()
    expect(register).to_contain_text("Red line breached")
    # Oversight's own summary, not the practitioner's account of the phone call.
    expect(register).to_contain_text("asked for a draft recommendation to be softened")
    assert "head of climate policy phoned" not in page.content()
    content = page.content()
    assert "cut to one hour" not in content  # an unpublished, anonymous report's own words
    assert "participant3" not in content
    log = page.get_by_role("table", name="The public record, oldest first")
    expect(log).to_contain_text("incident.reported")
    expect(log).to_contain_text("Anonymous")


def test_unknown_address_shows_the_friendly_page(
    page: Page, axe: AxeChecker, demo_server: str
) -> None:
    response = page.goto(demo_server + "/no/such/page/")
    assert response is not None
    assert response.status == 404
    axe(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("We could not find that page")


def test_private_process_is_not_found_for_the_public(
    page: Page, axe: AxeChecker, demo_server: str
) -> None:
    response = page.goto(demo_server + "/p/demo-transport-jury/")
    assert response is not None
    assert response.status == 404
    axe(page)


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_every_public_page_passes_axe(
    page: Page, axe: AxeChecker, demo_server: str, path: str
) -> None:
    page.goto(demo_server + path)
    axe(page)
    expect(page.get_by_role("main")).to_be_visible()
    expect(page.get_by_role("navigation", name="Main")).to_be_visible()


def test_skip_link_is_the_first_stop_and_moves_focus_to_main(
    page: Page, axe: AxeChecker, demo_server: str
) -> None:
    page.goto(demo_server + "/")
    axe(page)
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    box = skip.bounding_box()
    assert box is not None
    assert box["x"] >= 0, "the focused skip link is on screen"
    assert box["y"] >= 0, "the focused skip link is on screen"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")  # the next stop is the first link inside the main content
    expect(page.locator("main a").first).to_be_focused()


def test_focus_is_clearly_visible(page: Page, axe: AxeChecker, demo_server: str) -> None:
    page.goto(demo_server + "/")
    axe(page)
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # the site name, after the skip link
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_pages_fit_a_360_pixel_phone(
    phone: Page, axe: AxeChecker, demo_server: str, path: str
) -> None:
    phone.goto(demo_server + path)
    axe(phone)
    assert_fits_phone(phone)


def test_reading_and_signing_in_work_without_javascript(browser: Browser, demo_server: str) -> None:
    # The same pages are checked with axe-core in the tests above; axe itself needs scripts.
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(demo_server + "/p/demo/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Riverford Climate Assembly")
    expect(page.get_by_text("How should Riverford reach net zero")).to_be_visible()
    page.goto(demo_server + "/accounts/login/")
    page.get_by_label("Username").fill("observer")
    page.get_by_label("Password").fill("demo")
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(demo_server + "/dashboard/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welcome")
    context.close()


def test_the_axe_check_does_catch_problems(page: Page, axe: AxeChecker, demo_server: str) -> None:
    page.goto(demo_server + "/about/")
    axe(page)
    page.evaluate(
        "document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=x.png>')"
    )
    with pytest.raises(AssertionError, match="image-alt"):
        axe(page)
