"""What the table-summary pages show, and to whom.

The public sees a table's summary only once a version is in the record, and then its
whole version history (each revision's note and what it changed), but never the
members' corrections. The table's own members and the team see every version, the
answers and the corrections; only the team sees who answered.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Prefetch

from minipublic.deliberation.models import (
    ResponseKind,
    Seat,
    Session,
    SummaryResponse,
    SummaryStatus,
    Table,
    TableSummary,
)
from minipublic.deliberation.roster import attendee_key_of, roster
from minipublic.deliberation.summaries import Standing, TableMembers, standing, table_members
from minipublic.processes.models import Process
from minipublic.room.textdiff import Piece, word_diff

if TYPE_CHECKING:
    from minipublic.accounts.models import User


@dataclass
class VersionRow:
    """One version of a table's summary as a page shows it."""

    summary: TableSummary
    diff: list[Piece] = field(default_factory=list)
    responses: list[dict[str, Any]] = field(default_factory=list)
    corrections: int = 0
    confirmations: int = 0


def _names(process: Process) -> dict[int, str]:
    return {a.user_id: a.name for a in roster(process) if a.user_id is not None}


def version_rows(
    table: Table, *, with_answers: bool, viewer: User | None = None, names: bool = False
) -> list[VersionRow]:
    """Every version of ``table``'s summary, newest first, each with what it changed
    from the one before; with ``with_answers`` also the members' answers (named only
    with ``names``; ``viewer``'s own marked as theirs)."""
    versions = list(
        table.summaries.order_by("version").prefetch_related(
            Prefetch("responses", queryset=SummaryResponse.objects.order_by("answered_at", "pk"))
        )
    )
    known = _names(table.session.process) if names else {}
    rows: list[VersionRow] = []
    previous: TableSummary | None = None
    for summary in versions:
        answers = list(summary.responses.all())
        row = VersionRow(
            summary,
            diff=word_diff(previous.text, summary.text) if previous is not None else [],
            corrections=sum(1 for a in answers if a.kind == ResponseKind.CORRECT),
            confirmations=sum(1 for a in answers if a.kind == ResponseKind.CONFIRM),
        )
        if with_answers:
            row.responses = [
                {
                    "answer": answer,
                    "name": known.get(answer.user_id, "") if names else "",
                    "mine": viewer is not None and answer.user_id == viewer.pk,
                }
                for answer in answers
            ]
        rows.append(row)
        previous = summary
    return list(reversed(rows))


def seated_at(user: User | None, process: Process, table: Table) -> bool:
    """Whether ``user`` sat at ``table`` (in its session)."""
    if user is None or not user.is_authenticated:
        return False
    key = attendee_key_of(user, process)
    return key is not None and Seat.objects.filter(table=table, attendee=key).exists()


@dataclass(frozen=True)
class TableState:
    """A table of a session, its members and its summary's latest version."""

    table: Table
    members: TableMembers
    latest: TableSummary | None
    standing: Standing | None
    recorded: TableSummary | None


def table_state(table: Table) -> TableState:
    """Where ``table``'s summary stands now."""
    members = table_members(table)
    latest = table.summaries.order_by("-version").first()
    recorded = latest if latest is not None and latest.status == SummaryStatus.RECORDED else None
    return TableState(
        table,
        members,
        latest,
        standing(latest, members) if latest is not None else None,
        recorded,
    )


def session_states(session: Session) -> list[TableState]:
    """The state of every table of ``session``, by number."""
    return [table_state(table) for table in session.tables.order_by("number")]


def sessions_overview(process: Process) -> list[dict[str, Any]]:
    """Each session with how many of its tables have a summary in the record."""
    rows = []
    for session in Session.objects.filter(process=process).order_by("number"):
        tables = session.tables.count()
        recorded = (
            TableSummary.objects.filter(table__session=session, status=SummaryStatus.RECORDED)
            .values("table")
            .distinct()
            .count()
        )
        awaiting = TableSummary.objects.filter(
            table__session=session, status=SummaryStatus.AWAITING
        ).count()
        rows.append(
            {"session": session, "tables": tables, "recorded": recorded, "awaiting": awaiting}
        )
    return rows


@dataclass(frozen=True)
class MyTable:
    """A table where a participant sat, and where its summary stands for them."""

    session: Session
    table: Table
    latest: TableSummary | None
    my_answer: SummaryResponse | None

    @property
    def needs_me(self) -> bool:
        """A version awaits confirmation and this member has not answered it."""
        return (
            self.latest is not None
            and self.latest.status == SummaryStatus.AWAITING
            and self.my_answer is None
        )


def my_tables(process: Process, user: User) -> list[MyTable]:
    """Every table where ``user`` sat, latest session first, with its summary's latest
    version and the user's answer to it."""
    key = attendee_key_of(user, process)
    if key is None:
        return []
    seats = (
        Seat.objects.filter(session__process=process, attendee=key)
        .select_related("session", "table")
        .order_by("-session__number")
    )
    rows = []
    for seat in seats:
        latest = seat.table.summaries.order_by("-version").first()
        answer = latest.responses.filter(user=user).first() if latest is not None else None
        rows.append(MyTable(seat.session, seat.table, latest, answer))
    return rows
