"""The facilitator console on a phone, and the speaking-time pages, in Chromium.

A server of its own, loaded with the demo (this module records turns, so it never uses
the shared demo_server): the facilitator records session 3 of the climate assembly,
which the demo leaves unrecorded, on a phone-sized screen. Taps go to the server at
once; with the connection cut (``context.set_offline``) they wait on the phone and are
sent when it returns; a queue survives a reload; a reload shows the running turn; and
without JavaScript the same buttons work as plain forms. axe-core checks every page.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from tests.browser.axe import AxeChecker
from tests.browser.helpers import PHONE_WIDTH, assert_fits_phone, sign_in
from tests.servers import load_demo, serving
from tests.support import scratch_database

#: Sessions the demo leaves unrecorded: each test here records one of its own.
CONSOLE = "/p/demo/room/sessions/{session}/tables/{table}/console/"
#: WCAG 2.5.5 (target size, enhanced): 44 by 44 CSS pixels at least.
TARGET = 44


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The demo served as ``make run`` serves it, on a database only this module uses."""
    var_dir = tmp_path_factory.mktemp("speaking-server")
    with scratch_database(var_dir) as database_url:
        load_demo(var_dir, database_url)
        with serving(var_dir, DEBUG="1", DATABASE_URL=database_url) as base:
            yield base


def _phone(browser: Browser, axe: AxeChecker, base: str, user: str) -> Page:
    context = browser.new_context(viewport={"width": PHONE_WIDTH, "height": 740}, locale="en-GB")
    page = context.new_page()
    axe.track(page)
    sign_in(page, axe, base, user)
    return page


def _open(page: Page, axe: AxeChecker, url: str) -> None:
    response = page.goto(url)
    assert response is not None
    assert response.status == 200, url
    axe(page)


def _person(page: Page, index: int) -> tuple[str, Locator]:
    """The name and the button of the ``index``-th person on the console."""
    form = page.locator("form.speaker-form").nth(index)
    name = form.get_attribute("data-name")
    assert name
    return name, form.get_by_role("button")


def _state(page: Page, base: str, session: int, table: int) -> dict[str, Any]:
    """The table's state on the server, read with the page's own session cookie."""
    url = base + CONSOLE.format(session=session, table=table) + "state/"
    response = page.context.request.get(url)
    assert response.ok, response.status
    state: dict[str, Any] = response.json()
    return state


def _seconds(state: dict[str, Any], name: str) -> float:
    return float(next(p["seconds"] for p in state["people"] if p["name"] == name))


def _queued(page: Page) -> int:
    return int(
        page.evaluate(
            "Object.keys(localStorage).filter(k => k.startsWith('minipublic-speaking:'))"
            ".reduce((n, k) => n + JSON.parse(localStorage.getItem(k)).events.length, 0)"
        )
    )


def test_the_console_fits_a_phone_with_large_targets(
    browser: Browser, axe: AxeChecker, server: str
) -> None:
    page = _phone(browser, axe, server, "facilitator")
    _open(page, axe, server + CONSOLE.format(session=4, table=2))
    assert_fits_phone(page)
    buttons = page.locator("form.speaker-form button")
    assert buttons.count() == 6
    for index in range(6):
        box = buttons.nth(index).bounding_box()
        assert box is not None
        assert box["width"] >= TARGET * 2, box
        assert box["height"] >= TARGET, box
    stop = page.get_by_role("button", name="Stop: nobody is speaking")
    expect(stop).to_be_hidden()  # nothing runs yet
    expect(page.locator("#console-sync")).to_have_text("Online: every tap is saved on the server.")
    page.context.close()


def test_taps_offline_wait_on_the_phone_and_reach_the_server(
    browser: Browser, axe: AxeChecker, server: str
) -> None:
    page = _phone(browser, axe, server, "facilitator")
    _open(page, axe, server + CONSOLE.format(session=3, table=1))
    first, first_button = _person(page, 0)
    _, second_button = _person(page, 1)
    third, third_button = _person(page, 2)
    sync = page.locator("#console-sync")

    # Online: a tap starts a turn; tapping someone else ends it and starts theirs.
    first_button.click()
    expect(first_button).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#now-name")).to_have_text(first)
    page.wait_for_timeout(1500)
    second_button.click()
    expect(second_button).to_have_attribute("aria-pressed", "true")
    expect(first_button).to_have_attribute("aria-pressed", "false")
    expect(sync).to_have_text("Online: every tap is saved on the server.")
    on_server = _state(page, server, 3, 1)
    assert on_server["mine"]["attendee"] == on_server["people"][1]["key"]
    assert _seconds(on_server, first) >= 1
    axe(page)

    # Offline: the taps are kept on the phone, the console says so and keeps counting.
    page.context.set_offline(True)
    third_button.click()
    expect(sync).to_contain_text("Offline: the taps are kept on this phone")
    expect(sync).to_contain_text("(waiting: 1)")
    expect(third_button).to_have_attribute("aria-pressed", "true")
    page.wait_for_timeout(1200)
    third_button.click()  # stops the third person's turn
    expect(third_button).to_have_attribute("aria-pressed", "false")
    first_button.click()
    expect(sync).to_contain_text("(waiting: 3)")
    expect(third_button.locator("[data-total]")).not_to_have_text("0 s")
    assert _queued(page) == 3
    axe(page)
    # The lead practitioner, online elsewhere, sees none of it yet.
    lead = _phone(browser, axe, server, "practitioner")
    assert _seconds(_state(lead, server, 3, 1), third) == 0
    expect(sync).to_contain_text("Offline")

    # Back online: the queue goes to the server, in order, and the phone redraws.
    page.context.set_offline(False)
    expect(sync).to_have_text("Online: every tap is saved on the server.", timeout=10_000)
    assert _queued(page) == 0
    seen = _state(lead, server, 3, 1)
    assert _seconds(seen, third) >= 1
    assert [turn["attendee"] for turn in seen["others"]] == [seen["people"][0]["key"]]
    expect(first_button).to_have_attribute("aria-pressed", "true")

    # A reload shows the running turn, from the server.
    page.wait_for_timeout(1000)
    page.reload()
    axe(page)
    expect(page.locator("#now-name")).to_have_text(first)
    expect(_person(page, 0)[1]).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#now-time")).to_have_text(re.compile(r"^\d+ s$|min"))
    page.get_by_role("button", name="Stop: nobody is speaking").click()
    expect(_person(page, 0)[1]).to_have_attribute("aria-pressed", "false")
    expect(page.locator("#now-name")).to_have_text("Nobody: tap a person when they start speaking.")
    with page.expect_navigation():
        page.get_by_role("button", name="Finish recording at this table").click()
    axe(page)
    expect(page.get_by_role("status").first).to_contain_text("recording at this table is finished")
    lead.context.close()
    page.context.close()


