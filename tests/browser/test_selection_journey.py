"""The issue's "done when" journey: from an address list to a public, verifiable panel.

A real ``minipublic serve`` and, once the run is queued, a real ``minipublic worker``
run on a database of their own, loaded with the demo accounts. Everything happens
through the pages in Chromium: the lead practitioner creates a new public process and
gives the demo recruiter and commissioner their roles; the recruiter asks the questions,
uploads addresses, draws invitations and downloads the mail-merge file; 36 people
register through the public form with the codes from it; the recruiter sets quotas and
starts a LEXIMIN run, whose progress is shown while no worker runs yet and which the
worker then finishes; the practitioner commits and enters the public randomness; the
recruiter confirms the members and has one who declined replaced through the engine
(the worker computes the replacement run, which is committed and drawn in public
too); the public page shows it all, and the commissioner
is refused every page with personal data.
"""

from __future__ import annotations

import csv
import io
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from tests.browser.axe import AxeChecker
from tests.browser.helpers import accept_terms, sign_in
from tests.servers import load_demo, serving, working
from tests.support import base_env, run_cli, scratch_database

SLUG = "harbour-panel"
TITLE = "Harbour Town Citizens' Panel"
PEOPLE = 36
PANEL = 8
ADDRESSES = 60
LETTERS = 40
# (feature name, question, answers as "name | label" lines, population shares by name)
QUESTIONS = (
    ("gender", "Which of these describes your gender?", ("female", "male"), ("50", "50")),
    ("age", "How old are you?", ("16-39", "40-plus"), ("45", "55")),
)


@dataclass
class Journey:
    """The journey's server: its address, and what the worker needs to serve the same site."""

    base: str
    var_dir: Path
    settings: dict[str, str]


@pytest.fixture
def journey(tmp_path: Path) -> Iterator[Journey]:
    """A server of its own (never the shared demo_server): demo accounts, a fresh database."""
    var_dir = tmp_path / "journey-server"
    var_dir.mkdir()
    with scratch_database(var_dir) as database_url:
        load_demo(var_dir, database_url)
        settings = {
            "DEBUG": "1",
            "DATABASE_URL": database_url,
            # 36 people register from the same address (127.0.0.1) within the hour.
            "REGISTRATION_RATE_LIMIT": "200",
        }
        with serving(var_dir, **settings) as base:
            yield Journey(base, var_dir, settings)


def _label(text: str) -> re.Pattern[str]:
    """A field's whole label, with or without Django's colon."""
    return re.compile(rf"^{re.escape(text)}:?$")


def _person(browser: Browser, axe: AxeChecker, base: str, username: str) -> Page:
    context = browser.new_context(locale="en-GB", accept_downloads=True)
    page = context.new_page()
    axe.track(page)
    sign_in(page, axe, base, username)
    return page


def _go(page: Page, axe: AxeChecker, url: str) -> None:
    response = page.goto(url)
    assert response is not None
    assert response.status == 200, url
    axe(page)


def _submit(page: Page, axe: AxeChecker, button: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=button, exact=True).click()
    axe(page)


def _address_file(path: Path) -> Path:
    rows = ["address,postcode,area"]
    for number in range(1, ADDRESSES + 1):
        rows.append(f'"{number} Quay Street, Harbour Town",HT{number % 4 + 1} {number}QS,')
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def _create_process(page: Page, axe: AxeChecker, base: str) -> None:
    """The lead practitioner starts a public process and gives two demo accounts roles."""
    _go(page, axe, base + "/processes/new/")
    page.get_by_label("Short name").fill(SLUG)
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("Remit").fill("How should Harbour Town protect its sea front?")
    page.get_by_label("Commissioning body").fill("Harbour Town Council")
    page.get_by_label("Visibility").select_option("public")
    _submit(page, axe, "Create process")
    accept_terms(page, axe, base, SLUG)  # the lead practitioner's own charter comes first
    _go(page, axe, f"{base}/p/{SLUG}/members/")
    for username, role in (("recruiter", "recruiter"), ("commissioner", "commissioner")):
        page.get_by_label("User name or e-mail address").fill(username)
        page.get_by_label("Role").select_option(role)
        _submit(page, axe, "Add")
        expect(page.get_by_role("status")).to_contain_text(f"is now {role.capitalize()}")


