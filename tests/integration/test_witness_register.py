"""The register of witnesses: proposing, deciding, declarations, demographics, the public
page with its balance, the sign-off fingerprint and the conformance facts.

Through the pages (the Django test client on the real URLs) and the named actions, on
the riverside cast (one person per role).
"""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from minipublic.conformance.facts import facts_for
from minipublic.conformance.signoffs import subject_sha256
from minipublic.evidence.models import (
    ProposerKind,
    Witness,
    WitnessDecision,
    WitnessProfile,
    WitnessStatus,
)
from minipublic.evidence.register import MIN_AGGREGATE
from minipublic.evidence.witness_actions import (
    do_decide_witness,
    do_link_witness_declaration,
    do_propose_witness,
    do_record_witness_declaration,
    do_record_witness_profile,
    do_update_witness,
)
from minipublic.integrity.declarations import do_declare_interest, public_declarations
from minipublic.integrity.record import entries, public_entries
from minipublic.lifecycle import LifecycleError, Role
from minipublic.processes.access import SYSTEM
from tests.cast import ACTORS, ROLE_ACTORS, Cast

REGISTER = "/p/riverside/witnesses/"
MANAGE = "/p/riverside/manage/witnesses/"
PROPOSE = f"{MANAGE}propose/"
FORM = {
    "name": "Dr Ada Flood",
    "role_organisation": "Hydrologist, Riverside University",
    "expertise": "How often the river floods, and why.",
    "perspectives": "flood science, independent research",
}


def _witness(cast: Cast, who: str = "lead_practitioner", **changes: object) -> Witness:
    values: dict[str, object] = {
        "name": "Dr Ada Flood",
        "role_organisation": "Hydrologist, Riverside University",
        "expertise": "How often the river floods.",
        "perspectives": ["flood science"],
        **changes,
    }
    return do_propose_witness(cast.users[who], cast.process, **values)  # type: ignore[arg-type]


def _page(client: Client, path: str = REGISTER) -> str:
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


# ------------------------------------------------------------------ who may do what


def test_who_may_open_the_pages(cast: Cast) -> None:
    witness = _witness(cast)
    manage_one = f"{MANAGE}{witness.number}/"
    proposers = {"commissioner", "lead_practitioner", "facilitator", "expert", "oversight"}
    for who in ACTORS:
        client = cast.client(who)
        member = who in ROLE_ACTORS
        # The process is private: only its members see the register.
        assert client.get(REGISTER).status_code == (200 if member else 404), who
        expected = 302 if who == "anonymous" else 404 if not member else 403
        assert client.get(MANAGE).status_code == (200 if who in proposers else expected), who
        assert client.get(PROPOSE).status_code == (200 if who in proposers else expected), who
        team = who in ("lead_practitioner", "facilitator")
        assert client.get(manage_one).status_code == (200 if team else expected), who


def test_the_public_reads_the_register_of_a_public_process(public_cast: Cast) -> None:
    _witness(public_cast)
    page = _page(Client())
    assert "Dr Ada Flood" in page
    assert "flood science" in page


def test_only_the_team_decides_and_edits(cast: Cast) -> None:
    witness = _witness(cast)
    for who in ROLE_ACTORS:
        if who in ("lead_practitioner", "facilitator"):
            continue
        with pytest.raises(PermissionDenied):
            do_decide_witness(cast.users[who], cast.process, witness, status="invited", reasons="x")
        response = cast.client(who).post(
            f"{MANAGE}{witness.number}/", {"step": "decide", "status": "invited", "reasons": "x"}
        )
        assert response.status_code == 403, who
    assert not WitnessDecision.objects.exists()


# ------------------------------------------------------------------ proposing


def test_the_commissioners_proposal_is_labelled_theirs_whatever_the_form_says(
    public_cast: Cast,
) -> None:
    client = public_cast.client("commissioner")
    form = {**FORM, "proposer_kind": "stakeholder", "proposer_name": "Friends of the River"}
    response = client.post(PROPOSE, form)
    assert response.status_code == 302
    witness = Witness.objects.get()
    assert witness.proposer_kind == ProposerKind.COMMISSIONER
    assert witness.proposer_name == ""
    page = _page(Client())
    assert "Proposed by the commissioner" in page
    assert "Friends of the River" not in page
    entry = entries(public_cast.process).get(event="witness.proposed")
    assert entry.payload["proposer_kind"] == "commissioner"
    assert entry.actor_role == "commissioner"
    # The team cannot relabel it either: there is no such field to edit.
    do_update_witness(
        public_cast.users["facilitator"],
        public_cast.process,
        witness,
        name="Dr Ada Flood",
        role_organisation="Hydrologist",
        expertise="Floods.",
        perspectives=["flood science"],
        proposer_name="Friends of the River",
    )
    witness.refresh_from_db()
    assert (witness.proposer_kind, witness.proposer_name) == ("commissioner", "")


