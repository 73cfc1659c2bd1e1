"""E-mails to the oversight group about the register of steering attempts.

One message per oversight member (nobody sees the others' addresses), sent only once
the transaction that changed the register commits. A message names the incident by its
number and kind, never by who reported it or in their words, and holds no date: for an
anonymous report, not even when it was made can be learnt from it.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from minipublic.integrity.models import Incident
from minipublic.lifecycle import Role
from minipublic.processes.models import Membership

logger = logging.getLogger(__name__)


def oversight_addresses(incident: Incident) -> list[str]:
    """The e-mail addresses of the oversight members of the incident's process."""
    addresses = (
        Membership.objects.filter(process_id=incident.process_id, role=Role.OVERSIGHT.value)
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )
    return sorted(set(addresses))


def _send(incident: Incident, template: str) -> int:
    recipients = oversight_addresses(incident)
    if not recipients:
        return 0
    process = incident.process
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "process": process,
            "incident": incident,
            "link": settings.SITE_URL
            + reverse("integrity:incident", args=[process.slug, incident.number]),
        }
        subject = " ".join(
            render_to_string(f"integrity/email/{template}_subject.txt", context).split()
        )
        body = render_to_string(f"integrity/email/{template}_body.txt", context)
    messages = [
        (subject, str(body), settings.DEFAULT_FROM_EMAIL, [address]) for address in recipients
    ]
    where = f"incident {incident.number} of {process.slug}"
    transaction.on_commit(lambda: _deliver(messages, where))
    return len(messages)


def _deliver(messages: list[tuple[str, str, str, list[str]]], where: str) -> None:
    # The change is committed whatever happens to the mail: a failure is logged for the
    # operator instead of turning the page that made the change into an error.
    try:
        send_mass_mail(messages, fail_silently=False)
    except Exception:
        logger.exception("could not e-mail the oversight group about %s", where)


def notify_new_incident(incident: Incident) -> int:
    """Tell the oversight group that ``incident`` entered the register; how many messages.

    Called when an incident gets its number: at once for a named report, at its release
    for an anonymous one.
    """
    return _send(incident, "new_incident")


def notify_red_line(incident: Incident) -> int:
    """Tell the oversight group that a red line was breached, with the decision taken."""
    return _send(incident, "red_line")
