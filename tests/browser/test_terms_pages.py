"""Terms of engagement in the browser: the demo's pages (read only) and a new version.

The climate assembly's commissioner and observer charters reached version 2 through the
real actions (demo/terms_story.py); these tests only read them. The one change is made
in the transport jury (private, still being designed): its lead practitioner publishes a
new commissioner's charter by form and the commissioner accepts it with the keyboard, so
every demo account can act again at the end.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.axe import AxeChecker
from tests.browser.helpers import assert_fits_phone, sign_in

JURY = "/p/demo-transport-jury"


@pytest.mark.parametrize("path", ["/p/demo/terms/", "/p/demo/terms/commissioner/"])
def test_the_public_terms_pages_pass_axe_and_fit_a_phone(
    phone: Page, axe: AxeChecker, demo_server: str, path: str
) -> None:
    response = phone.goto(demo_server + path)
    assert response is not None
    assert response.status == 200
    axe(phone)
    assert_fits_phone(phone)


def test_the_public_reads_the_negotiated_charter_and_its_history(
    page: Page, axe: AxeChecker, demo_server: str
) -> None:
    page.goto(demo_server + "/p/demo/")
    axe(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Terms of engagement", exact=False).click()
    axe(page)
    charter = page.get_by_role("region", name="Commissioner's charter: Riverford City Council")
    expect(charter).to_contain_text("within 90 days of receiving the report")
    expect(charter).to_contain_text("Written by the lead practitioner")
    expect(page.get_by_text("Commissioner: 1 of 1 member has accepted version 2")).to_be_visible()
    expect(page.get_by_text("Dana Whitfield")).to_have_count(0)  # counts only, no names
    with page.expect_navigation():
        charter.get_by_role("link", name="Every version", exact=False).click()
    axe(page)
    headings = page.get_by_role("heading", level=2)
    expect(headings.first).to_contain_text("Version 2")
    expect(headings.last).to_contain_text("Version 1")
    changes = page.get_by_role("list", name="Changes from version 1 to version 2")
    expect(changes.locator("ins").first).to_contain_text("Commissioner's charter: Riverford")
    expect(changes.locator("del").first).to_be_visible()


@pytest.mark.parametrize(
    "path", ["/p/demo/terms/", "/p/demo/manage/terms/", "/p/demo/manage/terms/?role=observer"]
)
def test_the_lead_practitioner_pages_pass_axe(
    page: Page, axe: AxeChecker, demo_server: str, path: str
) -> None:
    sign_in(page, axe, demo_server, "practitioner")
    response = page.goto(demo_server + path)
    assert response is not None
    assert response.status == 200
    axe(page)
    if path == "/p/demo/terms/":
        names = page.get_by_role("table", name="Members by role", exact=False)
        expect(names.get_by_role("row", name="Dana Whitfield", exact=False)).to_contain_text(
            "accepted v2 on 26 Jun 2026"
        )
    else:
        expect(page.get_by_role("heading", level=1)).to_have_text(
            "Write a new version of a charter"
        )


def test_a_new_charter_is_published_and_accepted_with_the_keyboard(
    page: Page, axe: AxeChecker, demo_server: str
) -> None:
    sign_in(page, axe, demo_server, "practitioner")
    page.goto(demo_server + JURY + "/manage/terms/")
    axe(page)
    page.get_by_label("Charter of the role").select_option("commissioner")
    with page.expect_navigation():
        page.get_by_role("button", name="Open this charter").click()
    axe(page)
    expect(page.get_by_text("must accept the new version before they can act")).to_be_visible()
    terms = page.get_by_label("Terms")
    expect(terms).to_have_value(re.compile(r"^1\. I respect the arm's-length team"))
    terms.press("Control+End")
    terms.press_sequentially("\n6. The committee answers the jury within 60 days.")
    # Without a note, nothing is published and nothing typed is lost.
    with page.expect_navigation():
        page.get_by_role("button", name="Publish the new version").click()
    axe(page)
    expect(page.get_by_role("alert")).to_contain_text("Say what changed and why")
    expect(page.get_by_label("Terms")).to_have_value(re.compile("within 60 days"))
    page.get_by_label("What changed and why").fill("The committee's response deadline.")
    with page.expect_navigation():
        page.get_by_role("button", name="Publish the new version").click()
    axe(page)
    expect(page.get_by_role("status")).to_contain_text("must accept it before acting again")
    page.context.clear_cookies()

    sign_in(page, axe, demo_server, "commissioner")
    page.goto(demo_server + JURY + "/")
    axe(page)
    expect(page.get_by_role("note")).to_contain_text("read and accept your terms")
    refused = page.goto(demo_server + JURY + "/declare/")
    assert refused is not None
    assert refused.status == 403
    axe(page)
    expect(page.get_by_role("main")).to_contain_text("You have not yet accepted the current terms")
    with page.expect_navigation():
        page.get_by_role("link", name="Read and accept the terms").click()
    axe(page)
    changes = page.get_by_role("list", name="Changes from version 1 to version 2")
    expect(changes).to_contain_text("within 60 days")
    button = page.get_by_role("button", name="I accept these terms")
    button.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    axe(page)
    expect(page.get_by_role("status")).to_contain_text("You have accepted your terms")
    mine = page.get_by_role("table", name="Your acceptances", exact=False)
    expect(mine.get_by_role("row").nth(1)).to_contain_text("2")
    response = page.goto(demo_server + JURY + "/declare/")
    assert response is not None
    assert response.status == 200
