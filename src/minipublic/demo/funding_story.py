"""Who pays for each demo process, set by the lead practitioner in design.

The climate assembly's £180,000 (the budget of its commission appraisal) comes mostly
from the council; a local foundation pays for the independent evaluation and the
oversight panel, and the university lends researchers' time. A first statement in June
lists the council alone; the foundation's grant is added two weeks later, so the public
record shows both versions. The parks jury had £95,000 from the parks budget; the
transport jury's budget is still provisional.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal

from minipublic.accounts.models import User
from minipublic.processes.funding import FunderLine, Funding, do_set_funding
from minipublic.processes.models import Process

Step = tuple[datetime, Callable[[], None]]

_TEAM = (
    "Common Ground Deliberation CIC, an independent not-for-profit, runs the assembly on "
    "a fixed-price contract with the council let by open tender. The contract cannot be "
    "ended, or its payments held back, over what the members recommend."
)

_COUNCIL = FunderLine(
    funder="Riverford City Council",
    kind="commissioner",
    amount=Decimal("165000"),
    currency="GBP",
    pays_for=(
        "The independent delivery team's contract; invitation letters to 10,000 households; "
        "Riverford Library for five weekends; members' allowances (£300 a weekend), travel, "
        "childcare, meals, interpreting and disability support."
    ),
)
_FOUNDATION = FunderLine(
    funder="Riverford Community Foundation",
    kind="foundation",
    amount=Decimal("15000"),
    currency="GBP",
    pays_for=(
        "The independent evaluation and the oversight panel's expenses. The grant was "
        "agreed without any say over the question, the witnesses or the report."
    ),
)
_UNIVERSITY = FunderLine(
    funder="University of Riverford",
    kind="public_body",
    pays_for="Two researchers' time for the evaluation (in kind).",
)

CLIMATE_FIRST = Funding(
    sources=(_COUNCIL,),
    practitioners_paid_by=_TEAM,
    participants_paid=(
        "£300 for each weekend attended, paid by bank transfer or as a voucher, as each "
        "member chooses; travel, childcare and care costs paid back; tablets and mobile "
        "data lent to anyone who needs them."
    ),
)
CLIMATE = Funding(
    sources=(_COUNCIL, _FOUNDATION, _UNIVERSITY),
    practitioners_paid_by=CLIMATE_FIRST.practitioners_paid_by,
    participants_paid=CLIMATE_FIRST.participants_paid,
    notes=(
        "The total budget is £180,000. Allowances are not taxable benefits and do not "
        "affect members' social security payments (checked with the local benefits office)."
    ),
)
PARKS = Funding(
    sources=(
        FunderLine(
            funder="Riverford City Council, Parks and Leisure",
            kind="commissioner",
            amount=Decimal("95000"),
            currency="GBP",
            pays_for=(
                "The delivery team; invitations to 4,000 households; four Saturdays at the "
                "Riverside Pavilion; jurors' allowances (£200 a Saturday), travel and childcare."
            ),
        ),
    ),
    practitioners_paid_by=(
        "Common Ground Deliberation CIC, on a fixed-price contract with the council's Parks "
        "and Leisure department."
    ),
    participants_paid="£200 for each Saturday, with travel and childcare paid back.",
)
TRANSPORT = Funding(
    sources=(
        FunderLine(
            funder="Riverford City Council, Transport Committee",
            kind="commissioner",
            amount=Decimal("60000"),
            currency="GBP",
            pays_for="The whole jury, if the committee approves the budget.",
        ),
    ),
    notes="Provisional: the Transport Committee votes on the budget in January 2027.",
)

#: (slug, day, statement) in the order set.
STATEMENTS: tuple[tuple[str, str, Funding], ...] = (
    ("demo", "2026-06-10", CLIMATE_FIRST),
    ("demo", "2026-06-24", CLIMATE),
    ("demo-parks-jury", "2025-01-20", PARKS),
    ("demo-transport-jury", "2026-10-27", TRANSPORT),
)


def funding_steps(process: Process, users: dict[str, User]) -> list[Step]:
    """The lead practitioner's funding statements for ``process``, as dated steps."""
    steps: list[Step] = []
    for slug, day, funding in STATEMENTS:
        if slug != process.slug:
            continue

        def set_funding(funding: Funding = funding) -> None:
            process.refresh_from_db()
            do_set_funding(users["practitioner"], process, funding)

        moment = datetime.fromisoformat(day).replace(hour=10, minute=30, tzinfo=UTC)
        steps.append((moment, set_funding))
    return steps
