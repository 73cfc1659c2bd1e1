"""Signing in as each demo account, and running a process through the pages."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from minipublic.demo.content import ACCOUNTS, PROCESSES, DemoAccount
from tests.browser.axe import AxeChecker
from tests.browser.helpers import assert_fits_phone, sign_in


@pytest.mark.parametrize("account", ACCOUNTS, ids=lambda account: account.username)
def test_every_demo_account_signs_in_and_sees_its_processes(
    browser: Browser, axe: AxeChecker, demo_server: str, account: DemoAccount
) -> None:
    context = browser.new_context()
    page = context.new_page()
    axe.track(page)
    sign_in(page, axe, demo_server, account.username)
    expect(page).to_have_url(demo_server + "/dashboard/")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Welcome, {account.name}")
    for spec in PROCESSES:
        link = page.get_by_role("rowheader").get_by_role("link", name=spec.title, exact=True)
        expect(link).to_have_count(1 if account.username in spec.members else 0)
    context.close()


def test_login_errors_are_shown_accessibly(page: Page, axe: AxeChecker, demo_server: str) -> None:
    sign_in(page, axe, demo_server, "observer", "not-the-password")
    expect(page.get_by_role("alert")).to_contain_text(
        "Please enter a correct username and password"
    )
    page.get_by_label("Username").fill("")
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
    axe(page)
    expect(page.get_by_label("Username")).to_have_attribute("aria-invalid", "true")


def test_practitioner_moves_the_jury_forward_with_the_keyboard(
    page: Page, axe: AxeChecker, demo_server: str
) -> None:
    sign_in(page, axe, demo_server, "practitioner")
    with page.expect_navigation():
        page.get_by_role("link", name="Settings — Riverford Transport Citizens' Jury").click()
    axe(page)
    select = page.get_by_label("New phase")
    expect(select).to_have_value("recruitment")  # the next phase is offered first

    select.select_option("selection")  # skipping is refused with an explanation
    with page.expect_navigation():
        page.get_by_role("button", name="Change phase").click()
    axe(page)
    expect(page.get_by_role("alert")).to_contain_text("the next phase is Recruitment")

    page.get_by_label("New phase").select_option("recruitment")
    page.get_by_label("Reason").fill("Remit agreed with the Transport Committee.")
    page.get_by_label("Reason").press("Tab")
    expect(page.get_by_role("button", name="Change phase")).to_be_focused()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    axe(page)
    expect(page.get_by_role("status")).to_contain_text("now in the Recruitment phase")

    page.goto(demo_server + "/p/demo-transport-jury/")
    axe(page)
    expect(
        page.get_by_role("cell", name="Remit agreed with the Transport Committee.")
    ).to_be_visible()


def test_members_page_and_token_page_pass_axe(
    page: Page, axe: AxeChecker, demo_server: str
) -> None:
    sign_in(page, axe, demo_server, "oversight")
    page.goto(demo_server + "/p/demo/members/")
    axe(page)
    expect(page.get_by_role("rowheader", name="Amina Hassan")).to_be_visible()
    page.goto(demo_server + "/accounts/password/")
    axe(page)
    page.goto(demo_server + "/accounts/tokens/")
    axe(page)
    page.get_by_label("Token name").fill("browser test")
    with page.expect_navigation():
        page.get_by_role("button", name="Create token").click()
    axe(page)
    expect(page.locator("#new-token")).to_contain_text("mp_")


def test_commissioner_cannot_see_participants(
    page: Page, axe: AxeChecker, demo_server: str
) -> None:
    sign_in(page, axe, demo_server, "commissioner")
    response = page.goto(demo_server + "/p/demo/members/")
    assert response is not None
    assert response.status == 403
    axe(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("You cannot do that here")


@pytest.mark.parametrize(
    "path",
    ["/dashboard/", "/p/demo/manage/", "/p/demo/members/", "/accounts/tokens/", "/processes/new/"],
)
def test_practitioner_pages_fit_a_360_pixel_phone(
    phone: Page, axe: AxeChecker, demo_server: str, path: str
) -> None:
    sign_in(phone, axe, demo_server, "practitioner")
    phone.goto(demo_server + path)
    axe(phone)
    assert_fits_phone(phone)


def test_register_pages_pass_axe_for_oversight_and_participants(
    browser: Browser, axe: AxeChecker, demo_server: str
) -> None:
    """Only reads: the demo's register is shared by every browser test."""
    context = browser.new_context()
    page = context.new_page()
    axe.track(page)
    sign_in(page, axe, demo_server, "oversight")
    page.goto(demo_server + "/p/demo/")
    axe(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Register of steering attempts").click()
    axe(page)
    expect(page.get_by_text("Anonymous participant")).to_have_count(1)
    with page.expect_navigation():
        page.get_by_role("link", name="Time").click()
    axe(page)
    expect(page.get_by_role("combobox", name="Status")).to_have_value("under_review")
    expect(page.get_by_role("button", name="Publish")).to_be_visible()
    context.close()

    context = browser.new_context()
    page = context.new_page()
    axe.track(page)
    sign_in(page, axe, demo_server, "participant1")
    page.goto(demo_server + "/p/demo/manage/incidents/new/")
    axe(page)
    expect(page.get_by_label("What happened")).to_be_visible()
    expect(page.get_by_label("Report anonymously")).not_to_be_checked()
    context.close()
