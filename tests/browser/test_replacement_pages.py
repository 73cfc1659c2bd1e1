"""The demo assembly's replacement run in the browser: computed by the worker, read only.

The demo replaces the member who declined with run 3 (demo/recruitment_story.py); the
panel page links to that run's page, which shows it as finished by the worker.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.axe import AxeChecker
from tests.browser.helpers import sign_in


@pytest.mark.parametrize("who", ["practitioner", "recruiter"])
def test_the_panel_links_to_the_replacement_run_page(
    page: Page, axe: AxeChecker, demo_server: str, who: str
) -> None:
    sign_in(page, axe, demo_server, who)
    page.goto(demo_server + "/p/demo/manage/panel/")
    axe(page)
    link = page.get_by_role("link", name=re.compile(r"^Replacement run 3: Finished"))
    expect(link).to_be_visible()
    with page.expect_navigation():
        link.click()
    expect(page).to_have_url(demo_server + "/p/demo/manage/runs/3/")
    axe(page)
    main = page.locator("main")
    expect(main).to_contain_text("Finished")
    expect(main).to_contain_text("One member declined")
    expect(page.locator("progress")).to_have_count(0)
