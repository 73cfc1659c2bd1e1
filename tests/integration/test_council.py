"""The permanent citizens' council: pages by role, rotation draws by lot, schedule,
topics, experts, follow-ups, and refusal on processes that are not councils."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest

from minipublic import clock
from minipublic.council import actions
from minipublic.council.models import RotationSchedule, Term, Topic
from minipublic.council.schedule import add_months, rotation_dates, sitting_terms
from minipublic.integrity.record import entries
from minipublic.lifecycle import LifecycleError, Phase, ProcessModel
from minipublic.processes.access import SYSTEM
from minipublic.processes.actions import do_change_phase, do_create_process
from minipublic.processes.models import Process
from minipublic.recruitment.models import Registrant, RegistrantStatus
from minipublic.selection.commit import do_commit_run, read_json
from minipublic.selection.draw import (
    current_panel,
    do_draw_panel,
    do_replace_dropouts,
    do_set_member_status,
)
from minipublic.selection.models import SelectionRun
from minipublic.selection.rotation import execute_rotation_run
from minipublic.selection.runs import do_cancel_run
from tests.cast import ACTORS, Cast, accept_all_terms
from tests.selection_fixtures import (
    add_registrants,
    engine_files,
    finished_run,
    later,
    to_selection_phase,
)
from tests.support import base_env, run_cli

pytestmark = pytest.mark.django_db

BASE = "/p/riverside"
COUNCIL_ACTORS = {"participant", "facilitator", "lead_practitioner"}
MANAGERS = {"lead_practitioner"}
SOURCE = "Three dice thrown at the council's public meeting"


@pytest.fixture
def council(public_cast: Cast) -> Cast:
    """The public riverside process, made a permanent council (in its design phase)."""
    Process.objects.filter(pk=public_cast.process.pk).update(
        model=ProcessModel.PERMANENT_COUNCIL.value
    )
    public_cast.refresh()
    return public_cast


def _lead(cast: Cast) -> object:
    return cast.users["lead_practitioner"]


def _draw(cast: Cast, run: SelectionRun, randomness: str) -> None:
    run = do_commit_run(
        cast.users["lead_practitioner"],
        cast.process,
        run,
        announced_for=later(10),
        randomness_source=SOURCE,
    )
    with clock.frozen_at(later(20)):
        do_draw_panel(cast.users["lead_practitioner"], cast.process, run, randomness=randomness)


@pytest.fixture
def seated(council: Cast, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Cast:
    """The council's 24 members drawn (run 1) and seated; a rotation every 6 months."""
    to_selection_phase(council.process)
    add_registrants(council.process)
    run = finished_run(council, engine_files(tmp_path_factory), tmp_path / "run-1")
    _draw(council, run, "381")
    do_change_phase(SYSTEM, council.process, Phase.DELIBERATION)
    lead = council.users["lead_practitioner"]
    actions.do_set_schedule(
        lead,
        council.process,
        seats=24,
        term_months=18,
        seats_per_rotation=8,
        first_rotation=clock.now().date() + timedelta(days=30),
    )
    # The participant account is the member drawn for seat 20.
    pseudonym = run.draw.members[19]
    Registrant.objects.filter(pseudonym=pseudonym).update(user=council.users["participant"])
    actions.do_seat_members(lead, council.process, starts_on=clock.now().date())
    return council


def _events(cast: Cast, event: str) -> list[dict[str, object]]:
    return [dict(row.payload) for row in entries(cast.process) if row.event == event]


# ---------------------------------------------------------------- who may do what


