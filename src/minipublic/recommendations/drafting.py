"""Named actions of drafting: write a recommendation, join its drafting group, edit it,
propose and decide amendments, comment.

Only participants draft. The drafting group (whoever wrote the recommendation and
whoever joined since) edits the text directly, each edit a kept revision; any other
participant proposes an amendment with a reason, which the group accepts (the text is
replaced) or puts to a vote of all participants (``votes.py``). An amendment is never
silently dropped: only its proposer withdraws it, and a recommendation cannot be put to
the vote, nor withdrawn, while an amendment to it awaits a decision.

The public ledger gets a commitment to every wording (its SHA-256), never the draft
itself or who wrote it (private fields): drafts are not for the commissioner's eyes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Max

from minipublic import clock
from minipublic.integrity.record import append
from minipublic.lifecycle import Action, LifecycleError, Role
from minipublic.processes.access import Actor, performs
from minipublic.processes.models import Process
from minipublic.recommendations.acting import (
    NOTE_LIMIT,
    TEXT_LIMIT,
    TITLE_LIMIT,
    checked_text,
    identity,
    ledger_role,
    locked,
    needs_person,
    text_sha256,
    within,
)
from minipublic.recommendations.drafting_models import (
    Amendment,
    AmendmentStatus,
    Comment,
    DraftingMember,
    Revision,
)
from minipublic.recommendations.models import Recommendation, RecommendationStatus

if TYPE_CHECKING:
    from minipublic.accounts.models import User

_PARTICIPANT = (Role.PARTICIPANT,)


def wording_sha256(recommendation: Recommendation | Revision) -> str:
    """The SHA-256 of a wording: theme, title, text and rationale."""
    r = recommendation
    return text_sha256(r.theme, r.title, r.text, r.rationale)


def is_drafter(user: object, recommendation: Recommendation) -> bool:
    """Whether ``user`` belongs to the drafting group of ``recommendation``."""
    pk = getattr(user, "pk", None)
    return pk is not None and recommendation.drafters.filter(member_id=pk).exists()


def _require_drafter(user: User, recommendation: Recommendation) -> None:
    if not is_drafter(user, recommendation):
        raise LifecycleError(
            "not_in_drafting_group",
            "Only the drafting group of recommendation {number} does this: join it first.",
            number=recommendation.number,
        )


def _require_draft(recommendation: Recommendation) -> None:
    if recommendation.status != RecommendationStatus.DRAFT:
        raise LifecycleError(
            "recommendation_not_draft",
            "Recommendation {number} is no longer a draft: its wording is fixed.",
            number=recommendation.number,
        )


def _require_no_amendment_vote(recommendation: Recommendation) -> None:
    if recommendation.amendments.filter(status=AmendmentStatus.VOTING).exists():
        raise LifecycleError(
            "amendment_vote_pending",
            "An amendment to recommendation {number} has been put to a vote: its text "
            "stays as it is until that vote is decided.",
            number=recommendation.number,
        )


def _wording(theme: str, title: str, text: str, rationale: str) -> tuple[str, str, str, str]:
    title = checked_text(title, TITLE_LIMIT, "recommendation_needs_title", "Give it a title.")
    text = checked_text(text, TEXT_LIMIT, "recommendation_needs_text", "Write what you recommend.")
    return within(theme, TITLE_LIMIT), title, text, within(rationale, TEXT_LIMIT)


def _record_revision(
    recommendation: Recommendation,
    editor: User | None,
    *,
    note: str = "",
    amendment: Amendment | None = None,
) -> Revision:
    latest = recommendation.revisions.aggregate(last=Max("number"))["last"] or 0
    return Revision.objects.create(
        recommendation=recommendation,
        number=latest + 1,
        theme=recommendation.theme,
        title=recommendation.title,
        text=recommendation.text,
        rationale=recommendation.rationale,
        note=note,
        amendment=amendment,
        edited_by=editor,
        made_at=clock.now(),
        sha256=wording_sha256(recommendation),
    )


@performs(Action.DRAFT_RECOMMENDATION)
def do_draft_recommendation(
    actor: Actor, process: Process, *, theme: str, title: str, text: str, rationale: str = ""
) -> Recommendation:
    """Write a new recommendation, numbered in ``process``; its writer forms its drafting
    group. The ledger gets its number and a commitment to its wording."""
    user = needs_person(actor)
    theme, title, text, rationale = _wording(theme, title, text, rationale)
    now = clock.now()
    latest = Recommendation.objects.filter(process=process).aggregate(last=Max("number"))["last"]
    recommendation = Recommendation.objects.create(
        process=process,
        number=(latest or 0) + 1,
        theme=theme,
        title=title,
        text=text,
        rationale=rationale,
        drafted_by=user,
        created_at=now,
        updated_at=now,
    )
    DraftingMember.objects.create(recommendation=recommendation, member=user, joined_at=now)
    revision = _record_revision(recommendation, user, note="")
    append(
        process,
        ledger_role(actor, process, _PARTICIPANT),
        "recommendation.drafted",
        {
            "number": recommendation.number,
            "sha256": revision.sha256,
            "title": title,
            "drafter": identity(user),
        },
        private_fields=["title", "drafter"],
    )
    return recommendation


@performs(Action.DRAFT_RECOMMENDATION)
def do_join_drafting_group(
    actor: Actor, process: Process, recommendation: Recommendation
) -> DraftingMember:
    """Join the drafting group of a draft recommendation."""
    user = needs_person(actor)
    locked(process, recommendation)
    _require_draft(recommendation)
    if is_drafter(user, recommendation):
        raise LifecycleError(
            "already_in_drafting_group",
            "You are already in the drafting group of recommendation {number}.",
            number=recommendation.number,
        )
    member = DraftingMember.objects.create(
        recommendation=recommendation, member=user, joined_at=clock.now()
    )
    append(
        process,
        ledger_role(actor, process, _PARTICIPANT),
        "drafting_group.joined",
        {"number": recommendation.number, "member": identity(user)},
        private_fields=["member"],
    )
    return member


@performs(Action.DRAFT_RECOMMENDATION)
def do_leave_drafting_group(actor: Actor, process: Process, recommendation: Recommendation) -> None:
    """Leave the drafting group of a recommendation (anyone may join it again later)."""
    user = needs_person(actor)
    locked(process, recommendation)
    _require_drafter(user, recommendation)
    recommendation.drafters.filter(member=user).delete()
    append(
        process,
        ledger_role(actor, process, _PARTICIPANT),
        "drafting_group.left",
        {"number": recommendation.number, "member": identity(user)},
        private_fields=["member"],
    )


@performs(Action.DRAFT_RECOMMENDATION)
def do_revise_recommendation(
    actor: Actor,
    process: Process,
    recommendation: Recommendation,
    *,
    theme: str,
    title: str,
    text: str,
    rationale: str = "",
    note: str = "",
) -> Revision:
    """Change a draft's wording directly (its drafting group only); kept as a revision."""
    user = needs_person(actor)
    locked(process, recommendation)
    _require_drafter(user, recommendation)
    _require_draft(recommendation)
    _require_no_amendment_vote(recommendation)
    wording = _wording(theme, title, text, rationale)
    if wording == (
        recommendation.theme,
        recommendation.title,
        recommendation.text,
        recommendation.rationale,
    ):
        raise LifecycleError("recommendation_unchanged", "The wording is the same as before.")
    recommendation.theme, recommendation.title, recommendation.text = wording[:3]
    recommendation.rationale = wording[3]
    recommendation.updated_at = clock.now()
    recommendation.save(update_fields=["theme", "title", "text", "rationale", "updated_at"])
    revision = _record_revision(recommendation, user, note=within(note, NOTE_LIMIT))
    append(
        process,
        ledger_role(actor, process, _PARTICIPANT),
        "recommendation.revised",
        {
            "number": recommendation.number,
            "revision": revision.number,
            "sha256": revision.sha256,
            "editor": identity(user),
        },
        private_fields=["editor"],
    )
    return revision


