"""The participants' own code of conduct in the browser: the demo's pages, read only.

In the climate assembly (demo/code_story.py) the members drafted, voted on and adopted
"Our code of conduct"; a second draft stays in their workspace. These tests only read.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.axe import AxeChecker
from tests.browser.helpers import assert_fits_phone, sign_in


@pytest.mark.parametrize(
    ("path", "shown"),
    [
        ("/p/demo/code/", "8 for, 1 against, 1 abstaining, of 12 participants"),
        ("/p/demo/code/1/", "Phones stay in our bags"),
    ],
)
def test_the_public_code_pages_pass_axe(
    page: Page, axe: AxeChecker, demo_server: str, path: str, shown: str
) -> None:
    response = page.goto(demo_server + path)
    assert response is not None
    assert response.status == 200
    axe(page)
    expect(page.locator("main")).to_contain_text(shown)
    expect(page.locator("main")).not_to_contain_text("Speaking order")  # a members' draft


def test_the_list_tells_where_the_charter_came_from(
    page: Page, axe: AxeChecker, demo_server: str
) -> None:
    page.goto(demo_server + "/p/demo/code/")
    axe(page)
    expect(page.get_by_text("adopted by their vote", exact=False).first).to_be_visible()
    table = page.get_by_role("table", name="proposal", exact=False)
    with page.expect_navigation():
        table.get_by_role("link", name="#1").click()
    axe(page)
    result = page.get_by_role("table", name="The count", exact=False)
    expect(result.get_by_role("row", name="For")).to_contain_text("8")
    expect(result.get_by_role("row", name="Against")).to_contain_text("1")


@pytest.mark.parametrize(
    ("user", "path", "shown"),
    [
        ("participant1", "/p/demo/code/", "Speaking order at our tables"),
        ("participant1", "/p/demo/code/2/", "Improve this draft"),
        ("participant1", "/p/demo/code/2/edit/", "Improve draft #2"),
        ("participant1", "/p/demo/code/new/", "Propose a code of conduct"),
        ("facilitator", "/p/demo/code/2/", "Open the vote"),
        ("facilitator", "/p/demo/code/1/", "Adopted"),
    ],
)
def test_the_members_code_pages_pass_axe(
    page: Page, axe: AxeChecker, demo_server: str, user: str, path: str, shown: str
) -> None:
    sign_in(page, axe, demo_server, user)
    response = page.goto(demo_server + path)
    assert response is not None
    assert response.status == 200
    axe(page)
    expect(page.locator("main")).to_contain_text(shown)


def test_the_code_list_fits_a_phone(phone: Page, axe: AxeChecker, demo_server: str) -> None:
    phone.goto(demo_server + "/p/demo/code/")
    axe(phone)
    assert_fits_phone(phone)
