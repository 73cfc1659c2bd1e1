"""Declarations of interest: who may declare, record, read and review, and what is public."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import PermissionDenied

from minipublic.integrity import declarations
from minipublic.integrity.declarations import (
    do_declare_interest,
    do_record_declaration,
    do_review_declaration,
    pending_declarations,
    public_declarations,
)
from minipublic.integrity.models import Declaration
from minipublic.integrity.record import entries, public_entries, verify_database
from minipublic.lifecycle import LifecycleError, Phase, Role
from minipublic.processes import actions as process_actions
from minipublic.processes.access import SYSTEM
from tests.cast import ACTORS, ROLE_ACTORS, Cast, accept_all_terms, make_user

DECLARE = "/p/riverside/declare/"
LIST = "/p/riverside/manage/declarations/"
NEW = "/p/riverside/manage/declarations/new/"
SHARES = "Holds shares in Thames Flood Defences Ltd (zq-shares)"


def _detail(declaration: Declaration) -> str:
    return f"{LIST}{declaration.pk}/"


def _declare(cast: Cast, who: str, **changes: object) -> Declaration:
    fields: dict[str, object] = {"kind": "financial", "details": SHARES, **changes}
    return do_declare_interest(cast.users[who], cast.process, **fields)  # type: ignore[arg-type]


def _expected(allowed: tuple[str, ...]) -> dict[str, int]:
    expected = {name: (200 if name in allowed else 403) for name in ROLE_ACTORS}
    return expected | {"outsider": 404, "staff": 404, "anonymous": 302}


def _ledger_size(cast: Cast) -> int:
    return entries(cast.process).count()


# ------------------------------------------------------------------ access through HTTP


def test_every_member_may_open_the_declaration_page(cast: Cast) -> None:
    expected = _expected(ROLE_ACTORS)
    for who in ACTORS:
        assert cast.client(who).get(DECLARE).status_code == expected[who], who


def test_the_declarations_pages_follow_the_rules(cast: Cast) -> None:
    declaration = _declare(cast, "participant")
    expected = _expected(("oversight", "lead_practitioner"))
    for who in ACTORS:
        for path in (LIST, _detail(declaration)):
            assert cast.client(who).get(path).status_code == expected[who], (who, path)


def test_the_recording_page_follows_the_rules(cast: Cast) -> None:
    expected = _expected(("lead_practitioner", "facilitator"))
    for who in ACTORS:
        assert cast.client(who).get(NEW).status_code == expected[who], who


def test_a_public_process_does_not_open_the_pages_to_the_public(public_cast: Cast) -> None:
    declaration = _declare(public_cast, "participant")
    for path in (LIST, _detail(declaration), NEW):
        assert public_cast.client("outsider").get(path).status_code == 403, path
    assert public_cast.client("outsider").get(DECLARE).status_code == 403


def test_a_closed_process_takes_declarations_no_more_but_stays_readable(cast: Cast) -> None:
    declaration = _declare(cast, "participant")
    cast.process.phase = Phase.CLOSED
    cast.process.save()
    assert cast.client("participant").get(DECLARE).status_code == 403
    with pytest.raises(PermissionDenied):
        _declare(cast, "expert")
    assert cast.client("oversight").get(LIST).status_code == 200
    assert cast.client("lead_practitioner").get(NEW).status_code == 403
    response = cast.client("oversight").post(_detail(declaration), {"review": "noted"})
    assert response.status_code == 403
    assert Declaration.objects.count() == 1


def test_the_process_page_links_to_the_pages_one_may_use(cast: Cast) -> None:
    pages = {who: cast.client(who).get("/p/riverside/").text for who in ROLE_ACTORS}
    for who, html in pages.items():
        assert DECLARE in html, who
        assert (LIST in html) is (who in ("oversight", "lead_practitioner")), who


# ------------------------------------------------------------------ declaring


def test_declaring_through_the_page(cast: Cast) -> None:
    client = cast.client("participant")
    page = client.get(DECLARE)
    assert "only the oversight group and the lead practitioner" in page.text
    assert "also published" not in page.text
    assert 'name="supersedes"' not in page.text  # nothing to correct yet
    response = client.post(DECLARE, {"kind": "employment", "details": "I work for the council."})
    assert response.status_code == 302
    declaration = Declaration.objects.get()
    assert declaration.declarant == cast.users["participant"]
    assert (declaration.role, declaration.kind) == ("participant", "employment")
    assert declaration.name == "participant"
    assert not declaration.is_public
    listed = client.get(DECLARE).text
    assert "I work for the council." in listed
    assert 'name="supersedes"' in listed
    entry = entries(cast.process).last()
    assert entry is not None
    assert entry.event == "declaration.made"
    assert entry.actor_role == "participant"
    assert entry.payload["declarant"]["username"] == "participant"
    assert entry.payload["recorded_for_someone_else"] is False


def test_an_expert_is_told_their_declaration_is_public(cast: Cast) -> None:
    page = cast.client("expert").get(DECLARE).text
    assert "also published" in page
    assert "It is never published" not in page


def test_nothing_to_declare_needs_no_details(cast: Cast) -> None:
    declaration = _declare(cast, "commissioner", kind="none", details="")
    assert (declaration.kind, declaration.details) == ("none", "")
    assert declaration.role == "commissioner"


def test_an_interest_needs_details_and_nothing_is_saved_without(cast: Cast) -> None:
    before = _ledger_size(cast)
    with pytest.raises(LifecycleError) as caught:
        _declare(cast, "participant", details="   ")
    assert caught.value.code == "declaration_needs_details"
    response = cast.client("participant").post(DECLARE, {"kind": "financial", "details": ""})
    assert response.status_code == 400
    assert "Describe the interest you declare." in response.text
    assert not Declaration.objects.exists()
    assert _ledger_size(cast) == before


def test_a_member_with_two_roles_chooses_one_they_hold(cast: Cast) -> None:
    process_actions.do_add_member(SYSTEM, cast.process, cast.users["participant"], Role.OBSERVER)
    accept_all_terms(cast.process)
    page = cast.client("participant").get(DECLARE).text
    assert 'name="role"' in page
    assert _declare(cast, "participant").role == "participant"  # the first role held
    assert _declare(cast, "participant", role="observer").role == "observer"
    before = _ledger_size(cast)
    for role in ("expert", "nonsense"):
        with pytest.raises(LifecycleError) as caught:
            _declare(cast, "participant", role=role)
        assert caught.value.code == "declaration_role_not_held"
    response = cast.client("participant").post(
        DECLARE, {"kind": "financial", "details": SHARES, "role": "expert"}
    )
    assert response.status_code == 400
    assert Declaration.objects.count() == 2
    assert _ledger_size(cast) == before


def test_only_a_person_declares_their_own_interests(cast: Cast) -> None:
    with pytest.raises(LifecycleError) as caught:
        do_declare_interest(SYSTEM, cast.process, kind="none")
    assert caught.value.code == "declaration_needs_person"
    for who in ("outsider", "staff"):
        with pytest.raises(PermissionDenied):
            _declare(cast, who)
    assert not Declaration.objects.exists()


# ------------------------------------------------------------------ correcting


def test_correcting_a_declaration_supersedes_it(public_cast: Cast) -> None:
    cast = public_cast
    first = _declare(cast, "expert", details="Adviser to the council (first)")
    response = cast.client("expert").post(
        DECLARE,
        {"kind": "employment", "details": "Paid adviser to the council", "supersedes": first.pk},
    )
    assert response.status_code == 302
    second = Declaration.objects.exclude(pk=first.pk).get()
    assert second.supersedes == first
    assert second.role == "expert"
    assert list(public_declarations(cast.process)) == [second]
    entry = entries(cast.process).last()
    assert entry is not None
    assert entry.payload["supersedes"] == first.pk
    page = cast.client("expert").get(DECLARE).text
    assert "Corrected on" in page
    assert "corrects the declaration of" in page
    assert cast.client("oversight").get(LIST).text.count("Corrected by #") == 1
    before = _ledger_size(cast)
    with pytest.raises(LifecycleError) as caught:
        _declare(cast, "expert", supersedes=first)
    assert caught.value.code == "declaration_already_corrected"
    # The page only offers current declarations to correct.
    response = cast.client("expert").post(
        DECLARE, {"kind": "none", "details": "", "supersedes": first.pk}
    )
    assert response.status_code == 400
    assert Declaration.objects.count() == 2
    assert _ledger_size(cast) == before
    assert not verify_database(cast.process)


def test_nobody_corrects_someone_elses_declaration(cast: Cast) -> None:
    theirs = _declare(cast, "participant")
    _declare(cast, "expert", kind="none", details="")  # so the page offers a correction
    before = _ledger_size(cast)
    with pytest.raises(LifecycleError) as caught:
        _declare(cast, "expert", kind="none", details="", supersedes=theirs)
    assert caught.value.code == "declaration_not_yours"
    response = cast.client("expert").post(
        DECLARE, {"kind": "none", "details": "", "supersedes": theirs.pk}
    )
    assert response.status_code == 400
    recorded = do_record_declaration(
        cast.users["facilitator"], cast.process, name="Dr Ada Flood", kind="none"
    )
    with pytest.raises(LifecycleError) as caught:
        do_record_declaration(
            cast.users["facilitator"],
            cast.process,
            name="Dr Ada Flood",
            kind="none",
            supersedes=theirs,
        )
    assert caught.value.code == "declaration_not_yours"
    with pytest.raises(LifecycleError) as caught:
        _declare(cast, "expert", kind="none", details="", supersedes=recorded)
    assert caught.value.code == "declaration_not_yours"
    assert Declaration.objects.count() == 3
    assert _ledger_size(cast) == before + 1  # only the recorded declaration


def test_a_declaration_of_another_process_is_refused(cast: Cast) -> None:
    other = process_actions.do_create_process(
        SYSTEM,
        slug="hillside",
        title="Hillside Jury",
        question="What should Hillside build?",
        commissioning_body="Hillside Council",
        lead=cast.users["lead_practitioner"],
    )
    process_actions.do_add_member(SYSTEM, other, cast.users["expert"], Role.EXPERT)
    accept_all_terms(other)
    process_actions.do_add_member(SYSTEM, other, cast.users["oversight"], Role.OVERSIGHT)
    accept_all_terms(other)
    elsewhere = do_declare_interest(cast.users["expert"], other, kind="none")
    with pytest.raises(LifecycleError) as caught:
        _declare(cast, "expert", kind="none", details="", supersedes=elsewhere)
    assert caught.value.code == "declaration_elsewhere"
    with pytest.raises(LifecycleError) as caught:
        do_review_declaration(cast.users["oversight"], cast.process, elsewhere, review="noted")
    assert caught.value.code == "declaration_elsewhere"
    assert cast.client("oversight").get(_detail(elsewhere)).status_code == 404
    elsewhere.refresh_from_db()
    assert elsewhere.review == "pending"


# ------------------------------------------------------------------ recording for experts


def test_the_facilitator_records_an_experts_declaration(cast: Cast) -> None:
    client = cast.client("facilitator")
    response = client.post(
        NEW,
        {"name": "Dr Ada Flood", "role": "expert", "kind": "organisation", "details": "Chair"},
    )
    assert response.status_code == 302
    assert response["Location"] == NEW  # the facilitator may not read the list
    declaration = Declaration.objects.get()
    assert declaration.declarant is None
    assert (declaration.name, declaration.role) == ("Dr Ada Flood", "expert")
    entry = entries(cast.process).last()
    assert entry is not None
    assert entry.actor_role == "facilitator"
    assert entry.payload["recorded_for_someone_else"] is True
    assert "declarant" not in entry.payload
    public = public_entries(cast.process)[-1]["payload"]
    assert (public["name"], public["details"]) == ("Dr Ada Flood", "Chair")
    lead = cast.client("lead_practitioner").post(
        NEW, {"name": "Prof. Ben Weir", "kind": "none", "role": "expert"}
    )
    assert lead.status_code == 302
    assert lead["Location"] == _detail(Declaration.objects.latest("pk"))
    assert "Record the declaration of an expert" in cast.client("lead_practitioner").get(LIST).text
    assert "Record the declaration of an expert" not in cast.client("oversight").get(LIST).text


def test_a_participants_declaration_is_never_recorded_by_someone_else(cast: Cast) -> None:
    before = _ledger_size(cast)
    with pytest.raises(LifecycleError) as caught:
        do_record_declaration(
            cast.users["lead_practitioner"],
            cast.process,
            name="A participant",
            kind="none",
            role="participant",
        )
    assert caught.value.code == "participant_declares_own"
    response = cast.client("lead_practitioner").post(
        NEW, {"name": "A participant", "kind": "none", "role": "participant"}
    )
    assert response.status_code == 400
    response = cast.client("lead_practitioner").post(
        NEW, {"name": "Dr Ada Flood", "kind": "financial", "details": "", "role": "expert"}
    )
    assert response.status_code == 400
    with pytest.raises(LifecycleError) as caught:
        do_record_declaration(cast.users["lead_practitioner"], cast.process, name=" ", kind="none")
    assert caught.value.code == "declaration_needs_name"
    for who in ("expert", "oversight", "commissioner"):
        with pytest.raises(PermissionDenied):
            do_record_declaration(cast.users[who], cast.process, name="Dr Ada Flood", kind="none")
    assert not Declaration.objects.exists()
    assert _ledger_size(cast) == before


# ------------------------------------------------------------------ the public record


def test_participants_declarations_stay_private_and_experts_are_public(public_cast: Cast) -> None:
    cast = public_cast
    private = _declare(cast, "participant", details="zq-private-detail")
    public = _declare(cast, "expert", details="zq-public-detail")
    staff = _declare(cast, "facilitator", kind="none", details="")
    observer = _declare(cast, "observer", kind="personal", details="zq-observer-detail")
    assert list(public_declarations(cast.process)) == [public, staff]
    ledger = public_entries(cast.process)
    made = [entry["payload"] for entry in ledger if entry["event"] == "declaration.made"]
    assert [payload["declaration"] for payload in made] == [
        private.pk,
        public.pk,
        staff.pk,
        observer.pk,
    ]
    for payload in (made[0], made[3]):
        assert set(payload["name"]) == {"redacted"}
        assert set(payload["details"]) == {"redacted"}
    assert (made[1]["name"], made[1]["details"]) == ("expert", "zq-public-detail")
    assert made[2]["name"] == "facilitator"
    for payload in made:
        assert set(payload["declarant"]) == {"redacted"}
        assert {"role", "kind", "declared_on", "supersedes"} <= set(payload)
    text = json.dumps(ledger)
    assert "zq-private-detail" not in text
    assert "zq-observer-detail" not in text
    assert "zq-public-detail" in text
    # The role names in the charters of terms.seeded are not anyone's user name.
    declared = json.dumps([entry for entry in ledger if not entry["event"].startswith("terms.")])
    assert '"participant"' not in declared.replace('"actor_role": "participant"', "").replace(
        '"role": "participant"', ""
    )
    assert not verify_database(cast.process)


def test_the_public_never_reads_a_participants_declaration_on_any_page(public_cast: Cast) -> None:
    cast = public_cast
    _declare(cast, "participant", details="zq-private-detail")
    for who in ("anonymous", "outsider", "commissioner", "expert", "facilitator"):
        for path in ("/p/riverside/", "/p/riverside/integrity/", LIST, DECLARE):
            assert "zq-private-detail" not in cast.client(who).get(path).text, (who, path)
    declaration = Declaration.objects.get()
    assert "zq-private-detail" in cast.client("oversight").get(_detail(declaration)).text
    assert "zq-private-detail" in cast.client("participant").get(DECLARE).text


# ------------------------------------------------------------------ reviewing


def test_oversight_reviews_through_the_page(cast: Cast) -> None:
    declaration = _declare(cast, "participant")
    assert list(pending_declarations(cast.process)) == [declaration]
    client = cast.client("oversight")
    assert 'name="review"' in client.get(_detail(declaration)).text
    before = _ledger_size(cast)
    refused = client.post(_detail(declaration), {"review": "managed", "note": ""})
    assert refused.status_code == 400
    assert "Say what was done to manage the interest." in refused.text
    declaration.refresh_from_db()
    assert (declaration.review, declaration.reviewed_on) == ("pending", None)
    assert _ledger_size(cast) == before
    response = client.post(
        _detail(declaration),
        {"review": "managed", "note": "zq-note: not in the session on levies"},
    )
    assert response.status_code == 302
    declaration.refresh_from_db()
    assert declaration.review == "managed"
    assert declaration.reviewed_on is not None
    assert not pending_declarations(cast.process).exists()
    entry = entries(cast.process).last()
    assert entry is not None
    assert (entry.event, entry.actor_role) == ("declaration.reviewed", "oversight")
    assert entry.payload["declaration"] == declaration.pk
    assert "note" in entry.private_fields
    assert "zq-note" not in json.dumps(public_entries(cast.process))
    assert not verify_database(cast.process)


def test_the_review_of_an_experts_declaration_is_public(cast: Cast) -> None:
    declaration = _declare(cast, "expert")
    do_review_declaration(
        cast.users["oversight"], cast.process, declaration, review="noted", note="zq-noted"
    )
    assert public_entries(cast.process)[-1]["payload"]["note"] == "zq-noted"
    with pytest.raises(LifecycleError) as caught:
        do_review_declaration(cast.users["oversight"], cast.process, declaration, review="pending")
    assert caught.value.code == "declaration_review_unknown"


@pytest.mark.parametrize("who", ["commissioner", "lead_practitioner", "participant", "expert"])
def test_only_oversight_reviews(cast: Cast, who: str) -> None:
    declaration = _declare(cast, "expert")
    before = _ledger_size(cast)
    with pytest.raises(PermissionDenied):
        do_review_declaration(cast.users[who], cast.process, declaration, review="noted")
    response = cast.client(who).post(_detail(declaration), {"review": "noted"})
    assert response.status_code == 403
    assert (
        cast.client("outsider").post(_detail(declaration), {"review": "noted"}).status_code == 404
    )
    declaration.refresh_from_db()
    assert declaration.review == "pending"
    assert _ledger_size(cast) == before


def test_pending_and_public_lists_leave_out_corrected_declarations(public_cast: Cast) -> None:
    cast = public_cast
    first = _declare(cast, "expert")
    reviewed = _declare(cast, "lead_practitioner", kind="none", details="")
    do_review_declaration(cast.users["oversight"], cast.process, reviewed, review="noted")
    second = _declare(cast, "expert", supersedes=first, details="corrected")
    assert list(pending_declarations(cast.process)) == [second]
    assert list(public_declarations(cast.process)) == [reviewed, second]
    assert public_declarations(cast.process)[1].supersedes == first
    assert list(declarations.own_declarations(cast.users["expert"], cast.process)) == [
        second,
        first,
    ]
    assert not verify_database()


def test_a_new_member_sees_only_their_own_declarations(cast: Cast) -> None:
    _declare(cast, "participant", details="zq-someone-else")
    newcomer = make_user("zq-newcomer")
    process_actions.do_add_member(SYSTEM, cast.process, newcomer, Role.PARTICIPANT)
    accept_all_terms(cast.process)
    client = cast.client("participant")
    client.force_login(newcomer)
    page = client.get(DECLARE)
    assert page.status_code == 200
    assert "zq-someone-else" not in page.text
    assert "You have not declared anything in this process yet." in page.text
