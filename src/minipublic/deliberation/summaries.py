"""Table summaries: the reframing guard.

A facilitator writes a summary of a table's discussion in a session; the people who sat
at that table confirm it or correct it before it enters the record. A correction is
answered by a revision (a new version; the old one is superseded and the change shown).

**The confirmation rule** (``Standing.ready``). A version enters the record when

1. no correction of it is outstanding (a member's correction is answered only by a
   revision, or by the member withdrawing it and confirming instead);
2. if any member of the table has an account, more than half of those members (and so
   at least one) confirmed it online;
3. if any member of the table has no account, the facilitator has attested that the
   table confirmed it aloud, saying how (shown wherever the summary is, as the
   facilitator's word).

So a table where everyone has an account records on their confirmations alone; a table
where nobody has one records on the attestation alone (and says so); a mixed table needs
both, so that nobody at the table is left out of the confirmation. A recorded version
is final, with its SHA-256 in the public ledger (``summary.recorded``).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Max
from django.utils import timezone

from minipublic import clock
from minipublic.deliberation.models import (
    ResponseKind,
    Seat,
    SummaryResponse,
    SummaryStatus,
    Table,
    TableSummary,
)
from minipublic.deliberation.roster import attendee_key_of, roster
from minipublic.integrity.record import append
from minipublic.lifecycle import Action, LifecycleError
from minipublic.processes.access import Actor, performs
from minipublic.processes.actions import _actor_role, _identity, _person
from minipublic.processes.models import Process

if TYPE_CHECKING:
    from minipublic.accounts.models import User

SUMMARY_MAX = 8000
NOTE_MAX = 2000


def sha256_of(text: str) -> str:
    """The SHA-256 of ``text`` (UTF-8), as published in the ledger."""
    return hashlib.sha256(text.encode()).hexdigest()


@dataclass(frozen=True)
class TableMembers:
    """Who sat at a table in its session: attendee keys, and the accounts of those who
    have one (attendee key to user id)."""

    keys: tuple[str, ...]
    accounts: dict[str, int]

    @property
    def without_account(self) -> int:
        """How many members cannot confirm online."""
        return len(self.keys) - len(self.accounts)


def table_members(table: Table) -> TableMembers:
    """The members seated at ``table`` now, and which of them have an account."""
    keys = tuple(
        Seat.objects.filter(table=table).order_by("attendee").values_list("attendee", flat=True)
    )
    process = table.session.process
    accounts = {
        attendee.key: attendee.user_id
        for attendee in roster(process)
        if attendee.key in keys and attendee.user_id is not None
    }
    return TableMembers(keys, accounts)


@dataclass(frozen=True)
class Standing:
    """Where one version stands against the confirmation rule (see the module)."""

    members: int
    with_account: int
    confirmations: int
    corrections: int
    attested: bool

    @property
    def needed(self) -> int:
        """Online confirmations needed: more than half of the members with an account."""
        return self.with_account // 2 + 1 if self.with_account else 0

    @property
    def needs_attestation(self) -> bool:
        """Whether the facilitator must attest that the table confirmed it aloud."""
        return self.members > self.with_account

    @property
    def ready(self) -> bool:
        """Whether the version may enter the record."""
        return (
            self.members > 0
            and self.corrections == 0
            and self.confirmations >= self.needed
            and (self.attested or not self.needs_attestation)
        )


def standing(summary: TableSummary, members: TableMembers | None = None) -> Standing:
    """How ``summary`` stands against the confirmation rule, for the table's members now."""
    members = members or table_members(summary.table)
    users = set(members.accounts.values())
    kinds = [
        kind for user, kind in summary.responses.values_list("user_id", "kind") if user in users
    ]
    return Standing(
        members=len(members.keys),
        with_account=len(members.accounts),
        confirmations=kinds.count(ResponseKind.CONFIRM),
        corrections=kinds.count(ResponseKind.CORRECT),
        attested=summary.attested_at is not None,
    )


def _checked_text(text: str, code: str, message: str, limit: int) -> str:
    words = text.strip()
    if not words:
        raise LifecycleError(code, message)
    if len(words) > limit:
        raise LifecycleError(
            "summary_text_too_long",
            "Keep it to {limit} characters (it has {length}).",
            limit=limit,
            length=len(words),
        )
    return words


def _place(summary_or_table: TableSummary | Table) -> dict[str, int]:
    table = summary_or_table if isinstance(summary_or_table, Table) else summary_or_table.table
    return {"session": table.session.number, "table": table.number}


def _own_table(process: Process, table: Table) -> None:
    if table.session.process_id != process.pk:
        raise LifecycleError("session_elsewhere", "That session belongs to another process.")


def _awaiting(process: Process, summary: TableSummary) -> None:
    _own_table(process, summary.table)
    if summary.status != SummaryStatus.AWAITING:
        raise LifecycleError(
            "summary_not_awaiting",
            "Version {version} of this summary is no longer awaiting confirmation: {status}.",
            version=summary.version,
            status=summary.get_status_display(),
        )


