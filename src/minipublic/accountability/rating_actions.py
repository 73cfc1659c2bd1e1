"""Participants' ratings of the follow-through, and their choice of e-mail updates.

A participant rates, per answered recommendation, whether the response is faithful to
what they recommended and (once accepted, in whole or in part) whether the
implementation is, each from 1 (not at all) to 5 (completely). They may change their
rating at any time. Ratings are shown only as a distribution with its count, and only
once at least ``MIN_RATINGS`` participants gave one, so that nobody's rating can be
told from the result. Ratings are not in the ledger: an entry per rating would reveal
when each member rated, and an opinion that may change is not a state of the process.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from minipublic import clock
from minipublic.accountability import standing
from minipublic.accountability.common import check_adopted, person
from minipublic.accountability.mail import read_stop_token
from minipublic.accountability.models import ACCEPTING, Rating, UpdateOptOut
from minipublic.lifecycle import Action, LifecycleError, Role
from minipublic.processes.access import Actor, performs
from minipublic.processes.models import Membership, Process
from minipublic.recommendations.models import Recommendation

#: Fewest ratings for which a question's distribution is shown.
MIN_RATINGS = 5
#: The scale, from 1 to 5.
SCALE = (
    (1, _("Not at all faithful")),
    (2, _("Slightly faithful")),
    (3, _("Partly faithful")),
    (4, _("Mostly faithful")),
    (5, _("Completely faithful")),
)


def _score(value: int | None) -> int | None:
    if value is not None and value not in dict(SCALE):
        raise LifecycleError("rating_out_of_scale", "A rating is a number from 1 to 5.")
    return value


@performs(Action.RATE_RESPONSE)
def do_rate(
    actor: Actor,
    process: Process,
    recommendation: Recommendation,
    *,
    response_score: int | None,
    implementation_score: int | None,
) -> Rating:
    """Record (or change) the participant's rating of ``recommendation``'s response and,
    if it was accepted in whole or in part, of its implementation."""
    check_adopted(process, recommendation)
    user = person(actor)
    if user is None:
        raise LifecycleError("rating_needs_participant", "Only a participant rates.")
    current = standing.current_responses(process).get(recommendation.pk)
    if current is None:
        raise LifecycleError(
            "rating_needs_response", "There is no answer to this recommendation to rate yet."
        )
    response_score = _score(response_score)
    implementation_score = _score(implementation_score)
    if implementation_score is not None and current.status not in ACCEPTING:
        raise LifecycleError(
            "rating_no_implementation",
            "The recommendation was not accepted, so there is no implementation to rate.",
        )
    if response_score is None and implementation_score is None:
        raise LifecycleError("rating_empty", "Choose a rating for at least one question.")
    rating, _created = Rating.objects.update_or_create(
        recommendation=recommendation,
        participant=user,
        defaults={
            "process": process,
            "response_score": response_score,
            "implementation_score": implementation_score,
            "rated_at": clock.now(),
        },
    )
    return rating


def own_rating(recommendation: Recommendation, user: object) -> Rating | None:
    """``user``'s own rating of ``recommendation`` (shown to them only)."""
    user_pk = getattr(user, "pk", None)
    return Rating.objects.filter(recommendation=recommendation, participant_id=user_pk).first()


@dataclass(frozen=True)
class Distribution:
    """One question's ratings in aggregate: ``count`` and, once there are at least
    ``MIN_RATINGS``, how many gave each point of the scale (``rows``: label, count, %)."""

    count: int
    rows: tuple[tuple[str, int, int], ...]

    @property
    def shown(self) -> bool:
        """Whether there are enough ratings to show the distribution."""
        return self.count >= MIN_RATINGS


def distribution(recommendation: Recommendation, field: str) -> Distribution:
    """The aggregate of ``field`` (``response_score`` or ``implementation_score``)."""
    values = [
        value
        for value in Rating.objects.filter(recommendation=recommendation).values_list(
            field, flat=True
        )
        if value is not None
    ]
    if len(values) < MIN_RATINGS:
        return Distribution(len(values), ())
    rows = tuple(
        (str(label), values.count(point), round(100 * values.count(point) / len(values)))
        for point, label in SCALE
    )
    return Distribution(len(values), rows)


@performs(Action.CHOOSE_UPDATES)
def do_choose_updates(actor: Actor, process: Process, *, wanted: bool) -> bool:
    """Start or stop the e-mails of responses and progress updates for the participant
    ``actor``; returns whether they now get them. Not in the ledger."""
    user = person(actor)
    if user is None:
        raise LifecycleError(
            "updates_need_participant", "Only a participant chooses their own e-mails."
        )
    if wanted:
        UpdateOptOut.objects.filter(process=process, user=user).delete()
    else:
        UpdateOptOut.objects.get_or_create(
            process=process, user=user, defaults={"since": clock.now()}
        )
    return wanted


def stop_with_token(process: Process, token: str) -> bool:
    """Stop the updates for the participant a stop link names, without signing in (the
    signed token proves the link came from us to them); False if it is not valid for
    ``process`` or no longer names a participant."""
    read = read_stop_token(token)
    if read is None or read[0] != process.pk:
        return False
    user_pk = read[1]
    if not Membership.objects.filter(
        process=process, user_id=user_pk, role=Role.PARTICIPANT.value
    ).exists():
        return False
    UpdateOptOut.objects.get_or_create(
        process=process, user_id=user_pk, defaults={"since": clock.now()}
    )
    return True
