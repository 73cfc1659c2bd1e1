"""Reading the evidence registers: the balance of the witness register, the aggregate
demographics, who may see which material, and the facts conformance and sign-offs use.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet

from minipublic.evidence.common import person
from minipublic.evidence.models import (
    AgeBand,
    Gender,
    Material,
    MaterialVersion,
    ProposerKind,
    RequestStatus,
    VersionStatus,
    Witness,
    WitnessProfile,
    WitnessRequest,
    WitnessStatus,
    YesNo,
)
from minipublic.integrity.models import Document, DocumentKind
from minipublic.lifecycle import Action
from minipublic.processes.access import Actor, can
from minipublic.processes.models import Process

#: Demographics are published only once at least this many invited witnesses agreed, so
#: that no one witness's answers can be read off the totals.
MIN_AGGREGATE = 5

#: The statuses counted in the balance, in the order of its columns.
BALANCE_STATUSES = (
    WitnessStatus.PROPOSED,
    WitnessStatus.INVITED,
    WitnessStatus.APPEARED,
    WitnessStatus.DECLINED,
    WitnessStatus.WITHDREW,
    WitnessStatus.NOT_CHOSEN,
)
_HEARD = (WitnessStatus.INVITED.value, WitnessStatus.APPEARED.value)


@dataclass
class BalanceRow:
    """One line of a balance table: how many proposals, and how many were invited."""

    label: str
    proposed: int = 0
    invited: int = 0
    by_status: dict[str, int] = field(default_factory=dict)

    @property
    def cells(self) -> list[tuple[str, int]]:
        """(status, count) in the order of ``BALANCE_STATUSES``."""
        return [
            (str(status.label), self.by_status.get(status.value, 0)) for status in BALANCE_STATUSES
        ]


def proposer_balance(witnesses: list[Witness]) -> list[BalanceRow]:
    """Per kind of proposer (in the order of ``ProposerKind``): proposals and outcomes.

    "Invited" counts those invited, still invited or heard.
    """
    rows = {kind.value: BalanceRow(str(kind.label)) for kind in ProposerKind}
    for witness in witnesses:
        row = rows[witness.proposer_kind]
        row.proposed += 1
        row.invited += witness.status in _HEARD
        row.by_status[witness.status] = row.by_status.get(witness.status, 0) + 1
    return [row for row in rows.values() if row.proposed]


def perspective_balance(witnesses: list[Witness]) -> list[BalanceRow]:
    """Per perspective tag (alphabetical): how many proposed witnesses bring it and how
    many of them were invited."""
    rows: dict[str, BalanceRow] = {}
    for witness in witnesses:
        for tag in witness.perspectives:
            row = rows.setdefault(tag, BalanceRow(tag))
            row.proposed += 1
            row.invited += witness.status in _HEARD
    return [rows[tag] for tag in sorted(rows, key=str.casefold)]


@dataclass(frozen=True)
class Demographics:
    """The aggregate demographics of the invited witnesses who agreed to publication."""

    invited: int
    consenting: int
    shown: bool
    tables: list[tuple[str, list[tuple[str, int]]]]


def demographics(witnesses: list[Witness]) -> Demographics:
    """Counts per answer among the invited witnesses who agreed to publication, shown
    only once at least ``MIN_AGGREGATE`` of them did ("not given" counted as such)."""
    invited = [witness for witness in witnesses if witness.status in _HEARD]
    profiles = list(
        WitnessProfile.objects.filter(witness__in=invited, consent_to_publish=True).order_by(
            "witness__number"
        )
    )
    shown = len(profiles) >= MIN_AGGREGATE
    tables: list[tuple[str, list[tuple[str, int]]]] = []
    if shown:
        questions: list[tuple[str, str, Any]] = [
            ("gender", str(WitnessProfile._meta.get_field("gender").verbose_name), Gender),
            ("age_band", str(WitnessProfile._meta.get_field("age_band").verbose_name), AgeBand),
            (
                "minority_ethnic",
                str(WitnessProfile._meta.get_field("minority_ethnic").verbose_name),
                YesNo,
            ),
            ("disabled", str(WitnessProfile._meta.get_field("disabled").verbose_name), YesNo),
        ]
        for name, label, options in questions:
            counts = Counter(getattr(profile, name) for profile in profiles)
            rows = [(str(option.label), counts.get(option.value, 0)) for option in options]
            rows.append(("", counts.get("", 0)))  # not given
            tables.append((label, rows))
    return Demographics(len(invited), len(profiles), shown, tables)


def witness_list(process: Process) -> QuerySet[Witness]:
    """Every proposed witness of ``process``, in order, with what the register shows."""
    return (
        Witness.objects.filter(process=process)
        .select_related("declaration", "request")
        .prefetch_related("decisions")
        .order_by("number")
    )


def witnesses_fingerprint_content(process: Process) -> list[dict[str, Any]]:
    """What the oversight group signs off as "the list of witnesses": every proposal with
    who proposed it, its perspectives and the decision on it (a witness who appeared
    counts as invited, so hearing them does not undo a sign-off)."""
    rows = []
    for witness in Witness.objects.filter(process=process).order_by("number"):
        status = WitnessStatus.INVITED.value if witness.status in _HEARD else witness.status
        rows.append(
            {
                "number": witness.number,
                "name": witness.name,
                "role_organisation": witness.role_organisation,
                "perspectives": list(witness.perspectives),
                "proposer_kind": witness.proposer_kind,
                "proposer_name": witness.proposer_name,
                "status": status,
                "declaration": declaration.pk
                if (declaration := witness.current_declaration)
                else None,
            }
        )
    return rows


def witness_facts(process: Process) -> tuple[int | None, int | None]:
    """(witnesses, witnesses chosen by the participants) for conformance.

    Witnesses are those invited or heard. Chosen by the participants: those of them who
    answer a request the participants' vote supported (as the team's answer, or proposed
    from it). Both None while the register is empty.
    """
    witnesses = Witness.objects.filter(process=process)
    if not witnesses.exists():
        return None, None
    heard = witnesses.filter(status__in=_HEARD)
    supported = RequestStatus.SUPPORTED.value
    chosen = heard.filter(Q(answers__status=supported) | Q(request__status=supported)).distinct()
    return heard.count(), chosen.count()


def material_facts(process: Process) -> tuple[int | None, int | None]:
    """(materials, materials published) for conformance.

    A material counts once the members have it, that is once a version is published
    (drafts are work in progress, seen only by the team and the oversight group), so
    every material counted is published: the platform gives the members nothing it does
    not publish. Briefing documents published outside the register (current versions
    only) count too. Both None while there are none.
    """
    materials = (
        Material.objects.filter(process=process, versions__status=VersionStatus.PUBLISHED)
        .distinct()
        .count()
    )
    loose = Document.objects.filter(
        process=process,
        kind=DocumentKind.BRIEFING,
        replaced_by__isnull=True,
        material_version__isnull=True,
    ).count()
    total = materials + loose
    return (total or None), (total or None)


def may_see_drafts(actor: Actor, process: Process) -> bool:
    """Whether ``actor`` reads every draft (team and oversight)."""
    return can(actor, Action.VIEW_MATERIAL_DRAFTS, process)


def visible_versions(actor: Actor, process: Process, material: Material) -> list[MaterialVersion]:
    """The versions of ``material`` that ``actor`` may read, oldest first: published ones
    for everyone who sees the process; drafts for the team and oversight, and for whoever
    submitted the material or that version."""
    versions = list(
        MaterialVersion.objects.filter(material=material).defer("content").order_by("number")
    )
    if may_see_drafts(actor, process):
        return versions
    who = person(actor)
    own_material = who is not None and material.created_by_id == who.pk
    return [
        version
        for version in versions
        if version.status == VersionStatus.PUBLISHED
        or own_material
        or (who is not None and version.submitted_by_id == who.pk)
    ]


def visible_materials(actor: Actor, process: Process) -> list[Material]:
    """The materials ``actor`` may see anything of, in order."""
    materials = Material.objects.filter(process=process).order_by("number")
    if may_see_drafts(actor, process):
        return list(materials)
    who = person(actor)
    mine = Q(created_by=who) | Q(versions__submitted_by=who) if who is not None else Q(pk=None)
    return list(materials.filter(Q(versions__status=VersionStatus.PUBLISHED) | mine).distinct())


def open_requests(process: Process) -> QuerySet[WitnessRequest]:
    """The requests the public sees: those put to a vote, newest first."""
    return WitnessRequest.objects.filter(process=process, vote_opened_at__isnull=False).order_by(
        "-number"
    )
