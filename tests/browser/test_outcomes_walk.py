"""Issue 8's "done when", walked in the browser on the demo (a server and a worker of its
own, since it changes the demo), with axe-core on every page:

1. in the climate assembly, a participant drafts a recommendation, the facilitator puts
   it to the vote, participants vote, and it is adopted;
2. the participants assemble their report again (which takes in the new recommendation
   and clears the signatures), the facilitator clears the parking lot, and nine of the
   twelve participants sign: the ninth signature freezes the report;
3. the commissioner's attempt to edit the report is refused; their request goes to the
   register, where the oversight member reads it;
4. the commissioner answers the new recommendation in public;
5. in the parks jury, the unanswered fifth recommendation is flagged as overdue, and a
   progress update the commissioner publishes reaches the jurors' mailboxes (the
   worker's console e-mail backend), except the juror who opted out;
6. the public portal shows the votes, the frozen report with its hash, and the answers;
7. ``minipublic export`` and ``minipublic audit verify`` pass on the bundle, and the
   check fails once the report's PDF in it is swapped.
"""

from __future__ import annotations

import hashlib
import re
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.axe import AxeChecker
from tests.browser.helpers import PHONE_WIDTH, assert_fits_phone, sign_in
from tests.servers import load_demo, serving, working
from tests.support import base_env, run_cli, scratch_database

TITLE = "Publish the council's climate spending every year"
TEXT = "Every July the council publishes what it spent on climate action, line by line."
PROGRESS = "The first bench of recycled plastic is installed in Mill Park."


@dataclass(frozen=True)
class Walk:
    """The walk's server, and where its worker's output and its database are."""

    base: str
    var_dir: Path
    database_url: str
    worker_log: Path


@pytest.fixture(scope="module")
def walk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Walk]:
    """The demo on a fresh database, served as ``make run`` serves it, with a worker."""
    var_dir = tmp_path_factory.mktemp("outcomes-walk")
    with scratch_database(var_dir) as database_url:
        load_demo(var_dir, database_url)
        settings = {"DEBUG": "1", "DATABASE_URL": database_url}
        with serving(var_dir, **settings) as base, working(var_dir, **settings):
            (log,) = var_dir.glob("worker-*.log")
            yield Walk(base, var_dir, database_url, log)


def _person(browser: Browser, axe: AxeChecker, walk: Walk, username: str) -> Page:
    page = browser.new_context(viewport={"width": PHONE_WIDTH, "height": 760}).new_page()
    axe.track(page)
    sign_in(page, axe, walk.base, username)
    return page


def _click(page: Page, axe: AxeChecker, role: str, name: str) -> None:
    with page.expect_navigation():
        page.get_by_role(role, name=name).first.click()  # type: ignore[arg-type]
    axe(page)


def _draft_and_adopt(browser: Browser, axe: AxeChecker, walk: Walk) -> str:
    """Participant 2 drafts; the facilitator opens the vote; three vote; it is adopted."""
    bill = _person(browser, axe, walk, "participant2")
    bill.goto(walk.base + "/p/demo/")
    axe(bill)
    _click(bill, axe, "link", "Recommendations: drafts and votes")
    _click(bill, axe, "link", "Write a recommendation")
    bill.get_by_label("Theme").fill("Who pays")
    bill.get_by_label("Title").fill(TITLE)
    bill.get_by_label("What we recommend").fill(TEXT)
    _click(bill, axe, "button", "Save the recommendation")
    expect(bill.get_by_role("status")).to_contain_text("Your recommendation has been saved.")
    assert_fits_phone(bill)
    address = bill.url

    facilitator = _person(browser, axe, walk, "facilitator")
    facilitator.goto(address)
    axe(facilitator)
    _click(facilitator, axe, "button", "Open the vote on this recommendation")
    _click(facilitator, axe, "link", "Vote")
    vote = facilitator.url
    for username in ("participant1", "participant2", "participant3"):
        voter = _person(browser, axe, walk, username)
        voter.goto(vote)
        axe(voter)
        voter.get_by_label("I fully support it").check()
        _click(voter, axe, "button", "Cast my ballot")
        voter.context.close()
    facilitator.goto(vote)
    axe(facilitator)
    facilitator.get_by_label("I fully support it").fill("10")
    facilitator.get_by_label("I do not support it").fill("1")
    _click(facilitator, axe, "button", "Close and count the vote")
    expect(facilitator.locator("main")).to_contain_text("13 of 14 ballots counted in support")
    match = re.search(r"/recommendations/(\d+)/", address)
    assert match is not None
    return match.group(1)


