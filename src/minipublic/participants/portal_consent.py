"""A participant's consent: whether their name may be published once the process has
ended, whether the team may keep in touch after it, and withdrawing all consent, which
erases their personal data.

The follow-up choice and the accountability app's e-mails agree: without follow-up
consent the participant is opted out of the responses and progress updates
(``accountability.rating_actions.do_choose_updates``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from minipublic import clock
from minipublic.accountability.rating_actions import do_choose_updates
from minipublic.accounts.models import User
from minipublic.deliberation.roster import attendee_key_of
from minipublic.integrity.record import append
from minipublic.lifecycle import Action, LifecycleError, Phase
from minipublic.participants.privacy_models import ParticipantConsent
from minipublic.participants.support_models import SupportItem, SupportPlan
from minipublic.processes.access import Actor, SystemActor, performs
from minipublic.processes.actions import _actor_role
from minipublic.processes.models import Process
from minipublic.recruitment.models import Registrant, RegistrantStatus

#: What withdrawal erases and what it keeps: the page shows these before confirming.
ERASED = (
    _("your name, e-mail address, phone number and postal address"),
    _("the access needs you gave when you registered"),
    _("your support needs, your bank or payment details, receipts and payment references"),
    _("the e-mail address and name on your account"),
)
KEPT = (
    _(
        "your pseudonym (a code such as R7K2) and your answers to the registration "
        "questions, so that anyone can still check the draw was fair"
    ),
    _(
        "the amounts, dates and status of your stipends and expenses, without any "
        "details, because the accounts must be kept"
    ),
    _("your attendance, under your pseudonym"),
    _("your account's user name, so you can still sign in and see this page"),
)


def _participant(actor: Actor, process: Process) -> tuple[User, str]:
    if isinstance(actor, SystemActor):
        raise LifecycleError("consent_needs_participant", "Only a participant chooses this.")
    key = attendee_key_of(actor, process)  # type: ignore[arg-type]
    if key is None:
        raise LifecycleError(
            "consent_not_in_room", "Your account is not linked to a member of the panel."
        )
    return actor, key  # type: ignore[return-value]


def consent_of(process: Process, key: str | None) -> ParticipantConsent:
    """The stored choices of attendee ``key`` (an unsaved blank row if none: nothing given)."""
    found = ParticipantConsent.objects.filter(process=process, attendee_key=key or "").first()
    return found or ParticipantConsent(process=process, attendee_key=key or "")


@performs(Action.CHOOSE_CONSENT)
def do_choose_consent(
    actor: Actor, process: Process, *, name_public: bool, follow_up: bool
) -> ParticipantConsent:
    """Save the participant ``actor``'s choices; without follow-up consent they are also
    opted out of the responses and progress e-mails (and back in when they give it).
    Not in the ledger: the choices are the person's own business."""
    user, key = _participant(actor, process)
    consent = consent_of(process, key)
    if consent.withdrawn_at is not None:
        raise LifecycleError(
            "consent_withdrawn",
            "You withdrew your consent and your personal data was erased; this cannot change.",
        )
    consent.name_public = name_public
    consent.follow_up = follow_up
    consent.updated_at = clock.now()
    consent.save()
    do_choose_updates(user, process, wanted=follow_up)
    return consent


@dataclass(frozen=True)
class Erased:
    """What a withdrawal erased, as counts."""

    registrants: int
    plans: int
    items: int


def _erase_plan(process: Process, key: str) -> tuple[int, int]:
    plans: QuerySet[SupportPlan] = SupportPlan.objects.filter(process=process, attendee_key=key)
    now = clock.now()
    plan_count = 0
    for plan in plans:
        plan.needs = ""
        plan.payment_details = ""
        plan.updated_at = now
        plan.save(update_fields=["needs", "payment_details", "updated_at"])
        plan_count += 1
    items = SupportItem.objects.filter(plan__in=plans)
    # One UPDATE: encrypted fields take "" as they are (see encryption.py).
    item_count = items.update(
        details="",
        receipt=None,
        receipt_name="",
        receipt_type="",
        payment_reference="",
        updated_at=now,
    )
    return plan_count, item_count


@performs(Action.CHOOSE_CONSENT)
def do_withdraw_consent(actor: Actor, process: Process) -> Erased:
    """Withdraw all consent and erase the participant ``actor``'s personal data: name and
    contact details (their registration), support needs and payment details, and their
    account's name and e-mail. Keeps only what ``KEPT`` says. Irreversible.

    Appends one ``participant.data_erased`` entry without anything that identifies them.
    """
    user, key = _participant(actor, process)
    consent = consent_of(process, key)
    if consent.withdrawn_at is not None:
        raise LifecycleError("consent_withdrawn", "Your consent was withdrawn already.")
    now = clock.now()
    registrants = Registrant.objects.filter(
        process=process, user=user, status=RegistrantStatus.CONFIRMED
    ).update(
        first_name="",
        last_name="",
        email="",
        phone="",
        address="",
        postcode="",
        access_needs=[],
        access_details="",
        personal_data_erased_on=now.astimezone(UTC).date(),
    )
    plans, items = _erase_plan(process, key)
    do_choose_updates(user, process, wanted=False)
    user.email = ""
    user.first_name = ""
    user.last_name = ""
    user.display_name = ""
    user.save(update_fields=["email", "first_name", "last_name", "display_name"])
    consent.name_public = False
    consent.follow_up = False
    consent.updated_at = now
    consent.withdrawn_at = now
    consent.save()
    append(
        process,
        _actor_role(actor, process, Action.CHOOSE_CONSENT),
        "participant.data_erased",
        {"registrations": registrants, "support_plans": plans, "support_items": items},
    )
    return Erased(registrants=registrants, plans=plans, items=items)


def names_are_public(process: Process) -> bool:
    """Whether consenting participants' names may be shown: only once the process ended."""
    return process.current_phase is Phase.CLOSED


def public_names(process: Process) -> list[str]:
    """The names of the participants who consented to publication, once the process has
    ended (an empty list before); full names as registered, in alphabetical order."""
    if not names_are_public(process):
        return []
    keys = set(
        ParticipantConsent.objects.filter(
            process=process, name_public=True, withdrawn_at__isnull=True
        ).values_list("attendee_key", flat=True)
    )
    names: list[str] = []
    panel = Registrant.objects.filter(process=process, status=RegistrantStatus.CONFIRMED)
    for person in panel:
        if f"r:{person.pseudonym}" in keys:
            names.append(f"{person.first_name} {person.last_name}".strip())
    for key in keys:
        if key.startswith("u:"):
            user = User.objects.filter(pk=int(key[2:])).first()
            if user is not None:
                names.append((user.display_name or user.get_full_name()).strip())
    return sorted(name for name in names if name)
