"""The climate assembly's civic lottery, replayed through the real recruitment and selection.

1,500 households on an address file; 600 invitations drawn, more to the areas that
usually answer less; the 247 people of ``demo/selection/people.csv`` register with
their codes (one of them twice); census shares and the quotas of ``quotas.csv``; a
first run cancelled, a second one committed and drawn in public; one member declines
and is replaced the same way. Every step is a dated ``timeline.Step``.

The story is the same on every load: the pseudonyms and registration codes come from a
random generator seeded with ``SEED`` (the real site draws them with ``secrets``), and
the selection, its salt and the public draw follow from those, so every load of the demo
shows the same panel.
"""

from __future__ import annotations

import csv
import io
import random
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from django.contrib.auth.models import AnonymousUser

from minipublic.accounts.models import User
from minipublic.processes.models import Process
from minipublic.recruitment.invitations import (
    do_draw_invitations,
    do_set_letter_text,
    do_upload_address_list,
)
from minipublic.recruitment.models import (
    AddressList,
    FeatureValue,
    Invitation,
    InvitationDraw,
    Registrant,
    RegistrantStatus,
)
from minipublic.recruitment.questions import do_save_feature, do_update_registration
from minipublic.recruitment.registration import do_register
from minipublic.recruitment.retention import do_set_retention
from minipublic.selection import tasks
from minipublic.selection.commit import do_commit_run
from minipublic.selection.draw import do_draw_panel, do_replace_dropouts, do_set_member_status
from minipublic.selection.models import SelectionRun
from minipublic.selection.quotas import (
    do_override_quota,
    do_save_population_shares,
    do_save_quota_settings,
)
from minipublic.selection.runs import do_cancel_run, do_start_run

POOL = Path(__file__).parent / "selection"
AREAS = ("Northgate", "Old Town", "Riverside", "Millbrook", "Eastfield")
# More letters where fewer people usually answer (Old Town, Eastfield).
LETTERS = {"Northgate": 110, "Old Town": 140, "Riverside": 100, "Millbrook": 100, "Eastfield": 150}
#: Seeds the demo's pseudonyms and registration codes (not a secret: a demo, reproducible).
SEED = "Riverford Climate Assembly demo"
STREETS = ("Tannery Row", "Kiln Lane", "Mill Street", "Station Road", "Orchard Way", "Weir Close")

QUESTIONS = {
    "gender": "Which of these describes your gender?",
    "age": "How old are you?",
    "area": "Which part of Riverford do you live in?",
    "tenure": "Do you own your home, rent it privately, or rent social housing?",
    "climate_concern": "How concerned are you about climate change?",
}
LABELS = {"non-binary": "Non-binary or another gender", "social": "Social housing"}
# Census 2021 shares for Riverford (in percent), shown beside the quotas.
SHARES = {
    "gender": {"female": "51", "male": "48", "non-binary": "1"},
    "age": {"16-29": "22", "30-44": "25", "45-64": "32", "65+": "21"},
    "area": {
        "Northgate": "22",
        "Old Town": "18",
        "Riverside": "22",
        "Millbrook": "21",
        "Eastfield": "17",
    },
    "tenure": {"owner": "57", "renter": "26", "social": "17"},
    "climate_concern": {"very": "40", "fairly": "42", "not very": "12", "not at all": "6"},
}
NOTICE = (
    "Riverford City Council and Civic Lottery Works use your answers only to draw a panel "
    "that looks like Riverford. Your name and contact details are seen only by the "
    "recruitment team, and are deleted 180 days after the public draw of the panel if you "
    "are not selected. Your answers stay, without your name, so that anyone can check the "
    "draw."
)
#: The invitation text printed on the 600 letters (stored with the draw).
LETTER_TEXT = (
    "Dear resident,\n\n"
    "Your address is one of 600 in Riverford drawn by lot to receive this letter. The City "
    "Council has asked a Climate Assembly of 24 residents to decide how Riverford should "
    "reach net zero by 2040 in a way that is fair to everyone. Its members will be chosen "
    "by a second lottery from everyone who replies, so that together they look like "
    "Riverford.\n\n"
    "The assembly meets on five weekends between September and November at Riverford "
    "Library. No experience is needed: experts explain, facilitators help everyone speak. "
    "Members receive £300 for each weekend, and travel, childcare, meals, interpreting "
    "and disability support are provided.\n\n"
    "Anyone aged 16 or over who lives at this address may register, by 15 August, at the "
    "address below with the code on this letter. Questions: 01632 960 400 (weekdays 9 to "
    "5) or assembly@riverford.example.org."
)
#: Days after the draw that unselected people's data is kept: long enough to replace
#: dropouts until the assembly's last session (``minipublic erase-personal-data``).
RETENTION_DAYS = 180

