"""Who is in the room: the confirmed panel under pseudonymous keys, plus participant
accounts linked to nobody on the panel; names are first name and initial only."""

from __future__ import annotations

import datetime

import pytest

from minipublic.deliberation.roster import attendee_key_of, roster
from minipublic.lifecycle import Role
from minipublic.processes import actions
from minipublic.processes.access import SYSTEM
from minipublic.recruitment.models import Registrant, RegistrantStatus
from tests.cast import Cast, make_user

pytestmark = pytest.mark.django_db


def _registrant(cast: Cast, pseudonym: str, status: RegistrantStatus, **fields: object) -> None:
    Registrant.objects.create(
        process=cast.process,
        pseudonym=pseudonym,
        first_name="Amira",
        last_name="Khan",
        email=f"{pseudonym}@example.org",
        answers={"age": "16-29", "area": "north"},
        registered_on=datetime.date(2026, 3, 1),
        status=status,
        **fields,
    )


def test_the_room_is_the_confirmed_panel_and_unlinked_participants(cast: Cast) -> None:
    participant = cast.users["participant"]
    _registrant(cast, "P2", RegistrantStatus.CONFIRMED)
    _registrant(cast, "P1", RegistrantStatus.CONFIRMED, user=participant)
    _registrant(cast, "P3", RegistrantStatus.DECLINED)
    _registrant(cast, "P4", RegistrantStatus.REGISTERED)
    late = make_user("late")
    late.display_name = "Bo"
    late.save()
    actions.do_add_member(SYSTEM, cast.process, late, Role.PARTICIPANT)

    people = roster(cast.process)
    assert [p.key for p in people] == ["r:P1", "r:P2", f"u:{late.pk}"]
    assert people[0].name == "Amira K."  # never the full last name, nor any contact
    assert people[0].user_id == participant.pk
    assert people[0].features == {"age": "16-29", "area": "north"}
    assert people[2].name == "Bo"
    assert people[2].features == {}
    assert attendee_key_of(participant, cast.process) == "r:P1"
    assert attendee_key_of(late, cast.process) == f"u:{late.pk}"
    assert attendee_key_of(cast.users["facilitator"], cast.process) is None


def test_a_participant_linked_to_nobody_is_an_attendee_of_their_own(cast: Cast) -> None:
    participant = cast.users["participant"]
    assert [p.key for p in roster(cast.process)] == [f"u:{participant.pk}"]
    assert roster(cast.process)[0].name == "participant"  # no name given: the user name


def test_an_account_name_gives_first_name_and_initial(cast: Cast) -> None:
    participant = cast.users["participant"]
    participant.display_name = "Grace van der Berg"
    participant.save()
    assert roster(cast.process)[0].name == "Grace B."
