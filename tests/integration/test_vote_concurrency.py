"""Every participant voting at once loses no ballot; a ballot arriving as the vote
closes either counts or is refused, never lost or counted after the close.

Through the HTTP view, with a test client and a database connection per thread: 200
participants vote at once (the issue's figure). PostgreSQL only: SQLite has a single
writer, and the test database is shared in memory, where a busy lock fails at once
("database table is locked") instead of waiting, so threads there test SQLite's
locking rather than the vote. The single-request rules (a ballot after the close is
refused) are tested on both databases in test_recommendation_votes.py.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable

import pytest
from django.test import Client

from minipublic.accounts.models import User
from minipublic.engagement.actions import do_accept_terms
from minipublic.integrity.record import entries
from minipublic.lifecycle import Role
from minipublic.processes import actions
from minipublic.processes.access import SYSTEM
from minipublic.recommendations import drafting, votes
from minipublic.recommendations.vote_models import Ballot, RecommendationVote, SupportLevel
from tests.cast import Cast, make_cast, make_user
from tests.concurrency import together
from tests.parking_room import to_deliberation

# Each test asks for ``transactional_db`` by name, so that the suite runs it before the
# tests of the loaded demo (see tests/conftest.py).
pytestmark = [
    pytest.mark.skipif(
        "postgres" not in os.environ.get("DATABASE_URL", ""),
        reason="concurrent writers need PostgreSQL (SQLite's shared in-memory test "
        "database refuses a busy lock at once); run it with scripts/with-postgres",
    ),
]
VOTERS = 200
LEVELS = list(SupportLevel.values)


def _assembly(count: int) -> tuple[Cast, list[User], RecommendationVote]:
    cast = make_cast()
    to_deliberation(cast)
    people = []
    for index in range(count):
        user = make_user(f"voter{index:03}")
        actions.do_add_member(SYSTEM, cast.process, user, Role.PARTICIPANT)
        do_accept_terms(SYSTEM, cast.process, user=user)
        people.append(user)
    recommendation = drafting.do_draft_recommendation(
        people[0], cast.process, theme="T", title="Free buses for under-25s", text="Do it."
    )
    vote = votes.do_open_vote(cast.users["facilitator"], cast.process, recommendation)
    return cast, people, vote


def _post(client: Client, url: str, data: dict[str, str]) -> int:
    return client.post(url, data).status_code


def _signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_every_participant_votes_at_once_and_changes_their_mind(transactional_db: None) -> None:
    count = VOTERS
    cast_, people, vote = _assembly(count)
    url = f"/p/riverside/recommendations/votes/{vote.number}/"
    first = {user.pk: LEVELS[index % len(LEVELS)] for index, user in enumerate(people)}
    final = {user.pk: LEVELS[(index * 7 + 3) % len(LEVELS)] for index, user in enumerate(people)}
    statuses: list[int] = []

    clients = {user.pk: _signed_in(user) for user in people}

    def voter(user: User) -> Callable[[], None]:
        def vote_twice() -> None:
            client = clients[user.pk]
            statuses.append(_post(client, url, {"step": "cast", "level": first[user.pk]}))
            statuses.append(_post(client, url, {"step": "cast", "level": final[user.pk]}))

        return vote_twice

    assert together([voter(user) for user in people]) == []
    assert statuses == [302] * (2 * count)
    assert Ballot.objects.filter(vote=vote).count() == count
    stored = dict(Ballot.objects.filter(vote=vote).values_list("voter_id", "level"))
    assert stored == final  # every change applied, each ballot exactly once

    votes.do_close_vote(cast_.users["facilitator"], cast_.process, vote)
    vote.refresh_from_db()
    assert vote.counts == {level: Counter(final.values())[level] for level in LEVELS}
    assert sum(vote.counts.values()) == count
    assert not entries(cast_.process).filter(event__contains="ballot").exists()


def test_ballots_arriving_as_the_vote_closes_count_or_are_refused(transactional_db: None) -> None:
    count = VOTERS
    cast_, people, vote = _assembly(count)
    url = f"/p/riverside/recommendations/votes/{vote.number}/"
    facilitator = Client()
    facilitator.force_login(cast_.users["facilitator"])
    # Some ballots are in before the race, so that closing never meets an empty vote.
    early = people[:2]
    for user in early:
        assert _post(_signed_in(user), url, {"step": "cast", "level": "full"}) == 302
    outcomes: dict[int, int] = {}
    closing: list[int] = []

    clients = {user.pk: _signed_in(user) for user in people}

    def voter(user: User) -> Callable[[], None]:
        def cast_ballot() -> None:
            client = clients[user.pk]
            outcomes[user.pk] = _post(client, url, {"step": "cast", "level": "reservations"})

        return cast_ballot

    def close() -> None:
        closing.append(_post(facilitator, url, {"step": "close"}))

    racing = people[2:]
    assert together([close, *(voter(user) for user in racing)]) == []
    assert closing == [302]
    vote.refresh_from_db()
    assert not vote.is_open
    accepted = [pk for pk, status in outcomes.items() if status == 302]
    refused = [pk for pk, status in outcomes.items() if status != 302]
    assert set(outcomes.values()) <= {302, 400}
    # Every accepted ballot counted exactly once; none after the close.
    assert vote.counts["full"] == len(early)
    assert vote.counts["reservations"] == len(accepted)
    assert sum(vote.counts.values()) == len(early) + len(accepted)
    assert len(accepted) + len(refused) == len(racing)
    assert not Ballot.objects.exists()
