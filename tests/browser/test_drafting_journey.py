"""Drafting, an amendment and a vote on a phone, with axe-core on every page. On a
server of its own (it changes the demo).

In the climate assembly (recommendations phase), Bill Turner (participant2) writes a
ninth recommendation; Chen Wei (participant3) proposes an amendment; Bill's drafting
group does not accept it, so the facilitator opens a vote on it; Chen votes, changes
his ballot, and the facilitator closes the vote with the paper ballots from the room:
the distribution of support is shown and the amendment is carried.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.axe import AxeChecker
from tests.browser.helpers import PHONE_WIDTH, assert_fits_phone, sign_in
from tests.servers import load_demo, serving
from tests.support import scratch_database

TITLE = "Trees on every school street"
ADDITION = " Children should help choose the trees."


@pytest.fixture(scope="module")
def journey(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server of its own (never the shared demo_server): the demo, on a fresh database."""
    var_dir = tmp_path_factory.mktemp("drafting-server")
    with scratch_database(var_dir) as database_url:
        load_demo(var_dir, database_url)
        with serving(var_dir, DEBUG="1", DATABASE_URL=database_url) as base:
            yield base


def _phone(browser: Browser, axe: AxeChecker, base: str, username: str) -> Page:
    page = browser.new_context(viewport={"width": PHONE_WIDTH, "height": 740}).new_page()
    axe.track(page)
    sign_in(page, axe, base, username)
    return page


def _click(page: Page, axe: AxeChecker, role: str, name: str) -> None:
    with page.expect_navigation():
        page.get_by_role(role, name=name).first.click()  # type: ignore[arg-type]
    axe(page)


def test_draft_amend_and_vote_on_a_phone(browser: Browser, axe: AxeChecker, journey: str) -> None:
    bill = _phone(browser, axe, journey, "participant2")
    bill.goto(journey + "/p/demo/")
    axe(bill)
    _click(bill, axe, "link", "Recommendations: drafts and votes")
    assert_fits_phone(bill)
    expect(bill.locator("main")).to_contain_text("A workplace parking levy")
    _click(bill, axe, "link", "Write a recommendation")
    bill.get_by_label("Theme").fill("How we travel")
    bill.get_by_label("Title").fill(TITLE)
    bill.get_by_label("What we recommend").fill("Plant trees along every street with a school.")
    _click(bill, axe, "button", "Save the recommendation")
    expect(bill.get_by_role("status")).to_contain_text("Your recommendation has been saved.")
    expect(bill.get_by_role("heading", level=1)).to_contain_text(TITLE)
    assert_fits_phone(bill)
    address = bill.url

    chen = _phone(browser, axe, journey, "participant3")
    chen.goto(address)
    axe(chen)
    _click(chen, axe, "link", "Propose an amendment")
    text = chen.get_by_label("The new text")
    text.fill(text.input_value() + ADDITION)
    # A reason is required: refused with the reason, nothing typed lost.
    _click(chen, axe, "button", "Propose the amendment")
    expect(chen.get_by_role("alert")).to_contain_text("Say why you propose this change.")
    expect(chen.get_by_label("The new text")).to_have_value(
        "Plant trees along every street with a school." + ADDITION
    )
    chen.get_by_label("Why you propose this change").fill("They will look after them.")
    _click(chen, axe, "button", "Propose the amendment")
    expect(chen.locator(".word-diff ins")).to_contain_text("Children should help")
    assert_fits_phone(chen)
    amendment = chen.url

    bill.goto(amendment)
    axe(bill)
    _click(bill, axe, "button", "Do not accept: put it to a vote")
    expect(bill.get_by_role("status")).to_contain_text("goes to a vote")

    tom = _phone(browser, axe, journey, "facilitator")
    tom.goto(amendment)
    axe(tom)
    _click(tom, axe, "button", "Open the vote on the amendment")
    _click(tom, axe, "link", "Vote")
    vote = tom.url

    chen.goto(vote)
    axe(chen)
    expect(chen.get_by_role("note").first).to_contain_text("80% of the ballots cast")
    chen.get_by_label("I fully support it").check()
    _click(chen, axe, "button", "Cast my ballot")
    chen.get_by_label("I support it, with reservations").check()
    _click(chen, axe, "button", "Change my ballot")
    expect(chen.locator("main")).to_contain_text(
        "Your ballot now: “I support it, with reservations”"
    )
    assert_fits_phone(chen)

    tom.goto(vote)
    axe(tom)
    expect(tom.locator("main")).not_to_contain_text("with reservations”. You may")
    tom.get_by_label("I fully support it").fill("9")
    tom.get_by_label("I do not support it").fill("2")
    _click(tom, axe, "button", "Close and count the vote")
    result = tom.get_by_role("table", name="How the participants' support was distributed")
    expect(result.get_by_role("row", name="I fully support it")).to_contain_text("9")
    expect(tom.locator("main")).to_contain_text("10 of 12 ballots counted in support")
    assert_fits_phone(tom)

    # Too late: the vote has closed.
    chen.reload()
    axe(chen)
    expect(chen.get_by_role("button", name="Change my ballot")).to_have_count(0)
    chen.goto(address)
    axe(chen)
    expect(chen.locator("main")).to_contain_text(ADDITION.strip())


def test_the_public_is_told_the_members_are_still_deciding(
    page: Page, axe: AxeChecker, demo_server: str
) -> None:
    page.goto(demo_server + "/p/demo/recommendations/")
    axe(page)
    expect(page.get_by_role("note").first).to_contain_text("still writing and deciding")
    expect(page.locator("main")).not_to_contain_text("A workplace parking levy")


@pytest.mark.parametrize(
    ("user", "path", "shown"),
    [
        ("participant1", "/p/demo/recommendations/5/", "Amendment 1"),
        ("participant1", "/p/demo/recommendations/votes/", "Closed votes"),
        ("participant1", "/p/demo/recommendations/minority/", "shift workers"),
        ("participant1", "/p/demo/recommendations/minority/1/", "goes into the report"),
        ("participant1", "/p/demo/recommendations/5/amendments/1/", "Carried by a vote"),
        ("oversight", "/p/demo/recommendations/rules/", "A vote has opened"),
        ("facilitator", "/p/demo/recommendations/votes/7/", "Did not pass"),
    ],
)
def test_the_workspace_pages_pass_axe(
    page: Page, axe: AxeChecker, demo_server: str, user: str, path: str, shown: str
) -> None:
    sign_in(page, axe, demo_server, user)
    response = page.goto(demo_server + path)
    assert response is not None
    assert response.status == 200
    axe(page)
    expect(page.locator("main")).to_contain_text(shown)
