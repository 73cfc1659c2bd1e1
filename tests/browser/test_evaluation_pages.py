"""The member questionnaire in the browser: answering on a phone (participant1, the
climate assembly's open end round), the parks jury's published results, and the team's
pages. Every page is checked with axe-core."""

from __future__ import annotations

import csv
import io

from playwright.sync_api import Page, expect

from tests.browser.axe import AxeChecker
from tests.browser.helpers import assert_fits_phone, sign_in


def test_a_member_answers_on_a_phone(phone: Page, axe: AxeChecker, demo_server: str) -> None:
    sign_in(phone, axe, demo_server, "participant1")
    phone.goto(demo_server + "/p/demo/evaluation/")
    axe(phone)
    with phone.expect_navigation():
        phone.get_by_role("link", name="Answer the questionnaire").click()
    axe(phone)
    assert_fits_phone(phone)
    form = phone.locator("form.questionnaire")
    expect(form.locator("h2, h3")).to_have_count(0)  # no headlines between the questions
    overall = phone.get_by_role("group", name="Overall, how would you rate")
    overall.get_by_label("Very good").check()
    phone.get_by_role("group", name="How old are you?").get_by_label("35 to 44").check()
    with phone.expect_navigation():
        phone.get_by_role("button", name="Send my answers").click()
    axe(phone)
    expect(phone.get_by_role("status")).to_contain_text("your answers have been recorded")
    expect(phone.locator("main")).to_contain_text("You have answered")
    expect(phone.get_by_role("link", name="Answer the questionnaire")).to_have_count(0)
    # Answering again is not offered: the page sends the member back to the results.
    phone.goto(demo_server + "/p/demo/evaluation/end/answer/")
    axe(phone)
    assert phone.url.endswith("/p/demo/evaluation/")


def test_the_published_results_are_public(page: Page, axe: AxeChecker, demo_server: str) -> None:
    page.goto(demo_server + "/p/demo-parks-jury/evaluation/")
    axe(page)
    main = page.locator("main")
    expect(main).to_contain_text("22 (8 online, 14 on paper)")
    expect(main).to_contain_text("could identify them")  # the age question
    compared = page.get_by_role("table", name="How much do you feel you know", exact=False)
    expect(compared.first).to_be_visible()
    expect(main).to_contain_text("Start and end compared")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the published totals (CSV)").click()
    rows = list(csv.DictReader(io.StringIO(download.value.path().read_text())))
    knowledge = [row for row in rows if row["question_key"] == "knowledge"]
    assert {row["round"] for row in knowledge} == {"start", "end"}


def test_the_teams_pages_pass_axe(page: Page, axe: AxeChecker, demo_server: str) -> None:
    sign_in(page, axe, demo_server, "practitioner")
    page.goto(demo_server + "/p/demo/evaluation/manage/")
    axe(page)
    expect(page.locator("main")).to_contain_text("Answered online")
    expect(page.locator("main")).to_contain_text("Not available yet")  # the OECD file
    with page.expect_navigation():
        page.get_by_role("link", name="Type in a paper questionnaire").click()
    axe(page)
    expect(page.locator("main")).to_contain_text("questionnaires received so far")
