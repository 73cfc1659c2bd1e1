"""The demo's permanent citizens' council in the browser, every page checked with axe-core.

Only reads the shared demo server (demo/council_story.py): the Riverford Citizens'
Council with 24 seated members, a rotation drawn in May 2026, two topics and follow-ups,
one of them overdue.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.axe import AxeChecker
from tests.browser.helpers import sign_in

COUNCIL = "/p/demo-council"
#: participant1, who holds a seat (demo/content.py's first participant).
MEMBER_NAME = "Amina Hassan"


@pytest.mark.parametrize(
    ("user", "path", "shown"),
    [
        ("", f"{COUNCIL}/council/", "1 check is overdue."),
        ("", f"{COUNCIL}/council/topics/", "Affordable homes on the riverside sites"),
        ("", f"{COUNCIL}/council/follow-up/", "a volunteer ranger scheme"),
        ("", f"{COUNCIL}/", "The citizens' council: members, rotation by lot"),
        ("", f"{COUNCIL}/selection/", "2 6 3"),
        ("practitioner", f"{COUNCIL}/manage/council/", "A rotation every 6 months."),
        ("practitioner", f"{COUNCIL}/council/", MEMBER_NAME),
        ("participant1", f"{COUNCIL}/council/topics/new/", "Propose a topic"),
        ("facilitator", f"{COUNCIL}/council/follow-up/new/", "Record a follow-up"),
    ],
)
def test_the_council_pages_pass_axe(
    page: Page, axe: AxeChecker, demo_server: str, user: str, path: str, shown: str
) -> None:
    if user:
        sign_in(page, axe, demo_server, user)
    response = page.goto(demo_server + path)
    assert response is not None
    assert response.status == 200
    axe(page)
    expect(page.locator("main")).to_contain_text(shown)


def test_the_public_sees_seats_and_draws_but_no_names(
    page: Page, axe: AxeChecker, demo_server: str
) -> None:
    page.goto(demo_server + f"{COUNCIL}/council/")
    axe(page)
    main = page.locator("main")
    expect(main.get_by_role("table", name="24 sitting members")).to_be_visible()
    expect(main).not_to_contain_text(MEMBER_NAME)
    expect(main.get_by_role("table", name="Rotation draws, oldest first")).to_contain_text("2 6 3")
    expect(main.locator(".overdue, .warning").first).to_be_visible()
    with page.expect_navigation():
        main.get_by_role(
            "link", name="How Riverford reaches net zero by 2040, fairly"
        ).first.click()
    axe(page)
    expect(page.locator("main")).to_contain_text("Marta Quinn")
    expect(
        page.locator("main").get_by_role("link", name="Riverford Climate Assembly")
    ).to_be_visible()


def test_a_member_sees_the_decision_forms_on_a_topic(
    page: Page, axe: AxeChecker, demo_server: str
) -> None:
    sign_in(page, axe, demo_server, "facilitator")
    page.goto(demo_server + f"{COUNCIL}/council/topics/")
    axe(page)
    with page.expect_navigation():
        page.locator("main").get_by_role(
            "link", name="Affordable homes on the riverside sites"
        ).click()
    axe(page)
    expect(page.get_by_role("combobox", name="Decision")).to_be_visible()
    expect(page.get_by_role("heading", name="Record the council's decision")).to_be_visible()
