"""Terms of engagement are enforced by the access helpers, for pages, the API and actions
alike, and feed the conformance report (``independence.terms-accepted``,
``deliberation.participants-code``)."""

from __future__ import annotations

import json
import re
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from minipublic import clock
from minipublic.accounts.tokens import do_create_api_token
from minipublic.engagement.actions import do_accept_terms, do_publish_charter
from minipublic.engagement.models import Charter
from minipublic.lifecycle import Action, LifecycleError, Phase, Role
from minipublic.processes import actions
from minipublic.processes.access import (
    SYSTEM,
    TermsPending,
    can,
    held_roles,
    require,
    roles_awaiting_terms,
    roles_in,
)
from tests.cast import ROLE_ACTORS, Cast, make_user

pytestmark = pytest.mark.django_db


def _token_client(cast: Cast, name: str) -> Client:
    _, secret = do_create_api_token(cast.users[name], name="tests")
    return Client(headers={"Authorization": f"Bearer {secret}"})


def _new_commissioner_terms(cast: Cast) -> Charter:
    return do_publish_charter(
        cast.users["lead_practitioner"],
        cast.process,
        Role.COMMISSIONER,
        title="Commissioner's charter",
        body="1. I answer every recommendation within 90 days.",
        change_note="The response deadline agreed in the negotiation.",
    )


def test_every_new_process_has_a_charter_for_every_role(cast: Cast) -> None:
    charters = Charter.objects.filter(process=cast.process, is_current=True)
    assert sorted(c.role for c in charters) == sorted(role.value for role in Role)
    assert {c.version for c in charters} == {1}


def test_a_new_member_may_read_and_accept_but_do_nothing_else(cast: Cast) -> None:
    newcomer = make_user("newcomer")
    actions.do_add_member(SYSTEM, cast.process, newcomer, Role.OVERSIGHT)
    assert held_roles(newcomer, cast.process) == {Role.OVERSIGHT}
    assert roles_in(newcomer, cast.process) == frozenset()
    assert roles_awaiting_terms(newcomer, cast.process) == {Role.OVERSIGHT}
    assert can(newcomer, Action.VIEW_PROCESS, cast.process)
    assert can(newcomer, Action.ACCEPT_TERMS, cast.process)
    for action in (Action.SIGN_OFF, Action.VIEW_MEMBERS, Action.REPORT_INCIDENT):
        assert not can(newcomer, action, cast.process), action
    with pytest.raises(TermsPending) as refused:
        require(newcomer, Action.SIGN_OFF, cast.process)
    assert refused.value.process == cast.process
    accepted = do_accept_terms(newcomer, cast.process)
    assert [c.role for c in accepted] == ["oversight"]
    assert can(newcomer, Action.SIGN_OFF, cast.process)
    assert do_accept_terms(newcomer, cast.process) == []  # accepting again changes nothing


def test_a_role_without_the_right_is_refused_plainly_not_sent_to_the_terms(cast: Cast) -> None:
    newcomer = make_user("newcomer")
    actions.do_add_member(SYSTEM, cast.process, newcomer, Role.OBSERVER)
    with pytest.raises(PermissionDenied) as refused:
        actions.do_change_phase(newcomer, cast.process, Phase.RECRUITMENT)  # type: ignore[arg-type]
    assert not isinstance(refused.value, TermsPending)  # accepting would not help


def test_a_new_version_must_be_accepted_again_by_that_role_only(cast: Cast) -> None:
    commissioner = cast.users["commissioner"]
    assert can(commissioner, Action.EDIT_PROCESS, cast.process)
    charter = _new_commissioner_terms(cast)
    assert charter.version == 2
    assert not can(commissioner, Action.EDIT_PROCESS, cast.process)
    assert can(cast.users["oversight"], Action.SIGN_OFF, cast.process)  # other roles unaffected
    do_accept_terms(commissioner, cast.process)
    assert can(commissioner, Action.EDIT_PROCESS, cast.process)


def test_people_accept_only_their_own_terms_and_only_members(cast: Cast) -> None:
    with pytest.raises(ValueError, match="their own terms"):
        do_accept_terms(cast.users["lead_practitioner"], cast.process, user=cast.users["expert"])
    with pytest.raises(PermissionDenied):
        do_accept_terms(cast.users["outsider"], cast.process)


def test_charter_changes_need_a_note_and_new_text(cast: Cast) -> None:
    lead = cast.users["lead_practitioner"]
    current = Charter.objects.get(process=cast.process, role="expert", is_current=True)
    with pytest.raises(LifecycleError) as caught:
        do_publish_charter(
            lead, cast.process, Role.EXPERT, title=current.title, body="x", change_note=" "
        )
    assert caught.value.code == "charter_needs_note"
    with pytest.raises(LifecycleError) as caught:
        do_publish_charter(
            lead,
            cast.process,
            Role.EXPERT,
            title=current.title,
            body=current.body,
            change_note="No change really.",
        )
    assert caught.value.code == "charter_unchanged"
    with pytest.raises(PermissionDenied):
        do_publish_charter(
            cast.users["commissioner"],
            cast.process,
            Role.COMMISSIONER,
            title="Mine",
            body="1. I may edit the report.",
            change_note="I prefer this.",
        )


