"""Named actions of the commission appraisal: start, answer, negotiate, finalise, publish.

The rules are framework-free (``minipublic.standards.appraisal``); these actions keep an
appraisal and its negotiation record in the database and append the final appraisal to
the ledger. A draft is private to the lead practitioner and the oversight group; only
finalising appends an entry (``appraisal.finalised``).

Override rule. A red line that remains after the negotiation (in the agreed answers)
blocks finalising unless ``override_reason`` is given: the reason is then kept in the
summary (oversight reads it on the appraisal page) and appended to the ledger, in the
clear when the appraisal is published, as a salted commitment otherwise (like the
verdict and the rules found: an unpublished appraisal reveals only that it was made).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from typing import Any

from django.db.models import Max

from minipublic import clock
from minipublic.commissioning.models import Appraisal, AppraisalStatus, NegotiationItem
from minipublic.commissioning.models import NegotiationStatus as ItemStatus
from minipublic.integrity.documents import do_publish_document
from minipublic.integrity.models import DocumentKind, LedgerEntry
from minipublic.integrity.record import append
from minipublic.integrity.uploads import check_bytes
from minipublic.lifecycle import Action, LifecycleError
from minipublic.processes.access import Actor, performs
from minipublic.processes.actions import _actor_role, _person
from minipublic.processes.models import Process
from minipublic.standards import appraisal as core
from minipublic.standards.errors import StandardsError

TEXT_LIMIT = 4000
#: The fields of ``appraisal.finalised`` kept private (a salted commitment in the public
#: record) when the appraisal is not published.
UNPUBLISHED_PRIVATE = frozenset(
    {"verdict", "red_lines", "red_flags", "unaddressed", "override", "override_reason", "summary"}
)


def _json_answers(values: Mapping[str, object]) -> dict[str, Any]:
    return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in sorted(values.items())}


def _checked_answers(answers: Mapping[str, object]) -> dict[str, Any]:
    """The answers in normal, JSON-ready form, or LifecycleError naming every problem."""
    given = {
        k: v
        for k, v in answers.items()
        if not (v is None or (isinstance(v, str) and not v.strip()))
    }
    problems = core.validate_answers(given)
    if problems:
        raise LifecycleError(
            "appraisal_answers_invalid",
            "Some answers cannot be used: {count} problems.",
            count=len(problems),
            problems=tuple(problems),
        )
    return _json_answers(core.clean_answers(given))


def _draft(appraisal: Appraisal, process: Process) -> None:
    if appraisal.process_id != process.pk:
        raise LifecycleError("appraisal_elsewhere", "That appraisal belongs to another process.")
    if appraisal.status != AppraisalStatus.DRAFT:
        raise LifecycleError(
            "appraisal_final",
            "Appraisal {number} is final and cannot change.",
            number=appraisal.number,
        )


def items_of(appraisal: Appraisal) -> list[core.NegotiationItem]:
    """The appraisal's negotiation record as the core's items, in the order recorded."""
    return [
        core.NegotiationItem(
            rule_id=item.rule_id,
            asked=item.asked,
            status=core.NegotiationStatus(item.status),
            conceded=item.conceded,
            final_condition=item.final_condition,
            changes=dict(item.changes),
        )
        for item in appraisal.negotiation_items.order_by("pk")
    ]


def agreed_answers(appraisal: Appraisal) -> dict[str, Any]:
    """The answers as agreed: the conceded items' changes applied over the answers."""
    return _json_answers(
        core.clean_answers(core.apply_negotiation(appraisal.answers, items_of(appraisal)))
    )


@performs(Action.APPRAISE)
def do_start_appraisal(actor: Actor, process: Process) -> Appraisal:
    """Open a new draft appraisal, numbered next; only one draft at a time.

    It starts from the latest appraisal's answers as agreed (its conceded changes
    applied), so a commission is revisited as conditions change, not from scratch.
    """
    if process.appraisals.filter(status=AppraisalStatus.DRAFT).exists():
        raise LifecycleError("appraisal_draft_open", "Finish or finalise the open draft first.")
    latest = process.appraisals.order_by("-number").first()
    number = (process.appraisals.aggregate(n=Max("number"))["n"] or 0) + 1
    now = clock.now()
    return Appraisal.objects.create(
        process=process,
        number=number,
        answers=agreed_answers(latest) if latest is not None else {},
        questionnaire_version=core.QUESTIONNAIRE_VERSION,
        rules_version=core.RULES_VERSION,
        created_at=now,
        updated_at=now,
        created_by=_person(actor),
    )


