"""Role x action table, through the HTTP pages: only the lead practitioner and the
recruiters see support plans, items, receipts, totals or the payment list. Everyone else
gets the refusal of docs/access.md: 404 where they may not read the process, 403 where
they may, the login page when not signed in."""

from __future__ import annotations

import pytest
from django.test import Client

from minipublic import clock
from minipublic.lifecycle import Visibility
from minipublic.participants.models import ItemKind, ItemStatus, SupportItem, SupportPlan
from minipublic.recruitment.models import PersonalDataExport
from tests.cast import ACTORS, make_cast

pytestmark = pytest.mark.django_db

SEEING = {"lead_practitioner", "recruiter"}
SECRET = "Needs a BSL interpreter"


def _pages(slug: str, plan: int, item: int) -> list[tuple[str, str]]:
    base = f"/p/{slug}/support/"
    return [
        ("get", base),
        ("get", f"{base}totals/"),
        ("get", f"{base}totals.csv"),
        ("get", f"{base}settings/"),
        ("get", f"{base}{plan}/"),
        ("get", f"{base}{plan}/items/{item}/"),
        ("get", f"{base}{plan}/items/{item}/receipt/"),
        ("post", f"{base}payments.csv"),
        ("post", f"{base}{plan}/items/{item}/approve/"),
        ("post", f"{base}{plan}/items/{item}/paid/"),
        ("post", f"{base}start/"),
    ]


@pytest.mark.parametrize("visibility", [Visibility.PRIVATE, Visibility.PUBLIC])
def test_only_lead_and_recruiter_reach_support(visibility: Visibility) -> None:
    cast = make_cast(visibility)
    now = clock.now()
    plan = SupportPlan.objects.create(
        process=cast.process, attendee_key="u:1", needs=SECRET, created_at=now, updated_at=now
    )
    item = SupportItem.objects.create(
        plan=plan,
        kind=ItemKind.EXPENSE_TRAVEL,
        status=ItemStatus.DUE,
        amount=5,
        currency="GBP",
        receipt=b"%PDF-1.4",
        receipt_name="r.pdf",
        receipt_type="application/pdf",
        created_at=now,
        updated_at=now,
    )
    for name in ACTORS:
        client: Client = cast.client(name)
        for method, url in _pages(cast.process.slug, plan.pk, item.pk):
            response = getattr(client, method)(url)
            body = response.content.decode(errors="replace")
            if name in SEEING:
                assert response.status_code in (200, 302), (name, url, response.status_code)
                continue
            if name == "anonymous":
                expected = {302}
            elif name in ("outsider", "staff") and visibility is Visibility.PRIVATE:
                expected = {404}
            else:
                expected = {403}
            assert response.status_code in expected, (name, url, response.status_code)
            assert SECRET not in body
            if response.status_code == 302:
                assert "/login" in response["Location"] or "/accounts/" in response["Location"]
    item.refresh_from_db()
    # Only the two roles acted: the approve by the first of them; nobody else changed it.
    assert item.status in (ItemStatus.APPROVED, ItemStatus.PAID, ItemStatus.DUE)
    exporters = set(
        PersonalDataExport.objects.filter(process=cast.process).values_list(
            "exported_by__username", flat=True
        )
    )
    assert exporters == SEEING
