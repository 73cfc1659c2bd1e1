"""Drafting through the pages: writing a recommendation, its drafting group, direct
edits kept as revisions with a word diff, amendments (accepted, put to a vote,
withdrawn), comments — and who may read or do any of it."""

from __future__ import annotations

import pytest

from minipublic.integrity.record import entries, public_entries
from minipublic.recommendations.drafting_models import AmendmentStatus, Revision
from minipublic.recommendations.models import Recommendation, RecommendationStatus
from tests.cast import ACTORS, Cast
from tests.drafting_fixtures import BASE, TEXT, Assembly, draft, make_assembly

NEW = f"{BASE}new/"
FIELDS = {
    "theme": "Heating our homes",
    "title": "Warm homes first",
    "text": TEXT,
    "rationale": "Cold homes cost lives and money.",
}


@pytest.fixture
def assembly(cast: Cast) -> Assembly:
    return make_assembly(cast)


def _text(response: object) -> str:
    return response.content.decode()  # type: ignore[attr-defined]


# ------------------------------------------------------------------ who may do what

# VIEW_DRAFTS: participants, the team and oversight; never the commissioner.
_SEES_DRAFTS = {"participant", "lead_practitioner", "facilitator", "oversight"}


def test_only_participants_may_write(assembly: Assembly) -> None:
    for who in ACTORS:
        client = assembly.cast.client(who)
        expected = {"participant": 200, "outsider": 404, "staff": 404, "anonymous": 302}
        assert client.get(NEW).status_code == expected.get(who, 403), who


def test_drafts_are_read_only_in_the_workspace(assembly: Assembly) -> None:
    draft(assembly, title="Zq hidden draft")
    for who in ACTORS:
        client = assembly.cast.client(who)
        listing = client.get(BASE)
        detail = client.get(f"{BASE}1/")
        if who in _SEES_DRAFTS:
            assert listing.status_code == 200, who
            assert "Zq hidden draft" in _text(listing), who
            assert detail.status_code == 200, who
        elif who in ("outsider", "staff", "anonymous"):
            assert listing.status_code == 404, who  # a private process
            assert detail.status_code == 404, who
        else:
            # The commissioner, the expert, the observer, the recruiter: members who
            # read the process but never a draft.
            assert listing.status_code == 200, who
            assert "Zq hidden draft" not in _text(listing), who
            assert "still writing and deciding" in _text(listing), who
            assert detail.status_code == 404, who


def test_the_public_sees_no_draft(public_cast: Cast) -> None:
    assembly = make_assembly(public_cast)
    draft(assembly, title="Zq hidden draft")
    listing = public_cast.client("anonymous").get(BASE)
    assert listing.status_code == 200
    assert "Zq hidden draft" not in _text(listing)
    assert public_cast.client("anonymous").get(f"{BASE}1/").status_code == 404


# ------------------------------------------------------------------ writing


def test_a_participant_writes_a_recommendation(assembly: Assembly) -> None:
    response = assembly.client("participant").post(NEW, FIELDS)
    assert response.status_code == 302
    assert response["Location"] == f"{BASE}1/"
    recommendation = Recommendation.objects.get()
    assert (recommendation.number, recommendation.title) == (1, "Warm homes first")
    assert recommendation.status == RecommendationStatus.DRAFT
    assert list(recommendation.drafters.values_list("member__username", flat=True)) == [
        "participant"
    ]
    page = _text(assembly.client("member2").get(f"{BASE}1/"))
    assert "Warm homes first" in page
    assert "Join the drafting group" in page
    # The public record commits to the wording but holds neither the title nor the writer.
    entry = entries(assembly.cast.process).get(event="recommendation.drafted")
    public = next(
        e for e in public_entries(assembly.cast.process) if e["sequence"] == entry.sequence
    )
    assert public["payload"]["number"] == 1
    assert "Warm homes first" not in str(public)
    assert "participant" not in str(public["payload"])
    assert Revision.objects.get().sha256 == public["payload"]["sha256"]


def test_a_draft_without_a_title_is_refused_and_nothing_is_lost(assembly: Assembly) -> None:
    response = assembly.client("participant").post(NEW, FIELDS | {"title": "  "})
    assert response.status_code == 400
    page = _text(response)
    assert "Give the recommendation a title." in page
    assert "insulate every council home" in page  # what was typed is still there
    assert not Recommendation.objects.exists()


# ------------------------------------------------------------------ the drafting group


