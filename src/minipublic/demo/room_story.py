"""The climate assembly's room, as dated ``timeline.Step``s: the sessions and their agendas
laid out before the first weekend, four tables a day, and the twelve members with a
participant account linked to their places on the panel. ``tables_story`` then seats
everyone with the allocation engine.

The demo's participant accounts carry names of their own (``content.ACCOUNTS``); the
registrants they are linked to take those names, so that the room, the panel and the
accounts speak of the same people.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time

from minipublic.accounts.models import User
from minipublic.deliberation.sessions import do_add_item, do_add_session, do_set_tables
from minipublic.demo.room_content import AGENDA_SET_ON, SESSIONS, TABLES_PER_SESSION
from minipublic.processes.models import Process
from minipublic.recruitment.models import Registrant, RegistrantStatus
from minipublic.selection.accounts import do_link_participant_account

Step = tuple[datetime, Callable[[], None]]

#: The demo process whose room this is.
SLUG = "demo"
#: Participant accounts are linked on the first morning, before the doors open.
LINKED_AT = datetime(2026, 9, 12, 8, 45, tzinfo=UTC)
#: The gender the names of participant1 to participant12 suggest ("" for either), so that
#: each account is linked to a panel member of that gender.
ACCOUNT_GENDERS = (
    "female",
    "male",
    "",
    "female",
    "female",
    "male",
    "female",
    "male",
    "female",
    "male",
    "male",
    "female",
)


def room_steps(process: Process, users: dict[str, User]) -> list[Step]:
    """The steps that lay out the climate assembly's room (none for other processes)."""
    if process.slug != SLUG:
        return []
    facilitator = users["facilitator"]

    def lay_out() -> None:
        for spec in SESSIONS:
            session = do_add_session(
                facilitator,
                process,
                title=spec.title,
                on=date.fromisoformat(spec.on),
                starts_at=time.fromisoformat(spec.starts_at),
                location=spec.location,
            )
            for item in spec.items:
                do_add_item(
                    facilitator,
                    process,
                    session,
                    title=item.title,
                    kind=item.kind,
                    planned_minutes=item.minutes,
                )
            do_set_tables(facilitator, process, session, TABLES_PER_SESSION)

    def link_accounts() -> None:
        confirmed = list(
            Registrant.objects.filter(process=process, status=RegistrantStatus.CONFIRMED).order_by(
                "pseudonym"
            )
        )
        for i, gender in enumerate(ACCOUNT_GENDERS, start=1):
            # The first member not yet linked whose answers fit the account's name.
            registrant = next(
                (r for r in confirmed if gender in ("", r.answers.get("gender"))), None
            )
            if registrant is None:
                continue
            confirmed.remove(registrant)
            account = users[f"participant{i}"]
            first, _, last = account.display_name.partition(" ")
            registrant.first_name, registrant.last_name = first, last
            registrant.save(update_fields=["first_name", "last_name"])
            do_link_participant_account(users["recruiter"], process, registrant, account)

    return [
        (datetime.fromisoformat(AGENDA_SET_ON).replace(hour=10, tzinfo=UTC), lay_out),
        (LINKED_AT, link_accounts),
    ]
