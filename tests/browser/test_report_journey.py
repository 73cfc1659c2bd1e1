"""From the climate assembly's report being signed to a frozen, published report; and the
commissioner's edit attempt, refused and entered in the register. On a server of its own
(it changes the demo). axe-core checks every page.

In the demo, version 1 has six of the nine signatures it needs and the parking lot has
two open concerns (#9 and #10). The facilitator resolves both; participant3 signs on a
phone, participant4 and participant7 sign, and the ninth signature freezes the report.
The public page then shows the SHA-256 of the PDF next to its link, and the PDF served
has that hash. The commissioner, opening the edit page, is refused and pointed to the
change-request form; the request goes to the register, where oversight reads it.
"""

from __future__ import annotations

import hashlib
import re
import urllib.request
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.axe import AxeChecker
from tests.browser.helpers import PHONE_WIDTH, assert_fits_phone, sign_in
from tests.servers import load_demo, serving
from tests.support import scratch_database


@pytest.fixture(scope="module")
def journey(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server of its own (never the shared demo_server): the demo, on a fresh database."""
    var_dir = tmp_path_factory.mktemp("report-server")
    with scratch_database(var_dir) as database_url:
        load_demo(var_dir, database_url)
        with serving(var_dir, DEBUG="1", DATABASE_URL=database_url) as base:
            yield base


def _person(
    browser: Browser, axe: AxeChecker, base: str, username: str, phone: bool = False
) -> Page:
    viewport = {"width": PHONE_WIDTH, "height": 740} if phone else {"width": 1200, "height": 900}
    page = browser.new_context(viewport=viewport).new_page()  # type: ignore[arg-type]
    axe.track(page)
    sign_in(page, axe, base, username)
    return page


def _sign(page: Page, axe: AxeChecker, base: str) -> None:
    page.goto(base + "/p/demo/report/1/")
    axe(page)
    with page.expect_navigation():
        page.get_by_role("button", name="I sign version 1 of the report").click()
    axe(page)
    expect(page.get_by_role("status")).to_contain_text("You have signed this version")


def _resolve(page: Page, axe: AxeChecker, base: str, number: int) -> None:
    page.goto(f"{base}/p/demo/parking-lot/{number}/")
    axe(page)
    page.get_by_label("Out of the remit").check()
    page.get_by_label("In words").fill("Outside what the council can decide; named in the report.")
    with page.expect_navigation():
        page.get_by_role("button", name="Resolve").click()
    axe(page)


def test_signing_freezes_and_publishes_the_report(
    browser: Browser, axe: AxeChecker, journey: str
) -> None:
    public = browser.new_page()
    axe.track(public)
    public.goto(journey + "/p/demo/report/")
    axe(public)
    expect(public.locator("main")).to_contain_text("has not been delivered yet")

    # participant3, on a phone, finds the report through the assembly's menu.
    amina = _person(browser, axe, journey, "participant3", phone=True)
    amina.goto(journey + "/p/demo/")
    axe(amina)
    with amina.expect_navigation():
        amina.get_by_role("link", name="Our report: write and sign it").click()
    axe(amina)
    assert_fits_phone(amina)
    expect(amina.locator("main")).to_contain_text("6 of the 9 needed")
    with amina.expect_navigation():
        amina.get_by_role("link", name="Read version 1 and sign it").click()
    axe(amina)
    assert_fits_phone(amina)
    expect(amina.locator("main")).to_contain_text("the parking lot must be clear")
    expect(amina.get_by_role("heading", name="Requests to change the report")).to_be_visible()
    _sign(amina, axe, journey)
    expect(amina.locator("main")).to_contain_text("7 of the 9 needed")

    # The facilitator clears the parking lot.
    facilitator = _person(browser, axe, journey, "facilitator")
    facilitator.goto(journey + "/p/demo/parking-lot/?status=open")
    axe(facilitator)
    open_ones = facilitator.get_by_role("heading", name=re.compile(r"Concern #\d+"))
    numbers = [int(re.sub(r"\D", "", text)) for text in open_ones.all_inner_texts()]
    assert len(numbers) == 2, numbers
    for number in numbers:
        _resolve(facilitator, axe, journey, number)

    _sign(_person(browser, axe, journey, "participant4"), axe, journey)
    last = _person(browser, axe, journey, "participant7")
    _sign(last, axe, journey)
    expect(last.locator(".lead")).to_contain_text("frozen on")
    expect(last.get_by_role("link", name="Download the PDF")).to_be_visible()

    public.goto(journey + "/p/demo/report/")
    axe(public)
    version = public.get_by_role("article").first
    expect(version).to_contain_text("9 of 12 participants when it was frozen (9 needed)")
    pdf_link = version.get_by_role("link", name="Download version 1 (PDF)")
    pdf_sha = version.locator("code.hash").first.inner_text().strip()
    href = pdf_link.get_attribute("href")
    assert href is not None
    with urllib.request.urlopen(journey + href, timeout=10) as response:  # noqa: S310
        assert hashlib.sha256(response.read()).hexdigest() == pdf_sha
    with public.expect_navigation():
        version.get_by_role("link", name="Read version 1 here").click()
    axe(public)
    expect(public.get_by_role("heading", level=1)).to_contain_text("A fair path to net zero")


def test_the_commissioners_edit_attempt_is_refused_and_registered(
    browser: Browser, axe: AxeChecker, journey: str
) -> None:
    commissioner = _person(browser, axe, journey, "commissioner")
    response = commissioner.goto(journey + "/p/demo/report/edit/")
    assert response is not None
    assert response.status == 403
    axe(commissioner)
    expect(commissioner.get_by_role("heading", level=1)).to_have_text(
        "Only the participants edit their report"
    )
    with commissioner.expect_navigation():
        commissioner.get_by_role("link", name="Ask the participants for a change").click()
    axe(commissioner)
    with commissioner.expect_navigation():
        commissioner.get_by_role("button", name="Send the request to the participants").click()
    axe(commissioner)
    expect(commissioner.get_by_text("This field is required.")).to_be_visible()
    commissioner.get_by_label("What should change?").fill(
        "Describe the parking levy as an option, not a recommendation."
    )
    commissioner.get_by_label("Why?").fill("The cabinet will not adopt it.")
    with commissioner.expect_navigation():
        commissioner.get_by_role("button", name="Send the request to the participants").click()
    axe(commissioner)
    status = commissioner.get_by_role("status")
    expect(status).to_contain_text("entered in the register of steering attempts as incident")
    number = re.search(r"incident (\d+)", status.inner_text())
    assert number is not None

    oversight = _person(browser, axe, journey, "oversight")
    oversight.goto(f"{journey}/p/demo/manage/incidents/{number.group(1)}/")
    axe(oversight)
    expect(oversight.locator("main")).to_contain_text("Content of the final report")
    expect(oversight.locator("main")).to_contain_text("Describe the parking levy as an option")

    member = _person(browser, axe, journey, "participant9")
    member.goto(journey + "/p/demo/report/1/")
    axe(member)
    expect(member.locator("main")).to_contain_text("The cabinet will not adopt it.")