def _change_phase(page: Page, axe: AxeChecker, base: str, phase: str, label: str) -> None:
    _go(page, axe, f"{base}/p/{SLUG}/manage/")
    page.get_by_label("New phase").select_option(phase)
    _submit(page, axe, "Change phase")
    expect(page.get_by_role("status")).to_contain_text(f"now in the {label} phase")


def _questions(page: Page, axe: AxeChecker, base: str) -> None:
    """The recruiter asks the two questions the quotas use."""
    for name, question, answers, _shares in QUESTIONS:
        _go(page, axe, f"{base}/p/{SLUG}/manage/registration/questions/new/")
        page.get_by_label("Name of the feature (e.g. age)").fill(name)
        page.get_by_label(_label("Question")).fill(question)
        page.get_by_label("Answers").fill("\n".join(f"{a} | {a.capitalize()}" for a in answers))
        _submit(page, axe, "Save the question")
        expect(page.get_by_role("status")).to_contain_text("The question is saved.")


def _invitations(page: Page, axe: AxeChecker, base: str, tmp_path: Path) -> list[dict[str, str]]:
    """Upload the address list, draw the letters, save their text, download the mail-merge."""
    _go(page, axe, f"{base}/p/{SLUG}/manage/invitations/")
    with page.expect_navigation():
        page.get_by_role("link", name="Upload an address list").click()
    axe(page)
    page.get_by_label("Name of the list").fill("Harbour Town households")
    page.get_by_label("File (.csv or .xlsx)").set_input_files(
        _address_file(tmp_path / "households.csv")
    )
    _submit(page, axe, "Upload the list")
    expect(page.get_by_role("status")).to_contain_text(f"{ADDRESSES} addresses imported")
    with page.expect_navigation():
        page.get_by_role("link", name="Draw invitations").click()
    axe(page)
    page.get_by_label("Number of letters (same chance for every address)").fill(str(LETTERS))
    page.get_by_label("Seed").fill("Harbour Gazette lottery, 3 March: 07 19 22 31 40 44")
    _submit(page, axe, "Draw the invitations")
    expect(page.get_by_role("status")).to_contain_text(f"{LETTERS} invitations drawn")
    page.get_by_label("Invitation text").fill(
        "Your household was drawn by lot to help Harbour Town decide. Register with the code."
    )
    _submit(page, axe, "Save text")
    expect(page.get_by_role("status")).to_contain_text("The invitation text is saved.")
    expect(page.locator("blockquote")).to_contain_text("Your household was drawn by lot")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the mail-merge file (CSV)").click()
    saved = download_info.value.path()
    letters = list(csv.DictReader(io.StringIO(Path(saved).read_text(encoding="utf-8-sig"))))
    assert len(letters) == LETTERS
    assert len({letter["code"] for letter in letters}) == LETTERS
    assert all(letter["registration_url"].endswith(f"/p/{SLUG}/register/") for letter in letters)
    return letters


def _open_registration(page: Page, axe: AxeChecker, base: str) -> None:
    _go(page, axe, f"{base}/p/{SLUG}/manage/registration/")
    page.get_by_label("Registration is open").check()
    page.get_by_label("A registration code (from the invitation letter) is required").check()
    page.get_by_label("Privacy notice").fill(
        "Harbour Town Council uses your answers only to draw a panel like the town."
    )
    _submit(page, axe, "Save the settings")
    expect(page.get_by_role("status")).to_contain_text("The registration settings are saved.")


