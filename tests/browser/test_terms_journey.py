"""The issue's "done when" journey for the terms of engagement, on a server of its own.

A real ``minipublic serve`` on a fresh database loaded with the demo accounts. In
Chromium, with axe-core on every page: the lead practitioner creates a public citizens'
jury from its template and is told to accept their terms first; the settings page is
refused with a 403 page that names the terms and links to them; they accept their
charter with the keyboard and the settings open. They make the demo account ``expert``
the jury's oversight member, who is refused the sign-off page until they accept the
oversight group's charter, then signs off the question in public. The lead practitioner
publishes version 2 of that charter; the expert's next decision is refused until they
have read what changed and accepted again. Signed out, the terms page shows every
charter and the versions accepted, but no member's name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from tests.browser.axe import AxeChecker
from tests.browser.helpers import sign_in
from tests.servers import load_demo, serving
from tests.support import scratch_database

SLUG = "millbrook-jury"
TITLE = "Millbrook Citizens' Jury"
JURY = f"/p/{SLUG}"
CHANGE_NOTE = "The oversight group now also reviews the jury's draft report for balance."
NEW_LINE = "4. We read the jury's draft report and say publicly whether it is balanced."
# The demo accounts' names: never on the public terms page.
NAMES = ("Priya Raman", "Dr Sam Kowalski")


@pytest.fixture
def journey(tmp_path: Path) -> Iterator[str]:
    """A server of its own (never the shared demo_server): demo accounts, a fresh database."""
    var_dir = tmp_path / "terms-server"
    var_dir.mkdir()
    with scratch_database(var_dir) as database_url:
        load_demo(var_dir, database_url)
        with serving(var_dir, DEBUG="1", DATABASE_URL=database_url) as base:
            yield base


def _person(browser: Browser, axe: AxeChecker, base: str, username: str) -> Page:
    page = browser.new_context(locale="en-GB").new_page()
    axe.track(page)
    sign_in(page, axe, base, username)
    return page


def _open(page: Page, axe: AxeChecker, url: str, status: int = 200) -> None:
    response = page.goto(url)
    assert response is not None
    assert response.status == status, url
    axe(page)


def _submit(page: Page, axe: AxeChecker, button: str, status: int = 200) -> None:
    """Press ``button`` and land on a page (after any redirect) answered with ``status``."""
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name=button, exact=True).click()
    response = navigation.value
    assert response is not None
    assert response.status == status, (button, page.url)
    axe(page)


def _refused_for_terms(page: Page, axe: AxeChecker) -> None:
    """The 403 page names the terms and links to them; following the link opens them."""
    main = page.get_by_role("main")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Accept your terms of engagement first"
    )
    expect(main).to_contain_text("You have not yet accepted the current terms")
    expect(main).to_contain_text(TITLE)
    with page.expect_navigation():
        page.get_by_role("link", name="Read and accept the terms").click()
    axe(page)
    expect(page).to_have_url(re.compile(rf"{re.escape(JURY)}/terms/$"))


def _pending(page: Page) -> Locator:
    """The terms page's section of charters the signed-in member has yet to accept."""
    return page.get_by_role("region", name="Before you can take part", exact=False)


def _accepted_versions(page: Page, title: str) -> Locator:
    """The version cells of the member's own acceptances of the charter called ``title``."""
    mine = page.get_by_role("table", name="Your acceptances", exact=False)
    rows = mine.get_by_role("row").filter(has=page.get_by_role("rowheader", name=title))
    return rows.locator("td:nth-child(3)")  # charter, role, version, accepted on


