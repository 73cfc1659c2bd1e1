"""Signing in leaves no record of when (or from where) someone was on the site.

Such a record could be matched against the day of an anonymous report (docs/integrity.md).
"""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt, AccessLog
from django.contrib.sessions.models import Session
from django.test import Client

from minipublic.accounts.models import User
from tests.cast import PASSWORD, Cast

pytestmark = pytest.mark.django_db


def test_a_successful_sign_in_records_no_time_and_no_address(cast: Cast) -> None:
    client = Client(REMOTE_ADDR="203.0.113.9")
    response = client.post(
        "/accounts/login/", {"username": "participant", "password": PASSWORD}, follow=True
    )
    assert response.status_code == 200
    assert response.wsgi_request.user.get_username() == "participant"
    assert User.objects.get(username="participant").last_login is None
    assert not AccessLog.objects.exists()
    assert not AccessAttempt.objects.exists()


def test_failed_attempts_are_kept_only_until_the_person_signs_in(cast: Cast) -> None:
    client = Client(REMOTE_ADDR="203.0.113.9")
    client.post("/accounts/login/", {"username": "participant", "password": "wrong"})
    assert AccessAttempt.objects.filter(username="participant").count() == 1
    client.post("/accounts/login/", {"username": "participant", "password": PASSWORD})
    assert not AccessAttempt.objects.exists()
    assert not AccessLog.objects.exists()


def test_the_stored_session_does_not_date_the_sign_in(cast: Cast) -> None:
    client = Client()
    client.post("/accounts/login/", {"username": "participant", "password": PASSWORD})
    session = Session.objects.get()
    assert session.get_decoded()["_auth_user_id"] == str(cast.users["participant"].pk)
    expiry = session.expire_date
    assert (expiry.hour, expiry.minute, expiry.second, expiry.microsecond) == (0, 0, 0, 0)
    assert client.get("/dashboard/").status_code == 200  # the session still works
