"""A participant corrects, then confirms, a table summary on a phone; and a participant
parks a concern that blocks the report. On a server of its own (it changes the demo).

In the demo, participant1's table summary of day 2 waits for her: the table confirmed it
aloud and the others confirmed online, one short of the rule. At phone width, with
axe-core on every page, she opens "My table summaries", tries to send an empty
correction (and is told what is missing), sends a correction; the facilitator sees it
with her name; she changes her mind and confirms, which withdraws her correction and
puts the summary in the public record, with its SHA-256.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.axe import AxeChecker
from tests.browser.helpers import PHONE_WIDTH, assert_fits_phone, sign_in
from tests.servers import load_demo, serving
from tests.support import scratch_database

CORRECTION = "We also said the night buses matter for shift workers."


@pytest.fixture(scope="module")
def journey(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server of its own (never the shared demo_server): the demo, on a fresh database.
    The two tests change different things (a summary, the parking lot)."""
    var_dir = tmp_path_factory.mktemp("summary-server")
    with scratch_database(var_dir) as database_url:
        load_demo(var_dir, database_url)
        with serving(var_dir, DEBUG="1", DATABASE_URL=database_url) as base:
            yield base


def _phone(browser: Browser, axe: AxeChecker, base: str, username: str) -> Page:
    page = browser.new_context(viewport={"width": PHONE_WIDTH, "height": 740}).new_page()
    axe.track(page)
    sign_in(page, axe, base, username)
    return page


def test_a_participant_corrects_then_confirms_on_a_phone(
    browser: Browser, axe: AxeChecker, journey: str
) -> None:
    amina = _phone(browser, axe, journey, "participant1")
    amina.goto(journey + "/p/demo/")
    axe(amina)
    with amina.expect_navigation():
        amina.get_by_role("link", name="My table summaries").click()
    axe(amina)
    assert_fits_phone(amina)
    waiting = amina.get_by_role("article").first
    summary_text = waiting.locator("blockquote").inner_text().strip()
    with amina.expect_navigation():
        waiting.get_by_role("link", name="Confirm or correct").click()
    axe(amina)
    assert_fits_phone(amina)
    table_url = amina.url.split("#", 1)[0]

    # An empty correction is refused, saying what is missing.
    with amina.expect_navigation():
        amina.get_by_role("button", name="Send my correction").click()
    axe(amina)
    expect(amina.get_by_role("alert")).to_contain_text("Say what is wrong or missing")
    amina.get_by_label("What is wrong or missing?").fill(CORRECTION)
    with amina.expect_navigation():
        amina.get_by_role("button", name="Send my correction").click()
    axe(amina)
    expect(amina.get_by_role("status")).to_contain_text("Your correction is sent")
    expect(amina.locator("main")).to_contain_text("You: corrected")
    expect(amina.locator("main")).to_contain_text(CORRECTION)
    assert_fits_phone(amina)

    # The facilitator sees the correction and who wrote it; the public does not.
    tom = browser.new_context().new_page()
    axe.track(tom)
    sign_in(tom, axe, journey, "facilitator")
    tom.goto(table_url)
    axe(tom)
    expect(tom.locator("main")).to_contain_text("Amina H.")
    expect(tom.locator("main")).to_contain_text(CORRECTION)
    expect(tom.locator("main")).to_contain_text("Corrections outstanding: 1.")
    public = browser.new_context().new_page()
    axe.track(public)
    public.goto(table_url)
    axe(public)
    expect(public.locator("main")).not_to_contain_text(CORRECTION)
    expect(public.locator("main")).to_contain_text("No summary of this table is in the record")

    # She confirms after all: her correction is withdrawn and the summary is recorded.
    with amina.expect_navigation():
        amina.get_by_role("button", name="Yes, this is what we said").click()
    axe(amina)
    expect(amina.get_by_role("status")).to_contain_text("now in the public record")
    public.reload()
    axe(public)
    fingerprint = hashlib.sha256(summary_text.encode()).hexdigest()
    expect(public.locator("main")).to_contain_text(fingerprint)
    expect(public.locator("main")).to_contain_text("Facilitator's attestation")
    expect(public.locator("main")).not_to_contain_text(CORRECTION)
    with amina.expect_navigation():
        amina.get_by_role("link", name="My table summaries").click()
    axe(amina)
    expect(amina.locator("main")).to_contain_text("Nothing is waiting for you.")


def test_a_new_concern_is_public_and_keeps_the_report_open(
    browser: Browser, axe: AxeChecker, journey: str
) -> None:
    member = _phone(browser, axe, journey, "participant4")
    member.goto(journey + "/p/demo/parking-lot/new/")
    axe(member)
    member.get_by_label("The concern").fill("Can we hear from a bus driver before we vote?")
    member.get_by_label("For later").check()
    member.get_by_label("Session where it came up (if any)").select_option("9")
    with member.expect_navigation():
        member.get_by_role("button", name="Park this concern").click()
    axe(member)
    assert_fits_phone(member)
    expect(member.get_by_role("status")).to_contain_text("Concern #11 is in the parking lot.")
    expect(member.get_by_role("heading", level=1)).to_contain_text("Raised by you")
    public = browser.new_context().new_page()
    axe.track(public)
    public.goto(journey + "/p/demo/parking-lot/")
    axe(public)
    expect(public.locator("main")).to_contain_text("3 concerns are open.")
    expect(public.locator("main")).to_contain_text("Can we hear from a bus driver")
    expect(public.locator("main")).not_to_contain_text("Raised by you")
