"""Public pages, signing in and out, rate limiting, API tokens, error pages."""

from __future__ import annotations

import re

from django.test import Client

from minipublic.accounts.models import ApiToken
from tests.cast import PASSWORD, Cast


def test_home_lists_public_processes_and_the_members_own(cast: Cast) -> None:
    assert "Riverside" not in Client().get("/").text
    assert "Riverside" in cast.client("participant").get("/").text
    cast.process.visibility = "public"
    cast.process.save()
    assert "Riverside" in Client().get("/").text


def test_public_page_shows_counts_not_names(public_cast: Cast) -> None:
    participant = public_cast.users["participant"]
    participant.display_name = "Zoë Quill"
    participant.save()
    page = Client().get("/p/riverside/").text
    assert "Participant: 1" in page
    assert "Zoë Quill" not in page
    assert "Zoë Quill" in public_cast.client("lead_practitioner").get("/p/riverside/members/").text


def test_unknown_addresses_get_a_friendly_404() -> None:
    response = Client().get("/no/such/page/")
    assert response.status_code == 404
    assert "We could not find that page" in response.text
    assert '<main id="main"' in response.text


def test_unknown_api_addresses_get_json_404() -> None:
    response = Client().get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_signing_in_leads_to_the_dashboard(cast: Cast) -> None:
    client = Client()
    response = client.post(
        "/accounts/login/", {"username": "facilitator", "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/dashboard/"
    assert "Welcome, facilitator" in response.text


def test_a_wrong_password_is_explained_without_saying_which_part_was_wrong(cast: Cast) -> None:
    response = Client().post("/accounts/login/", {"username": "facilitator", "password": "nope"})
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.text


def test_repeated_wrong_passwords_pause_signing_in(cast: Cast) -> None:
    client = Client()
    for _ in range(5):
        client.post("/accounts/login/", {"username": "facilitator", "password": "wrong"})
    locked = client.post("/accounts/login/", {"username": "facilitator", "password": PASSWORD})
    assert locked.status_code == 429
    assert "Please wait 15 minutes" in locked.text
    # Another account from the same address is not locked out.
    other = client.post("/accounts/login/", {"username": "observer", "password": PASSWORD})
    assert other.status_code == 302


def test_signing_out_needs_a_post(cast: Cast) -> None:
    client = cast.client("observer")
    assert client.get("/accounts/logout/").status_code == 405
    client.post("/accounts/logout/")
    assert client.get("/dashboard/").status_code == 302


def test_creating_and_revoking_an_api_token(cast: Cast) -> None:
    client = cast.client("oversight")
    response = client.post("/accounts/tokens/", {"name": "evaluation scripts"})
    secret = re.search(r'id="new-token">(mp_[^<]+)<', response.text)
    assert secret, "the new token is shown once"
    token = ApiToken.objects.get(user=cast.users["oversight"])
    assert secret.group(1) not in token.secret_hash  # only a hash is stored
    assert secret.group(1) not in client.get("/accounts/tokens/").text  # and shown only once
    api = Client(headers={"Authorization": f"Bearer {secret.group(1)}"})
    assert api.get("/api/v1/me").json()["username"] == "oversight"
    client.post(f"/accounts/tokens/{token.pk}/revoke/")
    assert api.get("/api/v1/me").status_code == 401


def test_nobody_revokes_someone_elses_token(cast: Cast) -> None:
    cast.client("oversight").post("/accounts/tokens/", {"name": "mine"})
    token = ApiToken.objects.get()
    response = cast.client("outsider").post(f"/accounts/tokens/{token.pk}/revoke/", follow=True)
    assert "There is no such token among yours." in response.text
    token.refresh_from_db()
    assert token.is_active


def test_a_token_needs_a_name(cast: Cast) -> None:
    response = cast.client("oversight").post("/accounts/tokens/", {"name": ""})
    assert response.status_code == 400
    assert ApiToken.objects.count() == 0


def test_about_page_names_the_licence() -> None:
    assert "GNU Affero General Public License" in Client().get("/about/").text


def test_changing_ones_password(cast: Cast) -> None:
    client = Client()
    client.post("/accounts/login/", {"username": "expert", "password": PASSWORD})
    wrong = client.post(
        "/accounts/password/",
        {
            "old_password": "nope",
            "new_password1": "a-long-new-phrase",
            "new_password2": "a-long-new-phrase",
        },
    )
    assert wrong.status_code == 400
    assert "Your old password was entered incorrectly" in wrong.text
    done = client.post(
        "/accounts/password/",
        {
            "old_password": PASSWORD,
            "new_password1": "a-long-new-phrase",
            "new_password2": "a-long-new-phrase",
        },
        follow=True,
    )
    assert "Your password has been changed." in done.text
    assert client.get("/dashboard/").status_code == 200  # still signed in here
    fresh = Client().post(
        "/accounts/login/", {"username": "expert", "password": "a-long-new-phrase"}
    )
    assert fresh.status_code == 302


def test_weak_new_passwords_are_refused(cast: Cast) -> None:
    response = cast.client("expert").post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": "12345678", "new_password2": "12345678"},
    )
    assert response.status_code == 400
    assert "This password is too common." in response.text


def test_the_process_menu_shows_each_member_only_what_they_may_do(cast: Cast) -> None:
    def links(name: str) -> str:
        page = cast.client(name).get("/p/riverside/").text
        nav = page.partition('aria-label="Running this process"')[2].partition("</nav>")[0]
        return nav

    lead = links("lead_practitioner")
    assert "/p/riverside/manage/" in lead
    assert "/p/riverside/members/" in lead
    commissioner = links("commissioner")
    assert "/p/riverside/manage/" in commissioner  # edits the remit while designed
    assert "/p/riverside/members/" not in commissioner  # never the participants' names
    assert "/p/riverside/manage/sign-offs/" in links("oversight")
    assert "/p/riverside/manage/sign-offs/" not in lead
    assert links("outsider") == ""
