"""The commission appraisal in the browser: an NDA is a red line, negotiated away.

The climate assembly's final appraisal (demo/appraisal_story.py) is only read. The one
change is made in the transport jury, whose lead practitioner is the demo account
``practitioner`` and whose appraisal is a draft in progress.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.axe import AxeChecker
from tests.browser.helpers import sign_in

NDA = "Does the commissioner want you or the members to sign a non-disclosure"


@pytest.mark.parametrize(
    ("user", "path", "shown"),
    [
        ("practitioner", "/p/demo/manage/appraisal/", "Appraisal 1"),
        ("practitioner", "/p/demo/manage/appraisal/1/", "Drop the non-disclosure agreement"),
        ("oversight", "/p/demo/manage/appraisal/1/", "Withdraw the council's review"),
    ],
)
def test_the_demo_appraisal_pages_pass_axe(
    page: Page, axe: AxeChecker, demo_server: str, user: str, path: str, shown: str
) -> None:
    sign_in(page, axe, demo_server, user)
    response = page.goto(demo_server + path)
    assert response is not None
    assert response.status == 200
    axe(page)
    expect(page.locator("main")).to_contain_text(shown)


def test_an_nda_is_a_red_line_negotiated_away(
    page: Page, axe: AxeChecker, demo_server: str
) -> None:
    sign_in(page, axe, demo_server, "practitioner")
    page.goto(demo_server + "/p/demo-transport-jury/")
    axe(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Commission appraisal").click()
    axe(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Appraisal 1").click()
    axe(page)
    # A bad number is refused next to its question, and nothing is saved.
    page.get_by_role("group", name=NDA).get_by_label("Yes").check()
    page.get_by_label("How many full days of deliberation are planned? (days)").fill("four")
    with page.expect_navigation():
        page.get_by_role("button", name="Save and continue later").click()
    axe(page)
    expect(page.locator("#id_q_time__deliberation_days_error")).to_contain_text("valid number")
    expect(page.locator("main")).not_to_contain_text("Red line: Non-disclosure demand")
    # The commissioner asks for an NDA: a red line, with its source.
    page.get_by_role("group", name=NDA).get_by_label("Yes").check()
    page.get_by_label("How many full days of deliberation are planned? (days)").fill("4")
    with page.expect_navigation():
        page.get_by_role("button", name="Save and continue later").click()
    axe(page)
    finding = page.locator("#finding-control\\.nda")
    expect(finding).to_contain_text("Red line: Non-disclosure demand")
    expect(finding).to_contain_text("Source: Parry (2024) Holding this space")
    expect(page.locator("#verdict")).to_contain_text("Cannot accept as it stands")
    # Negotiated away: the commissioner drops the NDA.
    page.get_by_label("Finding negotiated").select_option("control.nda")
    page.get_by_label("What was asked of the commissioner").fill("Drop the NDA (jury terms).")
    page.get_by_label("Where it stands").select_option("conceded")
    page.get_by_label("What the commissioner conceded").fill("No NDA; materials public.")
    page.get_by_label("Answer that changes when conceded (optional)").select_option("control.nda")
    page.get_by_label("The answer as agreed").fill("no")
    with page.expect_navigation():
        page.get_by_role("button", name="Record the item").click()
    axe(page)
    expect(page.locator("main")).not_to_contain_text("Red line: Non-disclosure demand")
    record = page.get_by_role("table", name="What was asked of the commissioner")
    row = record.get_by_role("row", name="Non-disclosure demand")
    expect(row).to_contain_text("Drop the NDA (jury terms).")
    expect(row).to_contain_text("Conceded")
    expect(row).to_contain_text("Cleared")
