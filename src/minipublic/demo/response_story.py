"""Demo story: the responses, implementation progress, updates and participants' ratings.

The parks jury (``demo-parks-jury``, 60 days to respond) delivered its report on 17 May
2025, so the answers were due on 16 July 2025. The council answered four of the five
recommendations by 10 July (accepted, accepted in part, rejected, and one under
consideration until the cabinet meeting of 5 August, when it was accepted); the fifth,
a yearly parks budget, was never answered: overdue since 16 July 2025, flagged, and the
oversight group e-mailed. The council then tracked what it accepted through 2025 and
2026, as in the documents ``parks-council-response.md`` and ``parks-progress-2026.md``
(one update posted by the lead practitioner on the grounds team's behalf). Jurors 1 to 7
got every update by e-mail; juror 8 opted out. All eight rated the follow-through.

The jury's recommendations and frozen report come from the report story; this story
creates them only if they are missing, so it works on its own too.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

from minipublic import clock
from minipublic.accountability.mail import send_mailing
from minipublic.accountability.models import Mailing, Milestone
from minipublic.accountability.progress_actions import (
    do_add_milestone,
    do_report_progress,
    do_set_implementation,
    do_update_milestone,
)
from minipublic.accountability.rating_actions import do_choose_updates, do_rate
from minipublic.accountability.response_actions import do_check_deadlines, do_respond
from minipublic.accounts.models import User
from minipublic.processes.access import SYSTEM
from minipublic.processes.models import Process
from minipublic.recommendations.models import Recommendation, RecommendationStatus
from minipublic.recommendations.report_models import ReportVersion

Step = tuple[datetime, Callable[[], None]]

PARKS = "demo-parks-jury"
#: The jury's five recommendations, as in documents/parks-jury-report.md.
RECOMMENDATIONS = (
    ("Keep every park open and free", "Close no park and sell no parkland."),
    (
        "Friends-of groups get a real budget",
        "£150,000 a year shared between volunteer groups, with training and insurance paid "
        "by the council.",
    ),
    (
        "Cafés and events may raise money, within limits",
        "No more than 5% of any park for commercial use, and never the play areas.",
    ),
    ("Let some grass grow", "Mow a third less, plant meadows, and save the money for staff."),
    ("Tell us what happens", "Publish a yearly parks budget that anyone can read."),
)
GROUNDS = "Riverford City Council, Grounds Maintenance"
COMMUNITY = "Riverford City Council, Parks and Leisure (community team)"
PARKS_LEISURE = "Riverford City Council, Parks and Leisure"
# Each juror's ratings (response, implementation) of recommendations 1 to 4.
RATINGS = {
    1: ((5, 5), (5, 5), (5, 4), (4, 5), (5, 4), (5, 5), (4, 5), (5, 4)),
    2: ((3, 3), (2, 3), (3, 4), (3, 3), (4, 3), (2, 2), (3, 3), (3, 4)),
    3: ((1, None), (1, None), (2, None), (1, None), (2, None), (1, None), (1, None), (2, None)),
    4: ((4, 4), (5, 4), (4, 5), (4, 4), (5, 3), (4, 4), (4, 4), (5, 4)),
}


#: The longer answers and progress updates, in the order of the steps below.
T = (
    (
        "Accepted. No park will close or be sold: cabinet has withdrawn the list of four "
        "small parks proposed for disposal in the draft budget."
    ),
    (
        "Accepted in part: a fund of £100,000 a year, not £150,000, because of the savings "
        "target of £1.2 million. Training and insurance for the groups will be paid by the "
        "council, as the jury asked."
    ),
    (
        "Rejected. Income from events is needed to meet the savings target, so the council "
        "will not set a fixed 5% cap. Each event licence will be decided case by case, and "
        "play areas stay excluded from any commercial use."
    ),
    (
        "Under consideration. Reducing mowing by a third affects the grounds maintenance "
        "contract, which cabinet must vary; it will decide at its meeting of 5 August 2025."
    ),
    (
        "Accepted by cabinet on 5 August 2025. Mowing will be reduced by 30% from spring "
        "2026, with meadows planted in the larger parks; the savings go to park staff."
    ),
    (
        "Cabinet has withdrawn the disposal list; no park has closed or been sold, and none "
        "is proposed for sale."
    ),
    (
        "A budget line of £100,000 a year is in the draft 2026/27 budget; the application "
        "form for the groups is being written with three former jurors."
    ),
    (
        "The £100,000 fund opened in January 2026; 14 groups have applied. The jury's figure "
        "of £150,000 has not been met."
    ),
    (
        "The first 11 grants are awarded, £58,400 in all; the rest of this year's fund goes "
        "to a second round in the autumn."
    ),
    (
        "Meadows are established in six parks; £62,000 a year has moved from the mowing "
        "contract to the park staff budget."
    ),
)


def _at(day: str, hour: int = 10) -> datetime:
    return datetime.fromisoformat(day).replace(hour=hour, tzinfo=UTC)


def response_steps(process: Process, users: dict[str, User]) -> list[Step]:
    """The dated steps of this story for ``process`` (none for processes it skips)."""
    if process.slug != PARKS:
        return []
    story = _ParksStory(process, users)
    steps: list[Step] = [
        (_at("2025-05-18", 6), story.ensure_report),
        (_at("2025-05-20", 19), story.juror8_opts_out),
        (_at("2025-06-20", 10), story.answer(1, "accepted", T[0])),
        (_at("2025-06-20", 11), story.answer(2, "accepted_in_part", T[1])),
        (_at("2025-07-08", 15), story.answer(3, "rejected", T[2])),
        (_at("2025-07-10", 16), story.answer(4, "under_consideration", T[3], date(2025, 8, 5))),
        (_at("2025-07-17", 6), story.check_deadlines),
        (_at("2025-08-05", 14), story.answer(4, "accepted", T[4])),
        (_at("2025-08-12", 10), story.plan),
        (_at("2025-08-20", 20), story.rate_responses),
        (_at("2025-09-16", 10), story.progress(1, "done", T[5])),
        (_at("2025-10-15", 10), story.progress(2, "on_track", T[6])),
        (_at("2025-11-20", 10), story.delay_fund),
        (
            _at("2025-12-10", 10),
            story.milestone_done(2, "£100,000 fund agreed in the budget", "2025-12-10"),
        ),
        (
            _at("2026-01-12", 10),
            story.milestone_done(2, "Fund opens to friends-of groups", "2026-01-12"),
        ),
        (
            _at("2026-02-10", 11),
            story.progress(1, "done", "Done. No park has closed or been sold."),
        ),
        (_at("2026-02-10", 12), story.progress(2, "on_track", T[7])),
        (
            _at("2026-02-20", 10),
            story.milestone_done(4, "Mowing plan with meadow areas", "2026-02-20"),
        ),
        (_at("2026-02-10", 13), story.grounds_report),
        (_at("2026-02-24", 20), story.rate_implementation),
        (
            _at("2026-03-24", 10),
            story.milestone_done(
                1, "Parkland protection written into the local plan", "2026-03-24"
            ),
        ),
        (
            _at("2026-04-15", 10),
            story.milestone_done(4, "11 hectares left unmown this spring", "2026-04-15"),
        ),
        (_at("2026-05-06", 10), story.milestone_done(2, "First grants awarded", "2026-05-06")),
        (_at("2026-05-12", 10), story.progress(2, "on_track", T[8])),
        (
            _at("2026-07-01", 10),
            story.milestone_done(4, "Savings moved to the park staff budget", "2026-07-01"),
        ),
        (_at("2026-07-01", 11), story.progress(4, "done", T[9])),
        (_at("2026-10-05", 10), story.delay_second_round),
    ]
    return steps


class _ParksStory:
    """The parks jury's follow-up, step by step (each step re-reads what it needs)."""

    def __init__(self, process: Process, users: dict[str, User]) -> None:
        self.process = process
        self.users = users
        self.commissioner = users["commissioner"]
        self.lead = users["practitioner"]

    def _fresh(self) -> Process:
        self.process.refresh_from_db()
        return self.process

    def _rec(self, number: int) -> Recommendation:
        return Recommendation.objects.get(process=self.process, number=number)

    def ensure_report(self) -> None:
        """The jury's five adopted recommendations and its report, frozen on 17 May 2025,
        unless the report story made them already."""
        delivered = _at("2025-05-17", 12)
        for number, (title, text) in enumerate(RECOMMENDATIONS, start=1):
            Recommendation.objects.get_or_create(
                process=self.process,
                number=number,
                defaults={
                    "title": title,
                    "text": text,
                    "status": RecommendationStatus.ADOPTED,
                    "created_at": _at("2025-05-10", 11),
                    "updated_at": _at("2025-05-10", 16),
                    "decided_at": _at("2025-05-10", 16),
                },
            )
        if not ReportVersion.objects.filter(process=self.process, frozen_at__isnull=False).exists():
            ReportVersion.objects.create(
                process=self.process,
                number=1 + ReportVersion.objects.filter(process=self.process).count(),
                title="Our parks, our say",
                created_at=_at("2025-05-10", 17),
                frozen_at=delivered,
            )

    def juror8_opts_out(self) -> None:
        do_choose_updates(self.users["juror8"], self._fresh(), wanted=False)

    def _send(self) -> None:
        # At once instead of by the worker (the demo's e-mails go nowhere).
        for pk in Mailing.objects.filter(process=self.process, claimed_at__isnull=True).values_list(
            "pk", flat=True
        ):
            send_mailing.call(pk)

    def answer(
        self, number: int, status: str, reasons: str, final_by: date | None = None
    ) -> Callable[[], None]:
        def step() -> None:
            do_respond(
                self.commissioner,
                self._fresh(),
                self._rec(number),
                status=status,
                reasons=reasons,
                final_answer_by=final_by,
            )
            self._send()

        return step

    def check_deadlines(self) -> None:
        """The hourly command notices recommendation 5's answer is overdue."""
        do_check_deadlines(SYSTEM, self._fresh())

    def plan(self) -> None:
        """The council names who implements each accepted recommendation, with milestones."""
        process = self._fresh()
        review = date(2026, 2, 10)
        plans: dict[int, tuple[str, list[tuple[str, str, str | None]]]] = {
            1: (
                PARKS_LEISURE,
                [
                    ("Cabinet decision: no park closed or sold", "2025-08-05", "2025-08-05"),
                    ("Parkland protection written into the local plan", "2026-03-31", None),
                ],
            ),
            2: (
                COMMUNITY,
                [
                    ("£100,000 fund agreed in the budget", "2025-12-31", None),
                    ("Fund opens to friends-of groups", "2025-11-30", None),
                    ("First grants awarded", "2026-04-30", None),
                    ("Second funding round", "2026-10-31", None),
                ],
            ),
            4: (
                GROUNDS,
                [
                    ("Mowing plan with meadow areas", "2026-02-28", None),
                    ("11 hectares left unmown this spring", "2026-04-30", None),
                    ("Savings moved to the park staff budget", "2026-07-31", None),
                ],
            ),
        }
        for number, (body, milestones) in plans.items():
            recommendation = self._rec(number)
            do_set_implementation(
                self.commissioner,
                process,
                recommendation,
                responsible_body=body,
                next_review_on=review,
            )
            for title, due, done in milestones:
                do_add_milestone(
                    self.commissioner,
                    process,
                    recommendation,
                    title=title,
                    due_on=date.fromisoformat(due),
                    done_on=date.fromisoformat(done) if done else None,
                )

    def progress(self, number: int, status: str, text: str) -> Callable[[], None]:
        def step() -> None:
            do_report_progress(
                self.commissioner, self._fresh(), self._rec(number), status=status, text=text
            )
            self._send()

        return step

    def _milestone(self, number: int, title: str) -> Milestone:
        return Milestone.objects.get(recommendation=self._rec(number), title=title)

    def milestone_done(self, number: int, title: str, day: str) -> Callable[[], None]:
        def step() -> None:
            milestone = self._milestone(number, title)
            do_update_milestone(
                self.commissioner,
                self._fresh(),
                milestone,
                due_on=milestone.due_on,
                done_on=date.fromisoformat(day),
            )

        return step

    def delay_fund(self) -> None:
        """The fund's opening moves to January, with a progress update saying why."""
        process = self._fresh()
        milestone = self._milestone(2, "Fund opens to friends-of groups")
        do_update_milestone(
            self.commissioner, process, milestone, due_on=date(2026, 1, 15), done_on=None
        )
        self.progress(
            2,
            "delayed",
            "The fund opens in mid-January instead of November: the application form is being "
            "simplified after the former jurors found it too long.",
        )()

    def grounds_report(self) -> None:
        """The grounds team's report, posted by the lead practitioner on its behalf, and the
        next review set for February 2027."""
        process = self._fresh()
        do_report_progress(
            self.lead,
            process,
            self._rec(4),
            status="on_track",
            text="11 hectares will not be mown this spring; savings of £62,000 a year are kept "
            "for park staff.",
        )
        self._send()
        for number in (1, 2, 4):
            implementation = self._rec(number).implementation
            do_set_implementation(
                self.commissioner,
                process,
                self._rec(number),
                responsible_body=implementation.responsible_body,
                next_review_on=date(2027, 2, 9),
            )

    def delay_second_round(self) -> None:
        process = self._fresh()
        milestone = self._milestone(2, "Second funding round")
        do_update_milestone(
            self.commissioner, process, milestone, due_on=date(2027, 1, 31), done_on=None
        )
        self.progress(
            2,
            "delayed",
            "The second funding round moves to January 2027: the council's mid-year budget "
            "review froze new grants until it ends.",
        )()

    def rate_responses(self) -> None:
        """Every juror rates how faithful the four answers are."""
        self._rate(implementation=False)

    def rate_implementation(self) -> None:
        """After the February progress report the jurors rate the implementation too;
        juror 2 changes their mind about the answer to recommendation 2."""
        self._rate(implementation=True, changed={(2, 2): 3})

    def _rate(
        self, *, implementation: bool, changed: dict[tuple[int, int], int] | None = None
    ) -> None:
        process = self._fresh()
        for number, scores in RATINGS.items():
            recommendation = self._rec(number)
            for juror, (response, implemented) in enumerate(scores, start=1):
                response = (changed or {}).get((juror, number), response)
                with clock.frozen_at(clock.now() + timedelta(minutes=juror)):
                    do_rate(
                        self.users[f"juror{juror}"],
                        process,
                        recommendation,
                        response_score=response,
                        implementation_score=implemented if implementation else None,
                    )
