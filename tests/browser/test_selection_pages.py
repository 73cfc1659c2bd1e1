"""Recruitment and selection pages in the browser: the demo's civic lottery, read only.

The demo assembly's panel was drawn through these pages' actions (demo/recruitment_story.py).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.axe import AxeChecker
from tests.browser.helpers import assert_fits_phone, sign_in


def test_the_public_selection_page_shows_the_verifiable_draw(
    page: Page, axe: AxeChecker, demo_server: str
) -> None:
    page.goto(demo_server + "/p/demo/")
    axe(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Selection: how the panel is chosen").click()
    axe(page)
    main = page.locator("main")
    expect(main).to_contain_text("3 6 1 4 4")  # the dice thrown at the public draw
    expect(main).to_contain_text("Started by mistake")  # every run is listed, with why
    expect(main).to_contain_text("minipublic verify")
    expect(page.locator("main svg")).to_have_count(1)
    content = page.content()
    assert "example.org" not in content  # no registrant's e-mail
    assert "Hollowmere" not in content  # nor name


@pytest.mark.parametrize("path", ["/p/demo/selection/", "/p/demo/register/"])
def test_public_selection_pages_fit_a_phone(
    phone: Page, axe: AxeChecker, demo_server: str, path: str
) -> None:
    phone.goto(demo_server + path)
    axe(phone)
    assert_fits_phone(phone)


@pytest.mark.parametrize(
    "path",
    [
        # The assembly is past recruitment: its recruitment pages are closed, so these
        # two are checked on the jury, which is still being designed.
        "/p/demo-transport-jury/manage/invitations/",
        "/p/demo-transport-jury/manage/registration/",
        "/p/demo/manage/registrants/",
        "/p/demo/manage/quotas/",
        "/p/demo/manage/runs/",
        "/p/demo/manage/runs/2/",
        "/p/demo/manage/panel/",
    ],
)
def test_recruitment_pages_pass_axe_for_the_practitioner(
    page: Page, axe: AxeChecker, demo_server: str, path: str
) -> None:
    sign_in(page, axe, demo_server, "practitioner")
    response = page.goto(demo_server + path)
    assert response is not None
    assert response.status == 200, path
    axe(page)
    expect(page.get_by_role("heading", level=1)).to_be_visible()


@pytest.mark.parametrize(
    "path", ["/p/demo/manage/registrants/", "/p/demo/manage/panel/", "/p/demo/manage/quotas/"]
)
def test_the_commissioner_never_reaches_personal_data(
    page: Page, axe: AxeChecker, demo_server: str, path: str
) -> None:
    sign_in(page, axe, demo_server, "commissioner")
    response = page.goto(demo_server + path)
    assert response is not None
    assert response.status == 403
    axe(page)
    assert "example.org" not in page.content()
