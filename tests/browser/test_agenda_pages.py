"""The agenda and time pages in the browser, every page checked with axe-core.

Read only, on the shared demo server: the climate assembly's public agenda page (on a
desktop and a phone) with the figures of demo/agenda_story.py, and the team's and a
participant's pages. Then, on a server of its own, the journey of a session run on a
phone: the facilitator lays out a session, times it at phone width (the clock ticking
between reloads, the overrun flagged, a lost connection shown, another facilitator's
press picked up), a participant asks for more time, the team grants part of it, a
facilitator without JavaScript finishes the day, and the public page shows it all.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.axe import AxeChecker
from tests.browser.helpers import PHONE_WIDTH, assert_fits_phone, sign_in
from tests.servers import load_demo, serving
from tests.support import scratch_database

AGENDA = "/p/demo/agenda/"


def _open(page: Page, axe: AxeChecker, url: str) -> None:
    response = page.goto(url)
    assert response is not None
    assert response.status == 200, url
    axe(page)


def test_the_public_agenda_shows_where_the_time_went(
    page: Page, axe: AxeChecker, demo_server: str
) -> None:
    page.goto(demo_server + "/p/demo/")
    axe(page)
    with page.expect_navigation():
        page.get_by_role("link", name=re.compile("^Agenda and time")).click()
    axe(page)
    main = page.locator("main")
    expect(main).to_contain_text("Witness session: 112% of the time planned")
    expect(main).to_contain_text("Small groups: 84% of the time planned")
    kinds = page.get_by_role("table", name=re.compile("Time per kind"))
    # Items run, planned, granted, used, used of planned, overran, cut short.
    expect(kinds.get_by_role("row", name=re.compile("^Witness session"))).to_contain_text(
        "9 / 9 500 10 560 112% 9 0"
    )
    day_one = page.get_by_role("table", name="Session 1: minutes planned and used per item")
    witnesses = day_one.get_by_role("row", name=re.compile("Climate change and Riverford"))
    expect(witnesses).to_contain_text("overran by 4 min")
    questions = day_one.get_by_role("row", name=re.compile("Questions for the witnesses"))
    expect(questions).to_contain_text("cut short by 12 min")
    requests = page.get_by_role("table", name="Every request for more time and its decision")
    expect(requests.get_by_role("row")).to_have_count(4)
    expect(requests).to_contain_text("Granted in part: 10 min")
    expect(requests).to_contain_text("Granted: 10 min")
    expect(requests).to_contain_text("Declined")
    for name in ("Chen Wei", "Amina Hassan", "Jack Pemberton"):
        expect(main).not_to_contain_text(name)


def test_the_public_agenda_fits_a_phone(phone: Page, axe: AxeChecker, demo_server: str) -> None:
    _open(phone, axe, demo_server + AGENDA)
    assert_fits_phone(phone)
    expect(phone.get_by_text("Small groups: 84% of the time planned")).to_be_visible()


@pytest.mark.parametrize(
    ("user", "path", "shown"),
    [
        ("facilitator", "/p/demo/manage/agenda/", "Add a session"),
        ("facilitator", "/p/demo/manage/agenda/1/", "Climate change and Riverford: the basics"),
        ("facilitator", "/p/demo/manage/agenda/1/edit/", "its date can no longer change"),
        ("facilitator", "/p/demo/manage/timer/", "Live timer"),
        ("facilitator", "/p/demo/manage/timer/1/", "Every item of this session is finished."),
        ("practitioner", "/p/demo/manage/time-requests/", "Chen W."),
        ("participant1", "/p/demo/agenda/more-time/", "Granted: 10 min"),
    ],
)
def test_the_members_pages_pass_axe(
    page: Page, axe: AxeChecker, demo_server: str, user: str, path: str, shown: str
) -> None:
    sign_in(page, axe, demo_server, user)
    _open(page, axe, demo_server + path)
    expect(page.locator("main")).to_contain_text(shown)


def test_a_timed_items_page_says_what_can_still_change(
    page: Page, axe: AxeChecker, demo_server: str
) -> None:
    sign_in(page, axe, demo_server, "facilitator")
    _open(page, axe, demo_server + "/p/demo/manage/agenda/1/")
    with page.expect_navigation():
        page.get_by_role("link", name="Edit: Lunch").click()
    axe(page)
    expect(page.get_by_role("note")).to_contain_text("You can still change its description.")
    expect(page.get_by_label("Minutes planned")).to_be_disabled()
    expect(page.get_by_label("Description")).to_be_enabled()


def test_the_correction_page_shows_the_recorded_stretches(
    page: Page, axe: AxeChecker, demo_server: str
) -> None:
    sign_in(page, axe, demo_server, "facilitator")
    _open(page, axe, demo_server + "/p/demo/manage/timer/1/")
    with page.expect_navigation():
        page.get_by_role(
            "link", name="Correct the times of “Climate change and Riverford: the basics”"
        ).click()
    axe(page)
    # The failed microphone: two stretches, and an empty row to add one.
    expect(page.get_by_label("Stretch 1: from")).to_have_value("14:02:00")
    expect(page.get_by_label("Stretch 1: to")).to_have_value("14:31:00")
    expect(page.get_by_label("Stretch 2: from")).to_have_value("14:34:00")
    expect(page.get_by_label("Stretch 3: from")).to_have_value("")


# ---------------------------------------------------------------- a session on a phone


@pytest.fixture
def journey(tmp_path: Path) -> Iterator[str]:
    """A server of its own (never the shared demo_server): the demo, a fresh database."""
    var_dir = tmp_path / "agenda-server"
    var_dir.mkdir()
    with scratch_database(var_dir) as database_url:
        load_demo(var_dir, database_url)
        with serving(var_dir, DEBUG="1", DATABASE_URL=database_url) as base:
            yield base


def _person(browser: Browser, axe: AxeChecker, base: str, username: str, **options: object) -> Page:
    page = browser.new_context(locale="en-GB", **options).new_page()  # type: ignore[arg-type]
    axe.track(page)
    sign_in(page, axe, base, username)
    return page


def _lay_out_a_session(page: Page, axe: AxeChecker, base: str) -> None:
    _open(page, axe, base + "/p/demo/manage/agenda/")
    today = datetime.now(UTC).date().isoformat()
    page.get_by_label("Title").fill("Extra evening: questions to the council")
    page.get_by_label("Date").fill(today)
    page.get_by_label("Starts at").fill("19:00")
    with page.expect_navigation():
        page.get_by_role("button", name="Add the session").click()
    axe(page)
    expect(page.locator("main")).to_contain_text("Session 11 has been added.")
    for title, kind, minutes in (
        ("Short welcome", "Plenary", "1"),
        ("Questions to the council", "Small groups", "40"),
    ):
        page.get_by_label("Title").fill(title)
        page.get_by_label("Kind").select_option(label=kind)
        page.get_by_label("Minutes planned").fill(minutes)
        with page.expect_navigation():
            page.get_by_role("button", name="Add the item").click()
        axe(page)
    page.get_by_label("Minutes planned").fill("0")
    page.get_by_label("Title").fill("Goodbye")
    with page.expect_navigation():
        page.get_by_role("button", name="Add the item").click()
    axe(page)
    expect(page.locator("#id_planned_minutes_error")).to_have_text(
        "Enter a whole number from 1 to 720."
    )
    expect(page.get_by_label("Title")).to_have_value("Goodbye")


def test_a_session_timed_on_a_phone(browser: Browser, axe: AxeChecker, journey: str) -> None:
    facilitator = _person(
        browser, axe, journey, "facilitator", viewport={"width": PHONE_WIDTH, "height": 740}
    )
    _lay_out_a_session(facilitator, axe, journey)
    timer = journey + "/p/demo/manage/timer/11/"
    facilitator.clock.install()
    _open(facilitator, axe, journey + "/p/demo/manage/timer/")
    with facilitator.expect_navigation():
        facilitator.get_by_role("link", name="Session 11: Extra evening").first.click()
    axe(facilitator)
    assert_fits_phone(facilitator)
    start = facilitator.get_by_role("button", name="Start: Short welcome").first
    assert start.bounding_box()["height"] >= 48  # type: ignore[index]
    with facilitator.expect_navigation():
        start.click()
    axe(facilitator)
    clock = facilitator.get_by_role("timer", name="Time used")
    expect(clock).to_have_text(re.compile(r"^0:0\d$"))
    # The connection drops: the clock goes on, the overrun of the one-minute item is
    # flagged, and the page says the server cannot be reached.
    facilitator.route("**/state.json", lambda route: route.abort())
    facilitator.clock.fast_forward("01:30")
    expect(clock).to_have_text(re.compile(r"^1:3\d$"))
    now = facilitator.get_by_role("region", name="Running now")
    expect(now.get_by_role("status")).to_have_text(
        "Overrun: this item has used all the time allowed for it."
    )
    expect(now.get_by_text("Over time by")).to_have_text(re.compile(r"Over time by 0:3\d"))
    expect(facilitator.get_by_text("The connection to the server is lost")).to_be_visible()
    # Back online, the server's time wins (its clock is real): a reload loses nothing.
    facilitator.unroute("**/state.json")
    facilitator.reload()
    axe(facilitator)
    expect(facilitator.locator("main")).to_contain_text("Running now 1. Short welcome")
    # Another facilitator (the lead practitioner, on a laptop) moves on to the next item;
    # the phone's next sync picks it up and reloads.
    lead = _person(browser, axe, journey, "practitioner")
    _open(lead, axe, timer)
    with lead.expect_navigation():
        lead.get_by_role("button", name="Start: Questions to the council").first.click()
    axe(lead)
    with facilitator.expect_navigation():
        facilitator.clock.fast_forward("00:11")
    axe(facilitator)
    expect(facilitator.locator("main")).to_contain_text("Running now 2. Questions to the council")
    # A participant asks for more time on the item running now (chosen already).
    member = _person(browser, axe, journey, "participant1")
    _open(member, axe, journey + "/p/demo/agenda/more-time/")
    expect(member.get_by_label("Which item")).to_have_value(
        re.compile(r"\d+")  # the item running now is selected
    )
    expect(member.get_by_label("Which item").locator("option:checked")).to_have_text(
        "2. Questions to the council"
    )
    member.get_by_label("How many more minutes").fill("15")
    member.get_by_label("Why").fill("Everyone at our table has a question for the council.")
    with member.expect_navigation():
        member.get_by_role("button", name="Send my request").click()
    axe(member)
    expect(member.locator("main")).to_contain_text("has been sent to the team")
    # The team grants ten of the fifteen minutes.
    facilitator.reload()
    axe(facilitator)
    with facilitator.expect_navigation():
        facilitator.get_by_role("link", name="Decide on them").click()
    axe(facilitator)
    assert_fits_phone(facilitator)
    facilitator.get_by_label("Grant", exact=True).check()
    facilitator.get_by_label("Minutes granted").fill("10")
    facilitator.get_by_label("Reason for the decision").fill("Ten: the hall closes at nine.")
    with facilitator.expect_navigation():
        facilitator.get_by_role("button", name="Record the decision").click()
    axe(facilitator)
    expect(facilitator.locator("main")).to_contain_text("10 minutes granted")
    _open(facilitator, axe, timer)
    expect(facilitator.locator("main")).to_contain_text("+ 10 min granted")
    # A phone without JavaScript finishes the item and the day: plain forms, the times
    # rendered by the server. (axe-core needs JavaScript to run, so this page is not
    # tracked; the same addresses were checked above with it.)
    plain = browser.new_context(java_script_enabled=False).new_page()
    plain.goto(journey + "/accounts/login/")
    plain.get_by_label("Username").fill("facilitator")
    plain.get_by_label("Password").fill("demo")
    with plain.expect_navigation():
        plain.get_by_role("button", name="Sign in").click()
    plain.goto(timer)
    expect(plain.get_by_role("timer", name="Time used")).to_have_text(re.compile(r"^\d+:\d\d$"))
    with plain.expect_navigation():
        plain.get_by_role("button", name="Finish: Questions to the council").first.click()
    expect(plain.locator("main")).to_contain_text("“Questions to the council” is finished.")
    with plain.expect_navigation():
        plain.get_by_role("button", name="Finish: Short welcome").first.click()
    expect(plain.locator("main")).to_contain_text("Every item of this session is finished.")
    # The public page shows the evening, the request and its decision, but not who asked.
    public = browser.new_page()
    axe.track(public)
    _open(public, axe, journey + AGENDA)
    evening = public.get_by_role("table", name="Session 11: minutes planned and used per item")
    expect(evening.get_by_role("row", name=re.compile("Short welcome"))).to_contain_text("Finished")
    requests = public.get_by_role("table", name="Every request for more time and its decision")
    expect(requests).to_contain_text("Everyone at our table has a question for the council.")
    expect(requests).to_contain_text("Granted in part: 10 min")
    expect(public.locator("main")).not_to_contain_text("Amina")