def _resolve_parking_lot(page: Page, axe: AxeChecker, walk: Walk) -> None:
    page.goto(walk.base + "/p/demo/parking-lot/?status=open")
    axe(page)
    open_ones = page.get_by_role("heading", name=re.compile(r"Concern #\d+"))
    numbers = [int(re.sub(r"\D", "", text)) for text in open_ones.all_inner_texts()]
    assert len(numbers) == 2, numbers
    for number in numbers:
        page.goto(f"{walk.base}/p/demo/parking-lot/{number}/")
        axe(page)
        page.get_by_label("Out of the remit").check()
        page.get_by_label("In words").fill("Outside what the council can decide.")
        _click(page, axe, "button", "Resolve")


def _assemble_and_sign(browser: Browser, axe: AxeChecker, walk: Walk) -> None:
    writer = _person(browser, axe, walk, "participant4")
    writer.goto(walk.base + "/p/demo/report/edit/")
    axe(writer)
    _click(writer, axe, "button", "Save and assemble again from the latest votes")
    writer.goto(walk.base + "/p/demo/report/1/")
    axe(writer)
    expect(writer.locator("main")).to_contain_text(TITLE)
    expect(writer.locator("main")).to_contain_text("0 of the 9 needed")
    _resolve_parking_lot(_person(browser, axe, walk, "facilitator"), axe, walk)
    for number in range(1, 10):
        member = writer if number == 4 else _person(browser, axe, walk, f"participant{number}")
        member.goto(walk.base + "/p/demo/report/1/")
        _click(member, axe, "button", "I sign version 1 of the report")
        expect(member.get_by_role("status")).to_contain_text("You have signed this version")
        if member is not writer:
            member.context.close()
    writer.goto(walk.base + "/p/demo/report/1/")
    expect(writer.locator(".lead")).to_contain_text("frozen on")


def _commissioner_refused_and_registered(browser: Browser, axe: AxeChecker, walk: Walk) -> None:
    commissioner = _person(browser, axe, walk, "commissioner")
    response = commissioner.goto(walk.base + "/p/demo/report/edit/")
    assert response is not None
    assert response.status == 403
    axe(commissioner)
    _click(commissioner, axe, "link", "Ask the participants for a change")
    commissioner.get_by_label("What should change?").fill(
        "Leave the yearly spending statement out: it duplicates our budget book."
    )
    commissioner.get_by_label("Why?").fill("The finance team already publishes it.")
    _click(commissioner, axe, "button", "Send the request to the participants")
    status = commissioner.get_by_role("status")
    expect(status).to_contain_text("entered in the register of steering attempts as incident")
    number = re.search(r"incident (\d+)", status.inner_text())
    assert number is not None
    oversight = _person(browser, axe, walk, "oversight")
    oversight.goto(f"{walk.base}/p/demo/manage/incidents/{number.group(1)}/")
    axe(oversight)
    expect(oversight.locator("main")).to_contain_text("Leave the yearly spending statement out")


def _commissioner_answers(browser: Browser, axe: AxeChecker, walk: Walk, number: str) -> None:
    commissioner = _person(browser, axe, walk, "commissioner")
    commissioner.goto(f"{walk.base}/p/demo/responses/")
    axe(commissioner)
    _click(commissioner, axe, "link", f"Answer recommendation {number}")
    commissioner.get_by_role("radio", name="Accepted", exact=True).check()
    commissioner.get_by_label("Reasons").fill(
        "Accepted: the first yearly statement will be published in July 2027."
    )
    _click(commissioner, axe, "button", "Publish the answer")
    expect(commissioner.get_by_role("status")).to_contain_text(
        f"Your answer to recommendation {number} is published"
    )


