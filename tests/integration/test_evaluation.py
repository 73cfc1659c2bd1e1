"""The member questionnaire through its pages: opening and closing rounds, answering once,
paper questionnaires, randomised answer order, confidentiality, and the published totals
(only for closed rounds with enough answers, small demographic groups withheld)."""

from __future__ import annotations

import csv
import html
import io
import re

import pytest
from django.template.loader import render_to_string
from django.test import Client

from minipublic.accounts.models import User
from minipublic.engagement.actions import do_accept_terms
from minipublic.evaluation.actions import do_answer, do_open_round
from minipublic.evaluation.models import (
    EvaluationParticipation,
    EvaluationResponse,
    EvaluationRound,
)
from minipublic.evaluation.portal import portal_section
from minipublic.integrity.models import LedgerEntry
from minipublic.lifecycle import LifecycleError, Role
from minipublic.processes import actions
from minipublic.processes.access import SYSTEM
from minipublic.standards.member_questionnaire import Moment, instrument
from tests.cast import Cast, make_user
from tests.parking_room import to_deliberation

pytestmark = pytest.mark.django_db

BASE = "/p/riverside/evaluation/"
INTERIM = instrument("minipublic-interim")
START_ITEMS = {item.key for item in INTERIM.items_for(Moment.START)}


@pytest.fixture
def panel(public_cast: Cast) -> Cast:
    """The public riverside process in deliberation with twelve participants
    ("participant" and member1…member11), all terms accepted."""
    to_deliberation(public_cast)
    for number in range(1, 12):
        user = make_user(f"member{number}")
        actions.do_add_member(SYSTEM, public_cast.process, user, Role.PARTICIPANT)
        do_accept_terms(SYSTEM, public_cast.process, user=user)
        public_cast.users[user.username] = user
    return public_cast


def _members(panel: Cast) -> list[str]:
    return ["participant", *(f"member{n}" for n in range(1, 12))]


def _text(response: object) -> str:
    return html.unescape(response.content.decode())  # type: ignore[attr-defined]


def _open(panel: Cast, kind: str = "start", eligible: int = 14, who: str = "lead_practitioner"):
    data = {"step": "open", "kind": kind, "instrument": INTERIM.key, "eligible": str(eligible)}
    return panel.client(who).post(f"{BASE}manage/", data)


def _close(panel: Cast, kind: str = "start", who: str = "lead_practitioner"):
    return panel.client(who).post(f"{BASE}manage/", {"step": "close", "kind": kind})


def _answer(client: Client, kind: str, answers: dict[str, str]):
    return client.post(f"{BASE}{kind}/answer/", answers)


GENDERS = ["woman", "man"] * 6
AGES = ["25-34", "35-44", "45-54"] * 4


def _everyone_answers_start(panel: Cast) -> None:
    for index, name in enumerate(_members(panel)):
        answers = {
            "gender": GENDERS[index],
            "age": AGES[index],
            "knowledge": "not_very_much" if index < 8 else "a_fair_amount",
            "efficacy": "agree",
        }
        if index == 0:
            answers["education"] = "degree"  # one member only: the question is withheld
        response = _answer(panel.client(name), "start", answers)
        assert response.status_code == 302, _text(response)[:3000]


