"""The Riverford Citizens' Council: a standing council drawn by lot (the Ostbelgien model).

Created from the ``ostbelgien`` template in November 2025; its 24 members are drawn by
the engine from a pool of former assembly members and volunteers (the 247 people of
``demo/selection/people.csv``, imported), committed and drawn in public, and seated with
terms ending in thirds. In May 2026 a third of the seats rotates: a rotation run of the
engine, committed and drawn in public, fills the eight seats from the pool without the
sitting and former members. The council adopted net zero as a topic and convened the
Riverford Climate Assembly (``demo``) for it, chose its experts, proposed a second
topic, and follows up the parks jury's answered recommendations (one check overdue) and
the climate assembly's awaited response.
"""

from __future__ import annotations

import csv
import io
import random
from collections.abc import Callable
from datetime import UTC, date, datetime

from minipublic import clock
from minipublic.accounts.models import User
from minipublic.council import actions as council
from minipublic.council.models import Topic
from minipublic.demo.recruitment_story import LABELS, QUESTIONS, _people, _quotas, _slug
from minipublic.engagement.actions import do_accept_terms
from minipublic.lifecycle import Phase, ProcessModel, Role, Visibility
from minipublic.processes import actions
from minipublic.processes.access import SYSTEM
from minipublic.processes.design import PlannedDesign
from minipublic.processes.models import Process
from minipublic.recruitment.models import FeatureValue, Registrant
from minipublic.recruitment.pool_import import do_import_pool
from minipublic.recruitment.questions import do_save_feature
from minipublic.selection import tasks
from minipublic.selection.commit import do_commit_run
from minipublic.selection.draw import do_draw_panel
from minipublic.selection.models import SelectionRun
from minipublic.selection.quotas import do_override_quota, do_save_quota_settings
from minipublic.selection.rotation import execute_rotation_run
from minipublic.selection.runs import do_start_run

SLUG = "demo-council"
#: Seeds the pool's pseudonyms (a reproducible demo, not a secret).
SEED = "Riverford Citizens' Council demo"
FEATURES = ("gender", "age", "area", "tenure")
MEMBERS = {
    "practitioner": Role.LEAD_PRACTITIONER,
    "recruiter": Role.RECRUITER,
    "facilitator": Role.FACILITATOR,
    "oversight": Role.OVERSIGHT,
    **{f"participant{i}": Role.PARTICIPANT for i in range(1, 4)},
}
#: The phases the council goes through, with the reason recorded for each.
PHASES = {
    Phase.RECRUITMENT: "The pool of former assembly members and volunteers.",
    Phase.SELECTION: "The pool is closed; the council's first draw.",
    Phase.DELIBERATION: "The council sits from 1 December 2025.",
}


def _at(day: str, hour: int = 10, minute: int = 0) -> datetime:
    return datetime.fromisoformat(day).replace(hour=hour, minute=minute, tzinfo=UTC)


