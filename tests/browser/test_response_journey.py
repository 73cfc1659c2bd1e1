"""The parks jury's responses in the browser, on a server of its own.

A real ``minipublic serve`` on a fresh database loaded with the demo. In Chromium, with
axe-core on every page: a visitor, on a phone, sees the fifth recommendation flagged as
overdue since 16 July 2025. The commissioner (Dana Whitfield) follows the process page's
menu to the responses, tries to answer the fifth without reasons (refused, nothing she
chose lost), then answers it; the page marks it answered after the deadline. Margaret
Osei (juror1) rates the new answer and looks at her e-mail updates; the lead practitioner
opens the progress page of an accepted recommendation. Signed out, the public page shows
the answer and no juror's name.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.axe import AxeChecker
from tests.browser.helpers import PHONE_WIDTH, assert_fits_phone, sign_in
from tests.servers import load_demo, serving
from tests.support import scratch_database

SLUG = "demo-parks-jury"
RESPONSES = f"/p/{SLUG}/responses/"
JURORS = ("Margaret Osei", "Owen Price", "juror1", "juror8")


@pytest.fixture
def base(tmp_path: Path) -> Iterator[str]:
    """A server of its own (never the shared demo_server)."""
    var_dir = tmp_path / "responses-server"
    var_dir.mkdir()
    with scratch_database(var_dir) as database_url:
        load_demo(var_dir, database_url)
        with serving(var_dir, DEBUG="1", DATABASE_URL=database_url) as url:
            yield url


def _person(browser: Browser, axe: AxeChecker, base: str, username: str, width: int = 1280) -> Page:
    context = browser.new_context(locale="en-GB", viewport={"width": width, "height": 800})
    page = context.new_page()
    axe.track(page)
    sign_in(page, axe, base, username)
    return page


def _submit(page: Page, axe: AxeChecker, button: str, status: int = 200) -> None:
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name=button, exact=True).click()
    response = navigation.value
    assert response is not None
    assert response.status == status, (button, page.url)
    axe(page)


def test_the_commissioner_answers_late_and_a_juror_rates(
    browser: Browser, axe: AxeChecker, base: str
) -> None:
    visitor_context = browser.new_context(
        locale="en-GB", viewport={"width": PHONE_WIDTH, "height": 740}
    )
    visitor = visitor_context.new_page()
    axe.track(visitor)
    visitor.goto(base + RESPONSES)
    axe(visitor)
    expect(visitor.get_by_role("note")).to_contain_text("1 answer is overdue.")
    fifth = visitor.locator("#recommendation-5")
    expect(fifth).to_contain_text("no answer by the deadline, 16 July 2025")
    expect(visitor.locator("#recommendation-2")).to_contain_text("Accepted in part")
    assert_fits_phone(visitor)

    commissioner = _person(browser, axe, base, "commissioner")
    commissioner.goto(f"{base}/p/{SLUG}/")
    axe(commissioner)
    with commissioner.expect_navigation():
        commissioner.get_by_role(
            "link", name="Responses to the recommendations: answer, report progress, rate"
        ).click()
    axe(commissioner)
    with commissioner.expect_navigation():
        commissioner.get_by_role("link", name="Answer recommendation 5").click()
    axe(commissioner)
    commissioner.get_by_role("radio", name="Accepted", exact=True).check()
    _submit(commissioner, axe, "Publish the answer", status=400)
    expect(commissioner.locator(".error-text")).to_contain_text("This field is required.")
    expect(commissioner.get_by_role("radio", name="Accepted", exact=True)).to_be_checked()
    commissioner.get_by_label("Reasons").fill(
        "Accepted. The first yearly parks budget will be published in January 2027, and "
        "every July after that."
    )
    _submit(commissioner, axe, "Publish the answer")
    expect(commissioner.get_by_role("status")).to_contain_text(
        "Your answer to recommendation 5 is published"
    )
    answered = commissioner.locator("#recommendation-5")
    expect(answered).to_contain_text("Accepted")
    expect(answered).to_contain_text("First answered after the deadline")
    expect(commissioner.locator("main")).not_to_contain_text("is overdue")

    juror = _person(browser, axe, base, "juror1", width=PHONE_WIDTH)
    juror.goto(base + RESPONSES)
    axe(juror)
    with juror.expect_navigation():
        juror.get_by_role("link", name="Rate the follow-through of recommendation 5").click()
    axe(juror)
    juror.get_by_role("group", name="Is the response faithful to our recommendation?").get_by_role(
        "radio", name="Mostly faithful"
    ).check()
    _submit(juror, axe, "Save my rating")
    expect(juror.get_by_role("status")).to_contain_text("Your rating is saved")
    expect(juror.locator("#recommendation-5")).to_contain_text(
        "1 participant has rated this so far"
    )
    assert_fits_phone(juror)
    with juror.expect_navigation():
        juror.get_by_role("link", name="Change your e-mail updates").click()
    axe(juror)
    expect(juror.locator("main")).to_contain_text("You receive them")

    lead = _person(browser, axe, base, "practitioner")
    lead.goto(f"{base}{RESPONSES}4/progress/")
    axe(lead)
    expect(lead.locator("main")).to_contain_text("on behalf of the responsible body")

    visitor.goto(base + RESPONSES)
    axe(visitor)
    expect(visitor.locator("#recommendation-5")).to_contain_text(
        "The first yearly parks budget will be published in January 2027"
    )
    for name in JURORS:
        assert name not in visitor.content()