Step = tuple[datetime, Callable[[], None]]


def _at(day: str, hour: int, minute: int = 0) -> datetime:
    return datetime.fromisoformat(day).replace(hour=hour, minute=minute, tzinfo=UTC)


def _slug(value: str) -> str:
    """An answer's name on the form, from its text in people.csv ("65+" -> "65-plus")."""
    return "-".join(value.lower().replace("+", " plus").split())


def _people() -> list[dict[str, str]]:
    with (POOL / "people.csv").open(newline="", encoding="utf-8") as file:
        return list(csv.DictReader(file))


def _quotas() -> list[dict[str, str]]:
    with (POOL / "quotas.csv").open(newline="", encoding="utf-8") as file:
        return list(csv.DictReader(file))


def address_file() -> bytes:
    """1,500 households across the five areas, as the council's postal file would list them."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["address", "postcode", "area"])
    for area_number, area in enumerate(AREAS, start=1):
        for house in range(300):
            street = STREETS[house % len(STREETS)]
            number = house // len(STREETS) + 1
            writer.writerow(
                [
                    f"{number} {street}, {area}",
                    f"RF{area_number} {house % 9 + 1}{area[:2].upper()}",
                    area,
                ]
            )
    return out.getvalue().encode("utf-8")


def recruitment_steps(process: Process, users: dict[str, User]) -> list[Step]:
    """The dated steps of the climate assembly's recruitment, selection and replacement."""
    return _Story(process, users).steps()


