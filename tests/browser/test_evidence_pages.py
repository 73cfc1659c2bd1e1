"""The witness register and the briefing materials in the browser: the demo's pages.

The climate assembly's register, requests and materials come from
demo/evidence_story.py and demo/material_story.py through the real actions; these tests
only read them (axe-core on every page, a phone-sized screen for the public ones, and
reading without JavaScript). The participants' request journey, which changes things,
runs on a server of its own (test_witness_request_journey.py).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.axe import AxeChecker
from tests.browser.helpers import assert_fits_phone, sign_in

PUBLIC = [
    "/p/demo/witnesses/",
    "/p/demo/witnesses/requests/",
    "/p/demo/witnesses/requests/1/",
    "/p/demo/materials/",
    "/p/demo/materials/1/",
    "/p/demo/materials/2/",
]


def test_the_register_shows_who_proposed_whom_and_the_balance(
    page: Page, axe: AxeChecker, demo_server: str
) -> None:
    page.goto(demo_server + "/p/demo/")
    axe(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Witnesses: who was proposed").click()
    expect(page).to_have_url(demo_server + "/p/demo/witnesses/")
    axe(page)
    proposers = page.get_by_role("table", name="Who proposed the witnesses")
    commissioner = proposers.get_by_role("row", name="Commissioner")
    expect(commissioner.get_by_role("cell").first).to_have_text("2")  # proposed
    expect(proposers.get_by_role("row", name="Participants")).to_be_visible()
    perspectives = page.get_by_role("table", name="Perspectives", exact=False)
    expect(perspectives.get_by_role("row", name="renters")).to_contain_text("1")
    ellison = page.locator("#witness-1")
    expect(ellison).to_contain_text("Proposed by the commissioner")
    expect(ellison).to_contain_text("Not chosen")
    expect(ellison).to_contain_text("An elected member of the commissioning council")
    tenant = page.locator("#witness-10")
    expect(tenant).to_contain_text("Name not published")
    assert "Joan Mitchell" not in page.content()
    expect(page.locator("#witness-3")).to_contain_text("Northern Heat Pump Association")
    requests = page.get_by_role("table", name="Requests put to the participants' vote")
    expect(requests).to_contain_text("9 for, 1 against, of 12")
    expect(requests).to_contain_text("Witness #10 invited.")
    totals = page.get_by_role("table", name="Gender")
    expect(totals.get_by_role("row", name="Woman")).to_contain_text("4")
    # Never a participant's name, nor who asked.
    for name in ("Chen Wei", "Hamza Ali", "Jack Pemberton", "participant3"):
        assert name not in page.content()


def test_the_materials_show_authorship_reviews_and_history(
    page: Page, axe: AxeChecker, demo_server: str
) -> None:
    page.goto(demo_server + "/p/demo/")
    axe(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Briefing materials: what the members read").click()
    axe(page)
    materials = page.get_by_role("table", name="The materials")
    plan = materials.get_by_role("row", name="The council's Climate Action Plan in brief")
    expect(plan).to_contain_text("Written by the commissioner")
    history = page.get_by_role("table", name="Every published version")
    expect(history).to_contain_text("from £4,500 to £7,500")
    expect(page.locator("main")).not_to_contain_text("2025 traffic counts")  # a draft
    with page.expect_navigation():
        materials.get_by_role("link", name="Briefing: heating our homes").click()
    axe(page)
    versions = page.get_by_role("table", name="Versions", exact=False)
    expect(versions.get_by_role("row")).to_have_count(3)  # header and two versions
    reviews = page.locator("main")
    expect(reviews).to_contain_text("installers' brochures alone")
    expect(reviews).to_contain_text("Riverford Tenants' Association (stakeholder reference group)")
    expect(reviews).to_contain_text("Not changed.")
    with page.expect_download() as download:
        versions.get_by_role("link", name="Version 2").click()
    assert download.value.suggested_filename.endswith("briefing-heating-v2.md")


@pytest.mark.parametrize("path", PUBLIC)
def test_the_public_pages_pass_axe_and_fit_a_phone(
    phone: Page, axe: AxeChecker, demo_server: str, path: str
) -> None:
    response = phone.goto(demo_server + path)
    assert response is not None
    assert response.status == 200
    axe(phone)
    assert_fits_phone(phone)


def test_the_register_reads_without_javascript(browser: Browser, demo_server: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(demo_server + "/p/demo/witnesses/")
    expect(page.locator("#witness-12")).to_contain_text("Daniel Okoro")
    page.goto(demo_server + "/p/demo/materials/3/")
    expect(page.locator("main")).to_contain_text("Riverford Motorists' Forum")
    context.close()


@pytest.mark.parametrize(
    ("user", "path", "shown"),
    [
        ("practitioner", "/p/demo/manage/witnesses/", "Every proposal"),
        ("practitioner", "/p/demo/manage/witnesses/10/", "Joan Mitchell"),
        ("practitioner", "/p/demo/manage/witnesses/propose/", "Proposed by"),
        ("commissioner", "/p/demo/manage/witnesses/propose/", "published as the commissioner's"),
        ("commissioner", "/p/demo/manage/witnesses/", "Your proposals"),
        ("participant1", "/p/demo/witnesses/requests/new/", "Ask for a witness"),
        ("participant3", "/p/demo/witnesses/requests/1/", "This is your request"),
        ("facilitator", "/p/demo/witnesses/requests/2/", "Change the answer"),
        ("oversight", "/p/demo/manage/materials/", "Comments without a response"),
        ("oversight", "/p/demo/materials/3/", "Comment on version 2"),
        ("practitioner", "/p/demo/materials/3/", "Publish version 2"),
        (
            "commissioner",
            "/p/demo/manage/materials/new/",
            "labelled as written by the commissioner",
        ),
        ("facilitator", "/p/demo/manage/materials/3/versions/new/", "What changed and why"),
    ],
)
def test_the_members_pages_pass_axe(
    page: Page, axe: AxeChecker, demo_server: str, user: str, path: str, shown: str
) -> None:
    sign_in(page, axe, demo_server, user)
    response = page.goto(demo_server + path)
    assert response is not None
    assert response.status == 200
    axe(page)
    expect(page.locator("main")).to_contain_text(shown)


def test_a_draft_waits_for_the_teams_response_before_it_is_published(
    page: Page, axe: AxeChecker, demo_server: str
) -> None:
    sign_in(page, axe, demo_server, "practitioner")
    page.goto(demo_server + "/p/demo/materials/3/")
    axe(page)
    expect(page.get_by_text("1 review comment still needs the team's response")).to_be_visible()
    # Read only: the refusal is shown without publishing anything.
    with page.expect_navigation():
        page.get_by_role("button", name="Publish this version").click()
    axe(page)
    expect(page.get_by_role("alert")).to_contain_text("Respond to every review comment")
    page.goto(demo_server + "/p/demo/materials/")
    axe(page)
    expect(page.locator("main")).to_contain_text("Draft of version 2")
