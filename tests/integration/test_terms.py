"""Terms of engagement pages: read, accept, see who accepted, and publish a new version.

Everything goes through the real URLs with the test client; acceptance itself is
enforced centrally (``processes.access``), so these tests check that the pages make the
rule usable: the 403 names the terms, accepting lifts it, a new version brings it back.
"""

from __future__ import annotations

import html
import json
from typing import TYPE_CHECKING

import pytest
from django.test import Client

from minipublic import clock
from minipublic.accounts.models import User
from minipublic.conformance.models import SignOff
from minipublic.engagement.actions import adopt_participant_code, do_publish_charter
from minipublic.engagement.models import Acceptance, Charter, CodeProposal
from minipublic.integrity.record import entries, public_entries, verify_database
from minipublic.lifecycle import Phase, Role
from minipublic.processes import actions as process_actions
from minipublic.processes.access import SYSTEM
from minipublic.standards.charters import DEFAULT_CHARTERS
from tests.cast import ACTORS, ROLE_ACTORS, Cast, make_user

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response

TERMS = "/p/riverside/terms/"
MANAGE = "/p/riverside/manage/terms/"
SIGN_OFF = "/p/riverside/manage/sign-offs/"
RECORD = "/p/riverside/manage/declarations/new/"
NEWCOMER = "zq-newcomer"
TERMS_403 = "You have not yet accepted the current terms of engagement for your role in"
ADDED_LINE = "4. We publish our minutes within a week (zq-minutes)."


def _text(response: Response) -> str:
    return html.unescape(response.content.decode())


def _newcomer(cast: Cast, role: Role) -> Client:
    """A new member of ``role`` who has not accepted anything yet, signed in."""
    user = make_user(NEWCOMER)
    process_actions.do_add_member(SYSTEM, cast.process, user, role)
    client = Client()
    client.force_login(user)
    return client


def _sign_off(client: Client) -> Response:
    return client.post(SIGN_OFF, {"subject": "question", "decision": "signed_off"})


def _publish_oversight_v2(cast: Cast) -> Response:
    current = Charter.objects.get(process=cast.process, role="oversight", is_current=True)
    return cast.client("lead_practitioner").post(
        f"{MANAGE}?role=oversight",
        {
            "title": current.title,
            "body": f"{current.body}\n{ADDED_LINE}",
            "change_note": "The council asked for minutes (zq-note).",
        },
    )


# ------------------------------------------------------------------ accepting


def test_a_new_member_cannot_act_until_they_accept(cast: Cast) -> None:
    client = _newcomer(cast, Role.OVERSIGHT)
    refused = _sign_off(client)
    assert refused.status_code == 403
    text = _text(refused)
    assert f"{TERMS_403} Riverside Citizens' Assembly" in text
    assert f'href="{TERMS}"' in text
    assert SignOff.objects.count() == 0
    process_page = _text(client.get("/p/riverside/"))
    assert "Before you can take part, read and accept your terms of engagement." in process_page

    page = client.get(TERMS)
    assert page.status_code == 200
    text = _text(page)
    assert "Before you can take part, read and accept your terms" in text
    assert "Oversight group's charter" in text
    assert "Commissioner's charter" in text  # every role's charter is shown below
    assert "I accept these terms" in text

    accepted = client.post(TERMS)
    assert accepted.status_code == 302
    assert accepted["Location"] == TERMS
    after = _text(client.get(TERMS))
    assert "Thank you. You have accepted your terms" in after
    assert "Before you can take part" not in after
    assert "What you have accepted" in after
    assert clock.now().strftime("%-d %b %Y") in after
    assert "Before you can take part" not in _text(client.get("/p/riverside/"))
    assert _sign_off(client).status_code == 302
    assert SignOff.objects.count() == 1


def test_a_new_facilitator_records_a_declaration_only_after_accepting(cast: Cast) -> None:
    client = _newcomer(cast, Role.FACILITATOR)
    data = {"name": "Dr Ada Flood", "kind": "none", "details": "", "role": "expert"}
    refused = client.post(RECORD, data)
    assert refused.status_code == 403
    assert TERMS_403 in _text(refused)
    assert cast.process.declarations.count() == 0
    client.post(TERMS)
    assert client.post(RECORD, data).status_code == 302
    assert cast.process.declarations.count() == 1


def test_a_refusal_for_other_reasons_keeps_the_ordinary_403(cast: Cast) -> None:
    refused = _sign_off(cast.client("commissioner"))
    assert refused.status_code == 403
    text = _text(refused)
    assert "You cannot do that here" in text
    assert TERMS_403 not in text


def test_accepting_needs_a_role_and_a_sign_in(public_cast: Cast) -> None:
    assert public_cast.client("outsider").post(TERMS).status_code == 403
    anonymous = public_cast.client("anonymous").post(TERMS)
    assert anonymous.status_code == 302
    assert "/accounts/login/" in anonymous["Location"]
    assert Acceptance.objects.filter(user__username="outsider").count() == 0