def _answers(index: int) -> dict[str, str]:
    return {"gender": ("female", "male")[index % 2], "age": ("16-39", "40-plus")[index // 2 % 2]}


def _register_everyone(
    browser: Browser, axe: AxeChecker, base: str, letters: list[dict[str, str]]
) -> None:
    """36 people register through the public form, each in a browser of their own."""
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    axe.track(page)
    for index, letter in enumerate(letters[:PEOPLE]):
        context.clear_cookies()  # a new visitor: no session, no CSRF cookie carried over
        page.goto(f"{base}/p/{SLUG}/register/")
        if index == 0:
            axe(page)  # the same two pages each time: checked on the first visit
        page.get_by_label("Registration code (from your letter)").fill(letter["code"])
        for name, answer in _answers(index).items():
            page.locator(f"input[name='q_{name}'][value='{answer}']").check()
        page.get_by_label("First name").fill(f"Resident{index}")
        page.get_by_label("Last name").fill("Harbourside")
        page.get_by_label("E-mail address").fill(f"resident{index}@example.org")
        page.get_by_label(_label("Address")).fill(letter["address1"])
        page.get_by_label("Postcode").fill(letter["postcode"])
        if index % 6 == 0:
            page.get_by_label("Help with travel").check()
        page.get_by_label("I have read the privacy notice").check()
        with page.expect_navigation():
            page.get_by_role("button", name="Register", exact=True).click()
        expect(page).to_have_url(f"{base}/p/{SLUG}/register/thanks/")
        if index == 0:
            axe(page)
    context.close()


def _quotas_and_run(page: Page, axe: AxeChecker, base: str) -> None:
    """Census shares, panel size and tolerance; then a LEXIMIN run with its reason."""
    _go(page, axe, f"{base}/p/{SLUG}/manage/quotas/")
    page.get_by_label(_label("Panel size")).fill(str(PANEL))
    page.get_by_label("Tolerance (seats either side of the target)").fill("1")
    _submit(page, axe, "Save panel size and tolerance")
    for name, _question, answers, shares in QUESTIONS:
        for answer, share in zip(answers, shares, strict=True):
            page.get_by_label(f"{name}: {answer.capitalize()}", exact=True).fill(share)
    _submit(page, axe, "Save population shares")
    expect(page.get_by_role("status")).to_contain_text("The quotas have been saved.")
    gender = page.get_by_role("table", name="Which of these describes your gender? (gender)")
    # 50% of 8 seats is 4: with a tolerance of 1, from 3 to 5; 18 of each in the pool.
    expect(gender.get_by_role("row", name="Female")).to_contain_text("3")
    expect(gender.get_by_role("row", name="Female")).to_contain_text("5")
    expect(gender.get_by_role("row", name="Female")).to_contain_text("18")
    expect(page.locator("main")).to_contain_text("No problems found")
    page.get_by_label("Why this run (shown publicly)").fill(
        "The selection: registration closed with 36 volunteers."
    )
    page.get_by_label("Algorithm").select_option("leximin")
    with page.expect_navigation():
        page.get_by_role("button", name="Start the run").click()
    expect(page).to_have_url(f"{base}/p/{SLUG}/manage/runs/1/")


def _announce_and_draw(page: Page, axe: AxeChecker, base: str, number: int, dice: str) -> None:
    """Commit to run ``number`` for a draw in a few seconds, then enter the randomness."""
    _go(page, axe, f"{base}/p/{SLUG}/manage/draw/")
    section = page.get_by_role("region", name=f"Run {number}")
    # The server's TIME_ZONE is UTC: the announced time is a few seconds ahead.
    announced = datetime.now(UTC).replace(microsecond=0) + timedelta(seconds=8)
    section.get_by_label("Announced time of the draw").fill(announced.strftime("%Y-%m-%dT%H:%M:%S"))
    section.get_by_label("Where the public randomness will come from").fill(
        "Dice thrown at the public meeting, read left to right."
    )
    with page.expect_navigation():
        section.get_by_role("button", name="Commit and publish").click()
    axe(page)
    expect(page.get_by_role("status").first).to_contain_text(f"Run {number} is committed")
    expect(page.locator("main")).to_contain_text("The randomness can be entered from then on")
    time.sleep(max(0.0, (announced - datetime.now(UTC)).total_seconds() + 1))
    _go(page, axe, f"{base}/p/{SLUG}/manage/draw/")
    page.get_by_label("Public randomness").fill(dice)
    _submit(page, axe, "Draw the panel")
    expect(page).to_have_url(f"{base}/p/{SLUG}/manage/panel/")
    expect(page.get_by_role("status")).to_contain_text("was drawn")


def _set_status(page: Page, axe: AxeChecker, pseudonym: str, status: str) -> None:
    page.get_by_label(f"New status of {pseudonym}").select_option(status)
    row = page.get_by_role("row").filter(has=page.get_by_role("rowheader", name=pseudonym))
    with page.expect_navigation():
        row.get_by_role("button", name="Save").click()
    axe(page)


def _run_status(page: Page) -> Locator:
    """The run page's live status region (the page may show a message as well)."""
    return page.get_by_role("status").filter(has_text="Status:")


def _members(page: Page) -> list[str]:
    table = page.get_by_role("table", name=re.compile(r"^\d+ panel members?$"))
    return [name.strip() for name in table.locator("tbody th[scope=row]").all_inner_texts()]


def _verify_published_run(page: Page, base: str, folder: Path, number: int) -> None:
    """Download run ``number``'s files as the public page links them; ``minipublic verify``."""
    folder.mkdir()
    heading = f"Published files of run {number}"
    links = page.locator(f"xpath=//h3[normalize-space()='{heading}']/following-sibling::ul[1]//a")
    expect(links.first).to_be_visible()
    for link in links.all():
        response = page.request.get(base + str(link.get_attribute("href")))
        assert response.ok, link.inner_text()
        (folder / link.inner_text().strip()).write_bytes(response.body())
    assert (folder / "draw.json").is_file()
    checked = run_cli("verify", str(folder), env=base_env(folder))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert re.search(r"ok\s+commitment", checked.stdout), checked.stdout
    assert re.search(r"ok\s+draw", checked.stdout), checked.stdout


def test_a_recruiter_runs_the_whole_civic_lottery_in_the_browser(
    browser: Browser, axe: AxeChecker, journey: Journey, tmp_path: Path
) -> None:
    base = journey.base
    lead = _person(browser, axe, base, "practitioner")
    _create_process(lead, axe, base)

    recruiter = _person(browser, axe, base, "recruiter")
    accept_terms(recruiter, axe, base, SLUG)
    _questions(recruiter, axe, base)
    letters = _invitations(recruiter, axe, base, tmp_path)
    _change_phase(lead, axe, base, "recruitment", "Recruitment")
    _open_registration(recruiter, axe, base)

    _register_everyone(browser, axe, base, letters)
    _go(recruiter, axe, f"{base}/p/{SLUG}/manage/registrants/")
    expect(recruiter.locator("main")).to_contain_text("resident35@example.org")

    # The run waits for the worker, which is not running yet: the page shows it, and
    # still does after a reload, because the progress lives in the run's row.
    _quotas_and_run(recruiter, axe, base)
    for _reload in range(2):
        expect(_run_status(recruiter)).to_contain_text("Waiting to start")
        expect(recruiter.locator("progress#run-progress")).to_be_visible()
        axe(recruiter)  # no timed reload: the page follows the run with a script
        recruiter.reload()
    with working(journey.var_dir, **journey.settings):
        recruiter.reload()
        # No more reloads by hand: the page follows the run until the worker is done.
        expect(_run_status(recruiter)).to_contain_text("Finished", timeout=90_000)
    recruiter.reload()
    axe(recruiter)
    expect(recruiter.locator("progress")).to_have_count(0)
    expect(recruiter.locator("main")).to_contain_text(f"{PANEL} of {PEOPLE}")

    _change_phase(lead, axe, base, "selection", "Selection")
    _announce_and_draw(lead, axe, base, 1, "3 1 4 1 5")

    # The recruiter confirms the members; one declines and is replaced through the engine.
    _go(recruiter, axe, f"{base}/p/{SLUG}/manage/panel/")
    drawn = _members(recruiter)
    assert len(drawn) == PANEL
    declined, *confirmed = drawn
    for pseudonym in confirmed:
        _set_status(recruiter, axe, pseudonym, "confirmed")
    _set_status(recruiter, axe, declined, "declined")
    expect(recruiter.locator("main")).to_contain_text(
        f"Declined or dropped out, not yet replaced: {declined}."
    )
    recruiter.get_by_label("Why this replacement run is made").fill(
        "One member declined: they are moving away."
    )
    _submit(recruiter, axe, "Prepare a replacement run")
    expect(recruiter.get_by_role("status")).to_contain_text("Replacement run 2 is queued")
    # The replacement is computed by the worker, like the selection: its run page follows it.
    with recruiter.expect_navigation():
        recruiter.get_by_role("link", name=re.compile(r"^Replacement run 2: ")).click()
    expect(recruiter).to_have_url(f"{base}/p/{SLUG}/manage/runs/2/")
    with working(journey.var_dir, **journey.settings):
        for _attempt in range(90):
            if "Finished" in _run_status(recruiter).inner_text():
                break
            recruiter.wait_for_timeout(1000)
            recruiter.reload()
        expect(_run_status(recruiter)).to_contain_text("Finished")
    axe(recruiter)
    _announce_and_draw(lead, axe, base, 2, "6 2")
    _go(recruiter, axe, f"{base}/p/{SLUG}/manage/panel/")
    panel = _members(recruiter)
    assert len(panel) == PANEL
    assert declined not in panel
    assert set(confirmed) <= set(panel)
    (newcomer,) = set(panel) - set(confirmed)
    _set_status(recruiter, axe, newcomer, "confirmed")
    expect(recruiter.locator("main")).to_contain_text(f"Confirmed: {PANEL}")

    # The public page, signed out: runs, commitment, randomness, chart, how to verify.
    public = browser.new_context(locale="en-GB").new_page()
    axe.track(public)
    _go(public, axe, f"{base}/p/{SLUG}/selection/")
    main = public.locator("main")
    expect(main).to_contain_text("The selection was run 2 times")
    expect(main).to_contain_text("The selection: registration closed with 36 volunteers.")
    expect(main).to_contain_text("One member declined: they are moving away.")
    expect(public.get_by_role("table", name="Public draws, oldest first")).to_contain_text(
        "3 1 4 1 5"
    )
    expect(public.get_by_role("table", name="Public draws, oldest first")).to_contain_text("6 2")
    expect(main.locator("code.hash").first).to_have_text(re.compile(r"^[0-9a-f]{64}$"))
    expect(main.locator("figure svg")).to_have_count(1)
    expect(main).to_contain_text("minipublic verify")
    content = public.content()
    assert "example.org" not in content
    assert "Harbourside" not in content
    for number in (1, 2):  # anyone can check both draws with the files the page links
        _verify_published_run(public, base, tmp_path / f"published-run-{number}", number)

    # The commissioner of this very process: refused every page with personal data.
    commissioner = _person(browser, axe, base, "commissioner")
    accept_terms(commissioner, axe, base, SLUG)  # refused for what the role is, not the terms
    for path in ("registrants/", "panel/", "invitations/", "invitations/1/", "quotas/", "runs/1/"):
        response = commissioner.goto(f"{base}/p/{SLUG}/manage/{path}")
        assert response is not None
        assert response.status == 403, path
        axe(commissioner)
        assert "example.org" not in commissioner.content()
    for path in ("registrants.csv", "panel.csv", "invitations/1/letters.csv"):
        answer = commissioner.request.get(f"{base}/p/{SLUG}/manage/{path}")
        assert answer.status == 403, path
        assert "example.org" not in answer.text()
    for page in (lead, recruiter, public, commissioner):
        page.context.close()