def test_the_drafting_group_edits_and_every_edit_is_a_revision(assembly: Assembly) -> None:
    draft(assembly)
    outsider_edit = assembly.client("member2").post(
        f"{BASE}1/edit/", FIELDS | {"text": "Something else."}
    )
    assert outsider_edit.status_code == 400
    assert "join the group first" in _text(outsider_edit)

    joined = assembly.client("member2").post(f"{BASE}1/", {"step": "join"})
    assert joined.status_code == 302
    new_text = TEXT.replace("by 2030", "by 2029, starting with the coldest streets")
    edited = assembly.client("member2").post(
        f"{BASE}1/edit/", FIELDS | {"text": new_text, "note": "Sooner, and worst first."}
    )
    assert edited.status_code == 302
    assert Recommendation.objects.get().text == new_text
    page = _text(assembly.client("participant").get(f"{BASE}1/"))
    assert "Revision 2" in page
    assert "Sooner, and worst first." in page
    assert '<del><span class="visually-hidden">Removed: </span>2030</del>' in page
    assert "member2" in page  # the workspace names who edited
    unchanged = assembly.client("member2").post(f"{BASE}1/edit/", FIELDS | {"text": new_text})
    assert unchanged.status_code == 400
    assert "same as before" in _text(unchanged)


# ------------------------------------------------------------------ amendments


def _amend(assembly: Assembly, who: str = "member3", text: str = "") -> object:
    return assembly.client(who).post(
        f"{BASE}1/amend/",
        {"text": text or TEXT + " Tenants pay nothing.", "reason": "Rents must not rise."},
    )


def test_an_amendment_accepted_by_the_group_replaces_the_text(assembly: Assembly) -> None:
    draft(assembly)
    response = _amend(assembly)
    assert response.status_code == 302
    assert response["Location"] == f"{BASE}1/amendments/1/"  # type: ignore[index]
    page = _text(assembly.client("participant").get(f"{BASE}1/amendments/1/"))
    assert "Tenants pay nothing." in page
    assert "Rents must not rise." in page
    # Only the drafting group decides: member3 (the proposer) is not in it.
    refused = assembly.client("member3").post(f"{BASE}1/amendments/1/", {"step": "accept"})
    assert refused.status_code == 400
    assert "join the group first" in _text(refused)
    accepted = assembly.client("participant").post(
        f"{BASE}1/amendments/1/", {"step": "accept", "note": "Agreed at table 2."}
    )
    assert accepted.status_code == 302
    recommendation = Recommendation.objects.get()
    assert recommendation.text.endswith("Tenants pay nothing.")
    assert recommendation.amendments.get().status == AmendmentStatus.ACCEPTED
    assert "from amendment 1" in _text(assembly.client("participant").get(f"{BASE}1/"))
    events = [e.event for e in entries(assembly.cast.process)]
    assert events[-2:] == ["amendment.proposed", "amendment.accepted"]


def test_an_amendment_not_accepted_goes_to_a_vote_and_blocks_the_final_vote(
    assembly: Assembly,
) -> None:
    draft(assembly)
    _amend(assembly)
    put = assembly.client("participant").post(f"{BASE}1/amendments/1/", {"step": "to_vote"})
    assert put.status_code == 302
    assert Recommendation.objects.get().amendments.get().status == AmendmentStatus.VOTING
    # The recommendation itself cannot go to the vote while its amendment is undecided.
    facilitator = assembly.cast.client("facilitator")
    page = _text(facilitator.get(f"{BASE}1/"))
    assert "cannot be put to the vote before it is decided" in page
    refused = facilitator.post(f"{BASE}1/", {"step": "open_vote"})
    assert refused.status_code == 400
    assert "await a decision" in _text(refused)
    # Nor can the group edit the text under the amendment's vote.
    edit = assembly.client("participant").post(f"{BASE}1/edit/", FIELDS | {"text": "Other."})
    assert "has been put to a vote" in _text(edit)


def test_only_its_proposer_withdraws_an_amendment(assembly: Assembly) -> None:
    draft(assembly)
    _amend(assembly)
    other = assembly.client("member2").post(f"{BASE}1/amendments/1/", {"step": "withdraw"})
    assert other.status_code == 400
    assert "Only the participant who proposed an amendment withdraws it." in _text(other)
    mine = assembly.client("member3").post(f"{BASE}1/amendments/1/", {"step": "withdraw"})
    assert mine.status_code == 302
    assert Recommendation.objects.get().amendments.get().status == AmendmentStatus.WITHDRAWN


def test_an_amendment_must_change_something_and_give_a_reason(assembly: Assembly) -> None:
    draft(assembly)
    same = _amend(assembly, text=TEXT)
    assert same.status_code == 400  # type: ignore[attr-defined]
    assert "same as the recommendation" in _text(same)
    no_reason = assembly.client("member3").post(f"{BASE}1/amend/", {"text": "New.", "reason": ""})
    assert "Say why you propose this change." in _text(no_reason)


# ------------------------------------------------------------------ comments


def test_participants_comment_and_only_the_workspace_reads_it(assembly: Assembly) -> None:
    draft(assembly)
    posted = assembly.client("member4").post(
        f"{BASE}1/", {"step": "comment", "text": "What about private landlords? (zq-comment)"}
    )
    assert posted.status_code == 302
    assert "zq-comment" in _text(assembly.cast.client("oversight").get(f"{BASE}1/"))
    assert assembly.cast.client("commissioner").get(f"{BASE}1/").status_code == 404
    refused = assembly.cast.client("facilitator").post(
        f"{BASE}1/", {"step": "comment", "text": "Team view."}
    )
    assert refused.status_code == 403  # only participants write