@performs(Action.APPRAISE)
def do_save_answers(
    actor: Actor, process: Process, appraisal: Appraisal, answers: Mapping[str, object]
) -> Appraisal:
    """Save the draft's answers (partial allowed); blank ones are left unanswered.

    ``answers`` replaces the given questions' answers; a blank value clears one. Any
    invalid value refuses the whole save with LifecycleError("appraisal_answers_invalid"),
    whose ``problems`` param lists the core's ``AnswerProblem``s per question.
    """
    _draft(appraisal, process)
    merged: dict[str, object] = dict(appraisal.answers)
    merged.update(answers)
    appraisal.answers = _checked_answers(merged)
    appraisal.questionnaire_version = core.QUESTIONNAIRE_VERSION
    appraisal.rules_version = core.RULES_VERSION
    appraisal.updated_at = clock.now()
    appraisal.save(
        update_fields=["answers", "questionnaire_version", "rules_version", "updated_at"]
    )
    return appraisal


def _item_fields(
    status: str, conceded: str, final_condition: str, changes: Mapping[str, object] | None
) -> dict[str, Any]:
    if status not in ItemStatus.values:
        raise LifecycleError(
            "negotiation_status_unknown", "{status} is not a negotiation status.", status=status
        )
    texts = {"conceded": conceded.strip(), "final_condition": final_condition.strip()}
    if any(len(t) > TEXT_LIMIT for t in texts.values()):
        raise LifecycleError(
            "negotiation_text_too_long", "A text has at most {limit} characters.", limit=TEXT_LIMIT
        )
    return {"status": status, **texts, "changes": _checked_answers(changes or {})}


@performs(Action.APPRAISE)
def do_record_negotiation(
    actor: Actor,
    process: Process,
    appraisal: Appraisal,
    *,
    rule_id: str,
    asked: str,
    status: str,
    conceded: str = "",
    final_condition: str = "",
    changes: Mapping[str, object] | None = None,
) -> NegotiationItem:
    """Record what was asked of the commissioner about one rule, and what came of it.

    ``changes`` are the answers as agreed when the item is conceded (e.g. the NDA demand
    dropped: ``{"control.nda": "no"}``); they are validated like any answer.
    """
    _draft(appraisal, process)
    try:
        core.rule(rule_id)
    except StandardsError:
        raise LifecycleError(
            "negotiation_rule_unknown", "{rule} is not an appraisal rule.", rule=rule_id
        ) from None
    asked = asked.strip()
    if not asked:
        raise LifecycleError("negotiation_needs_ask", "Say what was asked of the commissioner.")
    if len(asked) > TEXT_LIMIT:
        raise LifecycleError(
            "negotiation_text_too_long", "A text has at most {limit} characters.", limit=TEXT_LIMIT
        )
    now = clock.now()
    return NegotiationItem.objects.create(
        appraisal=appraisal,
        rule_id=rule_id,
        asked=asked,
        recorded_at=now,
        updated_at=now,
        **_item_fields(status, conceded, final_condition, changes),
    )


@performs(Action.APPRAISE)
def do_update_negotiation(
    actor: Actor,
    process: Process,
    item: NegotiationItem,
    *,
    status: str,
    conceded: str = "",
    final_condition: str = "",
    changes: Mapping[str, object] | None = None,
) -> NegotiationItem:
    """Record how an item of the draft's negotiation now stands (status, concession, changes)."""
    _draft(item.appraisal, process)
    for key, value in _item_fields(status, conceded, final_condition, changes).items():
        setattr(item, key, value)
    item.updated_at = clock.now()
    item.save()
    return item


def _red(summary: Mapping[str, Any], severity: str) -> list[str]:
    return [f["rule"] for f in summary["findings"] if f["severity"] == severity]


