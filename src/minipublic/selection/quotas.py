"""Quotas from census shares: panel size, tolerance, derived minimums and maximums.

A value's target is its population share times the panel size; its quota allows
``tolerance`` seats either side of the rounded target. "Prefer not to say" values get a
minimum of 0. A quota set by hand (``overridden``) is kept when shares change.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping
from decimal import Decimal

from minipublic.integrity.record import append
from minipublic.lifecycle import Action
from minipublic.lifecycle.errors import LifecycleError
from minipublic.processes.access import Actor, performs
from minipublic.processes.actions import _actor_role
from minipublic.processes.models import Process
from minipublic.recruitment.models import FeatureValue
from minipublic.selection.instance import build_instance, features_of, pool_registrants
from minipublic.selection.models import Quota, QuotaSettings
from minipublic.sortition.errors import SortitionError
from minipublic.sortition.feasibility import check_feasible
from minipublic.sortition.types import build_type_model

PANEL_MAX = 10_000
SHARE_SLACK = Decimal("0.5")  # percentage points a feature's shares may miss 100 by


def derive(
    share: Decimal | None, k: int, tolerance: int, *, prefer_not_to_say: bool = False
) -> tuple[int, int]:
    """Minimum and maximum seats for a value with population ``share`` (percent)."""
    if share is None:
        return 0, k
    target = share * k / 100
    low = max(0, math.floor(target) - tolerance)
    high = min(k, math.ceil(target) + tolerance)
    return (0 if prefer_not_to_say else low), high


def _values(process: Process) -> list[FeatureValue]:
    return list(
        FeatureValue.objects.filter(feature__process=process)
        .select_related("feature")
        .order_by("feature__order", "feature__pk", "order", "pk")
    )


def _refresh(process: Process) -> None:
    """Recompute every quota that was not set by hand."""
    settings = QuotaSettings.objects.filter(process=process).first()
    if settings is None:
        return
    for value in _values(process):
        low, high = derive(
            value.population_share,
            settings.panel_size,
            settings.tolerance,
            prefer_not_to_say=value.prefer_not_to_say,
        )
        quota = Quota.objects.filter(value=value).first()
        if quota is None:
            Quota.objects.create(value=value, min=low, max=high)
        elif not quota.overridden:
            quota.min, quota.max = low, high
            quota.save(update_fields=["min", "max"])


def quota_table(process: Process) -> dict[str, dict[str, list[int]]]:
    """{feature: {value: [min, max]}} of the process's quotas (no personal data)."""
    table: dict[str, dict[str, list[int]]] = {}
    for quota in Quota.objects.filter(value__feature__process=process).select_related(
        "value__feature"
    ):
        table.setdefault(quota.value.feature.name, {})[quota.value.value] = [quota.min, quota.max]
    return table


def _record(actor: Actor, process: Process) -> None:
    settings = QuotaSettings.objects.filter(process=process).first()
    append(
        process,
        _actor_role(actor, process, Action.MANAGE_QUOTAS),
        "quotas.updated",
        {
            "panel_size": settings.panel_size if settings else None,
            "tolerance": settings.tolerance if settings else None,
            "quotas": quota_table(process),
        },
    )


@performs(Action.MANAGE_QUOTAS)
def do_save_quota_settings(
    actor: Actor, process: Process, *, panel_size: int, tolerance: int
) -> QuotaSettings:
    """Set the panel size and tolerance, and re-derive the quotas not set by hand."""
    if not 1 <= panel_size <= PANEL_MAX:
        raise LifecycleError(
            "panel_size_invalid", "The panel size must be between 1 and {limit}.", limit=PANEL_MAX
        )
    if tolerance < 0 or tolerance > panel_size:
        raise LifecycleError(
            "tolerance_invalid", "The tolerance must be between 0 and the panel size."
        )
    settings, _ = QuotaSettings.objects.update_or_create(
        process=process, defaults={"panel_size": panel_size, "tolerance": tolerance}
    )
    _refresh(process)
    _record(actor, process)
    return settings


