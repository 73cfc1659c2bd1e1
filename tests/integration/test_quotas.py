"""The quotas page: census shares, derived minimums and maximums, overrides, warnings."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from minipublic.integrity.record import public_entries
from minipublic.lifecycle import Phase
from minipublic.processes.access import SYSTEM
from minipublic.processes.actions import do_change_phase
from minipublic.processes.models import Process
from minipublic.recruitment.models import Feature, FeatureValue, Registrant
from minipublic.recruitment.questions import do_save_feature
from minipublic.selection.models import Quota
from minipublic.selection.quotas import (
    check_quotas,
    derive,
    do_override_quota,
    do_save_population_shares,
    do_save_quota_settings,
)
from tests.cast import Cast

pytestmark = pytest.mark.django_db

# Two features; the pool: 10 people, half of each gender, ages spread.
SHARES = {"gender": {"female": "50", "male": "50"}, "age": {"young": "40", "old": "60"}}


def make_features(process: Process, *, prefer: bool = False) -> dict[str, FeatureValue]:
    """The gender and age questions, values keyed "feature:value"."""
    values = {}
    for order, (name, shares) in enumerate(SHARES.items()):
        feature = Feature.objects.create(
            process=process, name=name, question=f"Your {name}?", order=order
        )
        for position, value in enumerate(shares):
            values[f"{name}:{value}"] = FeatureValue.objects.create(
                feature=feature, value=value, label=value.title(), order=position
            )
        if prefer and name == "gender":
            values["gender:unsaid"] = FeatureValue.objects.create(
                feature=feature,
                value="unsaid",
                label="Prefer not to say",
                order=9,
                prefer_not_to_say=True,
            )
    return values


def make_pool(process: Process, size: int = 10) -> None:
    """``size`` registrants: alternating gender, 4 in 10 young."""
    for i in range(size):
        Registrant.objects.create(
            process=process,
            pseudonym=f"P-{i:03d}",
            first_name=f"Name{i}",
            email=f"person{i}@example.org",
            answers={
                "gender": "female" if i % 2 else "male",
                "age": "young" if i % 5 < 2 else "old",
            },
            household=f"h{i}",
            registered_on=date(2026, 1, 1),
        )


def shares_post(values: dict[str, FeatureValue]) -> dict[str, str]:
    data = {"what": "shares"}
    for key, value in values.items():
        feature, name = key.split(":")
        data[f"share_{value.pk}"] = SHARES[feature].get(name, "")
    return data


@pytest.mark.parametrize(
    ("share", "k", "tolerance", "expected"),
    [
        (Decimal(50), 24, 1, (11, 13)),
        (Decimal("12.5"), 24, 1, (2, 4)),
        (Decimal(10), 24, 1, (1, 4)),  # target 2.4
        (Decimal(10), 24, 0, (2, 3)),
        (Decimal(0), 24, 1, (0, 1)),
        (Decimal(100), 10, 2, (8, 10)),
        (None, 10, 1, (0, 10)),
    ],
)
def test_min_and_max_are_derived_from_the_share(
    share: Decimal | None, k: int, tolerance: int, expected: tuple[int, int]
) -> None:
    assert derive(share, k, tolerance) == expected


def test_prefer_not_to_say_gets_minimum_zero() -> None:
    assert derive(Decimal(30), 10, 1, prefer_not_to_say=True) == (0, 4)


def test_the_lead_sets_size_and_shares_on_the_page_and_the_ledger_records_the_quotas(
    cast: Cast,
) -> None:
    values = make_features(cast.process)
    make_pool(cast.process)
    client = cast.client("lead_practitioner")
    url = f"/p/{cast.process.slug}/manage/quotas/"
    response = client.post(url, {"what": "settings", "panel_size": "4", "tolerance": "1"})
    assert response.status_code == 302
    response = client.post(url, shares_post(values))
    assert response.status_code == 302
    young = Quota.objects.get(value=values["age:young"])
    assert (young.min, young.max) == (0, 3)  # 40% of 4 = 1.6 → floor 1 - 1, ceil 2 + 1
    female = Quota.objects.get(value=values["gender:female"])
    assert (female.min, female.max) == (1, 3)
    page = client.get(url)
    assert page.status_code == 200
    content = page.content.decode()
    assert "Registrants in the pool" in content
    assert "<caption>Your age? (age)</caption>" in content
    assert "Name1" not in content
    assert "example.org" not in content
    last = [e for e in public_entries(cast.process) if e["event"] == "quotas.updated"][-1]
    assert last["payload"]["panel_size"] == 4
    assert last["payload"]["tolerance"] == 1
    assert last["payload"]["quotas"]["age"]["young"] == [0, 3]
    assert last["payload"]["quotas"]["gender"]["female"] == [1, 3]


def test_an_override_survives_a_change_of_shares(cast: Cast) -> None:
    values = make_features(cast.process)
    do_save_quota_settings(SYSTEM, cast.process, panel_size=10, tolerance=1)
    do_override_quota(SYSTEM, cast.process, values["age:old"], min=5, max=7)
    do_save_population_shares(SYSTEM, cast.process, {values["age:old"].pk: Decimal(90)})
    old = Quota.objects.get(value=values["age:old"])
    assert (old.min, old.max, old.overridden) == (5, 7, True)
    do_save_quota_settings(SYSTEM, cast.process, panel_size=20, tolerance=0)
    young = Quota.objects.get(value=values["age:young"])
    assert (young.min, young.max) == (0, 20)  # no share given: anything goes


def test_bad_input_is_refused_with_a_message_and_status_400(cast: Cast) -> None:
    values = make_features(cast.process)
    client = cast.client("lead_practitioner")
    url = f"/p/{cast.process.slug}/manage/quotas/"
    response = client.post(url, {"what": "settings", "panel_size": "0", "tolerance": "1"})
    assert response.status_code == 400
    data = shares_post(values) | {f"share_{values['age:old'].pk}": "140"}
    response = client.post(url, data)
    assert response.status_code == 400
    assert FeatureValue.objects.get(pk=values["age:young"].pk).population_share is None
    response = client.post(
        url, {"what": "override", "value": values["age:old"].pk, "min": "5", "max": "2"}
    )
    assert response.status_code == 400
    assert "at most its maximum" in response.content.decode()


def test_warnings_name_shares_counts_and_totals(cast: Cast) -> None:
    values = make_features(cast.process, prefer=True)
    make_pool(cast.process)
    do_save_quota_settings(SYSTEM, cast.process, panel_size=6, tolerance=0)
    shares = {
        values["gender:female"].pk: Decimal(50),
        values["gender:male"].pk: Decimal(20),
        values["gender:unsaid"].pk: Decimal(0),
    }
    do_save_population_shares(SYSTEM, cast.process, shares)
    do_override_quota(SYSTEM, cast.process, values["age:young"], min=5, max=6)
    warnings = check_quotas(cast.process)
    assert "The population shares of gender add up to 70.00%, not 100%." in warnings
    assert any("age young: the minimum is 5 but only 4 registrants" in w for w in warnings)
    assert "The maximums of gender add up to 5, less than the panel size 6." in warnings
    assert Quota.objects.get(value=values["gender:unsaid"]).min == 0


def test_the_engine_explains_infeasible_quotas_and_suggests_a_relaxation(cast: Cast) -> None:
    values = make_features(cast.process)
    make_pool(cast.process)
    do_save_quota_settings(SYSTEM, cast.process, panel_size=4, tolerance=0)
    for key in values:
        do_override_quota(SYSTEM, cast.process, values[key], min=0, max=4)
    # 5 men and 4 young in the pool, but only 2 young men: 4 men and 3 young cannot sit
    # on a panel of 4 together, though each count alone is available.
    do_override_quota(SYSTEM, cast.process, values["gender:male"], min=4, max=4)
    do_override_quota(SYSTEM, cast.process, values["age:young"], min=3, max=4)
    warnings = check_quotas(cast.process)
    assert warnings[0] == "No panel can meet the quotas."
    assert any("smallest change" in w for w in warnings)
    page = cast.client("recruiter").get(f"/p/{cast.process.slug}/manage/quotas/")
    assert "No panel can meet the quotas." in page.content.decode()


@pytest.mark.parametrize(
    ("who", "get", "post"),
    [
        ("lead_practitioner", 200, 302),
        ("recruiter", 200, 302),
        ("commissioner", 403, 403),
        ("observer", 403, 403),
        ("outsider", 404, 404),
    ],
)
def test_who_may_see_and_change_the_quotas(cast: Cast, who: str, get: int, post: int) -> None:
    url = f"/p/{cast.process.slug}/manage/quotas/"
    client = cast.client(who)
    assert client.get(url).status_code == get
    response = client.post(url, {"what": "settings", "panel_size": "5", "tolerance": "1"})
    assert response.status_code == post


def test_quotas_are_frozen_after_selection(cast: Cast) -> None:
    for phase in (Phase.RECRUITMENT, Phase.SELECTION, Phase.DELIBERATION):
        do_change_phase(SYSTEM, cast.process, phase)
    url = f"/p/{cast.process.slug}/manage/quotas/"
    client = cast.client("lead_practitioner")
    assert client.get(url).status_code == 200  # may still read (VIEW_REGISTRANTS)
    response = client.post(url, {"what": "settings", "panel_size": "5", "tolerance": "1"})
    assert response.status_code == 403


def test_the_start_a_run_form_appears_once_runs_are_allowed(cast: Cast) -> None:
    url = f"/p/{cast.process.slug}/manage/quotas/"
    client = cast.client("lead_practitioner")
    assert "Start a run" not in client.get(url).content.decode()  # design: no runs yet
    do_change_phase(SYSTEM, cast.process, Phase.RECRUITMENT)
    content = client.get(url).content.decode()
    assert "Start a run" in content
    assert f'action="/p/{cast.process.slug}/manage/runs/"' in content


def test_editing_a_question_keeps_the_shares_and_quotas_of_its_values(cast: Cast) -> None:
    feature = do_save_feature(
        SYSTEM,
        cast.process,
        name="tenure",
        question="Do you own or rent?",
        values=[("owner", "Own", False), ("renter", "Rent", False)],
    )
    owner = FeatureValue.objects.get(feature=feature, value="owner")
    owner.population_share = Decimal("60.00")
    owner.save()
    do_save_feature(
        SYSTEM,
        cast.process,
        name="tenure",
        question="Do you own your home or rent it?",
        values=[("owner", "Own it", False), ("social", "Social housing", False)],
        feature=feature,
    )
    kept = FeatureValue.objects.get(feature=feature, value="owner")
    assert (kept.pk, kept.label, kept.population_share) == (owner.pk, "Own it", Decimal("60.00"))
    assert sorted(feature.values.values_list("value", flat=True)) == ["owner", "social"]
