"""Table allocation in the browser, on the demo assembly (demo/tables_story.py).

The facilitator reads the applied allocation, runs a new one (left unapplied, so the
members' seating stays the demo's), is told what is wrong with a bad request, and pins
someone; a participant reads their own tables on a phone. Every page passes axe-core.
"""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.axe import AxeChecker
from tests.browser.helpers import assert_fits_phone, sign_in

TABLES = "/p/demo/manage/tables/"


def test_the_facilitator_reads_the_applied_allocation(
    page: Page, axe: AxeChecker, demo_server: str
) -> None:
    sign_in(page, axe, demo_server, "facilitator")
    page.goto(demo_server + "/p/demo/")
    axe(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Tables", exact=True).click()
    axe(page)
    runs = page.get_by_role("table", name="Allocations, newest first")
    with page.expect_navigation():
        runs.get_by_role("link", name="Allocation 2").click()
    axe(page)
    main = page.locator("main")
    expect(main).to_contain_text("Applied on 12 Sep 2026")
    expect(main).to_contain_text("the best possible with these pins and groups")
    expect(main).to_contain_text("Pins honoured: 10 of 10.")
    features = page.get_by_role("table", name="Balance by feature", exact=False)
    expect(features.get_by_role("row")).to_have_count(4)  # a header and three questions
    expect(page.get_by_role("heading", name="Table 1 (6 people)").first).to_be_visible()
    expect(page.get_by_role("button", name="Apply allocation 2")).to_have_count(0)


def test_the_facilitator_runs_pins_and_is_told_what_is_wrong(
    page: Page, axe: AxeChecker, demo_server: str
) -> None:
    sign_in(page, axe, demo_server, "facilitator")
    page.goto(demo_server + TABLES)
    axe(page)
    form = page.locator("form", has=page.get_by_role("button", name="Run the allocation"))
    form.get_by_label("Tables in each session").fill("0")
    with page.expect_navigation():
        form.get_by_role("button", name="Run the allocation").click()
    axe(page)
    expect(page.locator(".field-error")).to_contain_text("greater than or equal to 1")

    form = page.locator("form", has=page.get_by_role("button", name="Run the allocation"))
    form.get_by_label("Tables in each session").fill("4")
    form.get_by_label("Seed (optional)").fill("browser")
    with page.expect_navigation():
        form.get_by_role("button", name="Run the allocation").click()
    axe(page)
    expect(page.locator("main")).to_contain_text("Not applied: a proposal only.")
    expect(page.get_by_role("button", name="Apply allocation", exact=False)).to_be_visible()

    pin = page.locator("form", has=page.get_by_role("button", name="Pin", exact=True))
    pin.get_by_label("Session").select_option("3")
    pin.get_by_label("Person").select_option(label="Bill T.")
    pin.get_by_label("Table").fill("2")
    with page.expect_navigation():
        pin.get_by_role("button", name="Pin", exact=True).click()
    axe(page)
    expect(page.get_by_role("status")).to_contain_text("The pin is kept for the next run.")
    pins = page.get_by_role("table", name="People pinned to a table")
    expect(pins.get_by_role("row").filter(has_text="Bill T.")).to_contain_text("2")
    with page.expect_navigation():
        pins.get_by_role("button", name="Unpin Bill T. in session 3").click()
    axe(page)
    expect(page.get_by_role("status")).to_contain_text("The pin is released.")
    expect(page.get_by_role("table", name="People pinned to a table")).not_to_contain_text(
        "Bill T."
    )


def test_a_participant_reads_their_own_tables_on_a_phone(
    phone: Page, axe: AxeChecker, demo_server: str
) -> None:
    sign_in(phone, axe, demo_server, "participant1")
    phone.goto(demo_server + "/p/demo/room/my-tables/")
    axe(phone)
    table = phone.get_by_role("table", name="Your table in each session")
    expect(table.get_by_role("row")).to_have_count(11)  # a header and ten sessions
    expect(table).to_contain_text("Table ")
    expect(table).not_to_contain_text("not seated yet")
    assert_fits_phone(phone)
