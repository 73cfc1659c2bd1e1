"""The registration settings and the questions (selection features) of a process.

Each change is recorded in the ledger: ``registration.updated`` with the settings and
``questions.updated`` with every feature and its value names (never any answer).
"""

from __future__ import annotations

import datetime as dt
import re

from minipublic.integrity.record import append
from minipublic.lifecycle import Action, LifecycleError, Visibility
from minipublic.processes.access import Actor, performs
from minipublic.processes.actions import _actor_role
from minipublic.processes.models import Process
from minipublic.recruitment.models import Feature, FeatureValue, RegistrationSettings

_SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]{0,49}$")
QUESTION_MAX = 300
LABEL_MAX = 200


def settings_for(process: Process) -> RegistrationSettings:
    """The registration settings of ``process`` (created closed on first use)."""
    found, _ = RegistrationSettings.objects.get_or_create(process=process)
    return found


@performs(Action.MANAGE_RECRUITMENT)
def do_update_registration(
    actor: Actor,
    process: Process,
    *,
    open: bool,
    code_required: bool,
    privacy_notice: str,
    closes_on: dt.date | None = None,
) -> RegistrationSettings:
    """Open or close registration, require a code or not, and set the privacy notice.

    Changing the notice's text bumps its version (registrants record the one they agreed
    to). Opening needs a privacy notice and at least one question.
    """
    current = settings_for(process)
    notice = privacy_notice.strip()
    if open and not notice:
        raise LifecycleError(
            "registration_needs_notice", "Registration cannot open without a privacy notice."
        )
    if open and process.visibility != Visibility.PUBLIC.value:
        raise LifecycleError(
            "registration_needs_public",
            "Make the process public before opening registration: a private process has no "
            "public pages.",
        )
    if open and not process.features.exists():
        raise LifecycleError(
            "registration_needs_questions", "Registration cannot open without any question."
        )
    if notice != current.privacy_notice.strip() and current.privacy_notice.strip():
        current.privacy_version += 1
    current.open = open
    current.code_required = code_required
    current.privacy_notice = notice
    current.closes_on = closes_on
    current.save()
    append(
        process,
        _actor_role(actor, process, Action.MANAGE_RECRUITMENT),
        "registration.updated",
        {
            "open": open,
            "code_required": code_required,
            "privacy_version": current.privacy_version,
            "closes_on": closes_on.isoformat() if closes_on else None,
        },
    )
    return current


def _check_feature(
    process: Process,
    name: str,
    question: str,
    values: list[tuple[str, str, bool]],
    feature: Feature | None,
) -> None:
    others = process.features.all() if feature is None else process.features.exclude(pk=feature.pk)
    if not _SLUG.match(name):
        raise LifecycleError(
            "feature_name",
            "{name} is not a usable name: use lower-case letters, digits, - and _.",
            name=name,
        )
    if others.filter(name=name).exists():
        raise LifecycleError("feature_name_taken", "There is already a question {name}.", name=name)
    if not question.strip() or len(question) > QUESTION_MAX:
        raise LifecycleError(
            "feature_question",
            "Write the question (at most {limit} characters).",
            limit=QUESTION_MAX,
        )
    if len(values) < 2:
        raise LifecycleError("feature_values", "A question needs at least two answers.")
    seen: set[str] = set()
    for value, label, _ in values:
        if not _SLUG.match(value) or value in seen:
            raise LifecycleError(
                "feature_value",
                "{value} is not a usable answer name: use lower-case letters, digits, - and _, "
                "each once.",
                value=value,
            )
        if not label.strip() or len(label) > LABEL_MAX:
            raise LifecycleError(
                "feature_label",
                "Give answer {value} a label (at most {limit} characters).",
                value=value,
                limit=LABEL_MAX,
            )
        seen.add(value)


def _record_questions(actor: Actor, process: Process) -> None:
    features = {
        feature.name: [value.value for value in feature.values.all()]
        for feature in process.features.prefetch_related("values")
    }
    append(
        process,
        _actor_role(actor, process, Action.MANAGE_RECRUITMENT),
        "questions.updated",
        {"features": features},
    )


def _refuse_once_registered(process: Process) -> None:
    if process.registrants.exists():
        raise LifecycleError(
            "questions_locked",
            "People have registered already: the questions can no longer be changed.",
        )


@performs(Action.MANAGE_RECRUITMENT)
def do_save_feature(
    actor: Actor,
    process: Process,
    *,
    name: str,
    question: str,
    values: list[tuple[str, str, bool]],
    feature: Feature | None = None,
) -> Feature:
    """Add a question (``feature`` None) or replace one's wording and answers.

    ``values`` are (value name, label, is 'prefer not to say'). Refused once anyone has
    registered: the answers already given would no longer match.
    """
    if feature is not None and feature.process_id != process.pk:
        raise LifecycleError("feature_elsewhere", "That question belongs to another process.")
    _refuse_once_registered(process)
    name = name.strip()
    values = [(v.strip(), label.strip(), bool(pnts)) for v, label, pnts in values]
    _check_feature(process, name, question, values, feature)
    if feature is None:
        feature = Feature(process=process, order=process.features.count())
    feature.name = name
    feature.question = question.strip()
    feature.save()
    # Values keep their rows (and so their population shares and quotas) when only
    # their label, order or "prefer not to say" changes; removed values go.
    kept = {item.value: item for item in feature.values.all()}
    feature.values.exclude(value__in=[v for v, _label, _pnts in values]).delete()
    for i, (v, label, pnts) in enumerate(values):
        item = kept.get(v) or FeatureValue(feature=feature, value=v)
        item.label, item.prefer_not_to_say, item.order = label, pnts, i
        item.save()
    _record_questions(actor, process)
    return feature


@performs(Action.MANAGE_RECRUITMENT)
def do_delete_feature(actor: Actor, process: Process, feature: Feature) -> None:
    """Remove a question; refused once anyone has registered."""
    if feature.process_id != process.pk:
        raise LifecycleError("feature_elsewhere", "That question belongs to another process.")
    _refuse_once_registered(process)
    feature.delete()
    _record_questions(actor, process)