@performs(Action.DRAFT_RECOMMENDATION)
def do_withdraw_recommendation(
    actor: Actor, process: Process, recommendation: Recommendation, *, reason: str
) -> Recommendation:
    """Withdraw a draft (its drafting group, with a reason), once no amendment to it
    awaits a decision."""
    user = needs_person(actor)
    locked(process, recommendation)
    _require_drafter(user, recommendation)
    _require_draft(recommendation)
    reason = checked_text(reason, NOTE_LIMIT, "withdrawal_needs_reason", "Say why it is withdrawn.")
    if any(a.undecided for a in recommendation.amendments.all()):
        raise LifecycleError(
            "amendments_undecided",
            "Amendments to recommendation {number} await a decision: accept them, put "
            "them to a vote, or ask their proposers to withdraw them first.",
            number=recommendation.number,
        )
    recommendation.status = RecommendationStatus.WITHDRAWN
    recommendation.updated_at = clock.now()
    recommendation.save(update_fields=["status", "updated_at"])
    append(
        process,
        ledger_role(actor, process, _PARTICIPANT),
        "recommendation.withdrawn",
        {"number": recommendation.number, "reason": reason},
        private_fields=["reason"],
    )
    return recommendation


@performs(Action.DRAFT_RECOMMENDATION)
def do_propose_amendment(
    actor: Actor, process: Process, recommendation: Recommendation, *, text: str, reason: str
) -> Amendment:
    """Propose a new text for a draft recommendation, with the reason (any participant)."""
    user = needs_person(actor)
    locked(process, recommendation)
    _require_draft(recommendation)
    text = checked_text(text, TEXT_LIMIT, "amendment_needs_text", "Write the new text.")
    reason = checked_text(
        reason, NOTE_LIMIT, "amendment_needs_reason", "Say why you propose this change."
    )
    if text == recommendation.text:
        raise LifecycleError(
            "amendment_unchanged", "The new text is the same as the recommendation's text."
        )
    latest = recommendation.amendments.aggregate(last=Max("number"))["last"] or 0
    amendment = Amendment.objects.create(
        recommendation=recommendation,
        number=latest + 1,
        text=text,
        reason=reason,
        base_text=recommendation.text,
        proposed_by=user,
        proposed_at=clock.now(),
    )
    append(
        process,
        ledger_role(actor, process, _PARTICIPANT),
        "amendment.proposed",
        {
            "recommendation": recommendation.number,
            "amendment": amendment.number,
            "sha256": text_sha256(text),
            "proposer": identity(user),
        },
        private_fields=["proposer"],
    )
    return amendment