def test_experts_and_oversight_propose_as_themselves(cast: Cast) -> None:
    expert = _witness(cast, "expert", proposer_kind="team")
    oversight = _witness(cast, "oversight", proposer_kind="team")
    assert (expert.proposer_kind, oversight.proposer_kind) == ("expert", "oversight")


def test_the_team_records_a_stakeholders_proposal_naming_the_organisation(cast: Cast) -> None:
    client = cast.client("facilitator")
    response = client.post(PROPOSE, {**FORM, "proposer_kind": "stakeholder"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Name the stakeholder organisation that proposed the witness." in page
    assert 'value="Dr Ada Flood"' in page  # nothing typed is lost
    assert "How often the river floods, and why." in page
    assert not Witness.objects.exists()
    form = {**FORM, "proposer_kind": "stakeholder", "proposer_name": "Riverside Anglers"}
    response = client.post(PROPOSE, form)
    assert response.status_code == 302
    witness = Witness.objects.get()
    assert response["Location"] == f"{MANAGE}{witness.number}/"
    assert (witness.proposer_kind, witness.proposer_name) == ("stakeholder", "Riverside Anglers")
    assert witness.perspectives == ["flood science", "independent research"]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("perspectives", " , ;", "Give at least one perspective"),
        ("perspectives", "x" * 61, "A perspective has at most 60 characters"),
        ("perspectives", ",".join(f"p{n}" for n in range(9)), "Give at most 8 perspectives"),
        ("name", "   ", "This field is required."),
    ],
)
def test_bad_proposals_are_refused_with_a_clear_message(
    cast: Cast, field: str, value: str, message: str
) -> None:
    response = cast.client("expert").post(PROPOSE, {**FORM, field: value})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Witness.objects.exists()


def test_perspectives_are_spelled_like_those_already_in_the_register(cast: Cast) -> None:
    _witness(cast, perspectives=["Flood science"])
    second = _witness(cast, perspectives=["flood  SCIENCE", "farming", "Farming"])
    assert second.perspectives == ["Flood science", "farming"]


def test_a_participants_witness_answers_one_of_their_requests(cast: Cast) -> None:
    with pytest.raises(LifecycleError) as refused:
        _witness(cast, proposer_kind="participants")
    assert refused.value.code == "witness_needs_request"


# ------------------------------------------------------------------ deciding


def test_decisions_follow_each_other_with_published_reasons(public_cast: Cast) -> None:
    witness = _witness(public_cast)
    client = public_cast.client("facilitator")
    path = f"{MANAGE}{witness.number}/"
    refused = client.post(path, {"step": "decide", "status": "invited", "reasons": "  "})
    assert refused.status_code == 400
    assert "This field is required." in refused.content.decode()
    not_next = client.post(path, {"step": "decide", "status": "appeared", "reasons": "Came."})
    assert not_next.status_code == 400
    assert "Select a valid choice" in not_next.content.decode()
    reasons = "Balances the upstream farmers' view (zq-reasons)."
    done = client.post(path, {"step": "decide", "status": "invited", "reasons": reasons})
    assert done.status_code == 302
    client.post(path, {"step": "decide", "status": "appeared", "reasons": "Spoke on day 2."})
    witness.refresh_from_db()
    assert witness.status == WitnessStatus.APPEARED
    page = _page(Client())
    assert "zq-reasons" in page
    assert "Spoke on day 2." in page
    decided = [e.payload for e in entries(public_cast.process).filter(event="witness.decided")]
    assert [(p["from"], p["status"]) for p in decided] == [
        ("proposed", "invited"),
        ("invited", "appeared"),
    ]
    assert decided[0]["reasons"] == reasons
    with pytest.raises(LifecycleError) as final:
        do_decide_witness(SYSTEM, public_cast.process, witness, status="withdrew", reasons="x")
    assert final.value.code == "witness_status_not_next"


