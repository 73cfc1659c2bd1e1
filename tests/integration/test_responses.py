"""The commissioner's answers, overdue answers, implementation tracking, participants'
ratings and e-mail updates, through the pages (and the actions behind them)."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.core import mail
from django.template.loader import render_to_string
from django.test import Client

from minipublic import clock
from minipublic.accountability.facts import response_facts
from minipublic.accountability.mail import send_mailing
from minipublic.accountability.models import Mailing, Milestone, Response, UpdateOptOut
from minipublic.accountability.portal import portal_section
from minipublic.accountability.response_actions import do_check_deadlines, do_respond
from minipublic.integrity.models import LedgerEntry
from minipublic.lifecycle import LifecycleError
from minipublic.processes.access import SYSTEM
from tests.cast import ACTORS, Cast
from tests.response_fixtures import AFTER_DEADLINE, BEFORE_DEADLINE, deliver_report

PAGE = "/p/riverside/responses/"


def _send_all() -> None:
    for pk in Mailing.objects.filter(claimed_at__isnull=True).values_list("pk", flat=True):
        assert send_mailing.call(pk) == "sent"


def _answer(cast: Cast, number: int, status: str = "accepted", **extra: object) -> Response:
    recommendation = cast.process.recommendations.get(number=number)
    return do_respond(
        cast.users["commissioner"],
        cast.process,
        recommendation,
        status=status,
        reasons=extra.pop("reasons", f"Our reasons for {number}."),  # type: ignore[arg-type]
        **extra,  # type: ignore[arg-type]
    )


# Each page that changes something, a valid POST to it, and who may use it.
_PAGES = {
    "respond": (f"{PAGE}1/respond/", {"status": "accepted", "reasons": "Yes."}, {"commissioner"}),
    "progress": (
        f"{PAGE}1/progress/",
        {"step": "implementation", "responsible_body": "Parks team"},
        {"commissioner", "lead_practitioner"},
    ),
    "rate": (f"{PAGE}1/rate/", {"response_score": "4"}, {"participant"}),
    "updates": (f"{PAGE}updates/", {"wanted": "no"}, {"participant"}),
}


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("page", sorted(_PAGES))
def test_each_page_is_for_its_roles_only(public_cast: Cast, page: str, actor: str) -> None:
    deliver_report(public_cast)
    if page != "respond":
        with clock.frozen_at(BEFORE_DEADLINE):
            _answer(public_cast, 1)
    url, data, allowed = _PAGES[page]
    client = public_cast.client(actor)
    with clock.frozen_at(BEFORE_DEADLINE):
        shown = client.get(url)
        posted = client.post(url, data)
    if actor in allowed:
        assert shown.status_code == 200
        assert posted.status_code == 302, posted.content.decode()[:2000]
        assert "/accounts/login/" not in posted["Location"]
    elif actor == "anonymous":
        assert posted.status_code == 302
        assert posted["Location"].startswith("/accounts/login/")
    else:
        assert (shown.status_code, posted.status_code) == (403, 403)
    changed = {
        "respond": Response.objects.count() == 1,
        "progress": public_cast.process.implementations.exists(),
        "rate": public_cast.process.ratings.exists(),
        "updates": UpdateOptOut.objects.exists(),
    }[page]
    assert changed == (actor in allowed)
    assert Client().get(PAGE).status_code == 200  # the public page, for anyone


def test_an_answer_and_its_revision_are_public_and_emailed(public_cast: Cast) -> None:
    deliver_report(public_cast, participants=3)
    commissioner = public_cast.client("commissioner")
    with clock.frozen_at(BEFORE_DEADLINE):
        first = commissioner.post(
            f"{PAGE}2/respond/",
            {
                "status": "under_consideration",
                "reasons": "We need a cabinet decision.",
                "final_answer_by": "2026-06-15",
            },
        )
        assert first.status_code == 302
        assert first["Location"] == f"{PAGE}#recommendation-2"
        again = commissioner.post(
            f"{PAGE}2/respond/",
            {"status": "accepted_in_part", "reasons": "Cabinet agreed half of it."},
        )
        assert again.status_code == 302
        _send_all()
    html = Client().get(PAGE).content.decode()
    assert "Accepted in part" in html
    assert "Cabinet agreed half of it." in html
    assert "1 earlier answer" in html
    assert "We need a cabinet decision." in html
    assert "15 June 2026" in html
    entries = LedgerEntry.objects.filter(event="response.published").order_by("sequence")
    assert [e.payload["status"] for e in entries] == ["under_consideration", "accepted_in_part"]
    assert entries[0].payload["final_answer_by"] == "2026-06-15"
    assert "by" in entries[0].private_fields
    # Two mailings, each to the three participants, one message per person.
    assert len(mail.outbox) == 6
    assert {tuple(m.to) for m in mail.outbox} == {
        ("participant@example.org",),
        ("member2@example.org",),
        ("member3@example.org",),
    }
    assert "recommendation 2" in mail.outbox[-1].subject
    assert "Cabinet agreed half of it." in mail.outbox[-1].body
    assert "/responses/updates/stop/" in mail.outbox[-1].body
    assert mail.outbox[-1].extra_headers["List-Unsubscribe"].startswith("<http")
    # Never twice: the worker finds each mailing claimed.
    for mailing in Mailing.objects.all():
        assert send_mailing.call(mailing.pk) == "skipped"
    assert len(mail.outbox) == 6
    assert LedgerEntry.objects.filter(event="updates.sent").count() == 2


def test_refusals_say_why_and_keep_what_was_typed(public_cast: Cast) -> None:
    deliver_report(public_cast)
    commissioner = public_cast.client("commissioner")
    with clock.frozen_at(BEFORE_DEADLINE):
        no_reasons = commissioner.post(f"{PAGE}1/respond/", {"status": "rejected", "reasons": ""})
        no_date = commissioner.post(
            f"{PAGE}1/respond/",
            {"status": "under_consideration", "reasons": "Thinking about it carefully."},
        )
        past = commissioner.post(
            f"{PAGE}1/respond/",
            {
                "status": "under_consideration",
                "reasons": "Thinking.",
                "final_answer_by": "2026-04-01",
            },
        )
        not_adopted = commissioner.get(f"{PAGE}3/respond/")
    assert no_reasons.status_code == 400
    assert "This field is required" in no_reasons.content.decode()
    assert no_date.status_code == 400
    text = no_date.content.decode()
    assert "Say by which date the final answer will come" in text
    assert "Thinking about it carefully." in text
    assert "The date of the final answer must be in the future." in past.content.decode()
    assert not_adopted.status_code == 404
    assert not Response.objects.exists()
    # Before the report is delivered there is nothing to answer.
    public_cast.process.report_versions.update(frozen_at=None)
    with pytest.raises(LifecycleError) as refused:
        _answer(public_cast, 1)
    assert refused.value.code == "report_not_delivered"


def test_an_overdue_answer_is_flagged_emailed_once_and_changes_the_label(
    public_cast: Cast, django_capture_on_commit_callbacks: object
) -> None:
    deliver_report(public_cast)
    process = public_cast.process
    with clock.frozen_at(BEFORE_DEADLINE):
        _answer(public_cast, 1)
        _answer(public_cast, 2, "rejected")
        assert do_check_deadlines(SYSTEM, process) == []
        assert "Overdue" not in Client().get(PAGE).content.decode()
    mail.outbox.clear()
    with clock.frozen_at(AFTER_DEADLINE):
        html = Client().get(PAGE).content.decode()
        assert "1 answer is overdue." in html
        section = portal_section(process)
        assert section is not None
        summary = " ".join(render_to_string("accountability/portal_section.html", section).split())
        assert "2 of 3 recommendations answered." in summary
        assert "1 overdue" in summary
        assert "Recommendation title 4</a> — overdue" in summary
        assert "no answer by the deadline, 30 April 2026" in html
        with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
            (notice,) = do_check_deadlines(SYSTEM, process)
        with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
            assert do_check_deadlines(SYSTEM, process) == []
    assert (notice.recommendation.number, notice.kind, notice.due_on) == (
        4,
        "deadline",
        date(2026, 4, 30),
    )
    assert [m.to for m in mail.outbox] == [["oversight@example.org"]]
    assert "recommendation 4" in mail.outbox[0].subject
    assert "30 April 2026" in mail.outbox[0].body
    overdue = LedgerEntry.objects.get(event="response.overdue")
    assert overdue.payload == {
        "recommendation": 4,
        "kind": "deadline",
        "due_on": "2026-04-30",
        "oversight_notified": 1,
    }
    change = LedgerEntry.objects.filter(event="conformance.label_changed").last()
    assert change is not None
    gates = {gate["criterion"]: gate["after"] for gate in change.payload["gates"]}
    assert gates["response.on-time"] == "not_met"
    # A late answer ends the flag but the page says it came late.
    with clock.frozen_at(AFTER_DEADLINE):
        _answer(public_cast, 4)
        html = Client().get(PAGE).content.decode()
    assert "overdue" not in html.split("<h1>")[1].split("recommendation-1")[0]
    assert "First answered after the deadline" in html
    assert response_facts(process)["response_published_on"] == AFTER_DEADLINE.date()


def test_under_consideration_counts_until_its_promised_date(public_cast: Cast) -> None:
    deliver_report(public_cast)
    with clock.frozen_at(BEFORE_DEADLINE):
        for number in (1, 2):
            _answer(public_cast, number)
        _answer(public_cast, 4, "under_consideration", final_answer_by=date(2026, 5, 20))
    with clock.frozen_at(AFTER_DEADLINE):
        assert do_check_deadlines(SYSTEM, public_cast.process) == []
    facts = response_facts(public_cast.process)
    assert facts["response_published_on"] == BEFORE_DEADLINE.date()
    assert facts["response_per_recommendation"] is True
    with clock.frozen_at(AFTER_DEADLINE.replace(month=5, day=21)):
        (notice,) = do_check_deadlines(SYSTEM, public_cast.process)
        html = Client().get(PAGE).content.decode()
    assert (notice.kind, notice.due_on) == ("final_answer", date(2026, 5, 20))
    assert "the final answer was promised by 20 May 2026" in html


def test_progress_is_tracked_in_public_and_labelled(public_cast: Cast) -> None:
    deliver_report(public_cast, participants=2)
    lead, commissioner = public_cast.client("lead_practitioner"), public_cast.client("commissioner")
    with clock.frozen_at(BEFORE_DEADLINE):
        _answer(public_cast, 1)
        _answer(public_cast, 2, "rejected")
        _send_all()
        mail.outbox.clear()
        refused = commissioner.post(
            f"{PAGE}2/progress/",
            {"step": "progress", "status": "on_track", "text": "Nothing."},
        )
        assert "has not been accepted" in refused.content.decode()
        too_early = lead.post(
            f"{PAGE}1/progress/",
            {"step": "progress", "status": "on_track", "text": "The fund is open."},
        )
        assert "Name the responsible body first" in too_early.content.decode()
        assert "The fund is open." in too_early.content.decode()
        steps = [
            (commissioner, {"step": "implementation", "responsible_body": "Parks team"}),
            (
                commissioner,
                {"step": "milestone", "new-title": "Fund opens", "new-due_on": "2026-05-01"},
            ),
            (lead, {"step": "progress", "status": "on_track", "text": "The fund is open."}),
            (
                commissioner,
                {"step": "progress", "status": "delayed", "text": "Grants wait for May."},
            ),
        ]
        for client, data in steps:
            response = client.post(f"{PAGE}1/progress/", data)
            assert response.status_code == 302, response.content.decode()[:3000]
        milestone = Milestone.objects.get()
        moved = commissioner.post(
            f"{PAGE}1/progress/",
            {
                "step": f"milestone-{milestone.number}",
                f"m{milestone.number}-due_on": "2026-06-01",
                f"m{milestone.number}-done_on": "",
            },
        )
        assert moved.status_code == 302
        _send_all()
        html = Client().get(PAGE).content.decode()
    assert "posted by the lead practitioner on behalf of Parks team" in html
    assert "moved from 2026-05-01 to 2026-06-01" in html
    assert "Grants wait for May." in html
    events = list(LedgerEntry.objects.values_list("event", flat=True))
    for event in ("implementation.updated", "milestone.added", "milestone.changed"):
        assert event in events
    assert events.count("progress.reported") == 2
    assert len(mail.outbox) == 4  # two updates, two participants each
    assert any("progress on recommendation 1" in m.subject for m in mail.outbox)


def test_ratings_are_shown_only_in_aggregate_from_five(public_cast: Cast) -> None:
    deliver_report(public_cast, participants=6)
    names = ["participant", *(f"member{n}" for n in range(2, 7))]
    with clock.frozen_at(BEFORE_DEADLINE):
        _answer(public_cast, 1)
        _answer(public_cast, 2, "rejected")
        for name, score in zip(names[:4], (5, 4, 4, 2), strict=True):
            rated = public_cast.client(name).post(
                f"{PAGE}1/rate/", {"response_score": str(score), "implementation_score": "3"}
            )
            assert rated.status_code == 302
        html = Client().get(PAGE).content.decode()
        assert "4 participants have rated this so far" in html
        assert "Mostly faithful" not in html
        public_cast.client(names[4]).post(f"{PAGE}1/rate/", {"response_score": "1"})
        # A participant changes their mind; nobody's own rating is ever shown.
        public_cast.client("participant").post(f"{PAGE}1/rate/", {"response_score": "3"})
        html = Client().get(PAGE).content.decode()
        no_implementation = public_cast.client(names[5]).post(
            f"{PAGE}2/rate/", {"implementation_score": "2"}
        )
        mine = public_cast.client("participant").get(f"{PAGE}1/rate/").content.decode()
    table = html.split("Is the response faithful to the recommendation?")[1].split("</table>")[0]
    cells = re.findall(r'data-label="Participants">(\d+)<', table)
    assert cells == ["1", "1", "1", "2", "0"]  # 1, 2, 3 (changed from 5), 4, 4
    assert "(5 participants rated)" in table
    assert "(4 participants rated)" not in html  # implementation: 4 so far, not shown
    # A rejected recommendation has no implementation: the question is not even offered.
    assert no_implementation.status_code == 400
    assert "Choose a rating for at least one question." in no_implementation.content.decode()
    assert public_cast.process.ratings.filter(recommendation__number=2).count() == 0
    assert re.search(r'name="response_score" value="3"[^>]*checked', mine)


def test_the_stop_link_works_without_signing_in(public_cast: Cast) -> None:
    deliver_report(public_cast, participants=2)
    with clock.frozen_at(BEFORE_DEADLINE):
        _answer(public_cast, 1)
        _send_all()
    message = next(m for m in mail.outbox if m.to == ["participant@example.org"])
    stop = re.search(r"http://[^\s]+/responses/updates/stop/[^\s]+/", message.body)
    assert stop is not None
    path = stop.group(0).split("//", 1)[1].split("/", 1)[1]
    visitor = Client(enforce_csrf_checks=True)
    confirm = visitor.get("/" + path)
    assert confirm.status_code == 200
    assert "Stop these e-mails" in confirm.content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', confirm.content.decode())
    assert token is not None
    done = visitor.post("/" + path, {"csrfmiddlewaretoken": token.group(1)})
    assert "you will no longer be e-mailed" in done.content.decode()
    assert Client().get("/" + path[:-3] + "xx/").status_code == 404  # a forged token
    mail.outbox.clear()
    with clock.frozen_at(BEFORE_DEADLINE):
        _answer(public_cast, 2)
        _send_all()
    assert [m.to for m in mail.outbox] == [["member2@example.org"]]
    # The participant turns them back on from their page.
    participant = public_cast.client("participant")
    assert "You do not receive them." in participant.get(f"{PAGE}updates/").content.decode()
    participant.post(f"{PAGE}updates/", {"wanted": "yes"})
    assert "You receive them" in participant.get(f"{PAGE}updates/").content.decode()
    assert not LedgerEntry.objects.filter(event__icontains="opt").exists()
