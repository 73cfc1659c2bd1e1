"""The demo's case library (issue 9): the parks jury's code of conduct shared with its
published record, and two more records from fictional processes elsewhere, so that the
library's search and filters have something to show.

Everything here is invented. The two records are written as a practitioner would write
them after the anonymisation review: people and bodies are role labels in brackets.
Loading the demo again deletes what this story made and makes it again.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from minipublic import clock
from minipublic.accounts.models import User
from minipublic.demo.case_story import PARKS_TITLE
from minipublic.integrity.uploads import check_bytes
from minipublic.learning.library_actions import do_add_library_material
from minipublic.learning.library_models import (
    LibraryEntry,
    LibraryMaterial,
    Licence,
    MaterialKind,
    Outcome,
)
from minipublic.lifecycle import ProcessModel

DOCUMENTS = Path(__file__).resolve().parent / "documents"
CODE_OF_CONDUCT = "parks-jury-code-of-conduct.md"
CODE_TITLE = "Code of conduct for a citizens' jury"
AUTHOR_LABEL = "A lead practitioner at an independent facilitation organisation"

GLENMUIR = "demo-glenmuir-jury"
LINDENAU = "demo-lindenau-cell"

# How long before the demo's today each record was published.
_DAYS_AGO = {GLENMUIR: 60, LINDENAU: 150}
CLAUSE = "report-editing-contract-clause.md"

_RECORDS: tuple[dict[str, object], ...] = (
    {
        "public_id": GLENMUIR,
        "title": "A town centre citizens' jury where the facilitators walked away",
        "model": ProcessModel.CITIZENS_JURY,
        "country": "Scotland",
        "region": "Scottish Borders",
        "year": 2024,
        "pressures": [
            "steer.report_content",
            "steer.time",
            "market.deliberation_wash",
            "market.non_disclosure",
        ],
        "outcome": Outcome.WALKED_AWAY,
        "figures": {"members": 18, "days": 4, "recommendations": 11, "register_entries": 6},
        "sections": {
            "summary": (
                "Eighteen residents of a small town were asked what should happen to its "
                "empty high street. Before the report was published, [the commissioner] "
                "rewrote three recommendations; the facilitation team withdrew from the "
                "process rather than put its name to the edited report."
            ),
            "purpose": (
                "The remit was “How can our town centre thrive again?”. It was agreed late, "
                "and a planned retail development was kept out of scope at [the "
                "commissioner]'s request."
            ),
            "context": (
                "The town had lost its bank branches and a department store within two "
                "years. A regeneration fund came with a condition to show community "
                "involvement, which [the commissioner] wanted met within one budget year."
            ),
            "organisers": (
                "Commissioned by [a local council]; designed and facilitated by [an "
                "independent facilitation organisation]; a three-person oversight group "
                "from [a university] and [a community trust]."
            ),
            "recruitment": (
                "A civic lottery: 4,000 invitations, 212 people registered, 18 drawn by "
                "stratified lottery by age, gender, area and attitude to the town centre."
            ),
            "methods": (
                "Four Saturdays over six weeks, with eleven speakers chosen with the "
                "oversight group. Time was cut from five to four days when the budget "
                "changed."
            ),
            "process": (
                "The appraisal raised two red flags: the short time and a contract clause "
                "asking the team not to speak about the process. The clause was removed "
                "after negotiation; the time was not restored. The register holds six "
                "entries, four of them from [the commissioner]'s officers asking for "
                "changes to the wording of recommendations. When the council's version of "
                "the report appeared with three recommendations softened, the team "
                "published the jurors' own report and withdrew."
            ),
            "outcomes": (
                "The council published its edited version; the jurors' version was "
                "published by the oversight group. No formal response followed within the "
                "agreed twelve weeks."
            ),
            "lessons": (
                "We would put the red line on report editing into the contract, not only "
                "into the terms of engagement, and agree in advance who publishes the "
                "report if the commissioner will not. Walking away protected the jurors' "
                "work, but the town did not get a response: decide early how the jurors "
                "will be told, and by whom."
            ),
        },
    },
    {
        "public_id": LINDENAU,
        "title": "A planning cell on a bypass that never got an answer",
        "model": ProcessModel.PLANNING_CELL,
        "country": "Germany",
        "region": "Saxony",
        "year": 2022,
        "pressures": ["impact.no_response", "impact.no_follow_up_funding", "steer.framing_remit"],
        "outcome": Outcome.NO_RESPONSE,
        "figures": {
            "members": 50,
            "days": 4,
            "recommendations": 23,
            "register_entries": "fewer than 5",
        },
        "sections": {
            "summary": (
                "Two planning cells of 25 residents each worked for four days on a bypass "
                "around a market town. Their citizens' report was handed over in public; "
                "the district never answered it."
            ),
            "purpose": (
                "To recommend a route and the conditions for building it. Not building a "
                "bypass at all was, at first, outside the remit; after the planning cells "
                "asked, it was allowed as an option."
            ),
            "context": (
                "A long-running dispute between the town's traders, who wanted the traffic "
                "out, and farmers and residents along the proposed routes."
            ),
            "organisers": (
                "Commissioned by [a district administration]; run by [a university "
                "institute for participation]; paid for by [a state ministry]."
            ),
            "recruitment": (
                "Random selection from the residents' register, with a small allowance and "
                "childcare offered, then stratified by age and place of residence."
            ),
            "methods": (
                "Classic planning cell design: small groups of five, changing each "
                "session, with short inputs by experts and interest groups."
            ),
            "process": (
                "The cells worked without incident; fewer than five entries in the "
                "register, all about an interest group lobbying members between days. "
                "The follow-up money was cut in the next budget."
            ),
            "outcomes": (
                "The report was handed to the district in public. No written response "
                "came; a year later the route decision was taken without reference to it."
            ),
            "lessons": (
                "Ask for the response deadline and the money for follow-up before the "
                "first invitation goes out, and publish both. Without them, a well-run "
                "process still ends in silence."
            ),
        },
    },
)


def load_library(users: dict[str, User]) -> None:
    """Share the parks jury's code of conduct and add the two fictional records."""
    practitioner = users["practitioner"]
    ours = [str(record["public_id"]) for record in _RECORDS]
    LibraryEntry.objects.filter(public_id__in=ours).delete()
    for record in _RECORDS:
        _publish(record, practitioner)
    glenmuir = LibraryEntry.objects.get(public_id=GLENMUIR)
    do_add_library_material(
        practitioner,
        glenmuir,
        title="Contract clause: nobody but the members edits the report",
        kind=MaterialKind.TEMPLATE,
        licence=Licence.CC0,
        file=check_bytes(CLAUSE, (DOCUMENTS / CLAUSE).read_bytes()),
    )
    parks = (
        LibraryEntry.objects.filter(author=practitioner, withdrawn_at__isnull=True)
        .filter(title=PARKS_TITLE)
        .first()
    )
    if parks is not None:
        LibraryMaterial.objects.filter(entry=parks, filename=CODE_OF_CONDUCT).delete()
        do_add_library_material(
            practitioner,
            parks,
            title=CODE_TITLE,
            kind=MaterialKind.CODE_OF_CONDUCT,
            licence=Licence.CC_BY,
            file=check_bytes(CODE_OF_CONDUCT, (DOCUMENTS / CODE_OF_CONDUCT).read_bytes()),
        )


def _publish(record: dict[str, object], author: User) -> LibraryEntry:
    return LibraryEntry.objects.create(
        **record,
        licence=Licence.CC_BY,
        author=author,
        author_label=AUTHOR_LABEL,
        published_at=clock.now() - timedelta(days=_DAYS_AGO[str(record["public_id"])]),
    )
