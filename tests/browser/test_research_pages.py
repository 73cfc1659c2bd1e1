"""A researcher in the browser (the demo's Dr Amara Nwosu): the demo project, uploading a
transcript, reviewing its anonymisation, coding three excerpts (one by selecting text) and
downloading the theme report and a REFI-QDA file the published schema accepts. Every page
is checked with axe-core."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import xmlschema
from playwright.sync_api import Page, expect

from tests.browser.axe import AxeChecker
from tests.browser.helpers import sign_in

SCHEMA = Path(__file__).parents[1] / "vendor" / "refi-qda" / "Project.xsd"
TRANSCRIPT = (
    "Interviewer: What happened with the witnesses?\n\n"
    "Respondent: Ottoline Fairweather asked us to drop two speakers the members had chosen.\n\n"
    "Respondent: We said no, and the members backed us in a letter to the council."
)


def test_a_researcher_codes_a_transcript_and_exports(
    page: Page, axe: AxeChecker, demo_server: str
) -> None:
    sign_in(page, axe, demo_server, "researcher")
    with page.expect_navigation():
        page.get_by_role("link", name="Research", exact=True).click()
    axe(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Pressure and practice in local mini-publics").click()
    axe(page)
    main = page.locator("main")
    expect(main).to_contain_text("Interview 1 (lead practitioner, district council jury)")
    expect(main).to_contain_text("Going public")

    with page.expect_navigation():
        page.get_by_role("link", name="Upload a transcript").click()
    axe(page)
    page.get_by_label("Transcript").set_input_files(
        {"name": "interview-3.txt", "mimeType": "text/plain", "buffer": TRANSCRIPT.encode()}
    )
    page.get_by_label("Name of the source").fill("Interview 3 (browser)")
    page.get_by_label("Names to look for").fill("Ottoline Fairweather = [interviewee's colleague]")
    with page.expect_navigation():
        page.get_by_role("button", name="Upload and review the names").click()
    axe(page)
    expect(main).to_contain_text("encoding: utf-8")
    expect(page.locator("mark.redaction del")).to_have_text(["Ottoline Fairweather"])
    with page.expect_navigation():
        page.get_by_role("button", name="Confirm: anonymise and delete the original").click()
    axe(page)
    expect(page.get_by_role("status")).to_contain_text("the original deleted")
    expect(main).not_to_contain_text("Ottoline")

    # 1: the whole second paragraph, without the help of the script
    page.get_by_label("Paragraph number").fill("2")
    page.get_by_label("Pressure to steer: Expert and information selection").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Code the excerpt").click()
    axe(page)
    # 2: selecting words in the third paragraph fills the form
    page.locator("#p-3").evaluate(
        """p => { const r = document.createRange(); const t = p.firstChild;
                  const at = t.textContent.indexOf('the members backed us');
                  r.setStart(t, at); r.setEnd(t, at + 'the members backed us'.length);
                  const s = window.getSelection(); s.removeAllRanges(); s.addRange(r);
                  p.dispatchEvent(new MouseEvent('mouseup', {bubbles: true})); }"""
    )
    expect(page.get_by_label("Paragraph number")).to_have_value("3")
    expect(page.get_by_label("Exact words to code")).to_have_value("the members backed us")
    page.get_by_label("Responses: Participants as defenders").check()
    page.get_by_label("Memo").fill("Members took sides openly.")
    with page.expect_navigation():
        page.get_by_role("button", name="Code the excerpt").click()
    # 3: exact words typed
    page.get_by_label("Paragraph number").fill("3")
    page.get_by_label("Exact words to code").fill("We said no")
    page.get_by_label("Responses: Red lines").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Code the excerpt").click()
    axe(page)
    expect(page.locator("blockquote.quoted")).to_have_count(3)

    project_url = page.url.split("/sources/")[0]
    page.goto(project_url + "/reflections/")
    axe(page)
    page.goto(project_url + "/report/")
    axe(page)
    expect(page.get_by_role("table", name="Co-occurrence of codes")).to_be_visible()
    expect(main).to_contain_text("the members backed us")
    with page.expect_download() as download:
        page.get_by_role("link", name="Coded excerpts (CSV)").click()
    rows = list(csv.DictReader(io.StringIO(download.value.path().read_text())))
    assert any(row["quote"] == "We said no" for row in rows)
    with page.expect_download() as download:
        page.get_by_role("link", name="REFI-QDA", exact=False).click()
    with zipfile.ZipFile(download.value.path()) as archive:
        xmlschema.XMLSchema(SCHEMA).validate(archive.read("project.qde"))
        texts = [archive.read(n).decode() for n in archive.namelist() if n.startswith("Sources/")]
    assert len(texts) >= 3
    assert not any("Ottoline" in text or "Gareth Plimsoll" in text for text in texts)
