"""Named actions on the participants' report: assemble, edit, sign, freeze, new versions.

Only participants write the report (``Action.EDIT_REPORT``) and sign it
(``Action.SIGN_REPORT``). A signature is always the signed-in participant's own: no
action takes a signer. It is for the text as it was signed (``content_sha256``);
**editing a version clears its signatures**, and the page says so before anyone saves.
Once the signatures reach ``DraftingRules.sign_off_percent`` of the process's
participants, and the parking lot is clear, the version is frozen: its HTML and PDF are
published as documents (a later version's files replace the earlier ones, which stay
published) and ``report.frozen`` records both SHA-256. A frozen version never changes;
a change is a new version with a reason, needing the same sign-off.

Anyone else who wants the report changed (the commissioner) asks through
``do_request_report_change``: the request enters the integrity register as an incident
and changes nothing; the participants answer it.
"""

from __future__ import annotations

import hashlib
import math
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import Max

from minipublic import clock
from minipublic.deliberation.parking import check_report_can_close
from minipublic.integrity.actions import do_report_incident
from minipublic.integrity.documents import do_publish_document
from minipublic.integrity.models import DocumentKind, PressureSource, Severity, Target
from minipublic.integrity.record import append
from minipublic.integrity.uploads import CheckedFile
from minipublic.lifecycle import Action, LifecycleError, Role
from minipublic.processes.access import SYSTEM, Actor, performs
from minipublic.processes.actions import _actor_role, _identity, _person
from minipublic.processes.models import Membership, Process
from minipublic.recommendations.models import DraftingRules
from minipublic.recommendations.report_content import adopted_count, assemble, content_sha256
from minipublic.recommendations.report_models import (
    ChangeRequestStatus,
    ReportChangeRequest,
    ReportSignature,
    ReportVersion,
)
from minipublic.recommendations.report_render import file_stem, render_html, render_pdf

if TYPE_CHECKING:
    from minipublic.accounts.models import User

TITLE_MAX = 200
TEXT_MAX = 20000
REASON_MAX = 2000
REQUEST_MAX = 4000


# ---------------------------------------------------------------- reading


def sign_off_percent(process: Process) -> Decimal:
    """The share of participants whose signatures freeze the report (default 75%)."""
    rules = DraftingRules.objects.filter(process=process).first()
    return (rules or DraftingRules()).sign_off_percent


def participant_count(process: Process) -> int:
    """How many members hold the participant role in ``process`` now."""
    return Membership.objects.filter(process=process, role=Role.PARTICIPANT.value).count()


def signatures_needed(process: Process) -> int:
    """How many signatures freeze the report: the threshold share of the participants,
    rounded up, and at least one."""
    share = sign_off_percent(process) * participant_count(process) / 100
    return max(1, math.ceil(share))


def latest_version(process: Process) -> ReportVersion | None:
    """The newest version of ``process``'s report (frozen or not), or None."""
    return ReportVersion.objects.filter(process=process).order_by("-number").first()


def signature_count(version: ReportVersion, *, before_freeze: bool = False) -> int:
    """How many participants signed ``version`` (only those that froze it, if asked)."""
    rows = version.signatures.all()
    return rows.filter(after_freeze=False).count() if before_freeze else rows.count()


# ---------------------------------------------------------------- helpers


def _text(value: str, limit: int) -> str:
    value = value.strip().replace("\r\n", "\n")
    if len(value) > limit:
        raise LifecycleError(
            "report_text_too_long",
            "Keep it to {limit} characters (it has {length}).",
            limit=limit,
            length=len(value),
        )
    return value


def _locked(process: Process, version: ReportVersion) -> ReportVersion:
    # Re-read under a row lock: whether it is frozen decides everything that follows.
    if version.process_id != process.pk:
        raise LifecycleError("report_elsewhere", "That report belongs to another process.")
    return ReportVersion.objects.select_for_update().select_related("process").get(pk=version.pk)


def _require_draft(version: ReportVersion) -> None:
    if version.frozen:
        raise LifecycleError(
            "report_frozen",
            "Version {number} is frozen and published: it never changes. Start a new version, "
            "with the reason, to change the report.",
            number=version.number,
        )


def _role(actor: Actor, process: Process, action: Action) -> str:
    return _actor_role(actor, process, action)


