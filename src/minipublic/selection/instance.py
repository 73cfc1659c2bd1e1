"""The selection engine's ``Instance`` built from the database (registrants and quotas).

One ``Person`` per registrant who may be selected, identified by pseudonym only: no
personal data ever reaches the engine, its files or the commitment.
"""

from __future__ import annotations

from minipublic.processes.models import Process
from minipublic.recruitment.models import Feature, Registrant, RegistrantStatus
from minipublic.selection.models import Quota as QuotaRow
from minipublic.selection.models import QuotaSettings
from minipublic.sortition.commitment import canonical, inputs_document, sha256
from minipublic.sortition.model import Instance, Person, Pool, Quota

POOL_SOURCE = "registrants"


def features_of(process: Process) -> list[Feature]:
    """The process's features, in question order, with their values."""
    return list(Feature.objects.filter(process=process).order_by("order", "pk"))


def pool_registrants(process: Process) -> list[Registrant]:
    """Registrants who may be selected: registered, not duplicates, with answers kept."""
    registrants = Registrant.objects.filter(
        process=process, status=RegistrantStatus.REGISTERED, duplicate_of__isnull=True
    ).order_by("pk")
    return [r for r in registrants if r.answers]


def build_instance(process: Process, *, kind: str = "selection") -> tuple[Instance, str]:
    """The engine's instance for ``process`` and the SHA-256 of its inputs document.

    The hash is the one the engine's commitment records as ``inputs_sha256``. ``kind``
    is "selection" (replacement instances are derived from a committed run, see draw.py).
    """
    features = features_of(process)
    names = tuple(feature.name for feature in features)
    registrants = pool_registrants(process)
    sizes: dict[str, int] = {}
    for registrant in registrants:
        if registrant.household:
            sizes[registrant.household] = sizes.get(registrant.household, 0) + 1
    groups: dict[str, int] = {}
    people = []
    rows = []
    for row, registrant in enumerate(registrants, start=1):
        values = tuple(str(registrant.answers.get(name, "")) for name in names)
        household = None
        if sizes.get(registrant.household, 0) > 1:
            household = groups.setdefault(registrant.household, len(groups))
        people.append(Person(registrant.pseudonym, row, values, household))
        rows.append((registrant.pseudonym, *values))
    pool = Pool(POOL_SOURCE, ("id", *names), tuple(rows), names, tuple(people), "id")
    quotas = tuple(
        Quota(row.value.feature.name, row.value.value, row.min, row.max)
        for feature in features
        for row in QuotaRow.objects.filter(value__feature=feature)
        .select_related("value__feature")
        .order_by("value__order", "value__pk")
    )
    settings = QuotaSettings.objects.filter(process=process).first()
    k = settings.panel_size if settings else 0
    instance = Instance(pool, quotas, k)
    return instance, sha256(canonical(inputs_document(instance)))