class _Story:
    """The climate assembly's civic lottery; each method is one dated step."""

    def __init__(self, process: Process, users: dict[str, User]) -> None:
        self.process = process
        self.lead = users["practitioner"]
        self.recruiter = users["recruiter"]
        self.people = _people()
        # A seeded generator instead of ``secrets``: the same pool and panel on every load.
        self.rng = random.Random(SEED)  # noqa: S311 - reproducible demo data, not a secret
        self.address_list: AddressList | None = None
        self.draw_of_letters: InvitationDraw | None = None

    def steps(self) -> list[Step]:
        """Every step with its date, in the order they happened."""
        steps: list[Step] = [
            (_at("2026-07-06", 11), self.questions),
            (_at("2026-07-07", 10), self.addresses),
            (_at("2026-07-08", 12), self.invitations),
            (_at("2026-07-10", 9), self.open_registration),
        ]
        first_day = _at("2026-07-13", 10)
        for index in range(len(self.people)):  # 13 July to 15 August
            moment = first_day + timedelta(days=index * 34 // len(self.people), minutes=index % 60)
            steps.append((moment, self.registering(index)))
        # Someone registers again with another household's letter: flagged, not counted.
        steps.append((_at("2026-08-10", 16), self.registering(5)))
        return [
            *steps,
            (_at("2026-08-18", 10), self.quotas),
            (_at("2026-08-18", 11), self.first_run),
            (_at("2026-08-18", 12), self.second_run),
            (_at("2026-08-18", 15), self.commit),
            (_at("2026-08-20", 18, 5), self.drawing(2, "3 6 1 4 4")),
            (_at("2026-08-27", 12), lambda: self.confirm(declined=1)),
            (_at("2026-09-01", 10), self.replace),
            (_at("2026-09-03", 18, 5), self.drawing(3, "5 2 6")),
            (_at("2026-09-07", 12), self.confirm),
        ]

    def questions(self) -> None:
        """The recruiter sets the five questions (the selection features)."""
        values: dict[str, list[str]] = {}
        for row in _quotas():
            values.setdefault(row["feature"], []).append(row["value"])
        for name, question in QUESTIONS.items():
            do_save_feature(
                self.recruiter,
                self.process,
                name=name,
                question=question,
                values=[
                    (_slug(value), LABELS.get(value, value[:1].upper() + value[1:]), False)
                    for value in values[name]
                ],
            )

    def addresses(self) -> None:
        """The council's household file is uploaded."""
        self.address_list = do_upload_address_list(
            self.recruiter,
            self.process,
            name="Council tax register, households (July 2026)",
            filename="households-2026-07.csv",
            content=address_file(),
            area_column="area",
        )

    def invitations(self) -> None:
        """600 letters, stratified by area, from a seed published in the local paper; the text."""
        assert self.address_list is not None  # noqa: S101 - set by the step before
        self.draw_of_letters = do_draw_invitations(
            self.recruiter,
            self.process,
            self.address_list,
            size=sum(LETTERS.values()),
            letters_per_area=dict(LETTERS),
            seed="Riverford Gazette, 8 July 2026: lottery numbers 04 11 23 35 42 47",
            rng=self.rng,
        )
        do_set_letter_text(self.recruiter, self.process, self.draw_of_letters, LETTER_TEXT)

    def open_registration(self) -> None:
        """Registration opens, with a code from the letter required; data kept 180 days."""
        do_update_registration(
            self.lead, self.process, open=True, code_required=True, privacy_notice=NOTICE
        )
        do_set_retention(self.lead, self.process, days=RETENTION_DAYS)

    def registering(self, index: int) -> Callable[[], None]:
        """Person ``index`` of people.csv registers with an unused letter from their area."""

        def register() -> None:
            person = self.people[index]
            invitation = (
                Invitation.objects.filter(
                    draw=self.draw_of_letters, address__area__iexact=person["area"].strip()
                )
                .exclude(registrants__isnull=False)
                .order_by("pk")
                .first()
            )
            assert invitation is not None, person["area"]  # noqa: S101 - demo data invariant
            do_register(
                AnonymousUser(),
                self.process,
                code=invitation.code,
                first_name=person["first_name"],
                last_name=person["last_name"],
                email=person["email"],
                phone="",
                address=invitation.address.lines,
                postcode=invitation.address.postcode,
                answers={name: _slug(person[name]) for name in QUESTIONS},
                access_needs=["travel"] if index % 9 == 0 else [],
                access_details=(
                    "I use a walking stick; the bus from the estate takes an hour"
                    if index % 9 == 0
                    else ""
                ),
                consent=True,
                rng=self.rng,
            )

        return register

    def quotas(self) -> None:
        """A panel of 24: census shares for reference, the quotas of quotas.csv."""
        do_save_quota_settings(self.recruiter, self.process, panel_size=24, tolerance=1)
        values = {
            (item.feature.name, item.value): item
            for item in FeatureValue.objects.filter(feature__process=self.process).select_related(
                "feature"
            )
        }
        shares = {
            values[(feature, _slug(value))].pk: Decimal(share)
            for feature, by_value in SHARES.items()
            for value, share in by_value.items()
        }
        do_save_population_shares(self.recruiter, self.process, shares)
        for row in _quotas():
            item = values[(row["feature"], _slug(row["value"]))]
            do_override_quota(
                self.recruiter, self.process, item, min=int(row["min"]), max=int(row["max"])
            )

    def first_run(self) -> None:
        """A run started too early, and cancelled: it stays on the record."""
        run = do_start_run(
            self.recruiter,
            self.process,
            reason="Started by mistake before the last postal registrations were entered.",
        )
        do_cancel_run(self.recruiter, self.process, run)

    def second_run(self) -> None:
        """The selection itself (run here at once instead of by the worker)."""
        run = do_start_run(
            self.recruiter,
            self.process,
            reason="The selection: registration closed on 17 August with 247 volunteers.",
        )
        tasks.execute_run.call(run.pk)

    def commit(self) -> None:
        """The lead practitioner commits to run 2 and announces the public draw."""
        do_commit_run(
            self.lead,
            self.process,
            SelectionRun.objects.get(process=self.process, number=2),
            announced_for=_at("2026-08-20", 18),
            randomness_source="Five dice thrown live at the public draw in Riverford Library.",
        )

    def drawing(self, number: int, randomness: str) -> Callable[[], None]:
        """The public draw of run ``number`` with the dice thrown."""

        def draw() -> None:
            run = SelectionRun.objects.get(process=self.process, number=number)
            do_draw_panel(self.lead, self.process, run, randomness=randomness)

        return draw

    def confirm(self, *, declined: int = 0) -> None:
        """Everyone drawn confirms, except ``declined`` members who decline.

        Those who decline are the ones with the most people of exactly their answers
        left in the pool, so that a replacement always exists whatever the lottery drew
        (the panel is the same on every load, but would change with ``SEED``).
        """
        selected = list(
            Registrant.objects.filter(process=self.process, status=RegistrantStatus.SELECTED)
        )
        waiting = Registrant.objects.filter(
            process=self.process, status=RegistrantStatus.REGISTERED, duplicate_of=None
        )
        alike = Counter(tuple(sorted(item.answers.items())) for item in waiting)
        selected.sort(
            key=lambda item: (-alike[tuple(sorted(item.answers.items()))], item.pseudonym)
        )
        for position, registrant in enumerate(selected):
            status = "declined" if position < declined else "confirmed"
            do_set_member_status(self.recruiter, self.process, registrant, status)

    def replace(self) -> None:
        """The member who declined is replaced fairly, committed and drawn in public."""
        run = do_replace_dropouts(
            self.recruiter,
            self.process,
            reason="One member declined: a new job means working weekends.",
        )
        tasks.execute_run.call(run.pk)  # run here at once instead of by the worker
        run.refresh_from_db()
        do_commit_run(
            self.lead,
            self.process,
            run,
            announced_for=_at("2026-09-03", 18),
            randomness_source="Three dice thrown live at the oversight panel's meeting.",
        )