def test_a_round_from_opening_to_published_totals(panel: Cast) -> None:
    assert _open(panel).status_code == 302
    round_ = EvaluationRound.objects.get(process=panel.process, kind="start")
    opened = LedgerEntry.objects.get(process=panel.process, event="evaluation.round_opened")
    assert opened.payload["instrument"] == INTERIM.key
    assert opened.payload["sha256"] == INTERIM.sha256 == round_.instrument_sha256
    assert opened.payload["eligible"] == 14
    assert opened.actor_role == "lead_practitioner"

    # The start round asks the demographic and X2 items only, on one page, no headlines.
    page = panel.client("participant").get(f"{BASE}start/answer/")
    text = _text(page)
    assert page.status_code == 200
    for item in INTERIM.items:
        assert (item.text in text) is (item.key in START_ITEMS), item.key
    form = text[text.index("<form") : text.index("</form>")]
    assert "<h2" not in form
    assert "<h3" not in form
    assert "required" not in form  # every question may be skipped

    _everyone_answers_start(panel)
    # Nothing is linked to a person and no entry is written per answer.
    assert EvaluationResponse.objects.filter(round=round_).count() == 12
    fields = {field.name for field in EvaluationResponse._meta.get_fields()}
    assert fields == {"id", "round", "channel", "answers"}
    assert EvaluationParticipation.objects.filter(round=round_).count() == 12
    assert not LedgerEntry.objects.filter(process=panel.process, event__contains="answer")

    # While open: counts for the team, no distribution for anyone.
    manage = _text(panel.client("lead_practitioner").get(f"{BASE}manage/"))
    assert "Answered online</dt><dd>12</dd>" in manage
    results = _text(panel.client("lead_practitioner").get(BASE))
    assert "Open for answers" in results
    assert "<table" not in results

    # Paper questionnaires typed in by the oversight member count too.
    paper = panel.client("oversight").post(f"{BASE}start/paper/", {"knowledge": "nothing"})
    assert paper.status_code == 302
    assert _close(panel).status_code == 302
    closed = LedgerEntry.objects.get(process=panel.process, event="evaluation.round_closed")
    assert closed.payload == {
        "round": "start",
        "online": 12,
        "paper": 1,
        "answers": 13,
        "eligible": 14,
        "results_published": True,
        "min_answers": 10,
    }

    public = _text(Client().get(BASE))
    assert "13 (12 online, 1 on paper)" in public
    assert "92.9%" in public  # 13 of 14
    knowledge = public[public.index(INTERIM.item("knowledge").text) :]
    assert re.search(r"Not very much</th><td[^>]*>8</td><td[^>]*>61\.5%", knowledge)
    assert re.search(r"A fair amount</th><td[^>]*>4</td><td[^>]*>30\.8%", knowledge)
    assert re.search(r"Nothing at all</th><td[^>]*>1</td><td[^>]*>7\.7%", knowledge)
    # One member answered the education question: it is withheld.
    assert "fewer than 5 members answered this question" in public
    assert "Do you describe yourself as" in public  # six and six: shown

    rows = list(csv.DictReader(io.StringIO(Client().get(f"{BASE}results.csv").content.decode())))
    efficacy = [row for row in rows if row["question_key"] == "efficacy"]
    assert {(row["answer_key"], row["count"]) for row in efficacy} >= {("agree", "12")}
    assert [row["note"] for row in rows if row["question_key"] == "education"] == [
        "withheld: few_answers"
    ]
    section = portal_section(panel.refresh())
    assert section is not None
    shown = html.unescape(render_to_string("evaluation/portal_section.html", section))
    assert "13 of 14 members answered (92.9%); the totals are published." in shown
    assert "/p/riverside/evaluation/" in shown


def test_a_member_answers_once_and_only_valid_answers(panel: Cast) -> None:
    _open(panel)
    client = panel.client("member1")
    wrong = _answer(client, "start", {"knowledge": "everything"})
    assert wrong.status_code == 400
    empty = _answer(client, "start", {})
    assert empty.status_code == 400
    assert "needs at least one answer" in _text(empty)
    assert not EvaluationResponse.objects.exists()
    assert _answer(client, "start", {"knowledge": "nothing"}).status_code == 302
    again = _answer(client, "start", {"knowledge": "a_great_deal"})
    assert again.status_code == 302
    assert again["Location"] == BASE
    assert EvaluationResponse.objects.count() == 1
    round_ = EvaluationRound.objects.get()
    with pytest.raises(LifecycleError) as refused:
        do_answer(panel.users["member1"], panel.process, round_, {"knowledge": "nothing"})
    assert refused.value.code == "evaluation_already_answered"
    assert "You have answered this round" in _text(client.get(BASE))


def test_only_participants_answer_and_only_managers_manage(panel: Cast) -> None:
    _open(panel)
    for name in ("commissioner", "facilitator", "lead_practitioner", "outsider"):
        assert panel.client(name).get(f"{BASE}start/answer/").status_code == 403, name
    assert Client().get(f"{BASE}start/answer/").status_code == 302  # to sign in
    for name in ("commissioner", "facilitator", "participant", "outsider"):
        assert panel.client(name).get(f"{BASE}manage/").status_code == 403, name
        assert panel.client(name).get(f"{BASE}start/paper/").status_code == 403, name
    assert _open(panel, "end", who="oversight").status_code == 400  # one round at a time


