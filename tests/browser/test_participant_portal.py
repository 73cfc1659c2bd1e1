"""A participant's own page walked on a small phone (issue 10's "done when"), on the demo
served as ``make run`` serves it, with axe-core on every page and nothing wider than
the screen:

- participant1 (Amina Hassan) signs in, opens the climate assembly, follows the menu to
  "My page" and reads her meetings, payments and support, materials to read, and her
  privacy choices as the demo left them (name may be published, keep in touch);
- she changes both choices with the keyboard alone and sees them saved;
- she reports that a journalist contacted her directly, through the page's form;
- an anonymous reporter asks, through the public contact form, to reach the members,
  and the lead practitioner finds the request in the list.

It changes the demo (a consent, an incident, a contact request), so it has a server of
its own rather than the shared ``demo_server``.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
from playwright.sync_api import Browser, Page, expect

from minipublic.demo.room_content import SESSIONS
from tests.browser.axe import AxeChecker
from tests.browser.helpers import PHONE_WIDTH, assert_fits_phone, sign_in
from tests.servers import load_demo, serving
from tests.support import scratch_database

REPORTER = "Ines Varga"


@pytest.fixture(scope="module")
def own_demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The demo on a fresh database, served as ``make run`` serves it; yields its URL."""
    var_dir = tmp_path_factory.mktemp("participant-portal")
    with scratch_database(var_dir) as database_url:
        load_demo(var_dir, database_url)
        with serving(var_dir, DEBUG="1", DATABASE_URL=database_url) as base:
            yield base


def _phone(browser: Browser, axe: AxeChecker) -> Page:
    page = browser.new_context(viewport={"width": PHONE_WIDTH, "height": 740}).new_page()
    axe.track(page)
    return page


def _follow(page: Page, axe: AxeChecker, role: str, name: str) -> None:
    with page.expect_navigation():
        page.get_by_role(role, name=name).first.click()  # type: ignore[arg-type]
    axe(page)
    assert_fits_phone(page)


def _tab_to(page: Page, selector: str, limit: int = 120) -> None:
    """Press Tab until the element matching ``selector`` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_a_participant_walks_her_page_on_a_phone(
    browser: Browser, axe: AxeChecker, own_demo: str
) -> None:
    page = _phone(browser, axe)
    sign_in(page, axe, own_demo, "participant1")
    page.goto(own_demo + "/p/demo/")
    axe(page)
    assert_fits_phone(page)
    menu = page.get_by_role("navigation", name="Running this process")
    with page.expect_navigation():
        menu.get_by_role("link", name="My page: meetings, payments, privacy").click()
    axe(page)
    assert_fits_phone(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("My page")

    # Meetings: the assembly's sessions ended on 8 November 2026; from then on the page
    # says none is planned (before it, it lists the next ones).
    meetings = page.locator("section", has=page.locator("#meetings"))
    today = datetime.now(UTC).date()
    upcoming = [s for s in SESSIONS if date.fromisoformat(s.on) >= today]
    if upcoming:
        expect(meetings).to_contain_text(upcoming[0].title)
    else:
        expect(meetings).to_contain_text("No meetings are planned from today on.")
    expect(meetings.get_by_role("link", name="Your table at every meeting")).to_be_visible()

    support = page.locator("section", has=page.locator("#support"))
    expect(support.get_by_role("heading", name="Your payments and support")).to_be_visible()
    expect(support).to_contain_text("tell the recruiter or the lead practitioner")
    reading = page.locator("section", has=page.locator("#read"))
    assert reading.get_by_role("link").count() >= 1, "published briefing materials are listed"
    privacy = page.locator("section", has=page.locator("#privacy"))
    expect(privacy).to_contain_text("Your name may be published once the assembly has ended.")
    expect(privacy).to_contain_text("We may keep in touch with you after the assembly.")
    team = page.locator("section", has=page.locator("#team"))
    expect(team).to_contain_text("Priya Raman")

    # The privacy choices, by keyboard alone: Tab to the link, Enter; Tab into each
    # group of radio buttons, an arrow key to move the choice, Space to be sure it is
    # chosen; Tab to the button, Enter.
    _tab_to(page, "a[href$='/me/privacy/']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    axe(page)
    assert_fits_phone(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("My privacy choices")
    _tab_to(page, "input[name=name_public]")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Space")
    _tab_to(page, "input[name=follow_up]")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Space")
    expect(page.get_by_label("No, keep my name private")).to_be_checked()
    expect(page.get_by_label("No, do not contact me after it ends")).to_be_checked()
    _tab_to(page, "button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    axe(page)
    assert_fits_phone(page)
    expect(page.get_by_role("status")).to_contain_text("Your choices are saved.")
    privacy = page.locator("section", has=page.locator("#privacy"))
    expect(privacy).to_contain_text("Your name will not be published.")
    expect(privacy).to_contain_text("We will not contact you after the assembly.")

    # Someone contacted her directly: the page's form, into the register.
    _follow(page, axe, "link", "Someone contacted me directly about the assembly")
    page.get_by_label("A journalist or someone from the media").check()
    page.get_by_label("What happened?").fill(
        "A reporter rang my mobile on Saturday and asked how I voted on the parking levy."
    )
    _follow(page, axe, "button", "Send my report")
    expect(page.get_by_role("status")).to_contain_text("The oversight group and the lead")
    expect(page.get_by_role("heading", level=1)).to_have_text("My page")


def test_a_reporter_asks_through_the_contact_form_on_a_phone(
    browser: Browser, axe: AxeChecker, own_demo: str
) -> None:
    page = _phone(browser, axe)
    page.goto(own_demo + "/p/demo/")
    axe(page)
    assert_fits_phone(page)
    _follow(page, axe, "link", "Media, stakeholders, researchers: ask to reach the members")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ask to reach the members")
    page.get_by_label("Journalist or media").check()
    page.get_by_label("Your name").fill(REPORTER)
    page.get_by_label("Organisation (if any)").fill("Radio Riverford")
    page.get_by_label("Your e-mail address").fill("ines@radio.example")
    page.get_by_label("What are you asking?").fill(
        "May two members join our Friday phone-in about the assembly's housing ideas?"
    )
    _follow(page, axe, "button", "Send the request")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Thank you, your request is with the team"
    )
    page.context.close()

    lead = _phone(browser, axe)
    sign_in(lead, axe, own_demo, "practitioner")
    lead.goto(own_demo + "/p/demo/")
    axe(lead)
    _follow(lead, axe, "link", "Contact requests")
    rows = lead.get_by_role("table", name="Every request, newest first")
    expect(rows.get_by_role("row").nth(1)).to_contain_text(REPORTER)
    expect(rows).to_contain_text("Kieran Doyle")
