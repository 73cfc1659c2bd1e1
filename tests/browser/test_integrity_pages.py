"""The integrity pages in the browser: oversight, declarations, documents, the bundle.

The demo server is shared by every browser test: these tests only read the climate
assembly and make their changes in the transport jury, which no other test reads.
"""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.axe import AxeChecker
from tests.browser.helpers import assert_fits_phone, sign_in
from tests.support import MINIPUBLIC


def test_oversight_dashboard_shows_what_waits_and_what_is_overdue(
    page: Page, axe: AxeChecker, demo_server: str
) -> None:
    sign_in(page, axe, demo_server, "oversight")
    page.goto(demo_server + "/p/demo/")
    axe(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Oversight dashboard").click()
    axe(page)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Oversight")
    expect(page.get_by_text("The record verifies.")).to_be_visible()
    # The anonymous report on time has been under review since October: overdue.
    open_table = page.get_by_role("table", name="Incidents reported or under review", exact=False)
    expect(open_table).to_contain_text("Time")
    expect(open_table).to_contain_text("Overdue")
    escalations = page.get_by_role(
        "table", name="Incidents escalated or breaching a red line", exact=False
    )
    expect(escalations).to_contain_text("Continue under conditions")
    waiting = page.get_by_role("table", name="Current declarations not yet reviewed", exact=False)
    expect(waiting).to_contain_text("Maria Gonzalez")
    with page.expect_navigation():
        waiting.get_by_role("link").first.click()
    axe(page)
    expect(page.get_by_label("Outcome")).to_be_visible()


def test_declarations_pages_pass_axe_and_keep_participants_private(
    browser: Browser, axe: AxeChecker, demo_server: str
) -> None:
    context = browser.new_context()
    page = context.new_page()
    axe.track(page)
    sign_in(page, axe, demo_server, "practitioner")
    page.goto(demo_server + "/p/demo/manage/declarations/")
    axe(page)
    expect(page.get_by_text("Grace O'Neill").first).to_be_visible()  # a participant
    context.close()

    # The public sees experts' and staff's declarations, never a participant's.
    context = browser.new_context()
    page = context.new_page()
    axe.track(page)
    page.goto(demo_server + "/p/demo/integrity/")
    axe(page)
    expect(page.get_by_text("Northern Heat Pump Association")).to_be_visible()
    assert "Riverford Motors" not in page.content()
    assert "Grace O'Neill" not in page.content()
    context.close()


def test_a_member_declares_an_interest_with_the_keyboard(
    page: Page, axe: AxeChecker, demo_server: str
) -> None:
    sign_in(page, axe, demo_server, "facilitator")
    page.goto(demo_server + "/p/demo-transport-jury/declare/")
    axe(page)
    page.get_by_label("Kind of interest").select_option("organisation")
    page.get_by_label("Details").fill("Volunteer at the Riverford Bus Users' Group.")
    page.get_by_label("Details").press("Tab")
    for _ in range(5):  # past any remaining fields to the submit button
        if page.evaluate("document.activeElement.type") == "submit":
            break
        page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    axe(page)
    expect(page.get_by_text("Volunteer at the Riverford Bus Users' Group.")).to_be_visible()


def test_reporting_with_evidence_and_the_anonymous_option(
    page: Page, axe: AxeChecker, demo_server: str, tmp_path: Path
) -> None:
    evidence = tmp_path / "letter.txt"
    evidence.write_text("Please keep the car-free option off the agenda.\n")
    sign_in(page, axe, demo_server, "facilitator")
    page.goto(demo_server + "/p/demo-transport-jury/manage/incidents/new/")
    axe(page)
    expect(page.get_by_label("Report anonymously")).to_have_count(0)  # not a participant
    page.get_by_label("What happened").fill("A councillor asked us to drop the car-free option.")
    page.get_by_label("Who exerted the pressure").select_option("politician")
    page.get_by_label("What it tried to steer").select_option("agenda_framing_remit")
    page.get_by_label("Files of evidence").set_input_files(str(evidence))
    with page.expect_navigation():
        page.get_by_role("button", name="Send the report").click()
    axe(page)
    expect(page.get_by_role("status")).to_be_visible()

    # A participant of the assembly sees the anonymous option and what it means.
    context = page.context.browser.new_context()  # type: ignore[union-attr]
    other = context.new_page()
    axe.track(other)
    sign_in(other, axe, demo_server, "participant1")
    other.goto(demo_server + "/p/demo/manage/incidents/new/")
    axe(other)
    expect(other.get_by_label("Report anonymously")).to_be_visible()
    expect(other.get_by_text("next day")).not_to_have_count(0)
    context.close()


def test_publishing_a_document_and_checking_the_downloaded_bundle(
    page: Page, axe: AxeChecker, demo_server: str, tmp_path: Path
) -> None:
    terms = tmp_path / "draft-terms.md"
    terms.write_text("# Draft terms of engagement\n\nThe jury meets on three Saturdays.\n")
    sign_in(page, axe, demo_server, "practitioner")
    page.goto(demo_server + "/p/demo-transport-jury/manage/documents/new/")
    axe(page)
    page.get_by_label("Title").fill("Draft terms of engagement")
    page.get_by_label("Kind of document").select_option("terms")
    page.get_by_label("File").set_input_files(str(terms))
    with page.expect_navigation():
        page.get_by_role("button", name="Publish the document").click()
    axe(page)
    expect(page.get_by_text("Draft terms of engagement").first).to_be_visible()

    page.goto(demo_server + "/p/demo-transport-jury/integrity/")
    axe(page)
    head = page.locator("code").filter(has_text="--checkpoint").inner_text().split()[-1]
    with page.expect_download() as download:
        page.get_by_role("link", name="Download demo-transport-jury-public-record.zip").click()
    archive = tmp_path / "bundle.zip"
    download.value.save_as(archive)
    with zipfile.ZipFile(archive) as bundle:
        bundle.extractall(tmp_path)
    folder = tmp_path / "demo-transport-jury-public-record"
    assert (folder / "documents").is_dir()
    checked = subprocess.run(
        [MINIPUBLIC, "audit", "verify", str(folder), "--checkpoint", head],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stderr


@pytest.mark.parametrize(
    ("who", "path"),
    [
        ("oversight", "/p/demo/manage/oversight/"),
        ("oversight", "/p/demo/manage/declarations/"),
        ("participant7", "/p/demo/declare/"),
        ("practitioner", "/p/demo/manage/documents/new/"),
    ],
)
def test_integrity_pages_fit_a_360_pixel_phone(
    phone: Page, axe: AxeChecker, demo_server: str, who: str, path: str
) -> None:
    sign_in(phone, axe, demo_server, who)
    phone.goto(demo_server + path)
    axe(phone)
    assert_fits_phone(phone)