def _create_jury(page: Page, axe: AxeChecker, base: str) -> None:
    """Step 1: a public citizens' jury from its template; the terms before anything else."""
    _open(page, axe, base + "/processes/new/")
    choice = page.get_by_role("group", name="Start from a template")
    choice.get_by_role("radio", name="Citizens' Jury", exact=True).check()
    page.get_by_label("Short name").fill(SLUG)
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("Remit").fill("How should Millbrook share its roads between buses and cars?")
    page.get_by_label("Commissioning body").fill("Millbrook District Council")
    page.get_by_label("Visibility").select_option("public")
    _submit(page, axe, "Create process")
    expect(page).to_have_url(f"{base}{JURY}/")
    design = page.locator("dl", has=page.get_by_text("Days of deliberation"))
    expect(design).to_contain_text("Citizens' Jury")
    note = page.get_by_role("note")
    expect(note).to_contain_text("Before you can take part, read and accept your terms")
    expect(note).to_contain_text("Lead practitioner")

    # The settings page is refused, and the refusal says why and where to go.
    _open(page, axe, f"{base}{JURY}/manage/", status=403)
    _refused_for_terms(page, axe)
    pending = _pending(page)
    expect(pending.get_by_role("heading", level=3)).to_contain_text("Lead practitioner's charter")
    expect(pending).to_contain_text("at arm's length from the commissioner")
    button = pending.get_by_role("button", name="I accept these terms")
    button.focus()
    expect(button).to_be_focused()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    axe(page)
    expect(page.get_by_role("status")).to_contain_text("You have accepted your terms")
    expect(_pending(page)).to_have_count(0)
    expect(_accepted_versions(page, "Lead practitioner's charter")).to_have_text(["1"])

    _open(page, axe, f"{base}{JURY}/manage/")
    expect(page.get_by_role("button", name="Save planned design")).to_be_visible()
    expect(page.get_by_label("Days of deliberation")).to_be_editable()


def _add_oversight(page: Page, axe: AxeChecker, base: str) -> None:
    """Step 2: the demo account ``expert`` becomes the jury's oversight member."""
    _open(page, axe, f"{base}{JURY}/members/")
    page.get_by_label("User name or e-mail address").fill("expert")
    page.get_by_label("Role").select_option("oversight")
    _submit(page, axe, "Add")
    expect(page.get_by_role("status")).to_contain_text("is now Oversight")


def _decide(page: Page, subject: str, decision: str, reasons: str) -> None:
    page.get_by_label("What you decide on").select_option(subject)
    page.get_by_label(decision, exact=True).check()
    page.get_by_label("Reasons").fill(reasons)


def _sign_off_question(page: Page, axe: AxeChecker, base: str) -> None:
    """Step 3: refused until the oversight charter is accepted, then signs off in public."""
    _open(page, axe, f"{base}{JURY}/manage/sign-offs/", status=403)
    _refused_for_terms(page, axe)
    pending = _pending(page)
    expect(pending).to_contain_text("Oversight group's charter")
    expect(pending).to_contain_text("independently of the commissioner")
    _submit(page, axe, "I accept these terms")
    expect(page.get_by_role("status")).to_contain_text("You have accepted your terms")

    _open(page, axe, f"{base}{JURY}/manage/sign-offs/")
    _decide(page, "question", "Signed off", "The remit leaves every option open.")
    _submit(page, axe, "Record and publish the decision")
    expect(page.get_by_role("status")).to_contain_text("has been recorded")
    with page.expect_navigation():
        page.get_by_role("link", name="Public sign-off page").click()
    axe(page)
    status = page.get_by_role("table", name="Where each part of the design stands", exact=False)
    expect(status.get_by_role("row", name="The question and remit")).to_contain_text("Signed off")
    expect(page.get_by_role("main")).to_contain_text("The remit leaves every option open.")


