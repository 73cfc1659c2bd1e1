"""Every action's real entry point (page or form post) obeys the access table.

For each action, one person who may and one who may not try it through HTTP; the
refused attempt must change nothing.
"""

from __future__ import annotations

import pytest

from minipublic.lifecycle import Phase, Role, Visibility
from minipublic.processes.models import Membership
from tests.cast import Cast

DETAILS = {
    "title": "Riverside Flood Assembly",
    "question": "How should Riverside live with more frequent floods?",
    "description": "",
    "commissioning_body": "Riverside Council",
    "model": "citizens_assembly",
}


@pytest.mark.parametrize(
    ("actor", "status"),
    [
        ("participant", 200),
        ("observer", 200),
        ("outsider", 404),
        ("staff", 404),
        ("anonymous", 404),
    ],
)
def test_private_process_page(cast: Cast, actor: str, status: int) -> None:
    assert cast.client(actor).get("/p/riverside/").status_code == status


@pytest.mark.parametrize("actor", ["anonymous", "outsider", "participant"])
def test_public_process_page_is_readable_by_anyone(public_cast: Cast, actor: str) -> None:
    response = public_cast.client(actor).get("/p/riverside/")
    assert response.status_code == 200
    assert "How should Riverside adapt to flooding?" in response.text


@pytest.mark.parametrize(
    ("actor", "status"),
    [
        ("lead_practitioner", 200),
        ("oversight", 200),
        ("facilitator", 200),
        ("recruiter", 200),
        ("commissioner", 403),
        ("participant", 403),
        ("expert", 403),
        ("outsider", 404),
    ],
)
def test_members_page(cast: Cast, actor: str, status: int) -> None:
    response = cast.client(actor).get("/p/riverside/members/")
    assert response.status_code == status
    if status == 200:
        assert "participant@example.org" not in response.text  # e-mail addresses stay hidden
        assert ">participant<" in response.text


def test_anonymous_is_sent_to_sign_in_for_management_pages(public_cast: Cast) -> None:
    for url in ("/p/riverside/manage/", "/p/riverside/members/", "/processes/new/", "/dashboard/"):
        response = public_cast.client("anonymous").get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/?next=")


@pytest.mark.parametrize(
    ("actor", "phase", "allowed"),
    [
        ("commissioner", Phase.DESIGN, True),
        ("commissioner", Phase.RECRUITMENT, False),
        ("lead_practitioner", Phase.SELECTION, True),
        ("lead_practitioner", Phase.DELIBERATION, False),
        ("facilitator", Phase.DESIGN, False),
    ],
)
def test_editing_details(cast: Cast, actor: str, phase: Phase, allowed: bool) -> None:
    cast.process.phase = phase
    cast.process.save()
    response = cast.client(actor).post("/p/riverside/manage/details/", DETAILS)
    assert response.status_code == (302 if allowed else 403)
    assert (cast.refresh().title == DETAILS["title"]) is allowed


@pytest.mark.parametrize(
    ("actor", "allowed"),
    [("lead_practitioner", True), ("facilitator", False), ("oversight", False)],
)
def test_changing_phase(cast: Cast, actor: str, allowed: bool) -> None:
    response = cast.client(actor).post("/p/riverside/manage/phase/", {"to_phase": "recruitment"})
    assert response.status_code == (302 if allowed else 403)
    assert cast.refresh().phase == ("recruitment" if allowed else "design")


@pytest.mark.parametrize(
    ("actor", "allowed"), [("lead_practitioner", True), ("commissioner", False)]
)
def test_setting_visibility(cast: Cast, actor: str, allowed: bool) -> None:
    response = cast.client(actor).post("/p/riverside/manage/visibility/", {"visibility": "public"})
    assert response.status_code == (302 if allowed else 403)
    assert (cast.refresh().visibility == Visibility.PUBLIC) is allowed


@pytest.mark.parametrize(("actor", "allowed"), [("lead_practitioner", True), ("oversight", False)])
def test_adding_a_member(cast: Cast, actor: str, allowed: bool) -> None:
    response = cast.client(actor).post(
        "/p/riverside/members/add/", {"person": "outsider@example.org", "role": "observer"}
    )
    assert response.status_code == (302 if allowed else 403)
    added = Membership.objects.filter(user=cast.users["outsider"], role=Role.OBSERVER).exists()
    assert added is allowed


@pytest.mark.parametrize(
    ("actor", "allowed"), [("lead_practitioner", True), ("facilitator", False)]
)
def test_removing_a_member(cast: Cast, actor: str, allowed: bool) -> None:
    observer = cast.users["observer"]
    response = cast.client(actor).post(
        "/p/riverside/members/remove/", {"user_id": observer.pk, "role": "observer"}
    )
    assert response.status_code == (302 if allowed else 403)
    assert Membership.objects.filter(user=observer).exists() is not allowed


def test_closed_process_can_no_longer_be_run(cast: Cast) -> None:
    cast.process.phase = Phase.CLOSED
    cast.process.save()
    lead = cast.client("lead_practitioner")
    assert lead.get("/p/riverside/manage/").status_code == 403
    assert (
        lead.post(
            "/p/riverside/manage/phase/", {"to_phase": "follow_up", "reason": "x"}
        ).status_code
        == 403
    )
    assert lead.get("/p/riverside/members/").status_code == 200  # reading stays possible


@pytest.mark.parametrize(
    ("actor", "status"), [("staff", 200), ("outsider", 403), ("lead_practitioner", 403)]
)
def test_creating_a_process_page(cast: Cast, actor: str, status: int) -> None:
    assert cast.client(actor).get("/processes/new/").status_code == status


def test_tokens_page_is_for_any_signed_in_person(cast: Cast) -> None:
    assert cast.client("outsider").get("/accounts/tokens/").status_code == 200
    assert cast.client("anonymous").get("/accounts/tokens/").status_code == 302


def test_there_is_no_way_to_delete_a_process_over_http(cast: Cast) -> None:
    lead = cast.client("lead_practitioner")
    for url in ("/p/riverside/", "/p/riverside/manage/", "/api/v1/processes/riverside"):
        assert lead.delete(url).status_code in (403, 404, 405)
    assert cast.refresh().pk is not None