def test_accepting_is_recorded_with_the_member_private(public_cast: Cast) -> None:
    client = _newcomer(public_cast, Role.PARTICIPANT)
    client.post(TERMS)
    last = entries(public_cast.process).last()
    assert last is not None
    assert last.event == "terms.accepted"
    public = json.dumps(public_entries(public_cast.process))
    assert "terms.accepted" in public
    assert NEWCOMER not in public
    assert NEWCOMER not in _text(public_cast.client("anonymous").get("/p/riverside/integrity/"))
    verify_database(public_cast.process)


def test_a_closed_process_offers_no_accept_button(cast: Cast) -> None:
    client = _newcomer(cast, Role.OBSERVER)
    cast.process.phase = Phase.CLOSED
    cast.process.save(update_fields=["phase"])
    page = _text(client.get(TERMS))
    assert "Observer's charter" in page
    assert "I accept these terms" not in page
    assert "its terms can no longer be accepted" in page
    assert client.post(TERMS).status_code == 403
    assert not Acceptance.objects.filter(user__username=NEWCOMER).exists()


# ------------------------------------------------------------------ a new version


def test_a_new_version_must_be_accepted_again_by_that_role_only(cast: Cast) -> None:
    published = _publish_oversight_v2(cast)
    assert published.status_code == 302
    assert published["Location"] == "/p/riverside/terms/oversight/"
    charter = Charter.objects.get(process=cast.process, role="oversight", is_current=True)
    assert charter.version == 2
    assert charter.origin == "lead_practitioner"
    last = entries(cast.process).last()
    assert last is not None
    assert last.event == "terms.published"

    oversight = cast.client("oversight")
    refused = _sign_off(oversight)
    assert refused.status_code == 403
    assert TERMS_403 in _text(refused)
    # Other roles are not affected.
    assert cast.client("facilitator").get(RECORD).status_code == 200

    page = _text(oversight.get(TERMS))
    assert "You accepted version 1. Version 2 changes it:" in page
    assert "The council asked for minutes (zq-note)." in page
    assert f"</span>+ {ADDED_LINE}</ins>" in page
    oversight.post(TERMS)
    assert _sign_off(oversight).status_code == 302
    mine = _text(oversight.get(TERMS))
    assert "(replaced since)" in mine  # version 1 is listed as accepted, then replaced


def test_the_history_shows_every_version_with_its_changes(public_cast: Cast) -> None:
    _publish_oversight_v2(public_cast)
    page = public_cast.client("anonymous").get("/p/riverside/terms/oversight/")
    assert page.status_code == 200
    text = _text(page)
    versions = Charter.objects.filter(process=public_cast.process, role="oversight")
    for charter in versions:
        assert charter.sha256 in text
    assert text.index("Version 2:") < text.index("Version 1:")
    assert f"</span>+ {ADDED_LINE}</ins>" in text
    assert "The council asked for minutes (zq-note)." in text
    assert "The lead practitioner" in text
    assert "lead_practitioner)" not in text  # the public sees the role, not the account
    assert public_cast.client("anonymous").get("/p/riverside/terms/nobody/").status_code == 404


# ------------------------------------------------------------------ who sees what


def test_only_the_lead_practitioner_may_open_the_manage_page(cast: Cast) -> None:
    expected = dict.fromkeys(ROLE_ACTORS, 403) | {
        "lead_practitioner": 200,
        "outsider": 404,
        "staff": 404,
        "anonymous": 302,
    }
    for who in ACTORS:
        client = cast.client(who)
        assert client.get(MANAGE).status_code == expected[who], who
        assert client.get(f"{MANAGE}?role=observer").status_code == expected[who], who
        posted = client.post(
            f"{MANAGE}?role=observer",
            {"title": "Observer's charter", "body": "1. Anything (zq).", "change_note": "zq"},
        )
        assert posted.status_code == (302 if who == "lead_practitioner" else expected[who]), who
    assert Charter.objects.filter(process=cast.process, role="observer").count() == 2


def test_the_public_sees_charters_and_counts_but_no_names(public_cast: Cast) -> None:
    _newcomer(public_cast, Role.PARTICIPANT)
    public = _text(public_cast.client("anonymous").get(TERMS))
    for default in DEFAULT_CHARTERS.values():
        assert default.title in public
    assert "1 of 2 members have accepted version 1" in public
    assert NEWCOMER not in public
    assert "Before you can take part" not in public
    lead = _text(public_cast.client("lead_practitioner").get(TERMS))
    assert NEWCOMER in lead
    assert "not yet accepted" in lead
    assert "accepted v1 on" in lead