def _signer(actor: Actor) -> User:
    person = _person(actor)
    if person is None:
        raise LifecycleError(
            "report_sign_needs_person", "Only a participant signs, for themselves."
        )
    return person


def _save_text(version: ReportVersion, *, title: str, introduction: str, closing: str) -> None:
    version.title = _text(title, TITLE_MAX)
    if not version.title:
        raise LifecycleError("report_needs_title", "Give the report a title.")
    version.introduction = _text(introduction, TEXT_MAX)
    version.closing = _text(closing, TEXT_MAX)


def _changed(
    actor: Actor, process: Process, version: ReportVersion, before: str, *, assembled: bool
) -> int:
    # Store a change to a draft: clear the signatures of the text as it was, and record it
    # (the event names are literal so the data dictionary's test can read them).
    digest = content_sha256(version)
    if digest == before:
        raise LifecycleError("report_unchanged", "Nothing changed: the report is as it was.")
    version.updated_at = clock.now()
    version.save()
    cleared, _ = version.signatures.all().delete()
    append(
        process,
        _role(actor, process, Action.EDIT_REPORT),
        "report.assembled" if assembled else "report.edited",
        {
            "version": version.number,
            "content_sha256": digest,
            "adopted_recommendations": adopted_count(version.content),
            "minority_reports": len(version.content.get("minority_reports", [])),
            "signatures_cleared": cleared,
        },
    )
    return cleared


# ---------------------------------------------------------------- writing the report


@performs(Action.EDIT_REPORT)
def do_assemble_report(
    actor: Actor, process: Process, *, title: str, introduction: str = "", closing: str = ""
) -> ReportVersion:
    """Assemble the report from the adopted recommendations and the minority reports as
    they are now, with the participants' own text: the first version, or again the
    version being signed (which clears its signatures)."""
    latest = latest_version(process)
    if latest is not None:
        latest = _locked(process, latest)
        _require_draft(latest)
        before = content_sha256(latest)
        version = latest
    else:
        before = ""
        version = ReportVersion(process=process, number=1, created_at=clock.now())
    _save_text(version, title=title, introduction=introduction, closing=closing)
    version.content = assemble(process)
    _changed(actor, process, version, before, assembled=True)
    return version


@performs(Action.EDIT_REPORT)
def do_edit_report(
    actor: Actor,
    process: Process,
    version: ReportVersion,
    *,
    title: str,
    introduction: str,
    closing: str,
) -> ReportVersion:
    """Change the participants' own text of a version being signed (clears its signatures)."""
    version = _locked(process, version)
    _require_draft(version)
    before = content_sha256(version)
    _save_text(version, title=title, introduction=introduction, closing=closing)
    _changed(actor, process, version, before, assembled=False)
    return version


@performs(Action.EDIT_REPORT)
def do_start_report_version(actor: Actor, process: Process, *, reason: str) -> ReportVersion:
    """Start the next version after a frozen one, saying why; it begins as a copy of the
    frozen version (re-assemble or edit it, then sign it off again)."""
    reason = _text(reason, REASON_MAX)
    if not reason:
        raise LifecycleError(
            "report_version_needs_reason", "Say why the report needs a new version."
        )
    latest = latest_version(process)
    if latest is None:
        raise LifecycleError("report_not_started", "The report has not been assembled yet.")
    latest = _locked(process, latest)
    if not latest.frozen:
        raise LifecycleError(
            "report_version_open",
            "Version {number} is still being signed: change it instead of starting another.",
            number=latest.number,
        )
    now = clock.now()
    version = ReportVersion.objects.create(
        process=process,
        number=latest.number + 1,
        title=latest.title,
        introduction=latest.introduction,
        closing=latest.closing,
        reason=reason,
        content=latest.content,
        created_at=now,
        updated_at=now,
    )
    append(
        process,
        _role(actor, process, Action.EDIT_REPORT),
        "report.version_started",
        {
            "version": version.number,
            "previous": latest.number,
            "reason": reason,
            "content_sha256": content_sha256(version),
        },
    )
    return version


# ---------------------------------------------------------------- signing and freezing