def pool_file() -> bytes:
    """The council's pool as an import file: contact columns and the four questions."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["first_name", "last_name", "email", "address", "postcode", *FEATURES])
    for person in _people():
        writer.writerow(
            [
                person["first_name"],
                person["last_name"],
                person["email"],
                person["address_line"],
                person["postcode"],
                *(_slug(person[name]) for name in FEATURES),
            ]
        )
    return out.getvalue().encode("utf-8")


def load_council(users: dict[str, User]) -> Process:
    """Create (or re-create) the demo council and replay its dated story."""
    existing = Process.objects.filter(slug=SLUG).first()
    if existing is not None:
        actions.do_delete_process(SYSTEM, existing)
    story = _Story(users)
    for moment, step in story.steps():
        with clock.frozen_at(moment):
            step()
    return story.process


class _Story:
    """Each method is one dated step of the council's story."""

    def __init__(self, users: dict[str, User]) -> None:
        self.users = users
        self.lead = users["practitioner"]
        self.recruiter = users["recruiter"]
        self.secretariat = users["facilitator"]
        self.member = users["participant1"]
        self.process: Process

    def steps(self) -> list[tuple[datetime, Callable[[], None]]]:
        """The dated steps, in order."""
        return [
            (_at("2025-11-03"), self.create),
            (_at("2025-11-05"), self.pool),
            (_at("2025-11-20"), self.select),
            (_at("2025-11-27", 18, 5), lambda: self.draw(1, "4 1 6 2 5")),
            (_at("2025-11-28"), self.seat_first),
            (_at("2026-01-15"), self.propose_net_zero),
            (_at("2026-02-10", 19), self.adopt_net_zero),
            (_at("2026-03-10", 19), self.choose_experts),
            (_at("2026-04-14", 19), self.follow_up_parks),
            (_at("2026-05-04"), self.start_rotation),
            (_at("2026-05-14", 18, 5), lambda: self.draw(2, "2 6 3")),
            (_at("2026-05-15"), self.seat_rotation),
            (_at("2026-06-02", 19), self.convene),
            (_at("2026-10-12", 19), self.propose_housing),
            (_at("2026-10-20", 19), self.follow_up_climate),
        ]

    def create(self) -> None:
        """The council is created from the Ostbelgien template, public, with its staff."""
        self.process = actions.do_create_process(
            SYSTEM,
            slug=SLUG,
            title="Riverford Citizens' Council",
            question=(
                "Which questions should Riverford's citizens' assemblies take up, and is the "
                "City Council doing what the assemblies recommended?"
            ),
            description=(
                "A standing council of 24 residents drawn by lot, on the model of the "
                "Ostbelgien Citizens' Dialogue. Members serve 18 months; every six months a "
                "third of the seats is drawn anew. The council chooses the topics of "
                "Riverford's citizens' assemblies and the experts who inform them, and checks "
                "how the City Council answers their recommendations."
            ),
            commissioning_body="Riverford City Council",
            model=ProcessModel.PERMANENT_COUNCIL,
            visibility=Visibility.PUBLIC,
            lead=self.lead,
            template="ostbelgien",
            design=PlannedDesign(planned_panel_size=24),
        )
        do_accept_terms(SYSTEM, self.process, user=self.lead)
        for username, role in MEMBERS.items():
            if role is not Role.LEAD_PRACTITIONER:
                actions.do_add_member(SYSTEM, self.process, self.users[username], role)
                do_accept_terms(SYSTEM, self.process, user=self.users[username])
        self._phase(Phase.RECRUITMENT)

    def _phase(self, phase: Phase) -> None:
        self.process.refresh_from_db()
        actions.do_change_phase(SYSTEM, self.process, phase, PHASES[phase])

    def pool(self) -> None:
        """Four questions, and the pool imported: former assembly members and volunteers."""
        values: dict[str, list[str]] = {}
        for row in _quotas():
            values.setdefault(row["feature"], []).append(row["value"])
        for name in FEATURES:
            do_save_feature(
                self.recruiter,
                self.process,
                name=name,
                question=QUESTIONS[name],
                values=[
                    (_slug(value), LABELS.get(value, value[:1].upper() + value[1:]), False)
                    for value in values[name]
                ],
            )
        do_import_pool(
            self.recruiter,
            self.process,
            filename="council-pool-2025-11.csv",
            content=pool_file(),
            rng=random.Random(SEED),  # noqa: S311 - reproducible demo data, not a secret
        )

    def select(self) -> None:
        """Quotas for a council of 24, the selection run, and the commitment."""
        do_save_quota_settings(self.recruiter, self.process, panel_size=24, tolerance=1)
        items = {
            (item.feature.name, item.value): item
            for item in FeatureValue.objects.filter(feature__process=self.process).select_related(
                "feature"
            )
        }
        for row in _quotas():
            if row["feature"] in FEATURES:
                item = items[(row["feature"], _slug(row["value"]))]
                do_override_quota(
                    self.recruiter, self.process, item, min=int(row["min"]), max=int(row["max"])
                )
        self._phase(Phase.SELECTION)
        run = do_start_run(
            self.recruiter,
            self.process,
            reason="The council's first 24 members, from 247 people in the pool.",
        )
        tasks.execute_run.call(run.pk)  # at once instead of by the worker
        run.refresh_from_db()
        do_commit_run(
            self.lead,
            self.process,
            run,
            announced_for=_at("2025-11-27", 18),
            randomness_source="Five dice thrown live at the council's founding meeting.",
        )

    def draw(self, number: int, randomness: str) -> None:
        """The public draw of run ``number``."""
        run = SelectionRun.objects.get(process=self.process, number=number)
        do_draw_panel(self.lead, self.process, run, randomness=randomness)

    def seat_first(self) -> None:
        """The schedule (a third every six months) and the first 24 seats.

        Three members who have demo accounts are linked to them, so they can act.
        """
        self._phase(Phase.DELIBERATION)
        council.do_set_schedule(
            self.lead,
            self.process,
            seats=24,
            term_months=18,
            seats_per_rotation=8,
            first_rotation=date(2026, 6, 1),
        )
        drawn = self.process.selection_runs.get(number=1).draw.members
        # Seats 17-24 serve the longest: the members with accounts are among them.
        for username, pseudonym in zip(
            ("participant1", "participant2", "participant3"), drawn[16:], strict=False
        ):
            Registrant.objects.filter(process=self.process, pseudonym=pseudonym).update(
                user=self.users[username]
            )
        council.do_seat_members(self.lead, self.process, starts_on=date(2025, 12, 1))

    def propose_net_zero(self) -> None:
        """A member proposes the topic of the climate assembly."""
        council.do_propose_topic(
            self.member,
            self.process,
            title="How Riverford reaches net zero by 2040, fairly",
            why=(
                "The City Council declared a climate emergency but its plan is stuck. Heating, "
                "transport and who pays touch every household: residents, not officials, "
                "should weigh the choices."
            ),
        )

    def _topic(self, title_start: str) -> Topic:
        return Topic.objects.get(process=self.process, title__startswith=title_start)

    def adopt_net_zero(self) -> None:
        """The council adopts it (the secretariat records the vote)."""
        council.do_decide_topic(
            self.secretariat,
            self.process,
            self._topic("How Riverford reaches"),
            status="adopted",
            note="Adopted: a citizens' assembly of 24 over five weekends in autumn 2026.",
            votes_for=19,
            votes_against=2,
            votes_abstaining=1,
        )

    def choose_experts(self) -> None:
        """Two experts, chosen by the council for the assembly."""
        topic = self._topic("How Riverford reaches")
        for name, field, why in (
            (
                "Dr Sam Kowalski",
                "Energy systems, Riverford University",
                "Explains what heat pumps, insulation and the heat network cost and save.",
            ),
            (
                "Marta Quinn",
                "Riverford Tenants' Union",
                "Speaks for renters, who pay for energy but do not decide on insulation.",
            ),
        ):
            council.do_choose_expert(
                self.secretariat, self.process, topic, name=name, field=field, why=why
            )

    def follow_up_parks(self) -> None:
        """The parks jury's answered recommendations, checked (one check falls overdue)."""
        parks = Process.objects.get(slug="demo-parks-jury")
        for subject, status, summary, next_check in (
            (
                "Recommendation 1: keep every park's toilets open",
                "implemented",
                "All eleven park toilets reopened in March 2026 with a cleaning contract.",
                None,
            ),
            (
                "Recommendation 3: a volunteer ranger scheme in every ward",
                "partly",
                "Rangers started in three of five wards; Old Town and Eastfield wait for funds.",
                date(2026, 10, 14),
            ),
            (
                "Recommendation 5: no sale of park land",
                "rejected",
                "Cabinet keeps the sale of the Weir Close depot; its reason: the depot is not "
                "parkland. The council disagrees and says so publicly.",
                None,
            ),
        ):
            council.do_record_follow_up(
                self.secretariat,
                self.process,
                assembly=parks,
                subject=subject,
                status=status,
                summary=summary,
                next_check_on=next_check,
            )

    def start_rotation(self) -> None:
        """A third of the seats rotates: the engine draws eight new members."""
        rotation = council.do_start_rotation(
            self.lead,
            self.process,
            reason="Seats 1 to 8 rotate on 1 June 2026, as scheduled.",
        )
        execute_rotation_run.call(rotation.run.pk)  # at once instead of by the worker
        run = SelectionRun.objects.get(pk=rotation.run.pk)
        do_commit_run(
            self.lead,
            self.process,
            run,
            announced_for=_at("2026-05-14", 18),
            randomness_source="Three dice thrown live at the council's May meeting.",
        )

    def seat_rotation(self) -> None:
        """The eight members drawn take seats 1 to 8 from 1 June 2026."""
        council.do_seat_members(self.lead, self.process)

    def convene(self) -> None:
        """The climate assembly is convened for the adopted topic."""
        council.do_decide_topic(
            self.secretariat,
            self.process,
            self._topic("How Riverford reaches"),
            status="convened",
            note="The Riverford Climate Assembly is convened; it meets from September 2026.",
            votes_for=21,
            votes_against=0,
            votes_abstaining=3,
            assembly=Process.objects.get(slug="demo"),
        )

    def propose_housing(self) -> None:
        """A second topic, proposed and not yet decided."""
        council.do_propose_topic(
            self.users["participant2"],
            self.process,
            title="Affordable homes on the riverside sites",
            why=(
                "The riverside regeneration will decide who can afford to live in Riverford for "
                "decades; the plans are drawn up without residents."
            ),
        )

    def follow_up_climate(self) -> None:
        """The climate assembly's response is awaited."""
        council.do_record_follow_up(
            self.secretariat,
            self.process,
            assembly=Process.objects.get(slug="demo"),
            subject="The response overall",
            status="awaiting",
            summary=(
                "The assembly's report is due in November; the City Council has committed to "
                "answer every recommendation within three months."
            ),
            next_check_on=date(2027, 2, 15),
        )
