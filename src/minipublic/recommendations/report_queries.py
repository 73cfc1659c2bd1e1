"""What the report's pages, the portal, the API and the conformance facts read.

Frozen versions are public with their files, hashes and the diff from the version
before; a version being signed is for those who may see drafts (``VIEW_DRAFTS``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import QuerySet
from django.urls import reverse

from minipublic.deliberation.parking import ReportBlock, report_block
from minipublic.integrity.documents import DOCUMENTS_FOLDER
from minipublic.integrity.models import Document, DocumentKind, LedgerEntry
from minipublic.processes.models import Process
from minipublic.recommendations.report_actions import (
    participant_count,
    sign_off_percent,
    signature_count,
    signatures_needed,
)
from minipublic.recommendations.report_content import content_sha256, report_text
from minipublic.recommendations.report_models import (
    ChangeRequestStatus,
    ReportChangeRequest,
    ReportVersion,
)
from minipublic.room.textdiff import Piece, changed_words, word_diff


@dataclass(frozen=True)
class Progress:
    """How far the signing of a version has come."""

    signatures: int
    needed: int
    participants: int
    percent: str
    block: ReportBlock
    content_sha256: str

    @property
    def reached(self) -> bool:
        """Whether enough participants signed to freeze it."""
        return self.signatures >= self.needed

    @property
    def missing(self) -> int:
        """How many signatures are still needed."""
        return max(0, self.needed - self.signatures)


def progress(version: ReportVersion) -> Progress:
    """The signing progress of ``version`` against the process's threshold now."""
    process = version.process
    return Progress(
        signatures=signature_count(version),
        needed=signatures_needed(process),
        participants=participant_count(process),
        percent=f"{sign_off_percent(process).normalize():f}",
        block=report_block(process),
        content_sha256=content_sha256(version),
    )


def document_url(document: Document | None) -> str:
    """Where ``document`` is downloaded ("" if none)."""
    if document is None:
        return ""
    path = document.path.removeprefix(f"{DOCUMENTS_FOLDER}/")
    return reverse("integrity:document", args=[document.process.slug, path])


@dataclass(frozen=True)
class FrozenVersion:
    """A frozen version as the public page lists it."""

    version: ReportVersion
    frozen_at: datetime
    pdf_path: str
    pdf_url: str
    html_path: str
    html_url: str
    signatures: int
    signatures_at_freeze: int
    diff: list[Piece]
    added: int
    removed: int
    previous: int | None


def frozen_versions(process: Process) -> list[FrozenVersion]:
    """Every frozen version of ``process``, newest first, each with the word diff from
    the frozen version before it."""
    rows = list(
        ReportVersion.objects.filter(process=process)
        .exclude(frozen_at=None)
        .select_related("process", "pdf_document__process", "html_document__process")
        .order_by("number")
    )
    listed: list[FrozenVersion] = []
    previous: ReportVersion | None = None
    for version in rows:
        if version.frozen_at is None:  # excluded above; for the type checker
            continue
        diff = word_diff(report_text(previous), report_text(version)) if previous else []
        added, removed = changed_words(diff)
        listed.append(
            FrozenVersion(
                version=version,
                frozen_at=version.frozen_at,
                pdf_path=version.pdf_document.path if version.pdf_document else "",
                pdf_url=document_url(version.pdf_document),
                html_path=version.html_document.path if version.html_document else "",
                html_url=document_url(version.html_document),
                signatures=signature_count(version),
                signatures_at_freeze=signature_count(version, before_freeze=True),
                diff=diff,
                added=added,
                removed=removed,
                previous=previous.number if previous else None,
            )
        )
        previous = version
    return listed[::-1]


def draft_version(process: Process) -> ReportVersion | None:
    """The version being signed (the newest, if not frozen), or None."""
    latest = ReportVersion.objects.filter(process=process).order_by("-number").first()
    return latest if latest is not None and not latest.frozen else None


def diff_from_previous(version: ReportVersion) -> tuple[int | None, list[Piece]]:
    """The number of the version before ``version`` and the word diff from it."""
    previous = (
        ReportVersion.objects.filter(process=version.process, number__lt=version.number)
        .order_by("-number")
        .first()
    )
    if previous is None:
        return None, []
    return previous.number, word_diff(report_text(previous), report_text(version))


def change_requests(process: Process) -> QuerySet[ReportChangeRequest]:
    """Every request to change the report of ``process``, open ones first."""
    return (
        ReportChangeRequest.objects.filter(process=process)
        .select_related("version", "incident")
        .order_by("-status", "-number")
    )


def open_requests(process: Process) -> int:
    """How many requests to change the report await the participants' answer."""
    return ReportChangeRequest.objects.filter(
        process=process, status=ChangeRequestStatus.OPEN
    ).count()


# ---------------------------------------------------------------- conformance facts


def delivered_on(process: Process) -> date | None:
    """The day the first version was frozen (the report's delivery)."""
    first = (
        ReportVersion.objects.filter(process=process, frozen_at__isnull=False)
        .order_by("frozen_at")
        .values_list("frozen_at", flat=True)
        .first()
    )
    return None if first is None else first.date()


def approved_hash(process: Process) -> str | None:
    """The SHA-256 of the PDF of the newest version the participants froze (ledger)."""
    entry = (
        LedgerEntry.objects.filter(process=process, event="report.frozen")
        .order_by("-sequence")
        .first()
    )
    if entry is None:
        return None
    pdf = entry.payload.get("pdf")
    return str(pdf["sha256"]) if isinstance(pdf, dict) and pdf.get("sha256") else None


def published_hash(process: Process) -> str | None:
    """The SHA-256 of the report PDF that is published now: the newest PDF document of
    kind report that no later document replaces (whoever published it)."""
    current = (
        Document.objects.filter(
            process=process,
            kind=DocumentKind.REPORT,
            content_type="application/pdf",
            replaced_by__isnull=True,
        )
        .order_by("-published_at", "-pk")
        .first()
    )
    return current.sha256 if current is not None else None
