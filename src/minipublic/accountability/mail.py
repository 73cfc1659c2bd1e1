"""E-mails about the responses: to the participants (each response and progress update,
unless they opted out) and to the oversight group (an overdue answer).

A participants' e-mail goes to many people, so the action that publishes the response
or update only records a ``Mailing`` and queues it for the background worker
(``minipublic worker``, django-tasks); the worker claims the mailing before sending, so
it is never sent twice. Each participant gets their own message (nobody sees the
others' addresses) with a link that stops the e-mails without signing in: a signed
token naming the process and the person, which only this site can make.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage, get_connection, send_mass_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from minipublic import clock
from minipublic.accountability.models import (
    Mailing,
    OverdueNotice,
    ProgressUpdate,
    Response,
    UpdateOptOut,
)
from minipublic.accounts.models import User
from minipublic.integrity.record import append
from minipublic.lifecycle import Role
from minipublic.processes.models import Membership, Process

logger = logging.getLogger(__name__)
_STOP_SALT = "minipublic.accountability.stop-updates"


def stop_token(process: Process, user: User) -> str:
    """The token in a participant's "stop these e-mails" link (signed, never expires)."""
    return signing.dumps([process.pk, user.pk], salt=_STOP_SALT)


def read_stop_token(token: str) -> tuple[int, int] | None:
    """The (process id, user id) a stop link names, or None if it was not made here."""
    try:
        process_pk, user_pk = signing.loads(token, salt=_STOP_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(process_pk, int) or not isinstance(user_pk, int):
        return None
    return process_pk, user_pk


def opted_out(process: Process, user: User) -> bool:
    """Whether ``user`` asked not to receive ``process``'s updates by e-mail."""
    return UpdateOptOut.objects.filter(process=process, user=user).exists()


def recipients(process: Process) -> list[User]:
    """The participants who get the updates: active, with an address, not opted out."""
    stopped = UpdateOptOut.objects.filter(process=process).values_list("user_id", flat=True)
    members = Membership.objects.filter(process=process, role=Role.PARTICIPANT.value).values_list(
        "user_id", flat=True
    )
    return list(
        User.objects.filter(pk__in=members, is_active=True)
        .exclude(email="")
        .exclude(pk__in=stopped)
        .order_by("pk")
    )


def queue_mailing(
    process: Process, *, response: Response | None = None, progress: ProgressUpdate | None = None
) -> Mailing:
    """Record the e-mail about ``response`` or ``progress`` and queue it for the worker
    (in the caller's transaction: if the action fails, nothing is queued)."""
    mailing = Mailing.objects.create(
        process=process, response=response, progress=progress, created_at=clock.now()
    )
    send_mailing.enqueue(mailing.pk)
    return mailing


@task()
def send_mailing(mailing_pk: int) -> str:
    """Send the participants' e-mail ``mailing_pk`` (the worker calls this): "sent", or
    "skipped" if it was claimed before (it is never sent twice)."""
    claimed = Mailing.objects.filter(pk=mailing_pk, claimed_at__isnull=True).update(
        claimed_at=clock.now()
    )
    if not claimed:
        return "skipped"
    mailing = Mailing.objects.select_related("process", "response", "progress").get(pk=mailing_pk)
    people = recipients(mailing.process)
    messages = [_message(mailing, user) for user in people]
    if messages:
        with get_connection() as connection:
            connection.send_messages(messages)
    mailing.sent_at = clock.now()
    mailing.recipients = len(messages)
    mailing.save(update_fields=["sent_at", "recipients"])
    append(mailing.process, "system", "updates.sent", _ledger_payload(mailing))
    return "sent"


#: How long a participants' e-mail may wait for the worker before the hourly
#: ``check-deadlines`` sends it itself.
STALE_AFTER = timedelta(minutes=30)


def send_stale_mailings() -> int:
    """Send the participants' e-mails still unclaimed after ``STALE_AFTER`` (no worker
    running?); how many were sent. Claiming keeps each from going out twice."""
    cutoff = clock.now() - STALE_AFTER
    waiting = Mailing.objects.filter(claimed_at__isnull=True, created_at__lt=cutoff)
    return sum(1 for pk in waiting.values_list("pk", flat=True) if send_mailing.call(pk) == "sent")


def _ledger_payload(mailing: Mailing) -> dict[str, object]:
    if mailing.response is not None:
        about: dict[str, object] = {
            "about": "response",
            "recommendation": mailing.response.recommendation.number,
            "revision": mailing.response.revision,
        }
    else:
        progress = _item(mailing)
        about = {
            "about": "progress",
            "recommendation": progress.recommendation.number,
            "update": getattr(progress, "number", None),
        }
    return {**about, "recipients": mailing.recipients}


def _item(mailing: Mailing) -> Response | ProgressUpdate:
    item = mailing.response or mailing.progress
    if item is None:
        raise ValueError(f"mailing {mailing.pk} is about nothing")
    return item


def _message(mailing: Mailing, user: User) -> EmailMessage:
    process = mailing.process
    kind = "response" if mailing.response is not None else "progress"
    item = _item(mailing)
    stop = settings.SITE_URL + reverse(
        "accountability:stop_updates", args=[process.slug, stop_token(process, user)]
    )
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "process": process,
            "item": item,
            "recommendation": item.recommendation,
            "link": settings.SITE_URL
            + reverse("accountability:responses", args=[process.slug])
            + f"#recommendation-{item.recommendation.number}",
            "stop": stop,
        }
        subject = " ".join(
            render_to_string(f"accountability/email/{kind}_subject.txt", context).split()
        )
        body = render_to_string(f"accountability/email/{kind}_body.txt", context)
    return EmailMessage(
        subject,
        body,
        settings.DEFAULT_FROM_EMAIL,
        [user.email],
        headers={"List-Unsubscribe": f"<{stop}>"},
    )


def oversight_addresses(process: Process) -> list[str]:
    """The e-mail addresses of the process's oversight members."""
    addresses = (
        Membership.objects.filter(process=process, role=Role.OVERSIGHT.value)
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )
    return sorted(set(addresses))


def notify_overdue(notice: OverdueNotice) -> int:
    """E-mail the oversight group that ``notice``'s answer is overdue, once the
    transaction commits; returns how many messages."""
    process = notice.process
    addresses = oversight_addresses(process)
    if not addresses:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "process": process,
            "notice": notice,
            "recommendation": notice.recommendation,
            "link": settings.SITE_URL + reverse("accountability:responses", args=[process.slug]),
        }
        subject = " ".join(
            render_to_string("accountability/email/overdue_subject.txt", context).split()
        )
        body = str(render_to_string("accountability/email/overdue_body.txt", context))
    messages = [(subject, body, settings.DEFAULT_FROM_EMAIL, [address]) for address in addresses]
    transaction.on_commit(lambda: _deliver(messages, process.slug))
    return len(messages)


def _deliver(messages: list[tuple[str, str, str, list[str]]], slug: str) -> None:
    # The notice is recorded whatever happens to the mail: a failure is logged for the
    # operator instead of failing the command or the page that noticed it.
    try:
        send_mass_mail(messages, fail_silently=False)
    except Exception:
        logger.exception("could not e-mail the oversight group of %s about an overdue answer", slug)
