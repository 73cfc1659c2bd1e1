"""Public registration into a process's pool, duplicate and household detection, counts.

Registration needs no account. No ledger entry is written per registrant: the selection's
commitment covers the whole pool. The public never learns whether someone else registered.
"""

from __future__ import annotations

import csv
import hashlib
import io
import random
import re
import secrets
from collections import Counter
from collections.abc import Callable, Iterable, Mapping

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.utils import translation

from minipublic import clock
from minipublic.integrity.uploads import spreadsheet_safe
from minipublic.lifecycle import Action, LifecycleError, Phase
from minipublic.processes.access import Actor, performs
from minipublic.processes.actions import _actor_role, _person
from minipublic.processes.models import Process
from minipublic.recruitment.invitations import normalise_code
from minipublic.recruitment.models import (
    Feature,
    Invitation,
    PersonalDataExport,
    Registrant,
    RegistrationSettings,
)

PSEUDONYM_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
ACCESS_NEEDS = ("childcare", "travel", "language", "disability")
_LIMITS = {"first_name": 100, "last_name": 100, "phone": 40, "postcode": 20, "address": 500}
_PUNCTUATION = re.compile(r"[\W_]+")


def household_of(address: str, postcode: str) -> str:
    """SHA-256 of the normalised address and postcode; empty when there is no address."""
    if not address.strip():
        return ""
    text = _PUNCTUATION.sub(" ", f"{address} {postcode}".casefold()).strip()
    return hashlib.sha256(text.encode()).hexdigest()


def new_pseudonym(process: Process, rng: random.Random | None = None) -> str:
    """A random pseudonym (``R-`` + 6 unambiguous characters) not yet used in ``process``.

    The characters come from ``secrets``; only the demo passes a seeded ``rng``, so that
    its pool, and so its panel, are the same on every load.
    """
    while True:
        candidate = pseudonym_candidate(rng)
        if not process.registrants.filter(pseudonym=candidate).exists():
            return candidate


def pseudonym_candidate(rng: random.Random | None = None) -> str:
    """``R-`` and 6 random unambiguous characters (from ``secrets`` unless ``rng`` is given)."""
    choice: Callable[[str], str] = secrets.choice if rng is None else rng.choice
    return "R-" + "".join(choice(PSEUDONYM_ALPHABET) for _ in range(6))


def registration_state(process: Process) -> str:
    """ "open", "closed" (it was open once, or its closing date passed) or "none"."""
    found = RegistrationSettings.objects.filter(process=process).first()
    if found is None:
        return "none"
    past = found.closes_on is not None and clock.now().date() > found.closes_on
    if found.open and process.phase == Phase.RECRUITMENT and not past:
        return "open"
    if found.open or process.registrants.filter(source="form").exists() or past:
        return "closed"
    return "none"


def check_answers(
    features: Iterable[Feature], answers: Mapping[str, str], where: str = ""
) -> dict[str, str]:
    """The answers to every feature, each one of its values, or a LifecycleError."""
    clean: dict[str, str] = {}
    for feature in features:
        allowed = [value.value for value in feature.values.all()]
        given = (answers.get(feature.name) or "").strip()
        if given not in allowed:
            raise LifecycleError(
                "registration_answer",
                "{where}{feature}: choose one of {allowed}.",
                where=where,
                feature=feature.name,
                allowed=", ".join(allowed),
            )
        clean[feature.name] = given
    return clean


def check_contact(fields: Mapping[str, str], where: str = "") -> None:
    """Refuse over-long contact fields, a missing name or a malformed e-mail address."""
    for field, limit in _LIMITS.items():
        if len(fields.get(field, "")) > limit:
            raise LifecycleError(
                "registration_too_long",
                "{where}{field}: at most {limit} characters.",
                where=where,
                field=field,
                limit=limit,
            )
    for field in ("first_name", "last_name"):
        if not fields.get(field, "").strip():
            raise LifecycleError(
                "registration_missing", "{where}{field} is empty.", where=where, field=field
            )
    email = fields.get("email", "").strip()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise LifecycleError(
                "registration_email",
                "{where}{email} is not an e-mail address.",
                where=where,
                email=email,
            ) from None