def _publish_version_2(page: Page, axe: AxeChecker, base: str) -> None:
    """Step 4a: the lead practitioner publishes version 2 of the oversight charter."""
    _open(page, axe, f"{base}{JURY}/manage/terms/")
    page.get_by_label("Charter of the role").select_option("oversight")
    with page.expect_navigation():
        page.get_by_role("button", name="Open this charter").click()
    axe(page)
    main = page.get_by_role("main")
    expect(main).to_contain_text("The current version is version 1")
    expect(main).to_contain_text("the 1 member who holds this role must accept the new version")
    terms = page.get_by_label("Terms")
    expect(terms).to_have_value(re.compile(r"^1\. We oversee the process independently"))
    terms.fill(terms.input_value().rstrip() + "\n" + NEW_LINE)
    page.get_by_label("What changed and why").fill(CHANGE_NOTE)
    _submit(page, axe, "Publish the new version")
    expect(page.get_by_role("status")).to_contain_text(
        "Version 2 of the charter of the role Oversight is published"
    )
    expect(page.get_by_role("status")).to_contain_text("must accept it before acting again")


def _object_after_reaccepting(page: Page, axe: AxeChecker, base: str) -> None:
    """Step 4b: the expert's next decision is refused; they read the change and accept."""
    reasons = "The briefing leaves out the bus operators' own figures."
    _decide(page, "materials", "Objected", reasons)
    _submit(page, axe, "Record and publish the decision", status=403)
    _refused_for_terms(page, axe)
    pending = _pending(page)
    expect(pending).to_contain_text("You accepted version 1. Version 2 changes it:")
    expect(pending).to_contain_text(CHANGE_NOTE)
    changes = pending.get_by_role("list", name="Changes from version 1 to version 2")
    expect(changes.locator("ins")).to_contain_text(NEW_LINE)
    _submit(page, axe, "I accept these terms")
    expect(page.get_by_role("status")).to_contain_text("You have accepted your terms")
    expect(_accepted_versions(page, "Oversight group's charter")).to_have_text(
        [re.compile(r"^\s*2\s*$"), re.compile(r"^\s*1 \(replaced since\)\s*$")]
    )

    _open(page, axe, f"{base}{JURY}/manage/sign-offs/")
    _decide(page, "materials", "Objected", reasons)
    _submit(page, axe, "Record and publish the decision")
    expect(page.get_by_role("status")).to_contain_text("Decision 2 has been recorded")
    status = page.get_by_role("table", name="Where each part of the design stands", exact=False)
    expect(status.get_by_role("row", name="The briefing materials")).to_contain_text("Objected")
    expect(status.get_by_role("row", name="The question and remit")).to_contain_text("Signed off")


def _public_terms(browser: Browser, axe: AxeChecker, base: str) -> None:
    """Step 5: signed out, the charters and the accepted versions, but no names."""
    page = browser.new_context(locale="en-GB").new_page()
    axe.track(page)
    _open(page, axe, f"{base}{JURY}/terms/")
    expect(_pending(page)).to_have_count(0)
    oversight = page.get_by_role("region", name="Oversight group's charter", exact=False)
    expect(oversight).to_contain_text(NEW_LINE.removeprefix("4. "))
    expect(oversight).to_contain_text(CHANGE_NOTE)
    lead = page.get_by_role("region", name="Lead practitioner's charter", exact=False)
    expect(lead).to_contain_text("at arm's length from the commissioner")
    main = page.get_by_role("main")
    expect(main).to_contain_text("Oversight: 1 of 1 member has accepted version 2")
    expect(main).to_contain_text("Lead practitioner: 1 of 1 member has accepted version 1")
    expect(page.get_by_role("table", name="Members by role", exact=False)).to_have_count(0)
    text = main.inner_text()
    for name in NAMES:
        assert name not in text, name
    page.context.close()


def test_every_member_accepts_their_terms_before_acting(
    browser: Browser, axe: AxeChecker, journey: str
) -> None:
    base = journey
    lead = _person(browser, axe, base, "practitioner")
    _create_jury(lead, axe, base)
    _add_oversight(lead, axe, base)

    expert = _person(browser, axe, base, "expert")
    _sign_off_question(expert, axe, base)
    _open(expert, axe, f"{base}{JURY}/manage/sign-offs/")  # the form is open when…

    _publish_version_2(lead, axe, base)  # …the charter changes
    _object_after_reaccepting(expert, axe, base)

    _public_terms(browser, axe, base)
    for page in (lead, expert):
        page.context.close()
