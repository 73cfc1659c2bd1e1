"""The parking lot and the table summaries in the browser: the demo's pages, read only.

In the climate assembly (demo/parking_story.py, demo/summary_story.py) ten concerns were
parked, two are still open; the first weekend's table summaries are recorded but one,
which awaits participant1. Every page passes axe-core; the public ones fit a phone and
read (and filter) without JavaScript. The journey that changes things is in
test_summary_journey.py, on a server of its own.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.axe import AxeChecker
from tests.browser.helpers import assert_fits_phone, sign_in


@pytest.mark.parametrize(
    ("path", "shown"),
    [
        ("/p/demo/parking-lot/", "2 concerns are open."),
        ("/p/demo/parking-lot/5/", "You are right: only table 2 discussed it."),
        ("/p/demo/parking-lot/6/", "Declined, with the team's reasons"),
        ("/p/demo/summaries/", "Sessions and their recorded table summaries"),
        ("/p/demo/summaries/1/", "SHA-256 of the text"),
        ("/p/demo/summaries/1/tables/3/", "What changed and why:"),
        ("/p/demo/summaries/2/", "awaits the table's confirmation"),
    ],
)
def test_the_public_pages_pass_axe(
    page: Page, axe: AxeChecker, demo_server: str, path: str, shown: str
) -> None:
    response = page.goto(demo_server + path)
    assert response is not None
    assert response.status == 200
    axe(page)
    expect(page.locator("main")).to_contain_text(shown)
    expect(page.locator("main")).not_to_contain_text("Amina")  # no member is named


def test_the_version_history_shows_what_the_revision_changed(
    page: Page, axe: AxeChecker, demo_server: str
) -> None:
    page.goto(demo_server + "/p/demo/summaries/1/tables/3/")
    axe(page)
    page.get_by_text("What changed from version 1").click()
    diff = page.locator(".word-diff")
    expect(diff.locator("del").first).to_contain_text("agreed")
    expect(diff.locator("ins").first).to_be_visible()
    expect(page.locator("main")).to_contain_text("1 member of the table corrected this version.")
    expect(page.locator("main")).not_to_contain_text("We did not agree on that")  # the correction


@pytest.mark.parametrize("path", ["/p/demo/parking-lot/", "/p/demo/summaries/1/"])
def test_the_public_pages_fit_a_phone(
    phone: Page, axe: AxeChecker, demo_server: str, path: str
) -> None:
    phone.goto(demo_server + path)
    axe(phone)
    assert_fits_phone(phone)


def test_the_parking_lot_reads_and_filters_without_javascript(
    browser: Browser, demo_server: str
) -> None:
    # The page is checked with axe-core above; axe itself needs scripts.
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(demo_server + "/p/demo/parking-lot/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Parking lot")
    counts = page.get_by_role("table", name="Concerns by why they were parked")
    expect(counts.get_by_role("row", name="All concerns")).to_contain_text("2")
    page.get_by_label("Status").select_option("open")
    with page.expect_navigation():
        page.get_by_role("button", name="Show").click()
    expect(page.get_by_text("2 concerns shown.")).to_be_visible()
    expect(page.get_by_role("heading", name="Concern #9")).to_be_visible()
    expect(page.get_by_role("heading", name="Concern #1", exact=True)).to_have_count(0)
    context.close()


@pytest.mark.parametrize(
    ("user", "path", "shown"),
    [
        ("participant1", "/p/demo/parking-lot/", "Raised by you"),
        ("participant1", "/p/demo/parking-lot/new/", "Park this concern"),
        ("participant1", "/p/demo/parking-lot/4/", "Do you dispute this resolution?"),
        ("participant1", "/p/demo/room/my-summaries/", "Waiting for your answer"),
        ("facilitator", "/p/demo/parking-lot/9/", "Resolve this concern"),
        ("facilitator", "/p/demo/manage/summaries/", "Corrections outstanding"),
        ("facilitator", "/p/demo/summaries/1/tables/3/", "We did not agree on that"),
        ("practitioner", "/p/demo/manage/", "Go to the parking lot"),
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


def test_the_facilitator_reaches_the_waiting_summary_and_its_revision_form(
    page: Page, axe: AxeChecker, demo_server: str
) -> None:
    sign_in(page, axe, demo_server, "facilitator")
    page.goto(demo_server + "/p/demo/manage/summaries/")
    axe(page)
    session_2 = page.get_by_role("table", name="Session 2", exact=False)
    waiting = session_2.get_by_role("row").filter(has_text="Waiting for the table")
    with page.expect_navigation():
        waiting.get_by_role("link").click()
    axe(page)
    # The team sees who answered, by first name and initial.
    answers = page.get_by_role("list").filter(has_text="confirmed")
    expect(answers).to_contain_text(re.compile(r"[A-Z][a-z]+ [A-Z]\.:\s+confirmed"))
    with page.expect_navigation():
        page.get_by_role("link", name="Revise the summary").click()
    axe(page)
    expect(page.get_by_label("What you changed and why")).to_be_visible()


def test_the_participants_page_fits_a_phone(phone: Page, axe: AxeChecker, demo_server: str) -> None:
    sign_in(phone, axe, demo_server, "participant1")
    phone.goto(demo_server + "/p/demo/room/my-summaries/")
    axe(phone)
    assert_fits_phone(phone)