def _locked_amendment(process: Process, amendment: Amendment) -> Amendment:
    recommendation = locked(process, amendment.recommendation)
    current = Amendment.objects.select_for_update().get(pk=amendment.pk)
    amendment.status, amendment.decided_at = current.status, current.decided_at
    amendment.recommendation = recommendation
    return amendment


def _require_open(amendment: Amendment) -> None:
    if amendment.status != AmendmentStatus.OPEN:
        raise LifecycleError(
            "amendment_decided",
            "Amendment {amendment} to recommendation {number} has already been decided ({status}).",
            amendment=amendment.number,
            number=amendment.recommendation.number,
            status=amendment.status,
        )


@performs(Action.DRAFT_RECOMMENDATION)
def do_withdraw_amendment(actor: Actor, process: Process, amendment: Amendment) -> Amendment:
    """Withdraw one's own amendment while the drafting group has not decided on it."""
    user = needs_person(actor)
    _locked_amendment(process, amendment)
    if amendment.proposed_by_id != user.pk:
        raise LifecycleError(
            "not_the_proposer", "Only the participant who proposed an amendment withdraws it."
        )
    _require_open(amendment)
    return _decide(actor, process, amendment, AmendmentStatus.WITHDRAWN)


@performs(Action.DECIDE_AMENDMENT)
def do_accept_amendment(
    actor: Actor, process: Process, amendment: Amendment, *, note: str = ""
) -> Revision:
    """The drafting group accepts an amendment: the recommendation's text becomes the
    amendment's, kept as a new revision."""
    user = needs_person(actor)
    _locked_amendment(process, amendment)
    recommendation = amendment.recommendation
    _require_drafter(user, recommendation)
    _require_open(amendment)
    _require_draft(recommendation)
    _require_no_amendment_vote(recommendation)
    amendment.decision_note = within(note, NOTE_LIMIT)
    revision = apply_amendment(recommendation, amendment, user)
    _decide(actor, process, amendment, AmendmentStatus.ACCEPTED, revision)
    return revision


