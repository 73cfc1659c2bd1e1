"""Oversight sign-offs in the browser: the demo's pages (read only) and a sign-off by form.

The climate assembly's oversight panel signed off and objected through the real action
(demo/signoff_story.py); these tests only read it. The one change is made in the
transport jury, whose oversight member is the demo account ``expert``.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.axe import AxeChecker
from tests.browser.helpers import assert_fits_phone, sign_in


def test_the_public_page_shows_the_objection_and_the_later_sign_off(
    page: Page, axe: AxeChecker, demo_server: str
) -> None:
    page.goto(demo_server + "/p/demo/")
    axe(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Oversight sign-offs", exact=False).click()
    axe(page)
    status = page.get_by_role("table", name="Where each part of the design stands", exact=False)
    expect(status.get_by_role("row", name="The briefing materials")).to_contain_text("Signed off")
    expect(status.get_by_role("row", name="The list of witnesses")).to_contain_text("Signed off")
    history = page.get_by_role("table", name="decisions of the oversight group", exact=False)
    expect(history).to_contain_text("installers' brochures")  # the objection's reasons
    expect(history).to_contain_text("21 Sep 2026")
    expect(page.get_by_text("earlier version", exact=False)).to_have_count(1)  # the intro only


@pytest.mark.parametrize("path", ["/p/demo/sign-offs/"])
def test_the_public_page_fits_a_phone(
    phone: Page, axe: AxeChecker, demo_server: str, path: str
) -> None:
    phone.goto(demo_server + path)
    axe(phone)
    assert_fits_phone(phone)


@pytest.mark.parametrize("path", ["/p/demo/manage/sign-offs/", "/p/demo/sign-offs/"])
def test_the_oversight_pages_pass_axe(
    page: Page, axe: AxeChecker, demo_server: str, path: str
) -> None:
    sign_in(page, axe, demo_server, "oversight")
    response = page.goto(demo_server + path)
    assert response is not None
    assert response.status == 200
    axe(page)


def test_the_oversight_member_signs_off_the_question_of_the_jury(
    page: Page, axe: AxeChecker, demo_server: str
) -> None:
    sign_in(page, axe, demo_server, "expert")  # oversight in the transport jury
    page.goto(demo_server + "/p/demo-transport-jury/manage/oversight/")
    axe(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Sign off or object", exact=False).click()
    axe(page)
    # An objection without reasons is refused, with the reason why.
    page.get_by_label("What you decide on").select_option("question")
    page.get_by_label("Objected").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Record and publish the decision").click()
    axe(page)
    expect(page.get_by_role("alert")).to_contain_text("Give the reasons for the objection")
    page.get_by_label("What you decide on").select_option("question")
    page.get_by_label("Signed off").check()
    page.get_by_label("Reasons").fill("The question leaves every option open (jury remit).")
    with page.expect_navigation():
        page.get_by_role("button", name="Record and publish the decision").click()
    axe(page)
    expect(page.get_by_role("status")).to_contain_text("has been recorded")
    with page.expect_navigation():
        page.get_by_role("link", name="Public sign-off page").click()
    axe(page)
    status = page.get_by_role("table", name="Where each part of the design stands", exact=False)
    expect(status.get_by_role("row", name="The question and remit")).to_contain_text("Signed off")
    expect(page.locator("main")).to_contain_text("The question leaves every option open")
