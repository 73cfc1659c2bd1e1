"""A payment marked paid twice at the same moment is paid once.

Two recruiters (the lead practitioner and the recruiter) press "Mark paid" on the same
approved stipend at once, each through the HTTP page with a database connection of
their own: exactly one is told it is paid, the other gets the refusal, the stored
reference is the winner's, and the ledger holds one ``support.payment_made``. (Two locks
guard it: ``@performs`` locks the process row, ``do_mark_paid`` the item's; with both
removed this test fails at the first round.)
PostgreSQL only: SQLite's shared in-memory test database refuses a busy lock at once
instead of waiting, so threads there would test SQLite rather than the row lock. The
single-request refusal is tested on both databases in test_support_plans.py.
"""

from __future__ import annotations

import os
from collections.abc import Callable

import pytest

from minipublic.integrity.record import entries
from minipublic.participants import support
from minipublic.participants.models import ItemKind, ItemStatus, SupportItem, SupportPlan
from tests.cast import make_cast
from tests.concurrency import together

pytestmark = [
    pytest.mark.skipif(
        "postgres" not in os.environ.get("DATABASE_URL", ""),
        reason="concurrent writers need PostgreSQL (SQLite's shared in-memory test "
        "database refuses a busy lock at once); run it with scripts/with-postgres",
    ),
]
ROUNDS = 5


def test_two_people_marking_one_payment_paid_at_once_pay_it_once(
    transactional_db: None,
) -> None:
    cast = make_cast()
    lead = cast.users["lead_practitioner"]
    support.do_save_support_settings(
        lead,
        cast.process,
        stipend_amount="60",
        currency="GBP",
        basis="per_meeting",
        payment_methods=["bank_transfer"],
    )
    support.do_start_plans(lead, cast.process)
    plan = SupportPlan.objects.get(process=cast.process)
    clients = {name: cast.client(name) for name in ("lead_practitioner", "recruiter")}
    # Several rounds, each on a fresh item: a race lost once by luck cannot pass.
    for round_number in range(ROUNDS):
        item = support.do_save_item(
            lead,
            cast.process,
            plan,
            None,
            kind=ItemKind.EXPENSE_TRAVEL,
            details=f"Taxi, meeting {round_number}",
            owner=None,
            status=ItemStatus.DUE,
            amount="12.50",
            currency="GBP",
            session=None,
        )
        support.do_approve_item(lead, cast.process, item)
        url = f"/p/riverside/support/{plan.pk}/items/{item.pk}/paid/"
        said: dict[str, str] = {}

        def paying(name: str, url: str = url, said: dict[str, str] = said) -> Callable[[], None]:
            def press() -> None:
                page = clients[name].post(url, {"reference": f"REF-{name}"}, follow=True)
                assert page.status_code == 200
                said[name] = page.content.decode()

            return press

        assert together([paying(name) for name in clients]) == []
        paid = [name for name, text in said.items() if "The payment is marked paid." in text]
        refused = [name for name, text in said.items() if "it is not paid twice" in text]
        assert len(paid) == 1, said.keys()
        assert len(refused) == 1
        assert paid != refused
        item.refresh_from_db()
        assert item.status == ItemStatus.PAID
        assert item.payment_reference == f"REF-{paid[0]}"
    made = entries(cast.process).filter(event="support.payment_made")
    assert made.count() == ROUNDS
    assert {row.payload["amount"] for row in made} == {"12.50"}
    assert SupportItem.objects.filter(status=ItemStatus.PAID).count() == ROUNDS