def contact_keys(
    first_name: str, last_name: str, email: str, postcode: str
) -> tuple[str | None, tuple[str, str, str] | None]:
    """The keys two registrations of one person share: the e-mail address, and the name
    with the postcode (None when blank), each trimmed and compared without letter case.

    The one rule of duplicates: ``find_duplicate`` and the pool import both use it.
    """
    email_key = email.strip().casefold() or None
    postcode_key = postcode.strip().casefold()
    name_key = (
        (first_name.strip().casefold(), last_name.strip().casefold(), postcode_key)
        if postcode_key
        else None
    )
    return email_key, name_key


def find_duplicate(
    process: Process, *, first_name: str, last_name: str, email: str, postcode: str
) -> Registrant | None:
    """The earliest registrant (not itself a duplicate) with the same e-mail, else the
    earliest with the same name and postcode (``contact_keys``)."""
    email_key, name_key = contact_keys(first_name, last_name, email, postcode)
    if email_key is None and name_key is None:
        return None
    # The final comparison is here, not in SQL: the database's case-insensitive match
    # differs between SQLite (ASCII letters only) and PostgreSQL, and must equal the pool
    # import's. SQL only narrows the rows to those sharing the e-mail or the postcode
    # (ASCII in practice), so a registration never reads the whole pool.
    candidates = Q()
    if email_key is not None:
        candidates |= Q(email__iexact=email.strip())
    if name_key is not None:
        candidates |= Q(postcode__iexact=postcode.strip())
    earlier = (
        process.registrants.filter(duplicate_of__isnull=True)
        .filter(candidates)
        .only("pk", "first_name", "last_name", "email", "postcode")
    )
    by_name: Registrant | None = None
    for row in earlier.order_by("pk").iterator():
        row_email, row_name = contact_keys(row.first_name, row.last_name, row.email, row.postcode)
        if email_key is not None and row_email == email_key:
            return row
        if by_name is None and name_key is not None and row_name == name_key:
            by_name = row
    return by_name


def _invitation(process: Process, code: str) -> Invitation:
    found = Invitation.objects.filter(code=normalise_code(code), draw__process=process).first()
    if found is None or found.registrants.exists():
        # The same words for unknown and used codes: do not confirm that a code exists.
        raise LifecycleError(
            "registration_code", "This registration code is not valid, or it has been used."
        )
    return found


@performs(Action.REGISTER)
def do_register(
    actor: Actor,
    process: Process,
    *,
    code: str,
    first_name: str,
    last_name: str,
    email: str,
    phone: str,
    address: str,
    postcode: str,
    answers: dict[str, str],
    access_needs: list[str],
    access_details: str,
    consent: bool,
    rng: random.Random | None = None,
) -> Registrant:
    """Register a member of the public (no account) into ``process``'s pool.

    Checks that registration is open, the code (when required), every answer and the
    consent; flags duplicates (same e-mail, or same name and postcode) without telling
    the public; sends a confirmation e-mail once the transaction commits. ``rng`` seeds
    the pseudonym (the demo only; see ``new_pseudonym``).
    """
    with transaction.atomic():
        process = Process.objects.select_for_update().get(pk=process.pk)
        if registration_state(process) != "open":
            raise LifecycleError("registration_closed", "Registration is closed.")
        options = RegistrationSettings.objects.get(process=process)
        fields = {
            "first_name": first_name.strip(),
            "last_name": last_name.strip(),
            "email": email.strip(),
            "phone": phone.strip(),
            "address": address.strip(),
            "postcode": postcode.strip(),
        }
        check_contact(fields)
        if not fields["email"] and not fields["phone"] and not fields["address"]:
            raise LifecycleError(
                "registration_no_contact", "Give an e-mail address, a phone number or an address."
            )
        invitation = _invitation(process, code) if options.code_required else None
        clean = check_answers(process.features.prefetch_related("values"), answers)
        unknown = sorted(set(access_needs) - set(ACCESS_NEEDS))
        if unknown:
            raise LifecycleError(
                "registration_access_need", "Unknown access need {need}.", need=unknown[0]
            )
        if not consent:
            raise LifecycleError(
                "registration_consent", "Registration needs your consent to the privacy notice."
            )
        registrant = Registrant.objects.create(
            process=process,
            pseudonym=new_pseudonym(process, rng),
            invitation=invitation,
            source="form",
            access_needs=[need for need in ACCESS_NEEDS if need in access_needs],
            access_details=access_details.strip()[:2000],
            answers=clean,
            household=household_of(fields["address"], fields["postcode"]),
            consent_at=clock.now(),
            privacy_version=options.privacy_version,
            registered_on=clock.now().date(),
            duplicate_of=find_duplicate(
                process, **{k: fields[k] for k in ("first_name", "last_name", "email", "postcode")}
            ),
            **fields,
        )
        if registrant.email:
            transaction.on_commit(lambda: _confirm(process, registrant))
    return registrant


