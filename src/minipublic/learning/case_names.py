"""The names a process knows it holds, with the role label each is replaced by.

Members by their role ("[the lead practitioner]", "[a participant]"), the commissioning
body ("[the commissioner]"), funders, witnesses and their organisations, and the places
(the town from the record's location or the council's name). The anonymiser's patterns
find the rest; the practitioner reviews all of it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from minipublic.anonymise import Kind, KnownName, KnownNames
from minipublic.evidence.models import Witness
from minipublic.lifecycle import Role
from minipublic.processes.funding_models import FundingSource
from minipublic.processes.models import Membership, Process

ROLE_LABELS: dict[Role, str] = {
    Role.LEAD_PRACTITIONER: "[the lead practitioner]",
    Role.FACILITATOR: "[a facilitator]",
    Role.RECRUITER: "[the recruiter]",
    Role.OVERSIGHT: "[an oversight member]",
    Role.COMMISSIONER: "[the commissioner's officer]",
    Role.EXPERT: "[an expert]",
    Role.OBSERVER: "[an observer]",
    Role.PARTICIPANT: "[a participant]",
}
#: Which role's label wins for a person holding several (the most specific first).
ROLE_ORDER = (
    Role.LEAD_PRACTITIONER,
    Role.COMMISSIONER,
    Role.OVERSIGHT,
    Role.FACILITATOR,
    Role.RECRUITER,
    Role.EXPERT,
    Role.OBSERVER,
    Role.PARTICIPANT,
)
_NEWS = re.compile(r"\b(?:Gazette|Times|News|Herald|Echo|Chronicle|Post|Press|Radio|TV)\b")
_COUNCIL = re.compile(
    r"^(?P<town>[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*?)\s+"
    r"(?:(?:City|Borough|County|District|Town|Parish|Metropolitan)\s+)?Council\b"
)
_PARENTHESIS = re.compile(r"\s*\(([^)]*)\)")
#: User names that are words of the text, not names ("participant3"): never proposed.
_GENERIC_USERNAMES = {role.value for role in Role} | {
    "practitioner",
    "researcher",
    "staff",
    "outsider",
    "admin",
    "anonymous",
}


def split_display_name(display: str) -> tuple[str, str]:
    """ "Jo Baptiste (Riverford Gazette)" -> ("Jo Baptiste", "Riverford Gazette")."""
    match = _PARENTHESIS.search(display)
    if match is None:
        return display.strip(), ""
    return _PARENTHESIS.sub("", display).strip(), match.group(1).strip()


def organisation_of(role_organisation: str) -> str:
    """The organisation in a witness's "Role, Organisation (note)" line."""
    text = _PARENTHESIS.sub("", role_organisation).strip()
    return text.rsplit(",", 1)[-1].strip() if "," in text else text


def town_of(body: str) -> str:
    """The town in a council's name ("Riverford City Council" -> "Riverford"), else ""."""
    match = _COUNCIL.match(body.strip())
    return match.group("town") if match else ""


def _organisation_label(role: Role, organisation: str) -> str:
    if role is Role.COMMISSIONER:
        return "[the commissioner]"
    if _NEWS.search(organisation):
        return "[a newspaper]"
    return "[an organisation]"


def _add_members(process: Process, add: Callable[[str, Kind, str], None]) -> None:
    """Each member once, under the label of their most specific role."""
    held: dict[int, tuple[str, str, set[Role]]] = {}
    for membership in Membership.objects.filter(process=process).select_related("user"):
        user = membership.user
        entry = held.setdefault(user.pk, (user.display_name, user.username, set()))
        entry[2].add(Role(membership.role))
    for display, username, roles in held.values():
        role = next(r for r in ROLE_ORDER if r in roles)
        person, organisation = split_display_name(display)
        if not person and username.rstrip("0123456789") not in _GENERIC_USERNAMES:
            person = username
        add(person, Kind.PERSON, ROLE_LABELS[role])
        if organisation:
            add(organisation, Kind.ORGANISATION, _organisation_label(role, organisation))


def known_names_for_process(process: Process, place: str = "", region: str = "") -> KnownNames:
    """Every name ``process`` holds with its role label (first label wins for a name).

    ``place`` and ``region`` are the record's location, replaced by "[the town]" and
    "[the region]" (the commissioning council's town is used when ``place`` is empty).
    """
    names: dict[str, KnownName] = {}

    def add(text: str, kind: Kind, label: str) -> None:
        text = " ".join(text.split())
        if len(text) >= 2 and text.lower() not in names:
            names[text.lower()] = KnownName(text, kind, label)

    body = process.commissioning_body
    add(body, Kind.ORGANISATION, "[the commissioner]")
    add(body.split(",")[0], Kind.ORGANISATION, "[the commissioner]")
    for part in body.split(",")[1:]:
        add(part, Kind.ORGANISATION, "[a department of the commissioner]")
    town = place or town_of(body)
    add(town, Kind.PLACE, "[the town]")
    add(region, Kind.PLACE, "[the region]")

    _add_members(process, add)
    for source in FundingSource.objects.filter(process=process):
        add(source.funder, Kind.ORGANISATION, "[a funder]")
        add(source.funder.split(",")[0], Kind.ORGANISATION, "[a funder]")

    for witness in Witness.objects.filter(process=process):
        add(witness.name, Kind.PERSON, "[a witness]")
        for organisation in (organisation_of(witness.role_organisation), witness.proposer_name):
            add(organisation, Kind.ORGANISATION, "[a witness's organisation]")
            other_town = town_of(organisation)
            if other_town and other_town.lower() != town.lower():
                add(other_town, Kind.PLACE, "[another town]")
    return KnownNames(tuple(names.values()))