@pytest.mark.parametrize("actor", ACTORS)
def test_pages_by_role(council: Cast, actor: str) -> None:
    client = council.client(actor)
    assert client.get(f"{BASE}/council/").status_code == 200
    assert client.get(f"{BASE}/council/topics/").status_code == 200
    assert client.get(f"{BASE}/council/follow-up/").status_code == 200
    for path, allowed in (
        (f"{BASE}/council/topics/new/", COUNCIL_ACTORS),
        (f"{BASE}/council/follow-up/new/", COUNCIL_ACTORS),
        (f"{BASE}/manage/council/", MANAGERS),
    ):
        response = client.get(path)
        if actor == "anonymous":
            assert response.status_code == 302, path
            assert response["Location"].startswith("/accounts/login/"), path
        else:
            assert response.status_code == (200 if actor in allowed else 403), (path, actor)
    posted = client.post(f"{BASE}/council/topics/new/", {"title": "Buses", "why": "Late."})
    assert Topic.objects.filter(title="Buses").exists() == (actor in COUNCIL_ACTORS)
    if actor not in COUNCIL_ACTORS:
        assert posted.status_code in (302, 403)
    posted = client.post(
        f"{BASE}/manage/council/schedule/",
        {"seats": 24, "term_months": 18, "seats_per_rotation": 8, "first_rotation": "2027-01-31"},
    )
    assert RotationSchedule.objects.filter(process=council.process).exists() == (actor in MANAGERS)


def test_a_private_council_is_hidden_and_other_processes_have_no_council(cast: Cast) -> None:
    Process.objects.filter(pk=cast.process.pk).update(model=ProcessModel.PERMANENT_COUNCIL.value)
    assert cast.client("anonymous").get(f"{BASE}/council/").status_code == 404
    assert cast.client("outsider").get(f"{BASE}/council/").status_code == 404
    assert cast.client("observer").get(f"{BASE}/council/").status_code == 200
    jury = do_create_process(
        SYSTEM,
        slug="jury",
        title="Jury",
        question="What?",
        commissioning_body="Council",
        model=ProcessModel.CITIZENS_JURY,
        lead=cast.users["lead_practitioner"],
    )
    accept_all_terms(jury)
    lead = cast.client("lead_practitioner")
    assert lead.get("/p/jury/council/").status_code == 404
    assert lead.get("/p/jury/manage/council/").status_code == 404
    assert "/p/jury/council/" not in lead.get("/p/jury/").content.decode()
    assert f'href="{BASE}/council/"' in lead.get(f"{BASE}/").content.decode()
    with pytest.raises(LifecycleError) as refused:
        actions.do_propose_topic(cast.users["lead_practitioner"], jury, title="A", why="B")
    assert refused.value.code == "not_a_council"
    with pytest.raises(LifecycleError) as refused:
        actions.do_set_schedule(
            cast.users["lead_practitioner"],
            jury,
            seats=24,
            term_months=18,
            seats_per_rotation=8,
            first_rotation=date(2027, 1, 1),
        )
    assert refused.value.code == "not_a_council"
    assert not [row for row in entries(jury) if row.event.startswith("council.")]


# ---------------------------------------------------------------- the schedule


def test_schedule_dates_and_uneven_schedules_refused(council: Cast) -> None:
    lead = council.client("lead_practitioner")
    response = lead.post(
        f"{BASE}/manage/council/schedule/",
        {"seats": 24, "term_months": 18, "seats_per_rotation": 8, "first_rotation": "2026-08-31"},
    )
    assert response.status_code == 302
    schedule = RotationSchedule.objects.get(process=council.process)
    assert schedule.interval_months == 6
    assert rotation_dates(schedule, after=date(2026, 9, 1)) == [
        date(2027, 2, 28),
        date(2027, 8, 31),
        date(2028, 2, 29),
    ]
    assert rotation_dates(schedule, after=date(2026, 8, 31), count=1) == [date(2026, 8, 31)]
    assert add_months(date(2026, 12, 15), 2) == date(2027, 2, 15)
    [logged] = _events(council, "council.schedule_set")
    assert logged["interval_months"] == 6
    assert logged["first_rotation"] == "2026-08-31"
    for data, wording in (
        ({"seats": 24, "seats_per_rotation": 7, "term_months": 18}, "do not divide into groups"),
        ({"seats": 24, "seats_per_rotation": 6, "term_months": 18}, "equal intervals"),
    ):
        response = lead.post(
            f"{BASE}/manage/council/schedule/", {**data, "first_rotation": "2027-01-01"}
        )
        assert response.status_code == 400
        assert wording in response.content.decode()
    assert RotationSchedule.objects.get(process=council.process).seats_per_rotation == 8


# ---------------------------------------------------------------- seats and rotations