@performs(Action.SIGN_REPORT)
def do_sign_report(actor: Actor, process: Process, version: ReportVersion) -> ReportSignature:
    """Sign the newest version as oneself. The signature that reaches the threshold
    freezes it, unless the parking lot still has open items (the page says so; any
    participant freezes it once they are resolved). A frozen version may still be
    signed: that signature is counted apart and changes nothing published."""
    person = _signer(actor)
    version = _locked(process, version)
    latest = latest_version(process)
    if latest is None or latest.pk != version.pk:
        raise LifecycleError(
            "report_not_latest",
            "Version {number} has been followed by a newer version: sign that one.",
            number=version.number,
        )
    if version.signatures.filter(signer=person).exists():
        raise LifecycleError("report_already_signed", "You have already signed this version.")
    digest = content_sha256(version)
    signature = ReportSignature.objects.create(
        version=version,
        signer=person,
        signed_at=clock.now(),
        content_sha256=digest,
        after_freeze=version.frozen,
    )
    count, needed = signature_count(version), signatures_needed(process)
    append(
        process,
        _role(actor, process, Action.SIGN_REPORT),
        "report.signed",
        {
            "version": version.number,
            "content_sha256": digest,
            "signatures": count,
            "needed": needed,
            "after_freeze": version.frozen,
            "signer": _identity(person),
        },
        private_fields=["signer"],
    )
    if not version.frozen and count >= needed and not _parking_blocks(process):
        _freeze(actor, process, version)
    return signature


def _parking_blocks(process: Process) -> bool:
    try:
        check_report_can_close(process)
    except LifecycleError:
        return True
    return False


@performs(Action.SIGN_REPORT)
def do_withdraw_signature(actor: Actor, process: Process, version: ReportVersion) -> None:
    """Take back one's own signature from a version that is not frozen yet."""
    person = _signer(actor)
    version = _locked(process, version)
    if version.frozen:
        raise LifecycleError(
            "report_signature_final",
            "Version {number} is frozen: its signatures are final.",
            number=version.number,
        )
    deleted, _ = version.signatures.filter(signer=person).delete()
    if not deleted:
        raise LifecycleError("report_not_signed", "You have not signed this version.")
    append(
        process,
        _role(actor, process, Action.SIGN_REPORT),
        "report.signature_withdrawn",
        {
            "version": version.number,
            "signatures": signature_count(version),
            "signer": _identity(person),
        },
        private_fields=["signer"],
    )


@performs(Action.SIGN_REPORT)
def do_freeze_report(actor: Actor, process: Process, version: ReportVersion) -> ReportVersion:
    """Freeze a version that has enough signatures (once the parking lot is clear)."""
    version = _locked(process, version)
    _require_draft(version)
    count, needed = signature_count(version), signatures_needed(process)
    if count < needed:
        raise LifecycleError(
            "report_needs_signatures",
            "Version {number} has {count} signatures; {needed} are needed to freeze it.",
            number=version.number,
            count=count,
            needed=needed,
        )
    return _freeze(actor, process, version)


def _document(name: str, content_type: str, content: bytes) -> CheckedFile:
    # Generated here, not uploaded: no need to sniff it (and HTML is no upload type).
    return CheckedFile(name, content_type, content, hashlib.sha256(content).hexdigest())


def _freeze(actor: Actor, process: Process, version: ReportVersion) -> ReportVersion:
    check_report_can_close(process)
    previous = (
        ReportVersion.objects.filter(process=process, number__lt=version.number)
        .exclude(frozen_at=None)
        .order_by("-number")
        .first()
    )
    now = clock.now()
    signatures = signature_count(version)
    version.participants_at_freeze = participant_count(process)
    version.needed_at_freeze = signatures_needed(process)
    html = render_html(version, signatures, now)
    pdf = render_pdf(version, signatures, now)
    stem = file_stem(version)
    # The platform publishes the files the moment the threshold is reached: the
    # participants (who may not publish documents themselves) froze it.
    title = f"The participants' report, version {version.number}"
    pdf_document = do_publish_document(
        SYSTEM,
        process,
        title=f"{title} (PDF)",
        kind=DocumentKind.REPORT,
        file=_document(f"{stem}.pdf", "application/pdf", pdf),
        replaces=previous.pdf_document if previous is not None else None,
    )
    html_document = do_publish_document(
        SYSTEM,
        process,
        title=f"{title} (HTML)",
        kind=DocumentKind.REPORT,
        file=_document(f"{stem}.html", "text/html; charset=utf-8", html),
        replaces=previous.html_document if previous is not None else None,
    )
    version.frozen_at = now
    version.pdf_document, version.html_document = pdf_document, html_document
    version.pdf_sha256, version.html_sha256 = pdf_document.sha256, html_document.sha256
    version.save()
    append(
        process,
        _role(actor, process, Action.SIGN_REPORT),
        "report.frozen",
        {
            "version": version.number,
            "title": version.title,
            "reason": version.reason,
            "content_sha256": content_sha256(version),
            "pdf": {"path": pdf_document.path, "sha256": pdf_document.sha256},
            "html": {"path": html_document.path, "sha256": html_document.sha256},
            "signatures": signatures,
            "participants": version.participants_at_freeze,
            "needed": version.needed_at_freeze,
            "sign_off_percent": str(sign_off_percent(process)),
            "replaces": previous.number if previous is not None else None,
        },
    )
    return version


