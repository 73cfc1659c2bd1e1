"""Conformance in the browser: the demo's report and label (read only), axe, phone width.

The climate assembly's design and attestations come from demo/conformance_story.py through
the real actions; these tests only read the demo.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.axe import AxeChecker
from tests.browser.helpers import assert_fits_phone, sign_in

LABEL = "Citizens' Assembly"


def test_the_demo_passes_every_gate_and_carries_the_label(
    page: Page, axe: AxeChecker, demo_server: str
) -> None:
    page.goto(demo_server + "/p/demo/")
    axe(page)
    expect(page.locator(".conformance-label")).to_contain_text(LABEL)
    with page.expect_navigation():
        page.get_by_role("link", name="How this process meets the standards").click()
    axe(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Conformance with the standards")
    expect(page.locator(".conformance-label")).to_have_text(LABEL)
    expect(page.locator(".failing-gates")).to_have_count(0)
    gates = page.get_by_role("table", name="Gates", exact=False)
    for outcome in ("Not met", "Unknown"):
        expect(gates.get_by_role("cell", name=outcome, exact=True)).to_have_count(0)
    arms_length = page.locator('[id="criterion-independence.arms-length"]')
    expect(arms_length).to_contain_text("Attested by Lead practitioner on 6 Jul 2026")
    expect(page.locator('[id="criterion-selection.verified"]')).to_contain_text("Met")


def test_the_parks_jury_says_plainly_which_gates_fail(
    page: Page, axe: AxeChecker, demo_server: str
) -> None:
    page.goto(demo_server + "/p/demo-parks-jury/conformance/")
    axe(page)
    expect(page.locator(".conformance-label")).to_have_text("Public engagement process")
    failing = page.locator(".failing-gates")
    expect(failing).to_contain_text("Enough days of deliberation")
    expect(failing).to_contain_text("3.5 days of deliberation")


@pytest.mark.parametrize("path", ["/p/demo/conformance/", "/p/demo/"])
def test_the_pages_fit_a_phone(phone: Page, axe: AxeChecker, demo_server: str, path: str) -> None:
    phone.goto(demo_server + path)
    axe(phone)
    assert_fits_phone(phone)


def test_the_attestations_page_passes_axe(page: Page, axe: AxeChecker, demo_server: str) -> None:
    sign_in(page, axe, demo_server, "practitioner")
    response = page.goto(demo_server + "/p/demo/manage/attestations/")
    assert response is not None
    assert response.status == 200
    axe(page)
    expect(page.get_by_label("Does the independent team", exact=False)).to_have_value("yes")
    history = page.get_by_role("table", name="statements, newest first", exact=False)
    expect(history).to_contain_text("Clause 3 of the terms of engagement")


JURY = "/p/demo-transport-jury"


def _plan_days(page: Page, axe: AxeChecker, base: str, days: str) -> None:
    page.goto(base + JURY + "/manage/")
    axe(page)
    page.get_by_label("Days of deliberation").fill(days)
    with page.expect_navigation():
        page.get_by_role("button", name="Save planned design").click()
    axe(page)


def test_cutting_the_days_fails_the_gate_and_the_lead_attests_by_form(
    page: Page, axe: AxeChecker, demo_server: str
) -> None:
    sign_in(page, axe, demo_server, "practitioner")  # lead of the transport jury
    _plan_days(page, axe, demo_server, "5")
    page.goto(demo_server + JURY + "/conformance/")
    axe(page)
    days = page.locator('[id="criterion-time.deliberation-days"]')
    expect(days).to_contain_text("5 days of deliberation; this model needs at least 4.")
    expect(page.locator(".failing-gates")).not_to_contain_text("Enough days of deliberation")

    with page.expect_navigation():
        page.get_by_role("link", name="State the facts only you can know").click()
    axe(page)
    page.get_by_label("Does the independent team", exact=False).select_option("yes")
    page.get_by_label("Note").fill("Clause 2 of the draft terms (zq-terms)")
    with page.expect_navigation():
        page.get_by_role("button", name="Record the statements").click()
    axe(page)
    expect(page.locator(".messages")).to_contain_text("Your statements have been recorded.")

    _plan_days(page, axe, demo_server, "2")
    page.goto(demo_server + JURY + "/conformance/")
    axe(page)
    expect(page.locator(".conformance-label")).to_have_text("Public engagement process")
    failing = page.locator(".failing-gates")
    expect(failing).to_contain_text("2 days of deliberation; this model needs at least 4.")
    expect(failing).not_to_contain_text("Arm's-length team decides the design")
    arms_length = page.locator('[id="criterion-independence.arms-length"]')
    expect(arms_length).to_contain_text("Attested by Lead practitioner on")
