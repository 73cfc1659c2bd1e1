"""The sources the catalogue cites, keyed as in the research notes on standards.

Every criterion and every template default names one of these keys; a test checks that
each key is defined here and that each definition matches the notes' own source list.
Requirements elsewhere in the package are written in our own words; only the citation
(title, part and verification status) points back to the source.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from minipublic.standards.errors import StandardsError


@dataclass(frozen=True)
class Source:
    """One publication or document, with its short form for inline citations."""

    key: str
    short: str
    reference: str


@dataclass(frozen=True)
class Citation:
    """Where exactly in a source a requirement or a default comes from.

    ``detail`` names the part (principle, chapter, article, page) and, where the notes
    could not verify the wording, says so.
    """

    key: str
    detail: str

    @property
    def text(self) -> str:
        """The citation as one line, e.g. "OECD (2020) Good Practice Principles, principle 8"."""
        return f"{source(self.key).short}, {self.detail}"


_LIST = (
    Source(
        "OECD-2020",
        "OECD (2020) Catching the Deliberative Wave",
        "OECD (2020), Innovative Citizen Participation and New Democratic Institutions: "
        "Catching the Deliberative Wave, OECD Publishing, Paris, doi:10.1787/339306da-en",
    ),
    Source(
        "OECD-GPP",
        "OECD (2020) Good Practice Principles",
        "OECD (2020), Good Practice Principles for Deliberative Processes for Public "
        "Decision Making (chapter 5 of OECD 2020; Annex A of OECD 2021)",
    ),
    Source(
        "OECD-2021",
        "OECD (2021) Evaluation Guidelines",
        "OECD (2021), Evaluation Guidelines for Representative Deliberative Processes, "
        "OECD Publishing, Paris, doi:10.1787/10ccbfcb-en",
    ),
    Source(
        "OECD-DB",
        "OECD Deliberative Democracy Database",
        "OECD Deliberative Democracy Database (2019, updated 2021/2023), inclusion criteria",
    ),
    Source(
        "DemNext",
        "DemocracyNext, Assembling an Assembly Guide",
        "DemocracyNext, Assembling an Assembly Guide (online, c. 2023), assemblyguide.demnext.org",
    ),
    Source(
        "Involve-PDP",
        "Involve, Standards for participatory and deliberative processes",
        "Involve (UK), Standards for participatory and deliberative processes (knowledge base)",
    ),
    Source(
        "Involve-CA",
        "Involve, Draft standards for citizens' assemblies",
        "Involve (UK), Draft standards for citizens' assemblies (10 criteria, essential and "
        "desirable)",
    ),
    Source(
        "Involve-Hughes",
        "Hughes (2019), Involve",
        "T. Hughes, When is a citizens' assembly not a citizens' assembly? Towards some "
        "standards, Involve, 20 Nov 2019",
    ),
    Source(
        "nDF",
        "newDemocracy Foundation, principles",
        "newDemocracy Foundation, newDemocracy applies 5 clear principles; What is a "
        "Citizens' Jury?",
    ),
    Source(
        "UNDEF-nDF",
        "newDemocracy Foundation & UNDEF (2019)",
        "newDemocracy Foundation & UN Democracy Fund (2019), Enabling National Initiatives "
        "to Take Democracy Beyond Elections",
    ),
    Source(
        "Gerwin",
        "Gerwin, Standards for organising citizens' assemblies",
        "M. Gerwin, Standards for organising citizens' assemblies, citizensassemblies.org",
    ),
    Source(
        "Ostbelgien",
        "Ostbelgien decree of 25 February 2019",
        "Dekret vom 25. Februar 2019 zur Einführung eines permanenten Bürgerdialogs in der "
        "Deutschsprachigen Gemeinschaft (Moniteur belge 12.04.2019), with buergerdialog.be",
    ),
    Source(
        "Parry-2024",
        "Parry (2024) Holding this space",
        "L.J. Parry, Holding this space: navigating ethical issues in citizen deliberation, "
        "Acta Politica (2024), doi:10.1057/s41269-023-00329-z",
    ),
    Source(
        "Roberts-2022",
        "Roberts et al. (2022) Expert witnesses in mini-publics",
        "J.J. Roberts et al. (2022), Inclusion and diversity among expert witnesses in "
        "deliberative mini-publics",
    ),
    Source(
        "Flanigan-2021",
        "Flanigan et al. (2021) Fair algorithms",
        "B. Flanigan et al. (2021), Fair algorithms for selecting citizens' assemblies, "
        "Nature 596: 548-552",
    ),
    Source(
        "Models",
        "Model sources (planungszelle.de, Healthy Democracy, Grundahl, g1000.org, buergerrat.net)",
        "Each model's own sources as listed under 'Models' in the research notes: planning "
        "cell (planungszelle.de), Citizens' Initiative Review (healthydemocracy.org, "
        "wacir.org), consensus conference (Grundahl 1995), Deliberative Poll (Stanford "
        "process), G1000 (g1000.org), Buergerrat Vorarlberg (buergerrat.net)",
    ),
    Source(
        "Other",
        "Scottish and Irish assembly reports",
        "Scotland's Climate Assembly research report and Citizens' Assembly of Scotland "
        "(gov.scot); Irish Citizens' Assembly 2016-18 terms",
    ),
)

SOURCES: Mapping[str, Source] = MappingProxyType({item.key: item for item in _LIST})


def source(key: str) -> Source:
    """The source with this key; raises StandardsError("unknown_source") otherwise."""
    try:
        return SOURCES[key]
    except KeyError:
        raise StandardsError("unknown_source", "No source has the key {key!r}.", key=key) from None