@performs(Action.APPRAISE)
def do_finalise_appraisal(
    actor: Actor,
    process: Process,
    appraisal: Appraisal,
    *,
    publish: bool,
    override_reason: str = "",
) -> Appraisal:
    """Freeze the draft, append ``appraisal.finalised`` and, if ``publish``, publish it.

    Unless published, every field that tells what the appraisal found (the verdict, the
    rules found, the override and the summary: ``UNPUBLISHED_PRIVATE``) is a private
    ledger field; the number, the versions and ``published`` stay public. A red line
    that remains needs a non-empty ``override_reason``
    (LifecycleError("appraisal_red_line_remains") otherwise), which is kept in the
    summary and the ledger.
    """
    _draft(appraisal, process)
    summary = core.appraisal_summary(
        appraisal.answers,
        items_of(appraisal),
        template_id=process.template or None,
        today=clock.now().date(),
    )
    red_lines = _red(summary, "red_line")
    override_reason = override_reason.strip()
    if red_lines and not override_reason:
        raise LifecycleError(
            "appraisal_red_line_remains",
            "A red line remains ({rules}): renegotiate it, or give the reason to accept anyway.",
            rules=", ".join(red_lines),
        )
    if len(override_reason) > TEXT_LIMIT:
        raise LifecycleError(
            "negotiation_text_too_long", "A text has at most {limit} characters.", limit=TEXT_LIMIT
        )
    override = bool(red_lines)
    summary["override_reason"] = override_reason if override else ""
    now = clock.now()
    role = _actor_role(actor, process, Action.APPRAISE)
    payload: dict[str, Any] = {
        "number": appraisal.number,
        "verdict": summary["verdict"],
        "red_lines": red_lines,
        "red_flags": _red(summary, "red_flag"),
        "unaddressed": summary["unaddressed"],
        "questionnaire_version": summary["questionnaire_version"],
        "rules_version": summary["rules_version"],
        "published": publish,
        "override": override,
        "summary": summary,
    }
    if override:
        payload["override_reason"] = override_reason
    # Unpublished, what the appraisal found stays between the practitioner and oversight:
    # the public record shows only that appraisal N was finalised (and its versions).
    private = [] if publish else [key for key in payload if key in UNPUBLISHED_PRIVATE]
    append(process, role, "appraisal.finalised", payload, private_fields=private)
    appraisal.status = AppraisalStatus.FINAL
    appraisal.summary = summary
    appraisal.finalised_at = now
    appraisal.updated_at = now
    if publish:
        _publish_summary(actor, process, appraisal.number, summary)
        appraisal.published_at = now
    appraisal.save()
    return appraisal


def _publish_summary(
    actor: Actor, process: Process, number: int, summary: Mapping[str, Any]
) -> None:
    content = json.dumps(summary, indent=2, ensure_ascii=False, sort_keys=True).encode()
    do_publish_document(
        actor,
        process,
        title=f"Commission appraisal {number}",
        kind=DocumentKind.OTHER,
        file=check_bytes(f"commission-appraisal-{number}.json", content),
    )


@performs(Action.APPRAISE)
def do_publish_appraisal(actor: Actor, process: Process, appraisal: Appraisal) -> Appraisal:
    """Publish a final appraisal that was kept unpublished when it was finalised.

    The appraisal is published as it was frozen, never recomputed. The entry
    ``appraisal.published`` reveals the sealed fields of ``appraisal.finalised`` with
    their salts, so that anyone can check that what is published now is what was
    committed to then (``minipublic.ledger.reveal_matches``).
    """
    appraisal = Appraisal.objects.select_for_update().get(pk=appraisal.pk)
    if appraisal.process_id != process.pk:
        raise LifecycleError("appraisal_elsewhere", "That appraisal belongs to another process.")
    if appraisal.status != AppraisalStatus.FINAL:
        raise LifecycleError(
            "appraisal_not_final", "Finalise appraisal {number} first.", number=appraisal.number
        )
    if appraisal.published_at is not None:
        raise LifecycleError(
            "appraisal_already_published",
            "Appraisal {number} is already published.",
            number=appraisal.number,
        )
    finalised = (
        LedgerEntry.objects.filter(
            process=process, event="appraisal.finalised", payload__number=appraisal.number
        )
        .order_by("-sequence")
        .first()
    )
    if finalised is None:  # every final appraisal has its entry; a damaged record has not
        raise LifecycleError(
            "appraisal_not_final", "Finalise appraisal {number} first.", number=appraisal.number
        )
    sealed = finalised.to_entry()
    revealed = {
        name: {"value": sealed.payload[name], "salt": salt}
        for name, salt in sorted(sealed.salts.items())
    }
    _publish_summary(actor, process, appraisal.number, appraisal.summary)
    append(
        process,
        _actor_role(actor, process, Action.APPRAISE),
        "appraisal.published",
        {"number": appraisal.number, "finalised": sealed.sequence, "revealed": revealed},
    )
    appraisal.published_at = clock.now()
    appraisal.save(update_fields=["published_at"])
    return appraisal