def test_a_witness_who_declined_can_be_asked_again(cast: Cast) -> None:
    witness = _witness(cast)
    lead = cast.users["lead_practitioner"]
    do_decide_witness(lead, cast.process, witness, status="invited", reasons="Needed.")
    do_decide_witness(lead, cast.process, witness, status="declined", reasons="Away in May.")
    do_decide_witness(lead, cast.process, witness, status="invited", reasons="June instead.")
    assert list(witness.decisions.values_list("status", flat=True)) == [
        "invited",
        "declined",
        "invited",
    ]


# ------------------------------------------------------------------ declarations


def test_a_declaration_is_recorded_public_and_reviewed_like_any_other(public_cast: Cast) -> None:
    witness = _witness(public_cast)
    client = public_cast.client("facilitator")
    path = f"{MANAGE}{witness.number}/"
    empty = client.post(path, {"step": "declaration", "kind": "employment", "details": ""})
    assert empty.status_code == 400
    assert "Describe the interest you declare." in empty.content.decode()
    details = "Paid adviser to the Riverside Water Company."
    client.post(path, {"step": "declaration", "kind": "employment", "details": details})
    assert details in _page(Client())
    assert details in _page(Client(), "/p/riverside/integrity/")
    corrected = "Unpaid adviser to the Riverside Water Company."
    client.post(path, {"step": "declaration", "kind": "organisation", "details": corrected})
    page = _page(Client())
    assert corrected in page
    assert details not in page
    current = list(public_declarations(public_cast.process).values_list("details", flat=True))
    assert corrected in current
    assert details not in current  # the correction supersedes it


def test_an_experts_own_declaration_is_linked_not_repeated(cast: Cast) -> None:
    own = do_declare_interest(
        cast.users["expert"], cast.process, kind="financial", details="Shares in a pump maker."
    )
    witness = _witness(cast)
    do_link_witness_declaration(cast.users["facilitator"], cast.process, witness, own)
    assert "Shares in a pump maker." in _page(cast.client("observer"))
    # A correction the expert makes themselves shows instead.
    newer = do_declare_interest(
        cast.users["expert"], cast.process, kind="none", supersedes=own, details=""
    )
    witness.refresh_from_db()
    assert witness.current_declaration == newer
    # A participant's (private) declaration cannot be linked.
    private = do_declare_interest(cast.users["participant"], cast.process, kind="none")
    with pytest.raises(LifecycleError) as refused:
        do_link_witness_declaration(SYSTEM, cast.process, witness, private)
    assert refused.value.code == "witness_declaration_not_linkable"


def test_a_withheld_name_is_never_public(public_cast: Cast) -> None:
    client = public_cast.client("facilitator")
    form = {**FORM, "name": "Zq Private Person", "name_withheld": "on", "proposer_kind": "team"}
    assert client.post(PROPOSE, form).status_code == 302
    witness = Witness.objects.get()
    do_record_witness_declaration(SYSTEM, public_cast.process, witness, kind="none")
    for path in (REGISTER, "/p/riverside/integrity/"):
        page = _page(Client(), path)
        assert "Zq Private Person" not in page
    assert "Hydrologist, Riverside University" in _page(Client())
    assert "Zq Private Person" not in json.dumps(public_entries(public_cast.process))
    assert "Zq Private Person" in _page(client, f"{MANAGE}{witness.number}/")  # the team's


# ------------------------------------------------------------------ demographics


def _invited(cast: Cast, count: int) -> list[Witness]:
    people = []
    for index in range(count):
        witness = _witness(cast, name=f"Witness {index}")
        do_decide_witness(SYSTEM, cast.process, witness, status="invited", reasons="Needed.")
        people.append(witness)
    return people


