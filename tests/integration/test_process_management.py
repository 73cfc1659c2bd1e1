"""Running a process through its pages: phases, details, members, creation."""

from __future__ import annotations

from minipublic.lifecycle import Phase, Role
from minipublic.processes.models import Membership, PhaseChange, Process
from tests.cast import Cast


def test_moving_forward_records_who_and_when_and_shows_publicly(public_cast: Cast) -> None:
    lead = public_cast.client("lead_practitioner")
    response = lead.post(
        "/p/riverside/manage/phase/",
        {"to_phase": "recruitment", "reason": "Terms agreed with the council."},
        follow=True,
    )
    assert "The process is now in the Recruitment phase." in response.text
    change = PhaseChange.objects.get(process=public_cast.process, to_phase="recruitment")
    assert (change.from_phase, change.actor, change.actor_label) == (
        "design",
        public_cast.users["lead_practitioner"],
        "lead_practitioner",
    )
    page = public_cast.client("anonymous").get("/p/riverside/").text
    assert "Terms agreed with the council." in page
    assert 'aria-current="step"' in page


def test_skipping_a_phase_is_refused_with_an_explanation(cast: Cast) -> None:
    response = cast.client("lead_practitioner").post(
        "/p/riverside/manage/phase/", {"to_phase": "deliberation"}
    )
    assert response.status_code == 400
    assert "from Design the next phase is Recruitment" in response.text
    assert cast.refresh().phase == Phase.DESIGN


def test_going_back_needs_a_reason_which_is_then_published(public_cast: Cast) -> None:
    public_cast.process.phase = Phase.DELIBERATION
    public_cast.process.save()
    lead = public_cast.client("lead_practitioner")
    refused = lead.post("/p/riverside/manage/phase/", {"to_phase": "selection", "reason": " "})
    assert refused.status_code == 400
    assert "needs a written reason" in refused.text
    lead.post(
        "/p/riverside/manage/phase/",
        {"to_phase": "selection", "reason": "Two members withdrew; replacements are drawn."},
    )
    assert public_cast.refresh().phase == Phase.SELECTION
    assert "Two members withdrew" in public_cast.client("anonymous").get("/p/riverside/").text


def test_an_unknown_phase_is_a_field_error_not_a_crash(cast: Cast) -> None:
    response = cast.client("lead_practitioner").post(
        "/p/riverside/manage/phase/", {"to_phase": "party"}
    )
    assert response.status_code == 400
    assert "Select a valid choice" in response.text
    assert 'aria-invalid="true"' in response.text


def test_invalid_details_keep_the_stored_values(cast: Cast) -> None:
    response = cast.client("lead_practitioner").post(
        "/p/riverside/manage/details/",
        {"title": "", "question": "", "commissioning_body": "X", "model": "citizens_assembly"},
    )
    assert response.status_code == 400
    assert response.text.count("This field is required.") == 2
    assert cast.refresh().title == "Riverside Citizens' Assembly"


def test_the_settings_page_explains_a_frozen_remit(cast: Cast) -> None:
    cast.process.phase = Phase.DELIBERATION
    cast.process.save()
    page = cast.client("lead_practitioner").get("/p/riverside/manage/").text
    assert "fixed in this phase" in page
    assert 'action="/p/riverside/manage/details/"' not in page
    assert 'action="/p/riverside/manage/phase/"' in page


def test_adding_members_by_user_name_or_email(cast: Cast) -> None:
    lead = cast.client("lead_practitioner")
    lead.post("/p/riverside/members/add/", {"person": "OUTSIDER", "role": "observer"})
    lead.post("/p/riverside/members/add/", {"person": "outsider@example.org", "role": "expert"})
    roles = set(
        Membership.objects.filter(user=cast.users["outsider"]).values_list("role", flat=True)
    )
    assert roles == {"observer", "expert"}


def test_adding_an_unknown_person_or_a_held_role_is_explained(cast: Cast) -> None:
    lead = cast.client("lead_practitioner")
    unknown = lead.post("/p/riverside/members/add/", {"person": "nobody", "role": "observer"})
    assert unknown.status_code == 400
    assert "No account has that user name or e-mail address." in unknown.text
    again = lead.post("/p/riverside/members/add/", {"person": "observer", "role": "observer"})
    assert again.status_code == 400
    assert "already holds the role Observer" in again.text


def test_the_last_lead_practitioner_cannot_be_removed(cast: Cast) -> None:
    lead = cast.users["lead_practitioner"]
    response = cast.client("lead_practitioner").post(
        "/p/riverside/members/remove/",
        {"user_id": lead.pk, "role": "lead_practitioner"},
        follow=True,
    )
    assert "A process always needs a lead practitioner" in response.text
    assert Membership.objects.filter(user=lead, role=Role.LEAD_PRACTITIONER).exists()


def test_removing_with_a_bad_form_changes_nothing(cast: Cast) -> None:
    before = Membership.objects.count()
    response = cast.client("lead_practitioner").post(
        "/p/riverside/members/remove/", {"user_id": "abc", "role": "observer"}, follow=True
    )
    assert "nothing was changed" in response.text
    assert Membership.objects.count() == before


def test_staff_create_a_process_and_lead_it(cast: Cast) -> None:
    response = cast.client("staff").post(
        "/processes/new/",
        {
            "slug": "harbour-jury",
            "title": "Harbour Jury",
            "question": "What should happen to the old harbour?",
            "description": "",
            "commissioning_body": "Port Authority",
            "model": "citizens_jury",
            "visibility": "private",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/p/harbour-jury/"
    process = Process.objects.get(slug="harbour-jury")
    assert process.phase == Phase.DESIGN
    assert Membership.objects.filter(
        process=process, user=cast.users["staff"], role=Role.LEAD_PRACTITIONER
    ).exists()
    assert (
        PhaseChange.objects.filter(process=process, from_phase="", to_phase="design").count() == 1
    )


def test_creating_with_a_taken_short_name_is_a_field_error(cast: Cast) -> None:
    response = cast.client("staff").post(
        "/processes/new/",
        {
            "slug": "riverside",
            "title": "Another",
            "question": "?",
            "commissioning_body": "X",
            "model": "citizens_jury",
            "visibility": "private",
        },
    )
    assert response.status_code == 400
    assert "already exists" in response.text
    assert Process.objects.count() == 1


def test_dashboard_lists_each_process_with_the_persons_roles(cast: Cast) -> None:
    page = cast.client("lead_practitioner").get("/dashboard/").text
    assert "Riverside Citizens&#x27; Assembly" in page
    assert "Lead practitioner" in page
    assert 'href="/p/riverside/manage/"' in page
    participant_page = cast.client("participant").get("/dashboard/").text
    assert "Participant" in participant_page
    assert 'href="/p/riverside/manage/"' not in participant_page
    assert "not a member of any process" in cast.client("outsider").get("/dashboard/").text


def test_a_public_record_cannot_be_hidden_after_design(public_cast: Cast) -> None:
    public_cast.process.phase = Phase.RECRUITMENT
    public_cast.process.save()
    response = public_cast.client("lead_practitioner").post(
        "/p/riverside/manage/visibility/", {"visibility": "private"}
    )
    assert response.status_code == 400
    assert "it stays public" in response.text
    assert public_cast.refresh().is_public


def test_a_process_published_by_mistake_during_design_can_be_withdrawn(public_cast: Cast) -> None:
    public_cast.client("lead_practitioner").post(
        "/p/riverside/manage/visibility/", {"visibility": "private"}
    )
    assert not public_cast.refresh().is_public