@performs(Action.MANAGE_QUOTAS)
def do_save_population_shares(
    actor: Actor, process: Process, shares: Mapping[int, Decimal | None]
) -> None:
    """Set the population share (percent) of values (by pk) and re-derive the quotas."""
    values = {value.pk: value for value in _values(process)}
    checked = {pk: None if s is None else Decimal(str(s)) for pk, s in shares.items()}
    for pk, share in checked.items():
        value = values.get(pk)
        if value is None:
            raise LifecycleError("value_elsewhere", "That value belongs to another process.")
        if share is not None and not Decimal(0) <= share <= Decimal(100):
            raise LifecycleError(
                "share_out_of_range",
                "The share of {value} must be between 0 and 100 percent.",
                value=value.label,
            )
    for pk, share in checked.items():
        value = values[pk]
        value.population_share = share
        value.save(update_fields=["population_share"])
    _refresh(process)
    _record(actor, process)


@performs(Action.MANAGE_QUOTAS)
def do_override_quota(
    actor: Actor, process: Process, value: FeatureValue, *, min: int, max: int
) -> Quota:
    """Set one value's minimum and maximum by hand (kept when shares change)."""
    if value.feature.process_id != process.pk:
        raise LifecycleError("value_elsewhere", "That value belongs to another process.")
    if min < 0 or max < min:
        raise LifecycleError(
            "quota_invalid",
            "The minimum of {value} must be at least 0 and at most its maximum.",
            value=value.label,
        )
    quota, _ = Quota.objects.update_or_create(
        value=value, defaults={"min": min, "max": max, "overridden": True}
    )
    _record(actor, process)
    return quota


def pool_counts(process: Process) -> dict[tuple[str, str], int]:
    """How many selectable registrants answered each (feature, value)."""
    counts: Counter[tuple[str, str]] = Counter()
    names = [feature.name for feature in features_of(process)]
    for registrant in pool_registrants(process):
        for name in names:
            counts[(name, str(registrant.answers.get(name, "")))] += 1
    return dict(counts)


def check_quotas(process: Process) -> list[str]:
    """Plain warnings about the quotas before running the selection (empty: all fine)."""
    settings = QuotaSettings.objects.filter(process=process).first()
    if settings is None:
        return ["Set the panel size first."]
    k = settings.panel_size
    warnings: list[str] = []
    counts = pool_counts(process)
    quotas = {q.value_id: q for q in Quota.objects.filter(value__feature__process=process)}
    by_feature: dict[str, list[FeatureValue]] = {}
    for value in _values(process):
        by_feature.setdefault(value.feature.name, []).append(value)
    for name, values in by_feature.items():
        warnings += _feature_warnings(name, values, quotas, counts, k)
    if not warnings:
        warnings += _engine_check(process)
    return warnings


def _feature_warnings(
    name: str,
    values: list[FeatureValue],
    quotas: dict[int, Quota],
    counts: dict[tuple[str, str], int],
    k: int,
) -> list[str]:
    warnings: list[str] = []
    shares = [v.population_share for v in values if v.population_share is not None]
    total = sum(shares, Decimal(0))
    if shares and abs(total - 100) > SHARE_SLACK:
        warnings.append(f"The population shares of {name} add up to {total}%, not 100%.")
    rows = [quotas[v.pk] for v in values if v.pk in quotas]
    if len(rows) < len(values):
        warnings.append(f"Some values of {name} have no quota yet.")
    minimums, maximums = sum(q.min for q in rows), sum(q.max for q in rows)
    if minimums > k:
        warnings.append(
            f"The minimums of {name} add up to {minimums}, more than the panel size {k}."
        )
    if rows and len(rows) == len(values) and maximums < k:
        warnings.append(
            f"The maximums of {name} add up to {maximums}, less than the panel size {k}."
        )
    for value in values:
        quota = quotas.get(value.pk)
        available = counts.get((name, value.value), 0)
        if quota is not None and available < quota.min:
            warnings.append(
                f"{name} {value.value}: the minimum is {quota.min} but only {available} "
                "registrants have this value."
            )
    return warnings


def _engine_check(process: Process) -> list[str]:
    """The engine's own feasibility check, as plain messages (with its suggested relaxation)."""
    instance, _ = build_instance(process)
    if instance.n < instance.k:
        return [f"The pool has {instance.n} registrants, fewer than the panel size {instance.k}."]
    try:
        check_feasible(instance, build_type_model(instance))
    except SortitionError as error:
        return [line.strip(" -") for line in str(error).splitlines() if line.strip()]
    return []
