"""The case library in the browser, as the demo serves it: searching and filtering with
the keyboard and without JavaScript, a record with its shared material, the practitioner
sharing a material, and the pages on a phone. Every page is checked with axe-core."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from minipublic.demo.library_story import GLENMUIR, LINDENAU
from tests.browser.axe import AxeChecker
from tests.browser.helpers import assert_fits_phone, sign_in


def test_a_visitor_searches_and_filters_with_the_keyboard(
    page: Page, axe: AxeChecker, demo_server: str
) -> None:
    page.goto(demo_server + "/")
    axe(page)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Case library").click()
    axe(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Case library")
    page.get_by_label("Pressure met").select_option("impact.no_response")
    page.get_by_label("Search words").fill("bypass")
    with page.expect_navigation():
        page.get_by_label("Search words").press("Enter")
    axe(page)
    assert "pressure=impact.no_response" in page.url
    results = page.locator(".library-results li")
    expect(results).to_have_count(1)
    expect(results).to_contain_text("planning cell on a bypass")
    with page.expect_navigation():
        page.get_by_role("link", name="Clear the search and filters").click()
    axe(page)
    expect(page.get_by_label("Search words")).to_have_value("")


def test_a_record_and_its_material(page: Page, axe: AxeChecker, demo_server: str) -> None:
    page.goto(f"{demo_server}/library/{GLENMUIR}/")
    axe(page)
    main = page.locator("main")
    expect(
        main.get_by_role("heading", level=2, name="Lessons: what we would do differently")
    ).to_be_visible()
    expect(main).to_contain_text("Steering the content of the report")
    expect(main.get_by_role("link", name="About the process")).to_have_count(0)
    materials = page.get_by_role("table", name="Files shared with this record")
    with page.expect_download() as download:
        materials.get_by_role("link", name="Contract clause").click()
    assert "Clause 7" in Path(download.value.path()).read_text()


def test_the_author_shares_a_material(
    page: Page, axe: AxeChecker, demo_server: str, tmp_path: Path
) -> None:
    sign_in(page, axe, demo_server, "practitioner")
    page.goto(demo_server + "/library/mine/")
    axe(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Share a material with A planning cell", exact=False).click()
    axe(page)
    bad = tmp_path / "agenda.exe"
    bad.write_bytes(b"MZ")
    page.get_by_label("Title").fill("Session plan")
    page.get_by_label("Kind of material").select_option("template")
    page.get_by_label("File").set_input_files(str(bad))
    with page.expect_navigation():
        page.get_by_role("button", name="Share it").click()
    axe(page)
    expect(page.locator("main")).to_contain_text("agenda.exe: files of this type are not accepted")
    expect(page.locator("main")).to_contain_text("Choose the open licence")
    good = tmp_path / "session-plan.md"
    good.write_text("# Session plan\n\nDay one: hearing the traders and the farmers.\n")
    page.get_by_label("CC0", exact=False).check()
    page.get_by_label("File").set_input_files(str(good))
    with page.expect_navigation():
        page.get_by_role("button", name="Share it").click()
    axe(page)
    assert page.url.endswith(f"/library/{LINDENAU}/")
    expect(page.get_by_role("table", name="Files shared with this record")).to_contain_text(
        "Session plan"
    )


def test_the_library_on_a_phone(phone: Page, axe: AxeChecker, demo_server: str) -> None:
    for address in ("/library/", "/library/?country=Scotland", f"/library/{GLENMUIR}/"):
        phone.goto(demo_server + address)
        axe(phone)
        assert_fits_phone(phone)