@performs(Action.WRITE_SUMMARY)
def do_write_summary(
    actor: Actor, process: Process, table: Table, *, text: str, note: str = ""
) -> TableSummary:
    """Write the summary of ``table``'s discussion, or revise it: a new version that
    supersedes the one awaiting confirmation (``note`` says what changed and why, and is
    required for a revision). A recorded summary is final."""
    _own_table(process, table)
    session = table.session
    if session.date > timezone.localdate(clock.now()):
        raise LifecycleError(
            "summary_session_not_held",
            "Session {session} has not been held yet (it is on {date}).",
            session=session.number,
            date=session.date.isoformat(),
        )
    if not Seat.objects.filter(table=table).exists():
        raise LifecycleError(
            "summary_table_empty",
            "Nobody sat at table {table} in session {session}: there is no one to confirm it.",
            table=table.number,
            session=session.number,
        )
    words = _checked_text(text, "summary_needs_text", "Write the summary.", SUMMARY_MAX)
    latest = table.summaries.order_by("-version").first()
    if latest is not None and latest.status == SummaryStatus.RECORDED:
        raise LifecycleError(
            "summary_already_recorded",
            "The summary of table {table} in session {session} is in the record: it is final.",
            table=table.number,
            session=session.number,
        )
    reason = note.strip()
    if latest is not None:
        reason = _checked_text(
            note, "summary_revision_needs_note", "Say what you changed and why.", NOTE_MAX
        )
        if words == latest.text:
            raise LifecycleError(
                "summary_unchanged",
                "The text is the same as version {version}.",
                version=latest.version,
            )
        latest.status = SummaryStatus.SUPERSEDED
        latest.save(update_fields=["status"])
    version = (table.summaries.aggregate(last=Max("version"))["last"] or 0) + 1
    summary = TableSummary.objects.create(
        table=table,
        version=version,
        text=words,
        sha256=sha256_of(words),
        revision_note=reason,
        written_at=clock.now(),
        written_by=_person(actor),
        written_by_role=_actor_role(actor, process, Action.WRITE_SUMMARY),
    )
    append(
        process,
        summary.written_by_role,
        "summary.written",
        {
            **_place(table),
            "version": version,
            "sha256": summary.sha256,
            "supersedes": latest.version if latest is not None else None,
            "note": reason,
        },
        private_fields=["note"],
    )
    return summary


def _member_of(actor: Actor, process: Process, summary: TableSummary) -> User:
    user = _person(actor)
    key = attendee_key_of(user, process) if user is not None else None
    if (
        user is None
        or key is None
        or not Seat.objects.filter(table=summary.table, attendee=key).exists()
    ):
        raise LifecycleError(
            "summary_not_your_table",
            "Only the members who sat at table {table} in session {session} confirm or "
            "correct its summary.",
            **_place(summary),
        )
    return user


@performs(Action.CONFIRM_SUMMARY)
def do_answer_summary(
    actor: Actor,
    process: Process,
    summary: TableSummary,
    *,
    confirm: bool,
    correction: str = "",
) -> SummaryResponse:
    """A member of the table confirms the summary, or corrects it (``correction`` says
    what is wrong or missing). Answering again replaces one's earlier answer: confirming
    withdraws one's correction. The version enters the record as soon as the rule is met.
    """
    _awaiting(process, summary)
    user = _member_of(actor, process, summary)
    words = ""
    if not confirm:
        words = _checked_text(
            correction,
            "summary_correction_needs_words",
            "Say what is wrong or missing in the summary.",
            NOTE_MAX,
        )
    kind = ResponseKind.CONFIRM if confirm else ResponseKind.CORRECT
    response, _ = SummaryResponse.objects.update_or_create(
        summary=summary,
        user=user,
        defaults={"kind": kind.value, "correction": words, "answered_at": clock.now()},
    )
    role = _actor_role(actor, process, Action.CONFIRM_SUMMARY)
    append(
        process,
        role,
        "summary.answered",
        {
            **_place(summary),
            "version": summary.version,
            "answer": kind.value,
            "member": _identity(user),
            "correction": words,
        },
        private_fields=["member", "correction"],
    )
    _record_if_ready(process, summary, role)
    return response


@performs(Action.WRITE_SUMMARY)
def do_attest_summary(
    actor: Actor, process: Process, summary: TableSummary, *, how: str
) -> TableSummary:
    """Record the facilitator's word that the table confirmed the summary aloud (for the
    members without an account), saying how; shown as the facilitator's attestation."""
    _awaiting(process, summary)
    members = table_members(summary.table)
    if not members.without_account:
        raise LifecycleError(
            "summary_attestation_not_needed",
            "Everyone at table {table} has an account: they confirm the summary themselves.",
            **_place(summary),
        )
    if summary.attested_at is not None:
        raise LifecycleError(
            "summary_already_attested",
            "Version {version} has already been confirmed aloud.",
            version=summary.version,
        )
    if standing(summary, members).corrections:
        raise LifecycleError(
            "summary_has_corrections",
            "A member has corrected version {version}: revise it, and read the new version "
            "to the table.",
            version=summary.version,
        )
    words = _checked_text(
        how,
        "summary_attestation_needs_words",
        "Say how and when the table confirmed it aloud.",
        NOTE_MAX,
    )
    role = _actor_role(actor, process, Action.WRITE_SUMMARY)
    summary.attested_at = clock.now()
    summary.attestation = words
    summary.attested_by_role = role
    summary.save(update_fields=["attested_at", "attestation", "attested_by_role"])
    append(
        process,
        role,
        "summary.attested",
        {**_place(summary), "version": summary.version, "how": words},
    )
    _record_if_ready(process, summary, role, members)
    return summary


def _record_if_ready(
    process: Process, summary: TableSummary, role: str, members: TableMembers | None = None
) -> None:
    members = members or table_members(summary.table)
    now = standing(summary, members)
    if not now.ready:
        return
    summary.status = SummaryStatus.RECORDED
    summary.recorded_at = clock.now()
    entry = append(
        process,
        role,
        "summary.recorded",
        {
            **_place(summary),
            "version": summary.version,
            "sha256": summary.sha256,
            "members": now.members,
            "members_with_account": now.with_account,
            "confirmations": now.confirmations,
            "attested_aloud": now.attested,
        },
    )
    summary.recorded_sequence = entry.sequence
    summary.save(update_fields=["status", "recorded_at", "recorded_sequence"])
