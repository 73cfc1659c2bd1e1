"""The transparency portal in a browser: the demo assembly's and the parks jury's,
by keyboard, on a phone, printed; the data dictionary; the lead practitioner's funding form."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.axe import AxeChecker
from tests.browser.helpers import PHONE_WIDTH, assert_fits_phone, sign_in


def test_the_assemblys_portal_by_keyboard_and_in_print(
    page: Page, axe: AxeChecker, demo_server: str
) -> None:
    page.goto(demo_server + "/p/demo/")
    axe(page)
    feed = page.locator('link[rel="alternate"][type="application/atom+xml"]')
    expect(feed).to_have_attribute("href", "/p/demo/updates.atom")
    contents = page.get_by_role("navigation", name="On this page")
    expect(contents.get_by_role("link")).to_have_count(15)

    # Keyboard: tab to the contents' link to the funding, follow it with Enter.
    target = contents.get_by_role("link", name="Commissioner and funding")
    for _ in range(60):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            break
    else:
        raise AssertionError("the funding link was never reached with Tab")
    page.keyboard.press("Enter")
    expect(page).to_have_url(demo_server + "/p/demo/#funding")
    funding = page.locator("#funding")
    expect(funding.get_by_role("heading", name="Commissioner and funding")).to_be_in_viewport()
    expect(funding.get_by_role("row", name="Riverford Community Foundation")).to_contain_text(
        "GBP 15,000.00"
    )
    expect(funding).to_contain_text("GBP 180,000.00")
    expect(page.locator("#report")).to_contain_text("has not been delivered yet")

    # Printed: no menus, links followed by their address, a page per section.
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(contents).to_be_hidden()
    expect(page.locator(".site-footer")).to_be_hidden()
    after = page.locator("#selection a[href='/p/demo/selection/']").evaluate(
        "link => getComputedStyle(link, '::after').content"
    )
    assert "/p/demo/selection/" in after
    breaks = page.locator("section.portal-section").evaluate_all(
        "sections => sections.map(s => getComputedStyle(s).breakBefore)"
    )
    assert breaks[0] != "page"
    assert set(breaks[1:]) == {"page"}
    page.emulate_media(media="screen")
    expect(page.locator(".site-header")).to_be_visible()


def test_the_parks_jurys_portal_on_a_phone(page: Page, axe: AxeChecker, demo_server: str) -> None:
    page.set_viewport_size({"width": PHONE_WIDTH, "height": 800})
    page.goto(demo_server + "/p/demo-parks-jury/")
    axe(page)
    assert_fits_phone(page)
    expect(page.locator("#funding")).to_contain_text("Riverford City Council, Parks and Leisure")
    expect(page.locator("#funding")).to_contain_text("GBP 95,000.00")
    expect(page.locator("#integrity")).to_contain_text("Incident 1")
    expect(page.locator("#selection")).to_contain_text("No selection run has been committed")
    with page.expect_navigation():
        page.locator("#integrity").get_by_role("link", name="its data dictionary").click()
    axe(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Data dictionary of the public record"
    )
    expect(page.locator('[id="event-process.funding_set"]')).to_contain_text(
        "This process's record holds 1 such entry."
    )


def test_the_lead_practitioner_publishes_the_funding(
    page: Page, axe: AxeChecker, demo_server: str
) -> None:
    # The transport jury is private and in design; no other test reads its funding.
    sign_in(page, axe, demo_server, "practitioner")
    page.goto(demo_server + "/p/demo-transport-jury/")
    with page.expect_navigation():
        page.get_by_role("navigation", name="Running this process").get_by_role(
            "link", name="Funding", exact=True
        ).click()
    axe(page)
    second = page.get_by_role("group", name="Funder 2")
    second.get_by_label("Funder:", exact=True).fill("Riverford Bus Company")
    second.get_by_label("Kind of funder").select_option("company")
    second.get_by_label("Amount").fill("5000")
    second.get_by_label("What it pays for").fill("Free bus passes for jurors.")
    with page.expect_navigation():
        page.get_by_role("button", name="Save the funding").click()
    axe(page)
    # Refused, and nothing typed is lost.
    expect(
        page.get_by_role("group", name="Funder 2").get_by_label("Funder:", exact=True)
    ).to_have_value("Riverford Bus Company")
    expect(page.get_by_text("Give the currency as a three-letter code")).to_be_visible()
    page.get_by_role("group", name="Funder 2").get_by_label("Currency").fill("gbp")
    with page.expect_navigation():
        page.get_by_role("button", name="Save the funding").click()
    axe(page)
    expect(page.get_by_role("status")).to_contain_text("added to the public record")
    row = page.locator("#funding").get_by_role("row", name="Riverford Bus Company")
    expect(row).to_contain_text("GBP 5,000.00")
    expect(page.locator("#funding")).to_contain_text("GBP 65,000.00")
