"""The climate assembly's briefing materials, as dated ``timeline.Step``s.

1. *The council's Climate Action Plan in brief*, written by the council and submitted by
   the commissioner (so labelled as the commissioner's everywhere). The oversight panel
   finds the draft reads as advocacy, the stakeholder reference group (Riverford Friends
   of the Earth) that it hides the funding gap; the council revises it and version 2 is
   the first to be published.
2. *Briefing: heating our homes*, by the practitioner team. The oversight panel asks
   for the source of each cost figure and the tenants' association for renters' costs;
   version 1 is published for weekend 2. The panel then objects to its installer-only
   heat pump cost (demo/signoff_story.py); the team answers and publishes the corrected
   version 2.
3. *Getting around Riverford: the options*, by Dr Leila Osei at the team's request. The
   motorists' forum comments on its 2019 traffic figures; the team keeps them (the only
   survey then) and publishes it for weekend 3, the day before the panel signs the
   materials off. When the 2025 counts appear, a draft version 2 is submitted; the
   panel's comment on it is waiting for the team's response.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from minipublic.accounts.models import User
from minipublic.evidence import material_actions as actions
from minipublic.evidence.models import Material, MaterialVersion, ReviewComment
from minipublic.integrity.uploads import check_bytes
from minipublic.processes.models import Process

Step = tuple[datetime, Callable[[], None]]

DOCUMENTS = Path(__file__).parent / "documents"


def _at(moment: str) -> datetime:
    return datetime.fromisoformat(moment).replace(tzinfo=UTC)


@dataclass(frozen=True)
class DemoMaterial:
    """A material as first submitted by ``account`` at ``on``."""

    key: str
    account: str
    on: str
    title: str
    author: str
    author_kind: str
    commissioned_by: str
    commission_note: str
    summary: str
    file: str


MATERIALS: tuple[DemoMaterial, ...] = (
    DemoMaterial(
        "plan",
        "commissioner",
        "2026-09-01T14:00",
        "The council's Climate Action Plan in brief",
        "Riverford City Council, climate team",
        "commissioner",
        "team",
        "a factual summary, for weekend 1",
        "What the council's own plan commits it to, and what it leaves to others.",
        "council-plan-v1.md",
    ),
    DemoMaterial(
        "heating",
        "practitioner",
        "2026-09-15T14:00",
        "Briefing: heating our homes",
        "The practitioner team (Priya Raman, Tom Okafor)",
        "team",
        "team",
        "for weekend 2",
        "The three ways of heating Riverford's homes the members hear about, with costs.",
        "briefing-heating-v1.md",
    ),
    DemoMaterial(
        "transport",
        "facilitator",
        "2026-09-22T11:00",
        "Getting around Riverford: the options",
        "Dr Leila Osei, Centre for Sustainable Transport, Northfield University",
        "expert",
        "team",
        "for weekend 3",
        "The transport options before the members, with the figures behind them.",
        "transport-options-v1.md",
    ),
)

# (material, moment, account, file, change note)
VERSIONS: tuple[tuple[str, str, str, str, str], ...] = (
    (
        "plan",
        "2026-09-07T10:00",
        "commissioner",
        "council-plan-v2.md",
        "Removed the evaluative words the reviewers pointed out ('ambitious', "
        "'world-leading', 'on track'); added the plan's own estimate that it delivers "
        "about 60% of the cuts needed, and that its funding is agreed only until 2028.",
    ),
    (
        "heating",
        "2026-09-23T10:00",
        "practitioner",
        "briefing-heating-v2.md",
        "Corrects the typical installed cost of a heat pump after the national grant from "
        "£4,500 to £7,500, including the new radiators most homes need, from an independent "
        "survey of 212 installations (the oversight panel's comment and objection of 21 "
        "September). Nothing else has changed.",
    ),
    (
        "transport",
        "2026-11-10T10:00",
        "facilitator",
        "transport-options-v2.md",
        "Uses the council's 2025 traffic counts, published in October, instead of the 2019 "
        "survey, as the motorists' forum asked.",
    ),
)

# (material, version, moment, account, source, group, text)
COMMENTS: tuple[tuple[str, int, str, str, str, str, str], ...] = (
    (
        "plan",
        1,
        "2026-09-03T15:00",
        "oversight",
        "oversight",
        "",
        "This reads as advocacy in places ('ambitious', 'world-leading', 'on track'). It "
        "should describe the plan, not sell it, and say how much of the 2040 target the "
        "plan itself delivers.",
    ),
    (
        "plan",
        1,
        "2026-09-04T11:00",
        "facilitator",
        "stakeholder",
        "Riverford Friends of the Earth",
        "The summary does not say that the plan's funding is agreed only until 2028.",
    ),
    (
        "heating",
        1,
        "2026-09-16T15:00",
        "oversight",
        "oversight",
        "",
        "The three options are set out evenly. Please give the source of each cost figure.",
    ),
    (
        "heating",
        1,
        "2026-09-17T11:00",
        "facilitator",
        "stakeholder",
        "Riverford Tenants' Association",
        "Every cost is an owner's cost. Say what each option would mean for people who "
        "rent, who cannot choose their heating.",
    ),
    (
        "heating",
        1,
        "2026-09-21T15:30",
        "oversight",
        "oversight",
        "",
        "The heat pump cost of £4,500 comes from installers' brochures alone and leaves out "
        "the new radiators most homes need. See our objection of 21 September: please "
        "correct it from an independent source before the members rely on it.",
    ),
    (
        "transport",
        1,
        "2026-09-23T11:00",
        "facilitator",
        "stakeholder",
        "Riverford Motorists' Forum",
        "The congestion figures are from 2019, before home working changed traffic. They "
        "overstate the problem.",
    ),
    (
        "transport",
        2,
        "2026-11-12T15:00",
        "oversight",
        "oversight",
        "",
        "Version 2 is clearer. Please say in the text that the 2025 counts were taken in a "
        "single week in June.",
    ),
)

# (material, comment number, moment, outcome, response)
RESPONSES: tuple[tuple[str, int, str, str, str], ...] = (
    (
        "plan",
        1,
        "2026-09-08T10:00",
        "changed",
        "The council removed the evaluative words and added the plan's own estimate "
        "(about 60% of the cuts needed) in version 2.",
    ),
    ("plan", 2, "2026-09-08T10:05", "changed", "Version 2 says so."),
    (
        "heating",
        1,
        "2026-09-18T10:00",
        "partly",
        "Each witness gives the sources of their own figures in the heating session; the "
        "briefing keeps to rounded typical costs.",
    ),
    (
        "heating",
        2,
        "2026-09-18T10:05",
        "not_changed",
        "The briefing is an overview of the options. Costs for tenants depend on landlords' "
        "choices the members may want to discuss; they can ask for a witness who rents.",
    ),
    (
        "heating",
        3,
        "2026-09-22T16:00",
        "changed",
        "Version 2 uses the median installed cost (£7,500 including radiators) from an "
        "independent survey of 212 installations in the region in 2025.",
    ),
    (
        "transport",
        1,
        "2026-09-24T09:00",
        "not_changed",
        "The 2019 survey is the latest the council has published; the briefing says so. We "
        "will update the figures when the 2025 counts appear.",
    ),
)

# (material, moment) of each publication, in order.
PUBLICATIONS: tuple[tuple[str, str], ...] = (
    ("plan", "2026-09-09T10:00"),
    ("heating", "2026-09-20T10:00"),
    ("heating", "2026-09-24T10:00"),
    ("transport", "2026-09-24T14:00"),
)


def material_steps(process: Process, users: dict[str, User]) -> list[Step]:
    """Submissions, reviews, responses and publications of the climate assembly's materials."""
    made: dict[str, Material] = {}
    steps: list[Step] = [
        (_at(spec.on), _submitting(process, users, spec, made)) for spec in MATERIALS
    ]
    for key, moment, account, file, note in VERSIONS:
        steps.append((_at(moment), _revising(process, users[account], made, key, file, note)))
    for key, version, moment, account, source, group, text in COMMENTS:
        steps.append(
            (
                _at(moment),
                _commenting(process, users[account], made, key, version, source, group, text),
            )
        )
    for key, number, moment, outcome, response in RESPONSES:
        steps.append(
            (
                _at(moment),
                _responding(process, users["practitioner"], made, key, number, outcome, response),
            )
        )
    for key, moment in PUBLICATIONS:
        steps.append((_at(moment), _publishing(process, users["practitioner"], made, key)))
    return steps