def test_seating_staggers_the_first_terms_and_hides_names(seated: Cast) -> None:
    terms = list(sitting_terms(seated.process))
    first = RotationSchedule.objects.get(process=seated.process).first_rotation
    assert [term.seat for term in terms] == list(range(1, 25))
    ends = Counter(term.ends_on for term in terms)
    assert ends == {first: 8, add_months(first, 6): 8, add_months(first, 12): 8}
    assert [t.ends_on for t in terms[:8]] == [first] * 8
    [filled] = _events(seated, "council.seats_filled")
    assert len(filled["seats"]) == 24  # type: ignore[arg-type]
    name = seated.users["participant"].get_username()
    member = Term.objects.get(user=seated.users["participant"])
    public = seated.client("anonymous").get(f"{BASE}/council/").content.decode()
    assert member.pseudonym in public
    assert name not in public.split("<main")[-1]
    staff = seated.client("oversight").get(f"{BASE}/council/").content.decode()
    assert name in staff.split("<main")[-1]


def _rotate(cast: Cast, randomness: str) -> SelectionRun:
    response = cast.client("lead_practitioner").post(
        f"{BASE}/manage/council/rotation/", {"reason": "Scheduled rotation of a third."}
    )
    assert response.status_code == 302
    run = SelectionRun.objects.filter(process=cast.process).order_by("-number").first()
    assert run is not None
    execute_rotation_run.call(run.pk)
    run.refresh_from_db()
    assert run.status == "done", run.error_message
    _draw(cast, run, randomness)
    response = cast.client("lead_practitioner").post(f"{BASE}/manage/council/seat/", {})
    assert response.status_code == 302
    return run


def _quota_problems(selection: SelectionRun, panel: list[str]) -> list[str]:
    inputs = read_json(selection, "inputs.json")
    features = inputs["features"]
    answers = {person["id"]: person["values"] for person in inputs["people"]}
    have = Counter(
        (feature, answers[member][f]) for member in panel for f, feature in enumerate(features)
    )
    return [
        f"{q['feature']} {q['value']}"
        for q in inputs["quotas"]
        if not q["min"] <= have[(q["feature"], q["value"])] <= q["max"]
    ]


