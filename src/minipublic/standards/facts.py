"""Everything the criteria need to know about one process, as plain data.

Each field is ``None`` while it is not known yet, so a criterion can say "unknown"
instead of guessing. Most facts come from the platform's own records (the draw, the
document register, the ledger); a few can only be stated by a person. Those are
*attestations*: they are typed ``Attested[...]`` and carry who stated them, and every
finding that rests on one is marked as attested.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Attested(Generic[T]):
    """A fact stated by a person rather than recorded by the platform.

    ``by`` names who vouches for it (a role or a name), ``on`` when, ``note`` any
    qualification they wrote. The public page shows attestations as such.
    """

    value: T
    by: str
    on: date | None = None
    note: str = ""


@dataclass(frozen=True)
class ProcessFacts:
    """What is known about one process, as of ``as_of``; ``None`` means "not known yet".

    ``model`` is the id of the process template (see ``templates.TEMPLATES``). Counts of
    days and hours are of deliberation proper (learning, discussion, decision), without
    breaks or travel. A "meeting" is one session or one block of consecutive days.
    """

    model: str
    as_of: date | None = None
    # Purpose and remit
    remit_published_on: date | None = None
    recruitment_opened_on: date | None = None
    scope_published: bool | None = None
    decision_open: Attested[bool] | None = None
    # Time
    commissioned_on: date | None = None
    deliberation_starts_on: date | None = None
    deliberation_days: float | None = None
    deliberation_hours: float | None = None
    meetings: int | None = None
    shorter_time_justification: Attested[str] | None = None
    next_election_on: date | None = None
    # Selection
    panel_size: int | None = None
    selection_random: bool | None = None
    stratified: bool | None = None
    selection_in_platform: bool | None = None
    selection_verified: bool | None = None
    # Inclusion
    stipend_offered: bool | None = None
    access_support_offered: bool | None = None
    # Information
    witnesses: int | None = None
    witnesses_chosen_by_participants: int | None = None
    materials: int | None = None
    materials_published: int | None = None
    # Deliberation
    facilitated_small_groups: Attested[bool] | None = None
    # Independence and governance
    arms_length_final_say: Attested[bool] | None = None
    oversight_group: bool | None = None
    oversight_membership_published: bool | None = None
    conflicts_declared: bool | None = None
    # Commissioner, lead practitioner and oversight accepted their current charters
    # (None: the process has no charters).
    terms_accepted: bool | None = None
    # The participant charter is a code the participants adopted by vote (None: not
    # expected yet, before deliberation).
    participants_code_adopted: bool | None = None
    funding_disclosed: bool | None = None
    # Privacy
    participant_names_private: bool | None = None
    data_protection: Attested[bool] | None = None
    # Transparency
    announced_on: date | None = None
    # Ownership of the report
    report_delivered_on: date | None = None
    report_approved_hash: str | None = None
    report_published_hash: str | None = None
    # Response and follow-up
    response_commitment_on: date | None = None
    response_deadline_days: int | None = None
    response_published_on: date | None = None
    response_per_recommendation: bool | None = None
    progress_reports_planned: bool | None = None
    # Evaluation
    evaluation_planned: bool | None = None
    evaluator_independent: bool | None = None
    member_questionnaire_planned: bool | None = None


def attested_fields() -> frozenset[str]:
    """Names of the ProcessFacts fields that only a person can state (typed Attested)."""
    return frozenset(f.name for f in fields(ProcessFacts) if "Attested[" in str(f.type))