def _confirm(process: Process, registrant: Registrant) -> None:
    context = {
        "process": process,
        "first_name": registrant.first_name,
        "site_url": settings.SITE_URL,
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("recruitment/email/registered_subject.txt", context).strip()
        body = render_to_string("recruitment/email/registered.txt", context)
    send_mail(subject, body, None, [registrant.email])


def pool_counts(process: Process, *, suppress_below: int = 5) -> dict[str, dict[str, int | None]]:
    """Registrants (not duplicates) per feature value; cells under ``suppress_below`` → None.

    Pass ``suppress_below=0`` for the unsuppressed counts (personal-data roles only).
    """
    given: Counter[tuple[str, str]] = Counter()
    for answers in process.registrants.filter(duplicate_of__isnull=True).values_list(
        "answers", flat=True
    ):
        given.update(answers.items())
    counts: dict[str, dict[str, int | None]] = {}
    for feature in process.features.prefetch_related("values"):
        row: dict[str, int | None] = {}
        for value in feature.values.all():
            n = given[(feature.name, value.value)]
            row[value.value] = None if 0 < n < suppress_below else n
        counts[feature.name] = row
    return counts


EXPORT_COLUMNS = (
    "pseudonym",
    "status",
    "source",
    "first_name",
    "last_name",
    "email",
    "phone",
    "address",
    "postcode",
    "access_needs",
    "access_details",
    "registered_on",
    "duplicate_of",
    "shared_household",
    "personal_data_erased_on",
)


@performs(Action.VIEW_REGISTRANTS)
def do_export_registrants(actor: Actor, process: Process) -> bytes:
    """The registrants as CSV (personal data); logged as a ``PersonalDataExport``."""
    rows = list(process.registrants.select_related("duplicate_of").order_by("pk"))
    shared = shared_households(process)
    features = list(process.features.values_list("name", flat=True))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([*EXPORT_COLUMNS, *features])
    for r in rows:
        cells = [
            r.pseudonym,
            r.status,
            r.source,
            r.first_name,
            r.last_name,
            r.email,
            r.phone,
            r.address,
            r.postcode,
            " ".join(r.access_needs),
            r.access_details,
            r.registered_on.isoformat(),
            r.duplicate_of.pseudonym if r.duplicate_of else "",
            "yes" if r.household in shared else "",
            r.personal_data_erased_on.isoformat() if r.personal_data_erased_on else "",
            *(r.answers.get(name, "") for name in features),
        ]
        writer.writerow([spreadsheet_safe(cell) for cell in cells])
    user = _person(actor)
    PersonalDataExport.objects.create(
        process=process,
        exported_by=user,
        exported_by_role=_actor_role(actor, process, Action.VIEW_REGISTRANTS),
        what="registrants (CSV)",
        rows=len(rows),
        exported_at=clock.now(),
    )
    return ("\ufeff" + out.getvalue()).encode()


def shared_households(process: Process) -> set[str]:
    """Household hashes that more than one registrant of ``process`` shares."""
    return set(
        process.registrants.exclude(household="")
        .values("household")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .values_list("household", flat=True)
    )
