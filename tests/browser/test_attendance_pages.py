"""Attendance and messages in the browser, on the demo: the check-in sheet of session 10,
the follow-up list, the message log and a message, the compose page, and a participant's
code check-in on a phone. Every page passes axe-core; the sheet saves without JavaScript."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.axe import AxeChecker
from tests.browser.helpers import assert_fits_phone, sign_in


@pytest.mark.parametrize(
    ("path", "shown"),
    [
        ("/p/demo/attendance/", "Attendance by meeting"),
        ("/p/demo/attendance/10/", "Check-in sheet: session 10"),
        ("/p/demo/attendance/follow-up/", "2 unexcused absences (sessions 9, 10)"),
        ("/p/demo/messages/", "Your drafting group meets again on Zoom"),
        ("/p/demo/messages/new/", "Write to participants"),
    ],
)
def test_the_team_pages_pass_axe(
    page: Page, axe: AxeChecker, demo_server: str, path: str, shown: str
) -> None:
    sign_in(page, axe, demo_server, "recruiter")
    response = page.goto(demo_server + path)
    assert response is not None
    assert response.status == 200
    axe(page)
    expect(page.locator("main")).to_contain_text(shown)
    expect(page.locator("main")).not_to_contain_text("@demo.invalid")  # never an address


def test_a_message_shows_its_deliveries(page: Page, axe: AxeChecker, demo_server: str) -> None:
    sign_in(page, axe, demo_server, "facilitator")
    page.goto(demo_server + "/p/demo/messages/")
    axe(page)
    page.get_by_role("link", name="Your drafting group meets again on Zoom").click()
    axe(page)
    expect(page.get_by_role("table", name="Recipients")).to_contain_text("Sent")


def test_the_compose_preview_counts_without_sending(
    page: Page, axe: AxeChecker, demo_server: str
) -> None:
    sign_in(page, axe, demo_server, "facilitator")
    page.goto(demo_server + "/p/demo/messages/new/")
    page.get_by_label("All participants").check()
    page.get_by_label("Subject").fill("Thank you")
    page.locator("#id_body").fill("Thank you all.")
    page.get_by_role("button", name="Preview the number of recipients").click()
    expect(page.locator("main")).to_contain_text("This message will go to 24 people.")
    axe(page)


def test_a_participant_checks_in_on_a_phone(phone: Page, axe: AxeChecker, demo_server: str) -> None:
    sign_in(phone, axe, demo_server, "participant4")
    phone.goto(demo_server + "/p/demo/attendance/check-in/")
    axe(phone)
    assert_fits_phone(phone)
    phone.get_by_label("Check-in code").fill("AAAAAA")
    phone.get_by_role("button", name="Check in").click()
    expect(phone.locator("main")).to_contain_text("not the code of a meeting open for check-in")
    axe(phone)
    assert_fits_phone(phone)


def test_the_sheet_saves_without_javascript(
    browser: Browser, axe: AxeChecker, demo_server: str
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(demo_server + "/accounts/login/")
    page.get_by_label("Username").fill("facilitator")
    page.get_by_label("Password").fill("demo")
    page.get_by_role("button", name="Sign in").click()
    page.goto(demo_server + "/p/demo/attendance/10/")
    row = page.locator("fieldset.attendance-row").first
    row.get_by_label("Absent, excused").check()
    page.get_by_role("button", name="Save attendance").click()
    expect(page.locator(".messages")).to_contain_text("Attendance saved (1 changed).")
    context.close()
