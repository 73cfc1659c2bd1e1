"""What the table allocation pages show: runs with names and table make-up, pins, groups,
and each participant's own tables. Names are for the team only (``Action.VIEW_ROOM``);
the callers check it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext

from minipublic.deliberation.models import AllocationRun, Seat, Session, TableGroup, TablePin
from minipublic.deliberation.roster import Attendee
from minipublic.recruitment.models import FeatureValue
from minipublic.room.allocation import NOT_GIVEN


@dataclass
class ShownTable:
    """One table of a run: its number, who sits there and its make-up per feature."""

    number: int
    members: list[tuple[str, bool]]
    make_up: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class ShownSession:
    """One session of a run, with its tables and its balance figures from the report."""

    number: int
    session: Session | None
    tables: list[ShownTable]
    figures: Mapping[str, Any]


def value_labels(process_id: int) -> dict[tuple[str, str], str]:
    """(feature name, value name) to the value's label, from the registration questions."""
    rows = FeatureValue.objects.filter(feature__process_id=process_id).values_list(
        "feature__name", "value", "label"
    )
    return {(feature, value): label for feature, value, label in rows}


def _make_up(
    members: Sequence[str],
    features: Sequence[str],
    answers: Mapping[str, Mapping[str, str]],
    labels: Mapping[tuple[str, str], str],
    feature_labels: Mapping[str, str],
) -> list[tuple[str, str]]:
    lines = []
    for feature in features:
        counts = Counter(answers.get(key, {}).get(feature, NOT_GIVEN) for key in members)
        parts = [
            f"{labels.get((feature, value), value) or gettext('not given')} {count}"
            for value, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        ]
        lines.append((feature_labels.get(feature, feature), ", ".join(parts)))
    return lines


def shown_run(
    run: AllocationRun,
    attendees: Sequence[Attendee],
    feature_labels: Mapping[str, str],
) -> list[ShownSession]:
    """The run's seating session by session, with names, pins and each table's make-up."""
    names = {a.key: a.name for a in attendees}
    answers = {a.key: a.features for a in attendees}
    labels = value_labels(run.process_id)
    sessions = {s.number: s for s in Session.objects.filter(process_id=run.process_id)}
    figures = {str(s["session"]): s for s in run.report.get("sessions", [])}
    shown = []
    for number in run.sessions:
        pinned = {key for key, at, _ in run.pins if at == number}
        tables = [
            ShownTable(
                t,
                sorted(
                    (
                        (names.get(key, gettext("someone who left")), key in pinned)
                        for key in members
                    ),
                    key=lambda item: item[0],
                ),
                _make_up(members, run.features, answers, labels, feature_labels),
            )
            for t, members in enumerate(run.seating.get(str(number), []), start=1)
        ]
        shown.append(
            ShownSession(number, sessions.get(number), tables, figures.get(str(number), {}))
        )
    return shown


def shown_features(run: AllocationRun, feature_labels: Mapping[str, str]) -> list[dict[str, Any]]:
    """The report's balance per feature, with the feature's question as its label."""
    return [
        {**row, "label": feature_labels.get(row["feature"], row["feature"])}
        for row in run.report.get("features", [])
    ]


def shown_pins(process_id: int, names: Mapping[str, str]) -> list[dict[str, Any]]:
    """Every pin with the person's name (or a note that they have left the room)."""
    pins = TablePin.objects.filter(session__process_id=process_id).select_related("session")
    return [
        {
            "session": pin.session.number,
            "attendee": pin.attendee,
            "name": names.get(pin.attendee),
            "table": pin.table,
        }
        for pin in pins.order_by("session__number", "table", "attendee")
    ]


def shown_groups(process_id: int, names: Mapping[str, str]) -> list[dict[str, Any]]:
    """Every group with its members' names (people who left are counted, not named)."""
    return [
        {
            "group": group,
            "names": [names[key] for key in group.members if key in names],
            "left": sum(1 for key in group.members if key not in names),
        }
        for group in TableGroup.objects.filter(process_id=process_id)
    ]


def seated_counts(process_id: int) -> dict[int, int]:
    """Per session number, how many people have a seat now."""
    counts = Counter(
        Seat.objects.filter(session__process_id=process_id).values_list(
            "session__number", flat=True
        )
    )
    return dict(counts)


def own_tables(process_id: int, key: str | None) -> list[dict[str, Any]]:
    """Each session with the table ``key`` sits at (None where not seated): a participant's
    own view, which names no one else."""
    seats = {}
    if key is not None:
        rows = Seat.objects.filter(session__process_id=process_id, attendee=key).select_related(
            "table"
        )
        seats = {seat.session_id: seat.table for seat in rows}
    return [
        {"session": session, "table": seats.get(session.pk)}
        for session in Session.objects.filter(process_id=process_id).order_by("number")
    ]
