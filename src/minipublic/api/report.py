"""JSON endpoint of the participants' report: its frozen versions and their hashes.

Read-only on purpose. Signing is done only on the report's page, by the signed-in
participant for themselves (``recommendations.report_actions.do_sign_report`` takes no
signer), so the API offers no path through which anyone could sign for someone else.
"""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest
from ninja import Router, Schema

from minipublic.api.auth import READ_AUTH, caller
from minipublic.api.schemas import ErrorOut
from minipublic.processes.access import access_process_for_user
from minipublic.recommendations.report_queries import frozen_versions

router = Router(tags=["report"])
_ERRORS: dict[int, type[ErrorOut]] = {401: ErrorOut, 404: ErrorOut}


class ReportFileOut(Schema):
    """One published file of a frozen version: where to download it and its SHA-256."""

    url: str
    path: str
    sha256: str


class ReportVersionOut(Schema):
    """A frozen version of the participants' report, as the public page lists it."""

    number: int
    title: str
    frozen_at: datetime
    reason: str
    pdf: ReportFileOut
    html: ReportFileOut
    signatures_at_freeze: int
    signatures: int
    participants: int | None
    needed: int | None


@router.get(
    "/processes/{slug}/report",
    response={200: list[ReportVersionOut], **_ERRORS},
    auth=READ_AUTH,
    summary="The participants' report: frozen versions and their hashes",
)
def report_versions(request: HttpRequest, slug: str) -> list[ReportVersionOut]:
    """Every frozen version, newest first, with the SHA-256 of its PDF and HTML files
    (as in the ledger's ``report.frozen`` entries); an empty list before the first."""
    process = access_process_for_user(caller(request), slug)
    rows = []
    for row in frozen_versions(process):
        version = row.version
        rows.append(
            ReportVersionOut(
                number=version.number,
                title=version.title,
                frozen_at=row.frozen_at,
                reason=version.reason,
                pdf=ReportFileOut(
                    url=request.build_absolute_uri(row.pdf_url),
                    path=row.pdf_path,
                    sha256=version.pdf_sha256,
                ),
                html=ReportFileOut(
                    url=request.build_absolute_uri(row.html_url),
                    path=row.html_path,
                    sha256=version.html_sha256,
                ),
                signatures_at_freeze=row.signatures_at_freeze,
                signatures=row.signatures,
                participants=version.participants_at_freeze,
                needed=version.needed_at_freeze,
            )
        )
    return rows