def _worker_output(walk: Walk, needle: str, timeout: float = 60) -> str:
    """The worker's output once it contains ``needle`` (the mail is sent in the background)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        text = walk.worker_log.read_text(errors="replace")
        if needle in text:
            return text
        time.sleep(0.5)
    pytest.fail(f"the worker never sent {needle!r}:\n{walk.worker_log.read_text()[-3000:]}")


def _parks_overdue_and_progress(browser: Browser, axe: AxeChecker, walk: Walk) -> None:
    visitor = browser.new_page()
    axe.track(visitor)
    visitor.goto(walk.base + "/p/demo-parks-jury/responses/")
    axe(visitor)
    expect(visitor.get_by_role("note")).to_contain_text("1 answer is overdue.")
    expect(visitor.locator("#recommendation-5")).to_contain_text("no answer by the deadline")

    commissioner = _person(browser, axe, walk, "commissioner")
    commissioner.goto(walk.base + "/p/demo-parks-jury/responses/1/progress/")
    axe(commissioner)
    commissioner.get_by_role("radio", name="On track").check()
    commissioner.get_by_label("What has happened").fill(PROGRESS)
    _click(commissioner, axe, "button", "Publish the update")
    output = _worker_output(walk, "juror7@demo.invalid")
    messages = [part for part in output.split("\nSubject: ") if PROGRESS[:40] in part]
    recipients = {r for m in messages for r in re.findall(r"juror\d@demo\.invalid", m)}
    assert recipients == {f"juror{i}@demo.invalid" for i in range(1, 8)}, recipients

    visitor.goto(walk.base + "/p/demo-parks-jury/")
    axe(visitor)
    expect(visitor.locator("#responses")).to_contain_text("overdue")


def _portal_shows_it_all(browser: Browser, axe: AxeChecker, walk: Walk) -> str:
    public = browser.new_page()
    axe.track(public)
    public.goto(walk.base + "/p/demo/")
    axe(public)
    expect(public.locator("#recommendations")).to_contain_text(TITLE)
    expect(public.locator("#recommendations")).to_contain_text("in support")
    report = public.locator("#report")
    expect(report).to_contain_text("delivered their report on")
    sha = report.locator("code.hash").first.inner_text().strip()
    expect(public.locator("#responses")).to_contain_text("Accepted")
    public.goto(walk.base + "/p/demo/report/")
    axe(public)
    href = public.get_by_role("link", name="Download version 1 (PDF)").get_attribute("href")
    assert href is not None
    with urllib.request.urlopen(walk.base + href, timeout=10) as response:  # noqa: S310
        assert hashlib.sha256(response.read()).hexdigest() == sha
    return sha


def test_from_drafting_to_the_frozen_report_the_answers_and_the_portal(
    browser: Browser, axe: AxeChecker, walk: Walk, tmp_path: Path
) -> None:
    number = _draft_and_adopt(browser, axe, walk)
    _assemble_and_sign(browser, axe, walk)
    _commissioner_refused_and_registered(browser, axe, walk)
    _commissioner_answers(browser, axe, walk, number)
    _parks_overdue_and_progress(browser, axe, walk)
    sha = _portal_shows_it_all(browser, axe, walk)

    env = base_env(walk.var_dir, DEBUG="1", DATABASE_URL=walk.database_url)
    bundle = tmp_path / "bundle"
    exported = run_cli("export", "demo", "--out", str(bundle), env=env)
    assert exported.returncode == 0, exported.stderr
    verified = run_cli("audit", "verify", str(bundle), env=env)
    assert verified.returncode == 0, verified.stderr
    (pdf,) = [
        p
        for p in bundle.glob("documents/*.pdf")
        if hashlib.sha256(p.read_bytes()).hexdigest() == sha
    ]
    pdf.write_bytes(pdf.read_bytes().replace(b"%%EOF", b"%%EOF\n% softened"))
    broken = run_cli("audit", "verify", str(bundle), env=env)
    assert broken.returncode == 1
    assert pdf.name in broken.stderr