def test_rotations_fill_exactly_the_due_seats_from_eligible_people(
    seated: Cast, tmp_path: Path, settings: object
) -> None:
    setattr(settings, "VAR_DIR", tmp_path / "var")  # noqa: B010
    process = seated.process
    selection = SelectionRun.objects.get(process=process, number=1)
    ever: set[str] = set(Term.objects.filter(process=process).values_list("pseudonym", flat=True))
    former: set[str] = set()
    for number, (randomness, seats) in enumerate(
        (("5 2 6", range(1, 9)), ("1 4 4", range(9, 17))), start=2
    ):
        before = {term.seat: term for term in sitting_terms(process)}
        run = _rotate(seated, randomness)
        assert run.number == number
        drawn = [str(member) for member in run.draw.members]
        pool = {person["id"] for person in read_json(run, "inputs.json")["people"]}
        # Nobody who sits or ever sat on the council was in the pool, or drawn.
        assert not pool & ever
        assert not set(drawn) & ever
        after = {term.seat: term for term in sitting_terms(process)}
        changed = {seat for seat in after if after[seat].pk != before[seat].pk}
        assert changed == set(seats)
        assert {after[seat].pseudonym for seat in seats} == set(drawn)
        assert len(drawn) == 8
        for seat in seats:
            assert before[seat].pseudonym not in current_panel(process)[1]
            left = Term.objects.get(pk=before[seat].pk)
            assert left.ended_reason == "rotated"
            assert after[seat].starts_on == left.ends_on
            assert after[seat].ends_on == add_months(after[seat].starts_on, 18)
        # The whole council still meets the quotas committed with the first selection.
        panel = [term.pseudonym for term in sitting_terms(process)]
        assert sorted(panel) == sorted(current_panel(process)[1])
        assert _quota_problems(selection, panel) == []
        ever |= set(drawn)
        [started] = [e for e in _events(seated, "council.rotation_started") if e["run"] == number]
        assert started["seats"] == list(seats)
        assert len(started["leaving"]) == 8  # type: ignore[arg-type]
        assert started["former_members_excluded"] == sorted(former)
        former |= {before[seat].pseudonym for seat in seats}
    gone = Registrant.objects.filter(process=process, status=RegistrantStatus.WITHDRAWN)
    assert gone.count() == 16
    result = run_cli("verify", str(Path(run.output_dir)), env=base_env(tmp_path / "cli"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "whole panel" in result.stdout
    page = seated.client("anonymous").get(f"{BASE}/council/").content.decode()
    assert "5 2 6" in page
    assert "1 4 4" in page


def test_a_rotation_is_refused_while_one_is_open_or_before_seating(
    seated: Cast, tmp_path: Path, settings: object
) -> None:
    setattr(settings, "VAR_DIR", tmp_path / "var")  # noqa: B010
    lead = seated.users["lead_practitioner"]
    with pytest.raises(LifecycleError) as refused:
        actions.do_start_rotation(lead, seated.process, reason="  ")
    assert refused.value.code == "rotation_needs_reason"
    rotation = actions.do_start_rotation(lead, seated.process, reason="Seats 1 to 8 rotate.")
    assert rotation.seats == list(range(1, 9))
    assert rotation.run.status == "queued"
    response = seated.client("lead_practitioner").post(
        f"{BASE}/manage/council/rotation/", {"reason": "Once more"}
    )
    assert response.status_code == 400
    assert "already under way" in response.content.decode()
    assert SelectionRun.objects.filter(process=seated.process).count() == 2
    with pytest.raises(LifecycleError) as refused:
        actions.do_seat_members(lead, seated.process)
    assert refused.value.code == "nothing_to_seat"
    # A cancelled rotation run no longer blocks: the rotation is started again.
    do_cancel_run(lead, seated.process, rotation.run)
    again = actions.do_start_rotation(lead, seated.process, reason="Seats 1 to 8, again.")
    assert (again.run.number, again.seats) == (3, list(range(1, 9)))
    Term.objects.filter(process=seated.process).delete()
    with pytest.raises(LifecycleError) as refused:
        actions.do_start_rotation(lead, seated.process, reason="No council yet")
    assert refused.value.code == "council_not_seated"


def test_a_council_never_runs_an_ordinary_replacement(seated: Cast) -> None:
    # It would draw from a pool that still holds former members.
    with pytest.raises(LifecycleError) as refused:
        do_replace_dropouts(
            seated.users["lead_practitioner"], seated.process, reason="Seat 3 is empty."
        )
    assert refused.value.code == "council_replaces_by_rotation"


def test_a_seat_left_early_is_filled_for_the_rest_of_its_term(
    seated: Cast, tmp_path: Path, settings: object
) -> None:
    setattr(settings, "VAR_DIR", tmp_path / "var")  # noqa: B010
    leaving = Term.objects.get(process=seated.process, seat=20)
    do_set_member_status(
        seated.users["lead_practitioner"],
        seated.process,
        Registrant.objects.get(process=seated.process, pseudonym=leaving.pseudonym),
        RegistrantStatus.WITHDRAWN,
    )
    run = _rotate(seated, "6 6 1")
    rotation = run.rotation
    assert rotation.seats == [*range(1, 9), 20]
    assert len(run.draw.members) == 9
    seat = Term.objects.get(process=seated.process, seat=20, ended_on__isnull=True)
    assert seat.ends_on == leaving.ends_on
    assert seat.starts_on == rotation.due_on
    left = Term.objects.get(pk=leaving.pk)
    assert (left.ended_reason, left.ended_on) == ("resigned", rotation.due_on)
    assert Term.objects.get(process=seated.process, seat=1, ended_on__isnull=True).ends_on == (
        add_months(rotation.due_on, 18)
    )
    panel = [term.pseudonym for term in sitting_terms(seated.process)]
    assert len(panel) == 24
    assert _quota_problems(SelectionRun.objects.get(process=seated.process, number=1), panel) == []


# ---------------------------------------------------------------- topics and experts


def test_topics_decisions_and_experts_through_the_pages(council: Cast) -> None:
    member = council.client("participant")
    secretariat = council.client("facilitator")
    response = member.post(
        f"{BASE}/council/topics/new/", {"title": "Safer cycling", "why": "Two deaths in 2025."}
    )
    assert response.status_code == 302
    topic = Topic.objects.get(title="Safer cycling")
    page = f"{BASE}/council/topics/{topic.pk}/"
    refused = secretariat.post(
        f"{page}experts/", {"name": "Dr A", "field": "Transport", "why": "Knows"}
    )
    assert refused.status_code == 400
    assert "a topic the council adopted" in refused.content.decode()
    refused = secretariat.post(f"{page}decide/", {"status": "convened", "note": "Go"})
    assert refused.status_code == 400
    assert "Name the assembly" in refused.content.decode()
    assembly = do_create_process(
        SYSTEM,
        slug="cycling",
        title="Cycling Assembly",
        question="How?",
        commissioning_body="Council",
        lead=council.users["facilitator"],
    )
    assert (
        secretariat.post(
            f"{page}decide/",
            {
                "status": "convened",
                "note": "Convened for spring.",
                "votes_for": 20,
                "votes_against": 3,
                "votes_abstaining": 1,
                "assembly": assembly.pk,
            },
        ).status_code
        == 302
    )
    assert (
        secretariat.post(
            f"{page}experts/", {"name": "Dr Ada Wheel", "field": "Road safety", "why": "Studies"}
        ).status_code
        == 302
    )
    shown = council.client("anonymous").get(page).content.decode()
    assert "Dr Ada Wheel" in shown
    assert "20 for, 3 against, 1 abstaining" in shown
    assert "Cycling Assembly" in shown
    assert 'href="/p/cycling/"' not in shown  # a private assembly is named, not linked
    again = secretariat.post(f"{page}decide/", {"status": "declined", "note": "No"})
    assert again.status_code == 400
    events = [row.event for row in entries(council.process) if row.event.startswith("council.")]
    assert events == ["council.topic_proposed", "council.topic_decided", "council.expert_chosen"]
    [decided] = _events(council, "council.topic_decided")
    assert decided["assembly"] == "cycling"
    assert decided["votes"] == {"for": 20, "against": 3, "abstaining": 1}


# ---------------------------------------------------------------- follow-ups


def test_follow_ups_fall_overdue_and_settle(council: Cast) -> None:
    assembly = do_create_process(
        SYSTEM,
        slug="parks",
        title="Parks Jury",
        question="How?",
        commissioning_body="Council",
        lead=council.users["lead_practitioner"],
        visibility=council.process.visibility,
    )
    client = council.client("facilitator")
    today = clock.now().date()
    base = {"assembly": assembly.pk, "summary": "Cabinet answered in August."}
    missing = client.post(
        f"{BASE}/council/follow-up/new/", {**base, "subject": "Toilets", "status": "partly"}
    )
    assert missing.status_code == 400
    assert "next check" in missing.content.decode()
    for subject, status, check in (
        ("Toilets", "partly", today + timedelta(days=1)),
        ("Rangers", "received", today + timedelta(days=90)),
        ("Land sale", "rejected", None),
    ):
        data = {**base, "subject": subject, "status": status}
        if check:
            data["next_check_on"] = check.isoformat()
        assert client.post(f"{BASE}/council/follow-up/new/", data).status_code == 302
    assert len(_events(council, "council.follow_up")) == 3
    public = council.client("anonymous")
    assert "No check is overdue." in public.get(f"{BASE}/council/follow-up/").content.decode()
    with clock.frozen_at(clock.now() + timedelta(days=3)):
        page = public.get(f"{BASE}/council/follow-up/").content.decode()
        overdue = page.split('id="overdue-heading"')[1].split('id="current-heading"')[0]
        assert "Toilets" in overdue
        assert "Rangers" not in overdue
        assert "Land sale" not in overdue
        overview = public.get(f"{BASE}/council/").content.decode()
        assert "1 check is overdue." in overview
        assert overview.count('class="overdue"') == 1
        assert page.count('class="overdue"') == 2  # in the overdue list and the history
        later_check = (clock.now().date() + timedelta(days=60)).isoformat()
        assert (
            client.post(
                f"{BASE}/council/follow-up/new/",
                {
                    **base,
                    "subject": "toilets",
                    "status": "implemented",
                    "next_check_on": later_check,
                },
            ).status_code
            == 302
        )
        page = public.get(f"{BASE}/council/follow-up/").content.decode()
        assert "No check is overdue." in page
    [last] = _events(council, "council.follow_up")[-1:]
    assert last["next_check_on"] is None  # settled: no further check
    assert json.dumps(last)
