"""Oversight sign-offs: the oversight group signs off, or objects to, parts of the design.

Four subjects are signed off: the question and remit, the selection method and quotas,
the list of witnesses and the briefing materials. Each decision is a new ``SignOff``
row (the latest per subject counts) and a public ledger entry, reasons included: they
are the oversight group's published position. Each decision keeps a SHA-256
fingerprint of its subject as it was at that moment, so that a later change to the
subject shows as "signed off an earlier version".
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from django.db.models import Max, QuerySet

from minipublic import clock
from minipublic.conformance.models import SignOff, SignOffDecision, SignOffSubject
from minipublic.evidence.register import witnesses_fingerprint_content
from minipublic.integrity.models import Document, DocumentKind
from minipublic.integrity.record import append
from minipublic.lifecycle import Action, LifecycleError
from minipublic.processes.access import Actor, performs
from minipublic.processes.actions import _actor_role, _person
from minipublic.processes.models import Process
from minipublic.selection.commit import committed_selection
from minipublic.selection.models import QuotaSettings
from minipublic.selection.quotas import quota_table

REASONS_MAX = 5000

#: Document kinds whose current documents make up each document-based subject: the
#: briefing materials are the current briefing documents (every published version of a
#: material is one, replacing the version before). The witnesses come from the register.
SUBJECT_DOCUMENT_KINDS: dict[SignOffSubject, tuple[str, ...]] = {
    SignOffSubject.MATERIALS: (DocumentKind.BRIEFING.value,),
}

EVENTS = {
    SignOffDecision.SIGNED_OFF: "oversight.signed_off",
    SignOffDecision.OBJECTED: "oversight.objected",
}


def _json_sha256(value: Any) -> str:
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _documents(process: Process, kinds: tuple[str, ...]) -> list[dict[str, str]]:
    # The documents in force: a corrected document is replaced by its correction.
    if not kinds:
        return []
    rows = (
        Document.objects.filter(process=process, kind__in=kinds, replaced_by__isnull=True)
        .order_by("path")
        .values_list("path", "sha256")
    )
    return [{"path": path, "sha256": sha256} for path, sha256 in rows]


def subject_content(process: Process, subject: SignOffSubject | str) -> Any:
    """What is signed off for ``subject`` as it is now (the input of its fingerprint)."""
    subject = SignOffSubject(subject)
    if subject is SignOffSubject.QUESTION:
        return process.question
    if subject is SignOffSubject.SELECTION:
        settings = QuotaSettings.objects.filter(process=process).first()
        run = committed_selection(process)
        return {
            "settings": None
            if settings is None
            else {"panel_size": settings.panel_size, "tolerance": settings.tolerance},
            "quotas": quota_table(process),
            "commitment": run.commitment_sha256 if run is not None else None,
        }
    if subject is SignOffSubject.WITNESSES:
        return witnesses_fingerprint_content(process)
    return _documents(process, SUBJECT_DOCUMENT_KINDS[subject])


def subject_sha256(process: Process, subject: SignOffSubject | str) -> str:
    """The SHA-256 fingerprint of ``subject`` as it is now.

    The question: of the remit's text (UTF-8). The selection: of the quota settings, the
    quota table and the committed run's commitment, as JSON. Witnesses: of the register
    (each proposal's number, name, role, perspectives, proposer, decision and declaration;
    a witness heard counts as invited), as JSON. Materials: of the sorted list of current
    briefing documents (path and SHA-256), as JSON.
    """
    content = subject_content(process, subject)
    if isinstance(content, str):
        return hashlib.sha256(content.encode("utf-8")).hexdigest()
    return _json_sha256(content)


@performs(Action.SIGN_OFF)
def do_sign_off(
    actor: Actor,
    process: Process,
    *,
    subject: SignOffSubject | str,
    decision: SignOffDecision | str,
    reasons: str = "",
) -> SignOff:
    """Record the oversight group's sign-off of, or objection to, ``subject``.

    An objection needs ``reasons``. Both go into the public ledger with the subject's
    fingerprint at this moment, as ``oversight.signed_off`` or ``oversight.objected``.
    """
    try:
        subject = SignOffSubject(subject)
    except ValueError:
        raise LifecycleError(
            "sign_off_subject_unknown", "{subject} is not a subject of sign-off.", subject=subject
        ) from None
    try:
        decision = SignOffDecision(decision)
    except ValueError:
        raise LifecycleError(
            "sign_off_decision_unknown", "A decision either signs off or objects."
        ) from None
    reasons = reasons.strip()
    if decision is SignOffDecision.OBJECTED and not reasons:
        raise LifecycleError("objection_needs_reasons", "Give the reasons for the objection.")
    if len(reasons) > REASONS_MAX:
        raise LifecycleError(
            "sign_off_reasons_too_long",
            "Give the reasons in at most {limit} characters.",
            limit=REASONS_MAX,
        )
    process.refresh_from_db(fields=["question"])
    fingerprint = subject_sha256(process, subject)
    last = SignOff.objects.filter(process=process).aggregate(last=Max("number"))["last"]
    sign_off = SignOff.objects.create(
        process=process,
        number=(last or 0) + 1,
        subject=subject.value,
        decision=decision.value,
        reasons=reasons,
        subject_sha256=fingerprint,
        decided_by=_person(actor),
        decided_at=clock.now(),
    )
    append(
        process,
        _actor_role(actor, process, Action.SIGN_OFF),
        EVENTS[decision],
        {
            "number": sign_off.number,
            "subject": subject.value,
            "reasons": reasons,
            "subject_sha256": fingerprint,
        },
    )
    return sign_off


@dataclass(frozen=True)
class SubjectStatus:
    """Where one subject stands: its latest decision and whether it changed since."""

    subject: SignOffSubject
    current_sha256: str
    latest: SignOff | None

    @property
    def label(self) -> str:
        """The subject's translated name."""
        return str(self.subject.label)

    @property
    def changed_since(self) -> bool:
        """Whether the subject changed after its latest decision (an earlier version)."""
        return self.latest is not None and self.latest.subject_sha256 != self.current_sha256

    @property
    def signed_off(self) -> bool:
        """Whether the subject, as it is now, is signed off."""
        return (
            self.latest is not None
            and self.latest.decision == SignOffDecision.SIGNED_OFF
            and not self.changed_since
        )


def sign_off_history(process: Process) -> QuerySet[SignOff]:
    """Every decision on ``process``, newest first."""
    return SignOff.objects.filter(process=process).order_by("-number")


def sign_off_status(process: Process) -> list[SubjectStatus]:
    """Per subject (in the order of ``SignOffSubject``): the latest decision, if any, and
    the current fingerprint, which tells whether it changed since that decision."""
    latest: dict[str, SignOff] = {}
    for row in SignOff.objects.filter(process=process).order_by("number"):
        latest[row.subject] = row
    return [
        SubjectStatus(
            subject=subject,
            current_sha256=subject_sha256(process, subject),
            latest=latest.get(subject.value),
        )
        for subject in SignOffSubject
    ]