def test_the_api_names_pending_terms_and_refuses_with_their_own_code(cast: Cast) -> None:
    _new_commissioner_terms(cast)
    client = _token_client(cast, "commissioner")
    detail = client.get("/api/v1/processes/riverside").json()
    assert detail["my_roles"] == ["commissioner"]
    assert detail["roles_awaiting_terms"] == ["commissioner"]
    lead = _token_client(cast, "lead_practitioner")
    assert lead.get("/api/v1/processes/riverside").json()["roles_awaiting_terms"] == []
    # The lead practitioner's own role changes too: a new lead charter blocks the phase move.
    do_publish_charter(
        cast.users["lead_practitioner"],
        cast.process,
        Role.LEAD_PRACTITIONER,
        title="Lead practitioner's charter",
        body="1. I hold the red lines.",
        change_note="Shorter.",
    )
    response = lead.post(
        "/api/v1/processes/riverside/phase",
        {"to_phase": "recruitment"},
        content_type="application/json",
    )
    assert response.status_code == 403
    body = response.json()
    assert body["code"] == "terms_pending"
    assert body["params"]["action"] == "change_phase"
    assert body["params"]["terms_url"].endswith("/p/riverside/terms/")
    assert cast.refresh().phase == Phase.DESIGN


def test_the_dashboard_points_to_pending_terms(cast: Cast) -> None:
    _new_commissioner_terms(cast)
    page = cast.client("commissioner").get("/dashboard/").content.decode()
    assert "Accept your terms first" in page
    assert "/p/riverside/terms/" in page
    assert "Accept your terms first" not in cast.client("expert").get("/dashboard/").text


def _finding(cast: Cast, criterion: str) -> dict[str, object]:
    data = json.loads(cast.client("lead_practitioner").get("/p/riverside/conformance.json").content)
    return next(f for f in data["findings"] if f["criterion"] == criterion)


def test_the_conformance_report_checks_the_accountable_roles_accepted(cast: Cast) -> None:
    assert _finding(cast, "independence.terms-accepted")["outcome"] == "met"
    _new_commissioner_terms(cast)
    assert _finding(cast, "independence.terms-accepted")["outcome"] == "not_met"
    do_accept_terms(cast.users["commissioner"], cast.process)
    assert _finding(cast, "independence.terms-accepted")["outcome"] == "met"
    # A participant who has not accepted does not count against it (they cannot act yet).
    actions.do_add_member(SYSTEM, cast.process, make_user("latecomer"), Role.PARTICIPANT)
    assert _finding(cast, "independence.terms-accepted")["outcome"] == "met"


def test_the_participants_code_is_expected_once_they_deliberate(cast: Cast) -> None:
    assert _finding(cast, "deliberation.participants-code")["outcome"] == "pending"
    lead = cast.users["lead_practitioner"]
    for phase in (Phase.RECRUITMENT, Phase.SELECTION, Phase.DELIBERATION):
        actions.do_change_phase(lead, cast.process, phase)
    assert _finding(cast, "deliberation.participants-code")["outcome"] == "not_met"


def test_the_process_page_label_never_lags_behind_the_record(public_cast: Cast) -> None:
    from minipublic.conformance.actions import do_reevaluate
    from minipublic.conformance.models import ConformanceState

    do_reevaluate(SYSTEM, public_cast.process)
    # Pretend the stored evaluation had earned the name: while nothing changed since,
    # the page shows what was stored ...
    ConformanceState.objects.filter(process=public_cast.process).update(
        label="Citizens' Assembly", label_earned=True
    )
    page = public_cast.client("anonymous").get("/p/riverside/").content.decode()
    assert "Standards label: <strong>Citizens&#x27; Assembly</strong>" in page
    # ... and once the record moves on, the page evaluates afresh (without storing).
    with clock.frozen_at(clock.now() + timedelta(seconds=2)):
        actions.do_add_member(SYSTEM, public_cast.process, make_user("newcomer"), Role.OBSERVER)
    page = public_cast.client("anonymous").get("/p/riverside/").content.decode()
    assert "Standards label: <strong>Public engagement process</strong>" in page
    assert ConformanceState.objects.get(process=public_cast.process).label_earned is True


def test_the_process_and_terms_pages_lead_to_the_participants_code(public_cast: Cast) -> None:
    client = public_cast.client("anonymous")
    for page in ("/p/riverside/", "/p/riverside/terms/"):
        assert 'href="/p/riverside/code/"' in client.get(page).content.decode(), page


def _slug_only_pages() -> list[str]:
    """Every page of a process whose address needs nothing but its short name."""
    found: list[str] = []

    def walk(patterns: list[URLPattern | URLResolver], prefix: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif re.fullmatch(r"p/<slug:slug>/[^<>]*", route := prefix + str(pattern.pattern)):
                found.append("/" + route.replace("<slug:slug>", "riverside"))

    walk(get_resolver().url_patterns, "")
    return sorted(set(found))


def test_no_page_refuses_plainly_what_accepting_the_terms_would_allow(cast: Cast) -> None:
    """Every page a member could open with their terms accepted either still opens (the
    pages any member may read) or names the terms to accept: never the bare refusal."""
    pages = _slug_only_pages()
    assert len(pages) > 30, pages
    opened = {
        (name, url)
        for name in ROLE_ACTORS
        for url in pages
        if cast.client(name).get(url).status_code == 200
    }
    for role in Role:
        current = Charter.objects.get(process=cast.process, role=role, is_current=True)
        do_publish_charter(
            SYSTEM,
            cast.process,
            role,
            title=current.title,
            body=current.body + "\n9. A clause added for this test.",
            change_note="A clause added for this test.",
        )
    pointed = 0
    for name, url in sorted(opened):
        response = cast.client(name).get(url)
        if response.status_code == 403:
            assert "Accept your terms of engagement first" in response.text, (name, url)
            assert "/p/riverside/terms/" in response.text, (name, url)
            pointed += 1
        else:
            assert response.status_code == 200, (name, url, response.status_code)
    # The settings, members, sign-off, quota and run pages among them (the ones that
    # serve several kinds of member and once answered with the bare refusal).
    assert pointed >= 20, pointed