def test_a_private_process_terms_are_not_found_for_outsiders(cast: Cast) -> None:
    for who in ("outsider", "staff", "anonymous"):
        client = cast.client(who)
        assert client.get(TERMS).status_code == 404, who
        assert client.get("/p/riverside/terms/commissioner/").status_code == 404, who
    assert cast.client("commissioner").get(TERMS).status_code == 200


# ------------------------------------------------------------------ the manage form


def test_the_manage_page_is_prefilled_with_the_current_version(cast: Cast) -> None:
    page = cast.client("lead_practitioner").get(f"{MANAGE}?role=commissioner")
    text = _text(page)
    assert DEFAULT_CHARTERS[Role.COMMISSIONER].body.splitlines()[0] in text
    assert "must accept the new version before they can act" in text
    assert cast.client("lead_practitioner").get(f"{MANAGE}?role=nobody").status_code == 400


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"change_note": "Nothing really (zq-kept)."},
            "The terms are the same as the current version",
        ),
        ({"change_note": "  ", "body": "1. New terms (zq-kept)."}, "Say what changed and why"),
        ({"title": "", "body": "", "change_note": "Empty (zq-kept)."}, "needs a title"),
    ],
)
def test_mistakes_are_explained_and_nothing_typed_is_lost(
    cast: Cast, data: dict[str, str], message: str
) -> None:
    current = Charter.objects.get(process=cast.process, role="facilitator", is_current=True)
    posted = {"title": current.title, "body": current.body, **data}
    before = entries(cast.process).count()
    response = cast.client("lead_practitioner").post(f"{MANAGE}?role=facilitator", posted)
    assert response.status_code == 400
    text = _text(response)
    assert message in text
    assert "zq-kept" in text
    assert Charter.objects.filter(process=cast.process, role="facilitator").count() == 1
    assert entries(cast.process).count() == before


def test_the_participants_code_locks_their_charter(cast: Cast) -> None:
    now = clock.now()
    proposal = CodeProposal.objects.create(
        process=cast.process,
        number=1,
        title="Our code (zq-code)",
        body="1. We listen.",
        status="adopted",
        proposed_at=now,
        edited_at=now,
    )
    adopt_participant_code(SYSTEM, cast.process, proposal)
    lead = cast.client("lead_practitioner")
    page = _text(lead.get(f"{MANAGE}?role=participant"))
    assert "only another vote of theirs changes it" in page
    assert 'name="body"' not in page
    refused = lead.post(
        f"{MANAGE}?role=participant",
        {"title": "Imposed", "body": "1. Obey.", "change_note": "Because."},
    )
    assert refused.status_code == 400
    assert "only another vote of theirs changes it" in _text(refused)
    assert Charter.objects.get(process=cast.process, role="participant", is_current=True).title == (
        "Our code (zq-code)"
    )


def test_publishing_through_the_action_and_the_page_agree(cast: Cast) -> None:
    lead: User = cast.users["lead_practitioner"]
    charter = do_publish_charter(
        lead,
        cast.process,
        Role.EXPERT,
        title="Expert's charter",
        body="1. I declare my interests.",
        change_note="Shorter.",
    )
    history = _text(cast.client("lead_practitioner").get("/p/riverside/terms/expert/"))
    assert charter.sha256 in history
    assert "(lead_practitioner)" in history  # those who may view members see the account


# ------------------------------------------------------------------ the demo


def test_the_demo_council_accepts_the_negotiated_charter(db: None, demo_db: None) -> None:
    from minipublic.processes.access import roles_awaiting_terms
    from minipublic.processes.models import Process

    process = Process.objects.get(slug="demo")
    charter = Charter.objects.get(process=process, role="commissioner", is_current=True)
    assert charter.version == 2
    assert charter.published_at.date().isoformat() == "2026-06-25"
    assert "within 90 days" in charter.body
    assert "no confidentiality clause beyond the participants' privacy" in charter.body
    acceptance = Acceptance.objects.get(charter=charter)
    assert acceptance.user.username == "commissioner"
    assert acceptance.accepted_at.date().isoformat() == "2026-06-26"
    between = entries(process).filter(
        actor_role="commissioner",
        time__gte=charter.published_at.isoformat()[:10],
        time__lt="2026-06-26T10",
    )
    assert not between.exists()
    assert Charter.objects.get(process=process, role="observer", is_current=True).version == 2
    # Every demo account can still act everywhere.
    for demo in Process.objects.filter(slug__startswith="demo"):
        for user in User.objects.filter(memberships__process=demo).distinct():
            assert not roles_awaiting_terms(user, demo), (demo.slug, user.username)
    public = _text(Client().get("/p/demo/terms/"))
    assert "1 of 1 member has accepted version 2" in public
    history = _text(Client().get("/p/demo/terms/commissioner/"))
    assert "the 90-day response deadline" in history
    assert "</span>\N{MINUS SIGN} 3. I do not make payment" in history
