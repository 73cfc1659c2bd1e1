"""E-mails to the oversight group: one per member, never the reporter or their words."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.conf import settings
from django.core import mail
from django.test import override_settings

from minipublic.integrity import actions
from minipublic.integrity.models import Incident
from minipublic.integrity.release import release_held_reports
from minipublic.lifecycle import Role
from minipublic.processes import actions as process_actions
from minipublic.processes.access import SYSTEM
from tests.cast import Cast, accept_all_terms, make_user

Capture = Callable[..., AbstractContextManager[Any]]
WORDS = "SECRET-WORDS-OF-THE-REPORTER"


@pytest.fixture
def oversight(cast: Cast) -> list[str]:
    """The oversight group's addresses: the cast's member, a second one, and one without."""
    second = make_user("second-overseer")
    process_actions.do_add_member(SYSTEM, cast.process, second, Role.OVERSIGHT)
    accept_all_terms(cast.process)
    silent = make_user("silent-overseer")
    silent.email = ""
    silent.save()
    process_actions.do_add_member(SYSTEM, cast.process, silent, Role.OVERSIGHT)
    accept_all_terms(cast.process)
    return sorted([cast.users["oversight"].email, second.email])


def _report(cast: Cast, who: str = "facilitator") -> Incident:
    return actions.do_report_incident(
        cast.users[who],
        cast.process,
        what_happened=WORDS,
        pressure_source="commissioner",
        target="confidentiality_nda",
        severity="high",
    )


def _check_private(cast: Cast, reporter: str) -> None:
    for message in mail.outbox:
        text = str(message.subject) + str(message.body)
        assert WORDS not in text
        assert cast.users[reporter].username not in text
        assert cast.users[reporter].email not in text
        assert len(message.to) == 1
        assert not message.cc
        assert not message.bcc


def test_a_new_named_report_tells_each_oversight_member(
    cast: Cast, oversight: list[str], django_capture_on_commit_callbacks: Capture
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        incident = _report(cast)
    assert sorted(address for message in mail.outbox for address in message.to) == oversight
    message = mail.outbox[0]
    assert "Riverside Citizens' Assembly" in message.subject
    assert "incident 1" in message.subject
    assert "Confidentiality or NDA demand" in message.body
    link = f"{settings.SITE_URL}/p/riverside/manage/incidents/{incident.number}/"
    assert link in message.body
    _check_private(cast, "facilitator")


def test_a_red_line_breach_tells_each_oversight_member(
    cast: Cast, oversight: list[str], django_capture_on_commit_callbacks: Capture
) -> None:
    incident = _report(cast, "lead_practitioner")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        actions.do_review_incident(
            cast.users["oversight"], cast.process, incident, status="under_review"
        )
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        actions.do_review_incident(
            cast.users["oversight"],
            cast.process,
            incident,
            status="red_line_breached",
            response="The panel paused until the demand was withdrawn.",
            red_line_decision="pause",
        )
    assert sorted(address for message in mail.outbox for address in message.to) == oversight
    others = {user.email for name, user in cast.users.items() if name != "oversight"}
    assert not others & {address for message in mail.outbox for address in message.to}
    body = mail.outbox[0].body
    assert "Red line breached" in mail.outbox[0].subject
    assert "Pause the process" in body
    assert "The panel paused until the demand was withdrawn." in body
    assert "Riverside Citizens' Assembly" in body
    assert "/p/riverside/manage/incidents/1/" in body
    _check_private(cast, "lead_practitioner")
    incident.refresh_from_db()
    assert incident.status_changed_on == datetime.now(UTC).date()
    # Still breached, with a new response: not a new breach, no new message.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        actions.do_review_incident(
            cast.users["oversight"],
            cast.process,
            incident,
            status="red_line_breached",
            response="Resumed under conditions.",
            red_line_decision="continue_with_conditions",
        )
    assert mail.outbox == []


def test_an_anonymous_report_is_announced_only_at_its_release(
    cast: Cast, oversight: list[str], django_capture_on_commit_callbacks: Capture
) -> None:
    user = make_user("zq-whistle")
    process_actions.do_add_member(SYSTEM, cast.process, user, Role.PARTICIPANT)
    accept_all_terms(cast.process)
    with django_capture_on_commit_callbacks(execute=True):
        incident = actions.do_report_incident(
            user,
            cast.process,
            what_happened=WORDS,
            pressure_source="official",
            target="time",
            severity="medium",
            anonymous=True,
        )
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        release_held_reports(now=datetime.now(UTC) + timedelta(days=1))
    assert sorted(address for message in mail.outbox for address in message.to) == oversight
    day = incident.reported_on
    for message in mail.outbox:
        text = str(message.subject) + str(message.body)
        assert WORDS not in text
        assert "zq-whistle" not in text
        for shown in (day.isoformat(), day.strftime("%B"), day.strftime("%b")):
            assert shown not in text, shown


def test_nothing_is_sent_if_the_change_is_undone(
    cast: Cast, oversight: list[str], django_capture_on_commit_callbacks: Capture
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _report(cast)
    assert len(callbacks) == 1
    assert mail.outbox == []  # sent only when the transaction commits


class BrokenMailServer:
    """An e-mail backend whose server is down."""

    def __init__(self, **kwargs: Any) -> None:
        pass

    def send_messages(self, messages: Any) -> int:
        raise ConnectionRefusedError("the mail server is down")


def test_a_mail_failure_is_logged_and_the_report_is_kept(
    cast: Cast,
    oversight: list[str],
    django_capture_on_commit_callbacks: Capture,
    caplog: pytest.LogCaptureFixture,
) -> None:
    backend = f"{__name__}.BrokenMailServer"
    with override_settings(EMAIL_BACKEND=backend), django_capture_on_commit_callbacks(execute=True):
        incident = _report(cast)
    assert Incident.objects.get(pk=incident.pk).number == 1
    assert "could not e-mail the oversight group about incident 1 of riverside" in caplog.text
