"""A participant asks for a witness and the participants vote, on a server of its own.

A real ``minipublic serve`` on a fresh database loaded with the demo. In Chromium, with
axe-core on every page: Deborah Mensah (participant4), on a phone, asks for a witness
from the process page's menu; her first try without a reason is refused with the reason
why and nothing she typed lost. The facilitator puts the request to the vote; she and
Eilidh Ross (participant5, who changes her mind) vote in the browser; the ten other
members vote through the same action at the command line. Once everyone has voted, the
facilitator closes the vote (supported), records the witness proposed from the request,
invites her and answers the members. Signed out, the public register shows the witness
as the participants' choice, the count and the answer, and no member's name.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.axe import AxeChecker
from tests.browser.helpers import PHONE_WIDTH, assert_fits_phone, sign_in
from tests.servers import load_demo, serving
from tests.support import base_env, run_cli, scratch_database

REQUESTS = "/p/demo/witnesses/requests/"
NUMBER = 4  # the demo has three requests already
# The other members' votes (member number, supports): with the two in the browser, 8 to 4.
OTHERS = ((1, True), (2, True), (3, True), (6, False), (7, True), (8, False), (9, True))
OTHERS += ((10, False), (11, True), (12, False))
MEMBER_NAMES = ("Deborah Mensah", "Eilidh Ross", "participant4", "participant5")


@pytest.fixture
def journey(tmp_path: Path) -> Iterator[tuple[str, dict[str, str]]]:
    """A server of its own (never the shared demo_server), and its environment."""
    var_dir = tmp_path / "witness-server"
    var_dir.mkdir()
    with scratch_database(var_dir) as database_url:
        load_demo(var_dir, database_url)
        with serving(var_dir, DEBUG="1", DATABASE_URL=database_url) as base:
            yield base, base_env(var_dir, DEBUG="1", DATABASE_URL=database_url)


def _person(browser: Browser, axe: AxeChecker, base: str, username: str, width: int = 1280) -> Page:
    context = browser.new_context(locale="en-GB", viewport={"width": width, "height": 800})
    page = context.new_page()
    axe.track(page)
    sign_in(page, axe, base, username)
    return page


def _submit(page: Page, axe: AxeChecker, button: str, status: int = 200) -> None:
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name=button, exact=True).click()
    response = navigation.value
    assert response is not None
    assert response.status == status, (button, page.url)
    axe(page)


def _vote_at_the_command_line(env: dict[str, str]) -> None:
    code = (
        "from minipublic.accounts.models import User\n"
        "from minipublic.evidence.models import WitnessRequest\n"
        "from minipublic.evidence.request_actions import do_cast_request_vote\n"
        f"request = WitnessRequest.objects.get(process__slug='demo', number={NUMBER})\n"
        f"for number, supports in {OTHERS!r}:\n"
        "    user = User.objects.get(username=f'participant{number}')\n"
        "    do_cast_request_vote(user, request.process, request, supports=supports)\n"
    )
    result = run_cli("manage", "shell", "-c", code, env=env)
    assert result.returncode == 0, result.stderr


def test_a_participant_asks_for_a_witness_and_the_members_vote(
    browser: Browser, axe: AxeChecker, journey: tuple[str, dict[str, str]]
) -> None:
    base, env = journey
    member = _person(browser, axe, base, "participant4", width=PHONE_WIDTH)
    member.goto(base + "/p/demo/")
    axe(member)
    with member.expect_navigation():
        member.get_by_role("link", name="Participants' requests for witnesses").click()
    axe(member)
    with member.expect_navigation():
        member.get_by_role("link", name="Ask for a witness").click()
    axe(member)
    member.get_by_role("radio", name="A named person").check()
    member.get_by_label("Who (for a named person)").fill("Dr Zara Quint, Riverford Buses")
    member.get_by_label("Which perspective or expertise").fill("A bus operator")
    _submit(member, axe, "Send my request", status=400)
    expect(member.get_by_label("Which perspective or expertise")).to_have_value("A bus operator")
    expect(member.locator(".error-text")).to_contain_text("This field is required.")
    member.get_by_label("Why should the members hear this?").fill(
        "Every transport option depends on the buses; nobody who runs them has spoken."
    )
    _submit(member, axe, "Send my request")
    expect(member.get_by_role("status")).to_contain_text(f"request #{NUMBER}")
    expect(member.locator("main")).to_contain_text("This is your request")
    assert_fits_phone(member)

    facilitator = _person(browser, axe, base, "facilitator")
    facilitator.goto(f"{base}{REQUESTS}{NUMBER}/")
    axe(facilitator)
    closes = (datetime.now(UTC) + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    facilitator.get_by_label("The vote closes at").fill(closes)
    _submit(facilitator, axe, "Open the vote")
    expect(facilitator.get_by_role("status")).to_contain_text("The vote is open")

    member.reload()
    axe(member)
    member.get_by_role("radio", name="Support", exact=True).check()
    _submit(member, axe, "Cast my vote")
    expect(member.locator("main")).to_contain_text("You have voted")
    assert_fits_phone(member)
    other = _person(browser, axe, base, "participant5")
    other.goto(f"{base}{REQUESTS}{NUMBER}/")
    axe(other)
    other.get_by_role("radio", name="Do not support").check()
    _submit(other, axe, "Cast my vote")
    other.get_by_role("radio", name="Support", exact=True).check()  # she changes her mind
    _submit(other, axe, "Change my vote")
    expect(other.locator("main")).to_contain_text("Voted so far")

    _vote_at_the_command_line(env)
    facilitator.reload()
    axe(facilitator)
    expect(facilitator.locator("main")).to_contain_text("12")
    _submit(facilitator, axe, "Close and count the vote")
    result = facilitator.get_by_role("table", name="The count", exact=False)
    expect(result.get_by_role("row", name="Support 8", exact=True)).to_be_visible()
    expect(result.get_by_role("row", name="Do not support 4", exact=True)).to_be_visible()
    expect(facilitator.locator("main")).to_contain_text("The team has not answered yet.")

    with facilitator.expect_navigation():
        facilitator.get_by_role("link", name="Record a witness proposed from this request").click()
    axe(facilitator)
    expect(facilitator.get_by_label("Proposed by")).to_have_value("participants")
    facilitator.get_by_label("Name:", exact=True).fill("Dr Zara Quint")
    facilitator.get_by_label("Role and organisation").fill("Operations Director, Riverford Buses")
    facilitator.get_by_label("Expertise").fill("Running the city's bus network.")
    facilitator.get_by_label("Perspectives and positions").fill("public transport, bus operator")
    _submit(facilitator, axe, "Add to the register")
    facilitator.get_by_role("radio", name="Invited").check()
    facilitator.get_by_label("Reasons").fill("The members asked to hear a bus operator.")
    _submit(facilitator, axe, "Record and publish the decision")
    facilitator.goto(f"{base}{REQUESTS}{NUMBER}/")
    axe(facilitator)
    facilitator.get_by_label("Witness invited in answer").select_option(
        label="#13 Dr Zara Quint (Operations Director, Riverford Buses)"
    )
    facilitator.get_by_label("Your answer to the participants").fill(
        "Dr Quint speaks in the transport follow-up session."
    )
    _submit(facilitator, axe, "Publish the answer")
    expect(facilitator.get_by_role("status")).to_contain_text("Your answer is published")

    public = browser.new_context(locale="en-GB").new_page()
    axe.track(public)
    public.goto(base + "/p/demo/witnesses/")
    axe(public)
    witness = public.locator("#witness-13")
    expect(witness).to_contain_text("Participants")
    expect(witness).to_contain_text(f"in answer to request #{NUMBER}")
    expect(witness).to_contain_text("Invited")
    requests = public.get_by_role("table", name="Requests put to the participants' vote")
    expect(requests).to_contain_text("8 for, 4 against, of 12")
    expect(requests).to_contain_text("Dr Quint speaks in the transport follow-up session.")
    for name in MEMBER_NAMES:
        assert name not in public.content()
    public.goto(f"{base}{REQUESTS}{NUMBER}/")
    axe(public)
    for name in MEMBER_NAMES:
        assert name not in public.content()
    expect(public.locator("main")).not_to_contain_text("This is your request")