def test_demographics_are_published_only_in_aggregate_with_consent(public_cast: Cast) -> None:
    people = _invited(public_cast, MIN_AGGREGATE + 1)
    client = public_cast.client("lead_practitioner")
    for index, witness in enumerate(people):
        response = client.post(
            f"{MANAGE}{witness.number}/",
            {
                "step": "profile",
                "gender": "woman" if index < 3 else "man",
                "age_band": "60_plus",
                "minority_ethnic": "",
                "disabled": "yes" if index == 0 else "no",
                # The last witness does not agree: never counted.
                "consent_to_publish": "on" if index < MIN_AGGREGATE else "",
            },
        )
        assert response.status_code == 302
        page = _page(Client())
        if index < MIN_AGGREGATE - 1:
            assert "Woman" not in page  # too few have agreed yet
            assert f"so far: {index + 1}" in page
    page = _page(Client())
    assert f"{MIN_AGGREGATE} of the {MIN_AGGREGATE + 1} invited witnesses" in page
    assert '<th scope="row">Woman</th><td data-label="Witnesses">3</td>' in page
    assert '<th scope="row">Man</th><td data-label="Witnesses">2</td>' in page
    # Never per witness, never in the public record.
    record = json.dumps(public_entries(public_cast.process))
    assert "woman" not in record
    assert "60_plus" not in record
    profile_events = entries(public_cast.process).filter(event="witness.profile_recorded")
    assert {tuple(sorted(e.payload)) for e in profile_events} == {("consent_to_publish", "number")}


def test_an_empty_profile_without_consent_erases_what_was_kept(cast: Cast) -> None:
    witness = _invited(cast, 1)[0]
    do_record_witness_profile(SYSTEM, cast.process, witness, gender="man", consent_to_publish=True)
    assert do_record_witness_profile(SYSTEM, cast.process, witness) is None
    assert not WitnessProfile.objects.exists()
    assert entries(cast.process).filter(event="witness.profile_erased").count() == 1


def test_demographics_are_read_only_by_the_team(cast: Cast) -> None:
    witness = _invited(cast, 1)[0]
    do_record_witness_profile(SYSTEM, cast.process, witness, gender="another")
    assert "Non-binary or another gender" in _page(
        cast.client("facilitator"), f"{MANAGE}{witness.number}/"
    )
    for who in ("oversight", "commissioner", "participant", "expert"):
        assert "Non-binary" not in _page(cast.client(who)), who
        assert cast.client(who).get(f"{MANAGE}{witness.number}/").status_code == 403


# ------------------------------------------------------------------ balance, sign-off, facts


def test_the_balance_counts_who_proposed_whom_and_who_was_invited(public_cast: Cast) -> None:
    mine = _witness(public_cast, "commissioner", perspectives=["council view"])
    ours = _witness(public_cast, perspectives=["council view", "residents"])
    do_decide_witness(SYSTEM, public_cast.process, mine, status="not_chosen", reasons="Balance.")
    do_decide_witness(SYSTEM, public_cast.process, ours, status="invited", reasons="Needed.")
    page = _page(Client())
    assert (
        '<tr><th scope="row">Commissioner</th><td data-label="Proposed">1</td>'
        '<td data-label="Under consideration">0</td><td data-label="Invited">0</td>'
    ) in page
    assert (
        '<tr><th scope="row">council view</th><td data-label="Proposed">2</td>'
        '<td data-label="Invited or heard">1</td></tr>'
    ) in page


def test_the_witness_sign_off_fingerprints_the_register(cast: Cast) -> None:
    empty = subject_sha256(cast.process, "witnesses")
    witness = _witness(cast)
    proposed = subject_sha256(cast.process, "witnesses")
    assert proposed != empty
    do_decide_witness(SYSTEM, cast.process, witness, status="invited", reasons="Needed.")
    invited = subject_sha256(cast.process, "witnesses")
    assert invited != proposed
    # Hearing an invited witness does not undo a sign-off of the list.
    do_decide_witness(SYSTEM, cast.process, witness, status="appeared", reasons="Came.")
    assert subject_sha256(cast.process, "witnesses") == invited
    do_record_witness_declaration(SYSTEM, cast.process, witness, kind="none")
    assert subject_sha256(cast.process, "witnesses") != invited


def test_conformance_counts_the_witnesses_heard(cast: Cast) -> None:
    facts = facts_for(cast.process)
    assert (facts.witnesses, facts.witnesses_chosen_by_participants) == (None, None)
    witness = _witness(cast)
    assert facts_for(cast.process).witnesses == 0
    do_decide_witness(SYSTEM, cast.process, witness, status="invited", reasons="Needed.")
    facts = facts_for(cast.process)
    assert (facts.witnesses, facts.witnesses_chosen_by_participants) == (1, 0)


def test_the_ledger_names_the_proposer_only_privately(cast: Cast) -> None:
    _witness(cast, "expert")
    record = public_entries(cast.process)[-1]
    assert record["event"] == "witness.proposed"
    assert set(record["payload"]["proposed_by"]) == {"redacted"}
    assert record["actor_role"] == Role.EXPERT.value