@performs(Action.DECIDE_AMENDMENT)
def do_put_amendment_to_vote(
    actor: Actor, process: Process, amendment: Amendment, *, note: str = ""
) -> Amendment:
    """The drafting group does not accept an amendment: it goes to a vote of all the
    participants (the team opens it), never silently dropped."""
    user = needs_person(actor)
    _locked_amendment(process, amendment)
    _require_drafter(user, amendment.recommendation)
    _require_open(amendment)
    _require_draft(amendment.recommendation)
    amendment.decision_note = within(note, NOTE_LIMIT)
    return _decide(actor, process, amendment, AmendmentStatus.VOTING)


def apply_amendment(
    recommendation: Recommendation, amendment: Amendment, user: User | None
) -> Revision:
    """Replace the recommendation's text by the amendment's and keep the revision (for
    an accepted or a carried amendment; the caller holds the locks)."""
    recommendation.text = amendment.text
    recommendation.updated_at = clock.now()
    recommendation.save(update_fields=["text", "updated_at"])
    return _record_revision(recommendation, user, amendment=amendment)


# The ledger event of each decision on an amendment (a module-level mapping of literal
# names, so the data dictionary's test can read them).
_AMENDMENT_EVENTS = {
    AmendmentStatus.WITHDRAWN: "amendment.withdrawn",
    AmendmentStatus.ACCEPTED: "amendment.accepted",
    AmendmentStatus.VOTING: "amendment.put_to_vote",
}


def _decide(
    actor: Actor,
    process: Process,
    amendment: Amendment,
    status: AmendmentStatus,
    revision: Revision | None = None,
) -> Amendment:
    amendment.status = status
    amendment.decided_at = clock.now() if status != AmendmentStatus.VOTING else None
    amendment.save(update_fields=["status", "decided_at", "decision_note"])
    payload: dict[str, object] = {
        "recommendation": amendment.recommendation.number,
        "amendment": amendment.number,
    }
    if revision is not None:
        payload |= {"revision": revision.number, "sha256": revision.sha256}
    role = ledger_role(actor, process, _PARTICIPANT)
    append(process, role, _AMENDMENT_EVENTS[status], payload)
    return amendment


@performs(Action.DRAFT_RECOMMENDATION)
def do_comment(
    actor: Actor, process: Process, recommendation: Recommendation, *, text: str
) -> Comment:
    """Comment on a recommendation that is still being drafted or voted on."""
    user = needs_person(actor)
    locked(process, recommendation)
    if recommendation.status not in (RecommendationStatus.DRAFT, RecommendationStatus.VOTING):
        raise LifecycleError(
            "recommendation_decided",
            "Recommendation {number} has been decided: comments are closed.",
            number=recommendation.number,
        )
    text = checked_text(text, NOTE_LIMIT, "comment_needs_text", "Write your comment.")
    comment = Comment.objects.create(
        recommendation=recommendation, author=user, text=text, made_at=clock.now()
    )
    append(
        process,
        ledger_role(actor, process, _PARTICIPANT),
        "recommendation.commented",
        {"number": recommendation.number, "author": identity(user)},
        private_fields=["author"],
    )
    return comment