# ---------------------------------------------------------------- requests to change it


@performs(Action.REQUEST_REPORT_CHANGE)
def do_request_report_change(
    actor: Actor, process: Process, *, what: str, why: str = ""
) -> ReportChangeRequest:
    """Ask the participants to change their report. Nothing changes: the request enters
    the integrity register as an attempt by the commissioner to steer the report's
    content, and the participants see it and answer it."""
    what, why = _text(what, REQUEST_MAX), _text(why, REQUEST_MAX)
    if not what:
        raise LifecycleError("report_request_needs_what", "Say what should change in the report.")
    version = latest_version(process)
    if version is None:
        raise LifecycleError("report_not_started", "The report has not been assembled yet.")
    highest = ReportChangeRequest.objects.filter(process=process).aggregate(top=Max("number"))
    number = (highest["top"] or 0) + 1
    role = _role(actor, process, Action.REQUEST_REPORT_CHANGE)
    account = (
        f"Request {number} to change the participants' report (version {version.number}), "
        f"made through the report's change-request form.\n\nWhat should change: {what}"
    )
    if why:
        account += f"\n\nWhy: {why}"
    incident = do_report_incident(
        actor,
        process,
        what_happened=account,
        pressure_source=PressureSource.COMMISSIONER,
        target=Target.REPORT_CONTENT,
        severity=Severity.MEDIUM,
    )
    request = ReportChangeRequest.objects.create(
        process=process,
        version=version,
        number=number,
        requested_by=_person(actor),
        requested_role=role,
        what=what,
        why=why,
        made_at=clock.now(),
        incident=incident,
    )
    append(
        process,
        role,
        "report.change_requested",
        {
            "request": number,
            "version": version.number,
            "incident": incident.number,
            "what": what,
            "why": why,
        },
        private_fields=["what", "why"],
    )
    return request


@performs(Action.EDIT_REPORT)
def do_answer_change_request(
    actor: Actor,
    process: Process,
    request: ReportChangeRequest,
    *,
    outcome: ChangeRequestStatus | str,
    answer: str,
) -> ReportChangeRequest:
    """The participants' answer to a request: declined, or taken up in a new version."""
    if request.process_id != process.pk:
        raise LifecycleError("report_elsewhere", "That report belongs to another process.")
    request = ReportChangeRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != ChangeRequestStatus.OPEN:
        raise LifecycleError(
            "report_request_answered",
            "Request {number} has already been answered.",
            number=request.number,
        )
    if outcome not in (ChangeRequestStatus.DECLINED, ChangeRequestStatus.ACCEPTED):
        raise LifecycleError(
            "report_request_outcome", "Say whether you decline the request or take it up."
        )
    request.answer = _text(answer, REQUEST_MAX)
    if not request.answer:
        raise LifecycleError("report_request_needs_answer", "Give the participants' answer.")
    request.status = ChangeRequestStatus(outcome).value
    request.answered_at = clock.now()
    request.save(update_fields=["answer", "status", "answered_at"])
    append(
        process,
        _role(actor, process, Action.EDIT_REPORT),
        "report.change_answered",
        {"request": request.number, "outcome": request.status, "answer": request.answer},
        private_fields=["answer"],
    )
    return request
