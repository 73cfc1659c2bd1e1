"""A case record in the browser: the lead practitioner finishes the climate assembly's
draft (demo/case_story.py), reviews its names and publishes it, every page checked with
axe-core."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.browser.axe import AxeChecker
from tests.browser.helpers import sign_in


def test_the_lead_writes_reviews_and_publishes_the_case_record(
    page: Page, axe: AxeChecker, demo_server: str
) -> None:
    sign_in(page, axe, demo_server, "practitioner")
    page.goto(demo_server + "/p/demo/")
    axe(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Case record for the library").click()
    axe(page)
    main = page.locator("main")
    expect(main).to_contain_text("Not reviewed yet")
    expect(main).to_contain_text("Dana Whitfield")  # the team's draft keeps the names

    with page.expect_navigation():
        page.get_by_role("link", name="Edit the record").click()
    axe(page)
    lessons = page.get_by_label("Lessons: what we would do differently")
    lessons.fill(lessons.input_value() + "\n\nAsk Sandra Liu's chamber for evidence earlier.")
    expect(page.get_by_role("textbox", name="Country")).to_have_value("England")
    with page.expect_navigation():
        page.get_by_role("button", name="Save the record").click()
    axe(page)
    expect(page.get_by_role("status")).to_contain_text("The case record is saved")

    with page.expect_navigation():
        page.get_by_role("link", name="Review the names").click()
    axe(page)
    terms = page.get_by_role("table", name="Names and their replacements")
    expect(terms.locator("input[value='Sandra Liu']")).to_have_count(1)
    expect(page.locator(".redaction-preview del", has_text="Dana Whitfield").first).to_be_visible()
    with page.expect_navigation():
        page.get_by_role("button", name="Confirm this review").click()
    axe(page)
    expect(page).to_have_url(re.compile(r"/p/demo/learning/case/publish/$"))
    entry = page.get_by_role("article")
    expect(entry).to_contain_text("[the commissioner]")
    for name in ("Dana Whitfield", "Sandra Liu", "Riverford", "Priya Raman"):
        expect(entry).not_to_contain_text(name)

    page.get_by_label("I have read the anonymised record above").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Publish in the library").click()
    axe(page)
    expect(page.get_by_role("status")).to_contain_text("published in the library")
    published = page.get_by_role("table", name="Case records of this process in the library")
    expect(published).to_contain_text("[the town] Climate Assembly")
    expect(page.get_by_role("button", name="Generate the draft")).to_be_visible()