def test_randomised_answer_order_is_stable_per_member_and_differs_between_members(
    panel: Cast,
) -> None:
    _open(panel)
    _close(panel)
    assert _open(panel, "end").status_code == 302
    item = INTERIM.item("reason")
    assert item is not None
    assert item.randomise

    def order(name: str) -> list[str]:
        text = _text(panel.client(name).get(f"{BASE}end/answer/"))
        keys = re.findall(r'name="reason" value="([^"]+)"', text)
        assert sorted(keys) == sorted(option.key for option in item.options)
        return keys

    orders = {name: order(name) for name in _members(panel)}
    assert order("member3") == orders["member3"]  # a reload keeps the order
    assert len({tuple(keys) for keys in orders.values()}) > 1
    assert all(keys[-1] == "else" for keys in orders.values())  # the anchor stays last
    page = _text(panel.client("member4").get(f"{BASE}end/answer/"))
    efficacy = INTERIM.item("efficacy")
    assert efficacy is not None
    assert not efficacy.randomise
    scale = re.findall(r'name="efficacy" value="([^"]+)"', page)
    assert scale == [option.key for option in efficacy.options]  # in the instrument's order
    assert "Overall, how would you rate" in page  # the end round asks everything


def test_too_few_answers_are_not_published(panel: Cast) -> None:
    _open(panel)
    for name in _members(panel)[:9]:
        _answer(panel.client(name), "start", {"knowledge": "nothing", "gender": "woman"})
    _close(panel)
    public = _text(Client().get(BASE))
    assert "Not published: fewer than 10 questionnaires" in public
    assert "<table" not in public
    rows = Client().get(f"{BASE}results.csv").content.decode()
    assert "not published: fewer than 10" in rows
    assert "nothing" not in rows
    closed = LedgerEntry.objects.get(process=panel.process, event="evaluation.round_closed")
    assert closed.payload["results_published"] is False


def test_small_demographic_groups_are_withheld(panel: Cast) -> None:
    _open(panel)
    for index, name in enumerate(_members(panel)):
        age = "75+" if index == 0 else "45-54"
        _answer(panel.client(name), "start", {"age": age, "knowledge": "nothing"})
    _close(panel)
    public = _text(Client().get(BASE))
    assert "could identify them" in public
    assert "75 or older" not in public


def test_rounds_refuse_what_the_rules_forbid(panel: Cast) -> None:
    lead = panel.users["lead_practitioner"]
    with pytest.raises(LifecycleError) as incomplete:
        do_open_round(lead, panel.process, kind="start", instrument_key="oecd-2021-annex-c")
    assert incomplete.value.code == "evaluation_instrument_incomplete"
    response = _open(panel, eligible=3)
    assert response.status_code == 400
    assert "Count between 12 and" in _text(response)
    _open(panel, eligible=12)
    round_ = EvaluationRound.objects.get()
    for name in _members(panel)[:11]:
        _answer(panel.client(name), "start", {"knowledge": "nothing"})
    assert panel.client("oversight").post(f"{BASE}start/paper/", {"knowledge": "nothing"})
    full = panel.client("oversight").post(f"{BASE}start/paper/", {"knowledge": "nothing"})
    assert full.status_code == 400
    assert "have answered already" in _text(full)
    assert round_.responses.count() == 12
    _close(panel)
    late = _answer(panel.client("member11"), "start", {"knowledge": "nothing"})
    assert late.status_code == 302
    assert round_.responses.count() == 12
    again = _open(panel, "start")
    assert again.status_code == 400
    assert "already been opened" in _text(again)


def test_a_participant_outside_the_answering_phases_cannot_answer(public_cast: Cast) -> None:
    do_open_round(public_cast.users["lead_practitioner"], public_cast.process, kind="start")
    response = public_cast.client("participant").get(f"{BASE}start/answer/")
    assert response.status_code == 403  # design phase: members answer from deliberation on
    assert isinstance(public_cast.users["participant"], User)


def test_an_opened_round_is_the_evaluation_fact(panel: Cast) -> None:
    from minipublic.conformance.facts import facts_for

    before = facts_for(panel.refresh())
    assert before.member_questionnaire_planned is None
    assert before.evaluation_planned is None
    _open(panel)
    after = facts_for(panel.refresh())
    assert after.member_questionnaire_planned is True
    assert after.evaluation_planned is True
