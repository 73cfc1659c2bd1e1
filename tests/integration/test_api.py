"""The JSON API: same rules as the pages, tokens and sessions, coded errors, OpenAPI."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client

from minipublic.accounts.tokens import do_create_api_token
from minipublic.lifecycle import Phase
from tests.cast import Cast


def _token_client(cast: Cast, name: str) -> Client:
    _, secret = do_create_api_token(cast.users[name], name="tests")
    return Client(headers={"Authorization": f"Bearer {secret}"})


def test_anonymous_reads_public_processes_only(public_cast: Cast) -> None:
    listing = Client().get("/api/v1/processes").json()
    assert [item["slug"] for item in listing] == ["riverside"]
    detail = Client().get("/api/v1/processes/riverside").json()
    assert detail["phase"] == "design"
    assert detail["my_roles"] == []
    assert detail["role_counts"]["participant"] == 1
    assert detail["phase_history"][0]["to_phase"] == "design"


def test_private_processes_are_invisible_to_outsiders(cast: Cast) -> None:
    assert Client().get("/api/v1/processes").json() == []
    response = _token_client(cast, "outsider").get("/api/v1/processes/riverside")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_members_see_their_private_process_and_roles(cast: Cast) -> None:
    client = _token_client(cast, "expert")
    assert [p["slug"] for p in client.get("/api/v1/processes").json()] == ["riverside"]
    assert client.get("/api/v1/processes/riverside").json()["my_roles"] == ["expert"]


@pytest.mark.parametrize(("actor", "status"), [("oversight", 200), ("commissioner", 403)])
def test_member_list_follows_the_access_table(cast: Cast, actor: str, status: int) -> None:
    response = _token_client(cast, actor).get("/api/v1/processes/riverside/members")
    assert response.status_code == status
    if status == 200:
        assert {
            "username": "participant",
            "name": "participant",
            "roles": ["participant"],
        } in response.json()
    else:
        assert response.json() == {
            "code": "forbidden",
            "message": "Your roles do not allow this in the current phase.",
            "params": {"action": "view_members"},
        }


def test_lead_changes_phase_by_token(cast: Cast) -> None:
    response = _token_client(cast, "lead_practitioner").post(
        "/api/v1/processes/riverside/phase",
        {"to_phase": "recruitment"},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["phase"] == "recruitment"
    assert cast.refresh().phase == Phase.RECRUITMENT


def test_refused_moves_come_back_as_409_with_a_code(cast: Cast) -> None:
    response = _token_client(cast, "lead_practitioner").post(
        "/api/v1/processes/riverside/phase", {"to_phase": "closed"}, content_type="application/json"
    )
    assert response.status_code == 409
    assert response.json()["code"] == "phase_skipped"
    assert response.json()["params"] == {"current": "design", "expected": "recruitment"}


def test_others_may_not_change_phase(cast: Cast) -> None:
    response = _token_client(cast, "facilitator").post(
        "/api/v1/processes/riverside/phase",
        {"to_phase": "recruitment"},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert cast.refresh().phase == Phase.DESIGN


def test_writing_needs_authentication(public_cast: Cast) -> None:
    response = Client(enforce_csrf_checks=True).post(
        "/api/v1/processes/riverside/phase",
        {"to_phase": "recruitment"},
        content_type="application/json",
    )
    assert response.status_code == 401
    assert response.json()["code"] == "unauthorized"


def test_a_bad_token_is_refused_not_treated_as_anonymous(public_cast: Cast) -> None:
    client = Client(headers={"Authorization": "Bearer mp_deadbeef_wrong"})
    response = client.get("/api/v1/processes")
    assert response.status_code == 401
    assert "not valid" in response.json()["message"]
    assert (
        Client(headers={"Authorization": "Basic abc"}).get("/api/v1/processes").status_code == 401
    )


def test_session_writes_need_the_csrf_token(cast: Cast) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.users["lead_practitioner"])
    url, body = "/api/v1/processes/riverside/phase", {"to_phase": "recruitment"}
    refused = client.post(url, body, content_type="application/json")
    assert refused.status_code == 403
    assert refused.json() == {"code": "forbidden", "message": "CSRF check Failed", "params": {}}
    client.get("/accounts/tokens/")  # any page with a form sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    response = client.post(
        url, body, content_type="application/json", headers={"X-CSRFToken": token}
    )
    assert response.status_code == 200


def test_me_lists_roles_in_every_process(cast: Cast) -> None:
    me = _token_client(cast, "participant").get("/api/v1/me").json()
    assert me["memberships"] == [
        {"process": "riverside", "title": "Riverside Citizens' Assembly", "roles": ["participant"]}
    ]
    assert Client().get("/api/v1/me").status_code == 401


def test_bad_bodies_are_422_with_the_field_named(cast: Cast) -> None:
    response = _token_client(cast, "lead_practitioner").post(
        "/api/v1/processes/riverside/phase", {"to_phase": "party"}, content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["code"] == "invalid"
    assert response.json()["params"]["fields"] == ["body.payload.to_phase"]


def test_openapi_document_describes_every_endpoint() -> None:
    document = Client().get("/api/v1/openapi.json").json()
    assert document["openapi"].startswith("3.")
    assert set(document["paths"]) == {
        "/api/v1/processes",
        "/api/v1/processes/{slug}",
        "/api/v1/processes/{slug}/members",
        "/api/v1/processes/{slug}/phase",
        "/api/v1/processes/{slug}/integrity",
        "/api/v1/processes/{slug}/ledger",
        "/api/v1/processes/{slug}/report",
        "/api/v1/me",
    }
    # docs/api.md has a section for every endpoint and method.
    guide = (Path(__file__).resolve().parents[2] / "docs" / "api.md").read_text()
    for path, methods in document["paths"].items():
        for method in methods:
            assert f"### `{method.upper()} {path}`" in guide, (method, path)
    schemes = document["components"]["securitySchemes"]
    assert {scheme["type"] for scheme in schemes.values()} >= {"http", "apiKey"}


def test_a_body_that_is_not_json_is_a_coded_400(cast: Cast) -> None:
    response = _token_client(cast, "lead_practitioner").post(
        "/api/v1/processes/riverside/phase", "{not json", content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["code"] == "bad_request"
