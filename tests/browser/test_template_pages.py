"""Process templates in the browser: the public list, the choice on the create page, the design.

Only reads the demo's processes; the process created here is new, so no other test sees it.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.axe import AxeChecker
from tests.browser.helpers import accept_terms, assert_fits_phone, sign_in


def test_the_templates_page_lists_every_model_with_its_sources(
    page: Page, axe: AxeChecker, demo_server: str
) -> None:
    page.goto(demo_server + "/templates/")
    axe(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Process templates")
    expect(page.get_by_role("heading", level=2)).to_have_count(10)  # contents and nine templates
    jury = page.get_by_role("table", name="Defaults of the Citizens' Jury template", exact=False)
    expect(jury.get_by_role("row", name="Panel size")).to_contain_text(
        "24 members (the model allows 12 to 35)"
    )
    expect(jury.get_by_role("row", name="Panel size")).to_contain_text("newDemocracy")
    with page.expect_navigation():
        page.get_by_role("link", name="Ostbelgien Citizens' Dialogue").click()
    axe(page)
    expect(page.locator("#ostbelgien")).to_contain_text("replaced by lot every 6 months")


def test_the_demo_assembly_shows_its_planned_design(
    page: Page, axe: AxeChecker, demo_server: str
) -> None:
    page.goto(demo_server + "/p/demo/")
    axe(page)
    expect(page.get_by_role("heading", name="Planned design")).to_be_visible()
    with page.expect_navigation():
        page.get_by_role("link", name="Citizens' Assembly", exact=True).click()
    axe(page)
    expect(page).to_have_url(demo_server + "/templates/#citizens_assembly")


def test_a_practitioner_creates_a_citizens_jury_from_its_template(
    page: Page, axe: AxeChecker, demo_server: str
) -> None:
    sign_in(page, axe, demo_server, "practitioner")  # the demo's staff account
    page.goto(demo_server + "/processes/new/")
    axe(page)
    choice = page.get_by_role("group", name="Start from a template")
    expect(choice.get_by_role("radio", name="Citizens' Assembly")).to_be_checked()
    expect(choice.get_by_role("radio").last).to_have_accessible_name("No template")
    jury = choice.get_by_role("radio", name="Citizens' Jury", exact=True)
    expect(jury).to_have_accessible_description(
        "Recommendations on a policy question. Panel of 24, 5 days of deliberation, "
        "response within 90 days."
    )
    jury.focus()
    page.keyboard.press("ArrowDown")  # radio groups work from the keyboard
    expect(choice.get_by_role("radio", name="Planning Cell")).to_be_checked()
    page.keyboard.press("ArrowUp")
    expect(jury).to_be_checked()
    page.get_by_label("Short name").fill("harbour-template-jury")
    page.get_by_label("Title").fill("Harbour Citizens' Jury")
    page.get_by_label("Remit").fill("What should happen to the old harbour?")
    page.get_by_label("Commissioning body").fill("Harbour Town Council")
    with page.expect_navigation():
        page.get_by_role("button", name="Create process").click()
    axe(page)
    expect(page).to_have_url(demo_server + "/p/harbour-template-jury/")
    design = page.locator("dl", has=page.get_by_text("Days of deliberation"))
    expect(design).to_contain_text("Citizens' Jury")
    expect(design).to_contain_text("40")

    # As a new member, the lead practitioner first accepts their terms of engagement.
    expect(page.get_by_role("note")).to_contain_text("read and accept your terms")
    accept_terms(page, axe, demo_server, "harbour-template-jury")
    # The lead practitioner then plans a shorter jury and sees a field's error named.
    page.goto(demo_server + "/p/harbour-template-jury/manage/")
    axe(page)
    page.get_by_label("Days of deliberation").fill("61")
    with page.expect_navigation():
        page.get_by_role("button", name="Save planned design").click()
    axe(page)
    expect(page.locator("#id_planned_days_error")).to_contain_text("less than or equal to 60")
    page.get_by_label("Days of deliberation").fill("4.5")
    with page.expect_navigation():
        page.get_by_role("button", name="Save planned design").click()
    axe(page)
    expect(page.get_by_role("status")).to_contain_text("planned design has been saved")
    expect(page.get_by_label("Days of deliberation")).to_have_value("4.5")


@pytest.mark.parametrize("path", ["/templates/", "/processes/new/"])
def test_template_pages_fit_a_360_pixel_phone(
    phone: Page, axe: AxeChecker, demo_server: str, path: str
) -> None:
    sign_in(phone, axe, demo_server, "practitioner")
    phone.goto(demo_server + path)
    axe(phone)
    assert_fits_phone(phone)
