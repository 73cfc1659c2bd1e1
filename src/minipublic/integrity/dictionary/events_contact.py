"""Events of participant protection: contact requests, direct approaches to participants,
and the erasure of a participant's data when they withdraw their consent."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from minipublic.integrity.dictionary.types import EventType as E

_LINK = "portal:process"
_REQUEST = _("The contact request's number in this process.")
_KIND = _("Who asked, as a kind: media, stakeholder, researcher or other (never a name).")

EVENTS: tuple[E, ...] = (
    E(
        "contact.requested",
        _("Someone asked to reach the participants"),
        _(
            "A journalist, stakeholder or researcher asks, through the contact form, to be "
            "put in touch with participants. Who they are stays with the lead practitioner."
        ),
        ("request", "kind"),
        meanings={"request": _REQUEST, "kind": _KIND},
        link=_LINK,
    ),
    E(
        "contact.forwarded",
        _("A contact request was passed on to the participants"),
        _("The lead practitioner passes a request on; participants choose whether to answer."),
        ("request", "kind", "participants"),
        meanings={
            "request": _REQUEST,
            "kind": _KIND,
            "participants": _("How many participants it was passed on to."),
        },
        link=_LINK,
    ),
    E(
        "contact.declined",
        _("A contact request was declined"),
        _("The lead practitioner declines a request, with a reason."),
        ("request", "kind"),
        ("reason",),
        meanings={"request": _REQUEST, "kind": _KIND},
        link=_LINK,
    ),
    E(
        "contact.outcome_recorded",
        _("What came of a contact request"),
        _("The lead practitioner records the outcome, e.g. how many participants agreed to talk."),
        ("request", "kind", "outcome"),
        meanings={
            "request": _REQUEST,
            "kind": _KIND,
            "outcome": _("The outcome, in words that name nobody."),
        },
        link=_LINK,
    ),
    E(
        "contact.direct_approach",
        _("Someone tried to reach a participant directly"),
        _(
            "A participant or the lead practitioner reports a direct approach (at the venue, "
            "by e-mail...); it is also an entry of the register of steering attempts."
        ),
        ("incident", "source", "request"),
        meanings={
            "incident": _("The register entry it made (its incident.reported entry)."),
            "source": _("Who approached, as a kind: media, stakeholder, researcher or other."),
            "request": _("The contact request it concerns (null if none)."),
        },
        link=_LINK,
    ),
    E(
        "participant.data_erased",
        _("A participant withdrew consent and their personal data was erased"),
        _(
            "A participant withdraws all consent: their name, contact details, support needs "
            "and payment details are erased. The entry does not say who."
        ),
        ("registrations", "support_plans", "support_items"),
        meanings={
            "registrations": _("Registrations erased (0 or 1)."),
            "support_plans": _("Support plans whose needs and payment details were erased."),
            "support_items": _("Support items whose details, receipts and references were erased."),
        },
        link=_LINK,
    ),
)
