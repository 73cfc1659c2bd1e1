"""Participant support in the browser, on the demo assembly (demo/support_story.py), as
the recruiter Rosa Lindqvist: the list of plans and its filters (one it cannot apply
says so), a plan with its arranged care, the budget's totals, an item form refusing a
bad amount without losing what was typed, and a due stipend approved and marked paid
from the keyboard. The demo is served on a database of this module's own, since paying
changes it. Every page passes axe-core; the forms are filled by their labels.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from tests.browser.axe import AxeChecker
from tests.browser.helpers import sign_in
from tests.servers import load_demo, serving
from tests.support import scratch_database

SUPPORT = "/p/demo/support/"


@pytest.fixture(scope="module")
def support_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The demo on a fresh database, served as ``make run`` serves it."""
    var_dir = tmp_path_factory.mktemp("support-pages")
    with scratch_database(var_dir) as database_url:
        load_demo(var_dir, database_url)
        with serving(var_dir, DEBUG="1", DATABASE_URL=database_url) as base:
            yield base


def _go(page: Page, axe: AxeChecker, role: str, name: str) -> None:
    with page.expect_navigation():
        page.get_by_role(role, name=name).first.click()  # type: ignore[arg-type]
    axe(page)


def _filter(page: Page, axe: AxeChecker, kind: str, status: str) -> None:
    form = page.locator("form.filters")
    form.get_by_label("Kind of support").select_option(label=kind)
    form.get_by_label("Status").select_option(label=status)
    _go(page, axe, "button", "Filter")


def test_the_recruiter_reads_plans_filters_and_the_totals(
    page: Page, axe: AxeChecker, support_server: str
) -> None:
    sign_in(page, axe, support_server, "recruiter")
    page.goto(support_server + "/p/demo/")
    axe(page)
    _go(page, axe, "link", "Participant support")
    main = page.locator("main")
    expect(main).to_contain_text("Stipend: 60.00 GBP per meeting attended.")
    expect(main).to_contain_text("Bank transfer, Shopping vouchers")
    plans = page.get_by_role("table", name="Support plans, one per participant")
    expect(plans.locator("tbody tr")).to_have_count(24)

    _filter(page, axe, "Language support", "Arranged")
    matching = page.get_by_role("table", name="Support plans matching the filter")
    expect(matching.locator("tbody tr")).to_have_count(1)
    with page.expect_navigation():
        matching.get_by_role("link").first.click()
    axe(page)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Support plan of")
    items = page.get_by_role("table", name="Support items")
    expect(items).to_contain_text("BSL interpreter")
    expect(items).to_contain_text("Arranged")
    # The needs and payment form is labelled.
    expect(page.get_by_label("Payment method")).to_be_visible()
    expect(page.get_by_label("Payment details")).not_to_be_empty()

    # An address with a filter value that does not exist says so, and lists everyone.
    page.goto(support_server + SUPPORT + "?kind=stipend&status=lost")
    axe(page)
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("The filter was not applied: every plan is listed.")
    expect(alert).to_contain_text("Status: “lost” is not one of the choices.")
    plans = page.get_by_role("table", name="Support plans, one per participant")
    expect(plans.locator("tbody tr")).to_have_count(24)

    _go(page, axe, "link", "Totals for the budget")
    money = page.get_by_role("table", name="Stipends and expenses by kind and currency")
    stipend = money.get_by_role("row", name="Stipend", exact=False).first
    expect(stipend).to_contain_text("GBP")
    expect(stipend).to_contain_text("480.00")  # eight paid at £60
    expect(money.get_by_role("row", name="Travel expense", exact=False)).to_contain_text("6.80")
    expect(page.locator("main")).not_to_contain_text("Sort code")


def test_a_bad_amount_is_refused_and_a_due_stipend_is_paid_once(
    page: Page, axe: AxeChecker, support_server: str
) -> None:
    sign_in(page, axe, support_server, "recruiter")
    page.goto(support_server + SUPPORT)
    axe(page)
    _filter(page, axe, "Stipend", "Due")
    matching = page.get_by_role("table", name="Support plans matching the filter")
    with page.expect_navigation():
        matching.get_by_role("link").first.click()
    axe(page)
    plan_url = page.url

    # An item with an amount written the wrong way: the error names it, nothing is lost.
    _go(page, axe, "link", "Add an item")
    page.get_by_label("Kind").select_option(label="Travel expense")
    page.get_by_label("Details").fill("Train to the town hall, return")
    page.get_by_label("Status").select_option(label="Due")
    page.get_by_label("Amount").fill("12,50")
    page.get_by_label("Currency").fill("GBP")
    _go(page, axe, "button", "Save the item")
    expect(page.locator(".field-error, .error-summary").first).to_contain_text(
        "12,50 is not an amount; write it like 60 or 12.50."
    )
    expect(page.get_by_label("Amount")).to_have_value("12,50")
    expect(page.get_by_label("Details")).to_have_value("Train to the town hall, return")
    page.get_by_label("Amount").fill("12.50")
    _go(page, axe, "button", "Save the item")
    expect(page.get_by_role("status")).to_contain_text("The item is saved.")
    assert page.url == plan_url

    # Approve the first due stipend, from the keyboard.
    items = page.get_by_role("table", name="Support items")
    stipend = items.get_by_role("row").filter(has_text="Stipend").filter(has_text="Due").first
    approve = stipend.get_by_role("button", name="Approve")
    approve.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    axe(page)
    expect(page.get_by_role("status")).to_contain_text("The payment is approved.")

    # Mark it paid with its reference, typed into the labelled field.
    items = page.get_by_role("table", name="Support items")
    approved = items.get_by_role("row").filter(has_text="Stipend").filter(has_text="Approved")
    approved.first.get_by_label("Payment reference").fill("RCA-S10-BROWSER")
    with page.expect_navigation():
        approved.first.get_by_role("button", name="Mark paid").click()
    axe(page)
    expect(page.get_by_role("status")).to_contain_text("The payment is marked paid.")
    items = page.get_by_role("table", name="Support items")
    expect(items).to_contain_text("RCA-S10-BROWSER")

    # The page offers no second "Mark paid" for it; the totals count it once.
    expect(items.get_by_role("row").filter(has_text="RCA-S10-BROWSER")).not_to_contain_text(
        "Mark paid"
    )
    page.goto(support_server + SUPPORT + "totals/")
    axe(page)
    money = page.get_by_role("table", name="Stipends and expenses by kind and currency")
    expect(money.get_by_role("row", name="Stipend", exact=False).first).to_contain_text("540.00")