def test_a_queue_survives_a_reload(browser: Browser, axe: AxeChecker, server: str) -> None:
    page = _phone(browser, axe, server, "facilitator")
    url = server + CONSOLE.format(session=3, table=2)
    _open(page, axe, url)
    name, button = _person(page, 3)
    # The server cannot be reached (a venue's wifi that accepts no traffic).
    page.context.route("**/console/events/", lambda route: route.abort())
    button.click()
    expect(page.locator("#console-sync")).to_contain_text("kept on this phone")
    expect(page.locator("#console-sync")).to_contain_text("(waiting: 1)")
    assert _queued(page) == 1
    page.context.unroute("**/console/events/")
    page.reload()  # the new page sends what the old one kept
    axe(page)
    expect(page.locator("#console-sync")).to_have_text(
        "Online: every tap is saved on the server.", timeout=10_000
    )
    assert _queued(page) == 0
    expect(_person(page, 3)[1]).to_have_attribute("aria-pressed", "true")
    state = _state(page, server, 3, 2)
    assert state["mine"]["attendee"] == next(p["key"] for p in state["people"] if p["name"] == name)
    page.context.close()


def test_the_console_works_without_javascript(browser: Browser, server: str) -> None:
    # axe-core needs scripts: the same pages, in the same states (a running turn, the
    # messages), are checked with axe in the tests above.
    context = browser.new_context(
        viewport={"width": PHONE_WIDTH, "height": 740}, locale="en-GB", java_script_enabled=False
    )
    page = context.new_page()
    page.goto(server + "/accounts/login/")
    page.get_by_label("Username").fill("facilitator")
    page.get_by_label("Password").fill("demo")
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
    page.goto(server + CONSOLE.format(session=3, table=3))
    name, button = _person(page, 0)
    with page.expect_navigation():
        button.click()
    expect(page.get_by_role("status").first).to_have_text(f"{name} is speaking.")
    expect(_person(page, 0)[1]).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#now-name")).to_have_text(name)
    expect(page.locator("#console-asof")).to_contain_text("reload the page")
    with page.expect_navigation():
        _person(page, 1)[1].click()  # the next speaker: the first one's turn ends
    expect(_person(page, 0)[1]).to_have_attribute("aria-pressed", "false")
    expect(_person(page, 1)[1]).to_have_attribute("aria-pressed", "true")
    with page.expect_navigation():
        page.get_by_role("button", name="Stop: nobody is speaking").click()
    expect(page.get_by_role("status").first).to_have_text("The turn has stopped.")
    expect(_person(page, 1)[1]).to_have_attribute("aria-pressed", "false")
    state = _state(page, server, 3, 3)
    assert state["turns"] == 2  # both on the server clock, nothing queued
    context.close()


@pytest.mark.parametrize(
    ("user", "path", "shown", "hidden"),
    [
        ("participant1", "/p/demo/room/speaking/", "Members who spoke", "invite them in"),
        ("commissioner", "/p/demo/room/speaking/", "Gini coefficient", "invite them in"),
        ("facilitator", "/p/demo/room/speaking/", "each person", "invite them in"),
        ("facilitator", "/p/demo/room/sessions/1/speaking/", "invite them in", "Sign in"),
        ("practitioner", "/p/demo/room/sessions/2/speaking/", "by 2 team members", "Sign in"),
    ],
)
def test_the_speaking_pages_pass_axe_on_a_phone(
    browser: Browser, axe: AxeChecker, server: str, user: str, path: str, shown: str, hidden: str
) -> None:
    page = _phone(browser, axe, server, user)
    _open(page, axe, server + path)
    main = page.locator("main")
    expect(main).to_contain_text(shown)
    expect(main).not_to_contain_text(hidden)
    assert_fits_phone(page)
    page.context.close()


def test_members_see_the_first_weekend_without_any_name(
    browser: Browser, axe: AxeChecker, server: str
) -> None:
    team = _phone(browser, axe, server, "facilitator")
    _open(team, axe, server + "/p/demo/room/sessions/1/speaking/")
    names = team.locator("table.stack tbody th[scope=row]").all_inner_texts()
    assert len(names) == 24
    flagged = team.locator(".speaking-flag")
    expect(flagged).to_have_count(1)  # one member never spoke, at one table
    member = _phone(browser, axe, server, "participant1")
    _open(member, axe, server + "/p/demo/")
    with member.expect_navigation():
        member.get_by_role("link", name="Speaking time at the tables").click()
    axe(member)
    text = member.locator("main").inner_text()
    assert "Session 1: Weekend 1, Saturday" in text
    assert "23 of 24" in text  # members who spoke in session 1
    for name in names:
        assert name not in text, name
    team.context.close()
    member.context.close()
