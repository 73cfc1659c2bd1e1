"""The default terms of engagement: one charter per role, in our own words, with sources.

Every new process starts with these as version 1 of each role's charter; the lead
practitioner may then write a new version for the process, and the participants may
replace theirs with a code of conduct they adopt by vote. Each member accepts the
current version of the charter of every role they hold before acting in the process.
The charters turn the red lines of the commission appraisal into commitments each side
has signed up to, so that later steering is a breach of accepted terms, not a surprise.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from minipublic.lifecycle import Role
from minipublic.standards.sources import Citation

# Bumped whenever a default text below changes, so processes can tell which edition
# their version 1 came from.
DEFAULTS_EDITION = "2026-11"


@dataclass(frozen=True)
class DefaultCharter:
    """The default charter of one role: a title, numbered commitments and their sources."""

    role: Role
    title: str
    commitments: tuple[str, ...]
    citations: tuple[Citation, ...]

    @property
    def body(self) -> str:
        """The commitments as the numbered text members read and accept."""
        lines = [f"{number}. {text}" for number, text in enumerate(self.commitments, 1)]
        sources = "; ".join(citation.text for citation in self.citations)
        return "\n".join(lines) + f"\n\nSources: {sources}."


_GPP_INTEGRITY = Citation("OECD-GPP", "principle 9 (integrity)")
_GPP_TRANSPARENCY = Citation("OECD-GPP", "principle 3 (transparency)")
_GPP_PRIVACY = Citation("OECD-GPP", "principle 10 (privacy)")
_GPP_IMPACT = Citation("OECD-GPP", "principle 2 (influence)")
_GPP_DELIBERATION = Citation("OECD-GPP", "principle 7 (group deliberation)")
_GPP_INFORMATION = Citation("OECD-GPP", "principle 6 (information)")
_INVOLVE_INDEPENDENT = Citation("Involve-CA", "criterion 5 (independent)")
_INVOLVE_OPEN = Citation("Involve-CA", "criterion 6 (open)")
_INVOLVE_COLLECTIVE = Citation("Involve-CA", "criterion 9 (collective decision-making)")

_CHARTERS = (
    DefaultCharter(
        Role.COMMISSIONER,
        "Commissioner's charter",
        (
            "I respect the arm's-length team's final say on the design, the selection, "
            "the witnesses and the materials; I give my views through the agreed channels "
            "and they are recorded.",
            "I do not edit, approve or delay the participants' report; it is theirs.",
            "I do not make payment, access or publication depend on what the participants "
            "recommend, and I ask for no confidentiality beyond the participants' privacy.",
            "I do not contact participants about the process outside sessions, and I do not "
            "try to learn who they are beyond what is published.",
            "I publish a response to every recommendation, with reasons, by the agreed "
            "deadline, and report on what happened to them afterwards.",
        ),
        (_GPP_INTEGRITY, _GPP_IMPACT, _GPP_TRANSPARENCY, _INVOLVE_INDEPENDENT),
    ),
    DefaultCharter(
        Role.LEAD_PRACTITIONER,
        "Lead practitioner's charter",
        (
            "I run the process at arm's length from the commissioner and record every "
            "attempt to steer it in the register, including my own mistakes.",
            "I hold the red lines agreed in the commission appraisal; if one is crossed I "
            "escalate to the oversight group and, if need be, withdraw.",
            "I publish the design, the selection method, the evidence and every change to "
            "them, with reasons.",
            "I protect the participants' personal data and their freedom to speak, and I "
            "see that they control the wording of their report.",
        ),
        (_GPP_INTEGRITY, _GPP_TRANSPARENCY, _INVOLVE_INDEPENDENT),
    ),
    DefaultCharter(
        Role.FACILITATOR,
        "Facilitator's charter",
        (
            "I stay neutral on the question: I do not argue for any outcome, in or out of "
            "the room.",
            "I see that every participant has the chance to speak and that nobody dominates.",
            "I park concerns I cannot deal with at once and make sure they come back.",
            "I report any pressure on me or on the participants to the register.",
        ),
        (_GPP_DELIBERATION, _GPP_INTEGRITY),
    ),
    DefaultCharter(
        Role.RECRUITER,
        "Recruiter's charter",
        (
            "I run recruitment and selection exactly as published, through the platform, "
            "and never hand-pick or drop a person.",
            "I use registrants' personal data only to contact them about this process and "
            "never share it, least of all with the commissioner.",
            "I treat every registrant the same, whatever their views.",
        ),
        (Citation("OECD-GPP", "principle 4 (representativeness)"), _GPP_PRIVACY),
    ),
    DefaultCharter(
        Role.EXPERT,
        "Expert's and witness's charter",
        (
            "I declare my interests before I speak, and they are published.",
            "I give evidence that is accurate and as balanced as I can make it, say where "
            "experts disagree, and answer the participants' questions.",
            "I do not lobby participants outside the sessions.",
        ),
        (_GPP_INFORMATION, _GPP_INTEGRITY),
    ),
    DefaultCharter(
        Role.PARTICIPANT,
        "Participants' code of conduct",
        (
            "We listen to each other with respect, including to views we disagree with.",
            "We keep what others say in small groups to ourselves; we may share our own "
            "views and the published material.",
            "We declare interests that touch the question, and tell the team if anyone "
            "tries to influence us outside the sessions.",
            "We decide the wording of our recommendations together; you may replace this "
            "code with one you write and adopt by your own vote.",
        ),
        (_GPP_DELIBERATION, _GPP_PRIVACY, _INVOLVE_COLLECTIVE),
    ),
    DefaultCharter(
        Role.OVERSIGHT,
        "Oversight group's charter",
        (
            "We oversee the process independently of the commissioner and of the team "
            "that runs it, and represent different views on the question.",
            "We sign off, or object with reasons, to the question, the selection, the "
            "witnesses and the materials, in public.",
            "We read the register of steering attempts, decide what is published, and say "
            "publicly if a red line has been crossed.",
        ),
        (_GPP_INTEGRITY, _INVOLVE_INDEPENDENT),
    ),
    DefaultCharter(
        Role.OBSERVER,
        "Observer's charter",
        (
            "I watch without taking part in the deliberation and without approaching participants.",
            "I do not record or report who said what in small groups, or anything that "
            "identifies a participant.",
            "I report any attempt to steer the process that I witness.",
        ),
        (_GPP_PRIVACY, _INVOLVE_OPEN),
    ),
)

DEFAULT_CHARTERS: Mapping[Role, DefaultCharter] = MappingProxyType(
    {charter.role: charter for charter in _CHARTERS}
)


def default_charter(role: Role) -> DefaultCharter:
    """The default charter of ``role`` (every role has one)."""
    return DEFAULT_CHARTERS[role]