def _submitting(
    process: Process, users: dict[str, User], spec: DemoMaterial, made: dict[str, Material]
) -> Callable[[], None]:
    def submit() -> None:
        made[spec.key] = actions.do_submit_material(
            users[spec.account],
            process,
            title=spec.title,
            author=spec.author,
            author_kind=spec.author_kind,
            commissioned_by=spec.commissioned_by,
            commission_note=spec.commission_note,
            summary=spec.summary,
            file=check_bytes(spec.file, (DOCUMENTS / spec.file).read_bytes()),
        )

    return submit


def _revising(
    process: Process, user: User, made: dict[str, Material], key: str, file: str, note: str
) -> Callable[[], None]:
    def revise() -> None:
        actions.do_submit_version(
            user,
            process,
            made[key],
            file=check_bytes(file, (DOCUMENTS / file).read_bytes()),
            change_note=note,
        )

    return revise


def _commenting(
    process: Process,
    user: User,
    made: dict[str, Material],
    key: str,
    number: int,
    source: str,
    group: str,
    text: str,
) -> Callable[[], None]:
    def comment() -> None:
        version = MaterialVersion.objects.get(material=made[key], number=number)
        actions.do_comment_on_material(
            user, process, version, text=text, source=source, group=group
        )

    return comment


def _responding(
    process: Process,
    user: User,
    made: dict[str, Material],
    key: str,
    number: int,
    outcome: str,
    response: str,
) -> Callable[[], None]:
    def respond() -> None:
        comment = ReviewComment.objects.get(version__material=made[key], number=number)
        actions.do_respond_to_comment(user, process, comment, response=response, outcome=outcome)

    return respond


def _publishing(
    process: Process, user: User, made: dict[str, Material], key: str
) -> Callable[[], None]:
    def publish() -> None:
        newest = MaterialVersion.objects.filter(material=made[key]).order_by("-number").first()
        if newest is None:
            raise RuntimeError(f"demo material {key} has no version")
        actions.do_publish_material(user, process, newest)

    return publish
