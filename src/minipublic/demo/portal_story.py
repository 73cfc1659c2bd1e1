"""Demo story: the climate assembly's participants' privacy and protection.

After the last weekend (7 and 8 November 2026) the twelve members with accounts make their
choices on their own page: seven say their name may be published once the assembly has
ended (it has not, so no name is shown yet); ten may be kept informed afterwards, two
may not (participant4 and participant11, who are then opted out of the council's
progress e-mails too).

On 12 November a Riverford Gazette reporter, Kieran Doyle (a colleague of the observer
Jo Baptiste), asks through the public contact form to interview members about the
parking levy. The lead practitioner passes it on to the panel the same afternoon, and on
26 November records the outcome: two members agreed to talk to the paper through the
team.

On 20 November a lobbyist of the Riverford Motorists' Forum e-mails participant3
directly about the parking levy; participant3 reports it from their page, so it enters
the register of steering attempts, and the oversight member addresses it the next day.

Everything happens through the same actions the pages call, with the clock frozen at
each step. Every row this story makes belongs to the ``demo`` process, so running the
demo again (which deletes and re-creates that process) removes them with it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from django.contrib.auth.models import AnonymousUser

from minipublic.accounts.models import User
from minipublic.integrity.actions import do_review_incident
from minipublic.integrity.models import Incident, IncidentStatus
from minipublic.participants.message_mail import send_message_batch
from minipublic.participants.message_models import Message
from minipublic.participants.portal_consent import do_choose_consent
from minipublic.participants.portal_contact import (
    do_forward_contact,
    do_record_contact_outcome,
    do_request_contact,
    report_direct_approach,
)
from minipublic.participants.privacy_models import ContactKind, ContactRequest
from minipublic.processes.models import Process

Step = tuple[datetime, Callable[[], None]]

SLUG = "demo"
#: Who may be named once the assembly has ended (participant numbers).
NAMED = frozenset({1, 2, 5, 6, 8, 9, 12})
#: Who does not want to hear from the team after the assembly.
NO_FOLLOW_UP = frozenset({4, 11})

JOURNALIST = "Kieran Doyle"
GAZETTE = "Riverford Gazette"
INTERVIEW = (
    "I am writing a feature for the Riverford Gazette on the assembly's recommendation "
    "about the city-centre parking levy. Could I interview two or three members, by phone "
    "or in person, about how they weighed it? I would use first names only unless someone "
    "is happy to be named once the assembly has ended. My colleague Jo Baptiste observes "
    "the plenaries; this is a separate piece."
)
PASSED_ON = (
    "A reporter from the Riverford Gazette would like to talk to two or three of you about "
    "how the assembly weighed the parking levy, for a feature in the paper. You do not have "
    "to answer, and nobody will know who did not. If you would like to take part, reply to "
    "Priya through your page or by phone before 20 November: we arrange the interview, sit "
    "in on it if you wish, and never give the paper your address or number."
)
OUTCOME = (
    "Two members agreed to talk to the Riverford Gazette, through the team; both interviews "
    "took place at the council offices on 24 November with the lead practitioner present. "
    "Neither member is named in the article."
)
LOBBYIST = (
    "On 20 November at about 6 pm I got an e-mail at my personal address from a man who "
    "said he was from the Riverford Motorists' Forum. He knew I was on the assembly, asked "
    "me to 'think again about the parking levy before you sign anything', and attached a "
    "leaflet about shops closing in the city centre. I did not answer. I do not know how "
    "he got my address."
)
REVIEW = (
    "Addressed: the lead practitioner wrote to the Motorists' Forum reminding it that "
    "members are reached only through the team and that its evidence can go to the "
    "assembly through the witness requests; the Forum apologised and said it would not "
    "contact members again. All members were reminded they need not answer such e-mails."
)


def _at(day: str, hour: int, minute: int = 0) -> datetime:
    return datetime.fromisoformat(day).replace(hour=hour, minute=minute, tzinfo=UTC)


def portal_steps(process: Process, users: dict[str, User]) -> list[Step]:
    """The dated steps: consents, the Gazette's request and its handling, the approach
    (none for other processes)."""
    if process.slug != SLUG:
        return []
    steps: list[Step] = []
    for number in range(1, 13):
        # Spread over the three days after the last weekend, in the evenings.
        moment = _at(f"2026-11-{9 + number % 3:02d}", 18 + number % 4, 5 * number % 60)
        steps.append((moment, _choosing(process, users[f"participant{number}"], number)))
    made: dict[str, ContactRequest] = {}
    filed: dict[str, Incident] = {}

    def request() -> None:
        made["gazette"] = do_request_contact(
            AnonymousUser(),
            process,
            kind=ContactKind.MEDIA,
            name=JOURNALIST,
            organisation=GAZETTE,
            email="kieran.doyle@gazette.demo.invalid",
            request=INTERVIEW,
        )

    def forward() -> None:
        do_forward_contact(
            users["practitioner"],
            process,
            made["gazette"],
            message=PASSED_ON,
        )
        # Sent now, as the worker would (the demo's e-mail backend sends nothing).
        passed_on = Message.objects.filter(process=process).latest("created_at", "pk")
        send_message_batch.call(passed_on.pk)

    def outcome() -> None:
        do_record_contact_outcome(users["practitioner"], process, made["gazette"], outcome=OUTCOME)

    def approach() -> None:
        reported = report_direct_approach(
            users["participant3"], process, source=ContactKind.STAKEHOLDER, what_happened=LOBBYIST
        )
        filed["it"] = reported.incident

    def review() -> None:
        do_review_incident(
            users["oversight"],
            process,
            filed["it"],
            status=IncidentStatus.ADDRESSED,
            response=REVIEW,
        )

    steps += [
        (_at("2026-11-12", 9, 40), request),
        (_at("2026-11-12", 15, 10), forward),
        (_at("2026-11-20", 19, 25), approach),
        (_at("2026-11-21", 10, 30), review),
        (_at("2026-11-26", 11, 0), outcome),
    ]
    return steps


def _choosing(process: Process, user: User, number: int) -> Callable[[], None]:
    def choose() -> None:
        do_choose_consent(
            user,
            process,
            name_public=number in NAMED,
            follow_up=number not in NO_FOLLOW_UP,
        )

    return choose
