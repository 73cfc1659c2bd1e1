"""Commissioners and observers never see registrants' personal data, on any page or API.

Every URL pattern of the ``recruitment`` and ``selection`` apps and of the API is walked
from Django's resolver, filled in from a process with an invitation draw, a pool and a
drawn panel, and requested as the commissioner and the observer. Each pattern must be
classified below: a new pattern that is not fails the test until someone decides whether
it shows personal data.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from minipublic import clock
from minipublic.recruitment.invitations import do_draw_invitations, do_upload_address_list
from minipublic.recruitment.models import Feature, Invitation, InvitationDraw, Registrant
from minipublic.recruitment.questions import do_save_feature
from minipublic.selection.commit import do_commit_run
from minipublic.selection.draw import do_draw_panel
from tests.cast import Cast
from tests.selection_fixtures import (
    add_registrants,
    engine_files,
    finished_run,
    later,
    to_selection_phase,
)

pytestmark = pytest.mark.django_db

PUBLIC = "public"  # anyone may see it; it holds no personal data
NON_PERSONAL = "non-personal"  # staff pages without registrants' personal data
PERSONAL = "personal"  # shows, exports or takes in registrants' personal data
APPS = ("recruitment", "selection", "api")

#: Every pattern of APPS: (class, method, whether the recruiter's response shows people).
CLASSIFICATION: dict[str, tuple[str, str, bool]] = {
    "recruitment:register": (PUBLIC, "GET", False),
    "recruitment:registered": (PUBLIC, "GET", False),
    "recruitment:settings": (NON_PERSONAL, "GET", False),
    "recruitment:new_question": (NON_PERSONAL, "GET", False),
    "recruitment:question": (NON_PERSONAL, "GET", False),
    "recruitment:registrants": (PERSONAL, "GET", True),
    "recruitment:registrants_csv": (PERSONAL, "GET", True),
    "recruitment:import_pool": (PERSONAL, "GET", False),
    "recruitment:invitations": (PERSONAL, "GET", False),
    "recruitment:upload_addresses": (PERSONAL, "GET", False),
    "recruitment:draw_invitations": (PERSONAL, "GET", False),
    "recruitment:draw": (PERSONAL, "GET", False),  # links to the letters
    "recruitment:letters_pdf": (PERSONAL, "GET", False),  # compressed: not searchable
    "recruitment:letters_csv": (PERSONAL, "GET", True),
    "selection:public": (PUBLIC, "GET", False),
    "selection:commit": (NON_PERSONAL, "GET", False),
    "selection:draw": (NON_PERSONAL, "GET", False),
    "selection:panel": (PERSONAL, "GET", True),
    "selection:panel_csv": (PERSONAL, "GET", True),
    "selection:replace": (PERSONAL, "POST", False),
    "selection:quotas": (NON_PERSONAL, "GET", False),
    "selection:runs": (NON_PERSONAL, "GET", False),
    "selection:run": (NON_PERSONAL, "GET", False),
    "selection:cancel_run": (NON_PERSONAL, "POST", False),
    "selection:run_status": (NON_PERSONAL, "GET", False),
    "selection:run_inputs": (NON_PERSONAL, "GET", False),  # pseudonyms and answers only
    "api:openapi-json": (PUBLIC, "GET", False),
    "api:openapi-view": (PUBLIC, "GET", False),
    "api:api-root": (PUBLIC, "GET", False),
    "api:list_processes": (PUBLIC, "GET", False),
    "api:get_process": (PUBLIC, "GET", False),
    "api:get_integrity": (PUBLIC, "GET", False),
    "api:get_ledger": (PUBLIC, "GET", False),
    "api:report_versions": (PUBLIC, "GET", False),
    "api:list_members": (NON_PERSONAL, "GET", False),  # the team, not registrants
    "api:change_phase": (NON_PERSONAL, "POST", False),
    "api:me": (NON_PERSONAL, "GET", False),  # one's own account
}

ADDRESSES = "address,postcode,area\n" + "".join(
    f"{n} Quarry Terrace,RF{n % 5} 9QT,{'North' if n % 2 else 'South'}\n" for n in range(1, 21)
)


def _patterns(
    patterns: list[URLPattern | URLResolver], prefix: str = "", namespace: str = ""
) -> Iterator[tuple[str, str]]:
    """Every named pattern as ("namespace:name", route), walking includes."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _patterns(
                pattern.url_patterns,
                prefix + str(pattern.pattern),
                pattern.namespace or namespace,
            )
        elif pattern.name:
            yield f"{namespace}:{pattern.name}", prefix + str(pattern.pattern)


def _routes() -> dict[str, str]:
    found = dict(_patterns(get_resolver().url_patterns))
    return {name: route for name, route in found.items() if name.split(":")[0] in APPS}


@dataclass
class World:
    """The process and the rows the URLs' parameters are filled in from."""

    cast: Cast
    letters: InvitationDraw
    feature: Feature


@pytest.fixture
def world(public_cast: Cast, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> World:
    """A public process in selection: an invitation draw, the demo pool, a drawn panel."""
    cast = public_cast
    process = cast.process
    recruiter = cast.users["recruiter"]
    do_save_feature(
        recruiter,
        process,
        name="tenure",
        question="Your home?",
        values=[("owner", "Own", False), ("renter", "Rent", False)],
    )
    addresses = do_upload_address_list(
        recruiter,
        process,
        name="Households",
        filename="households.csv",
        content=ADDRESSES.encode(),
        area_column="area",
    )
    letters = do_draw_invitations(recruiter, process, addresses, size=8, seed="dice 1 2 3")
    to_selection_phase(process)
    add_registrants(process)
    run = finished_run(cast, engine_files(tmp_path_factory), tmp_path / "run-1")
    lead = cast.users["lead_practitioner"]
    do_commit_run(lead, process, run, announced_for=later(10), randomness_source="Dice")
    with clock.frozen_at(later(15)):
        do_draw_panel(lead, process, run, randomness="381")
    return World(cast, letters, Feature.objects.get(process=process))


def _url(name: str, route: str, world: World) -> str:
    values: dict[str, object] = {"slug": "riverside", "number": 1, "pk": world.letters.pk}
    if name == "recruitment:question":
        values["pk"] = world.feature.pk
    names = re.findall(r"<(?:\w+:)?(\w+)>", route)
    unknown = [param for param in names if param not in values]
    assert not unknown, f"{name}: fill in {unknown} in this test"
    return reverse(name, kwargs={param: values[param] for param in names})


def _personal_strings() -> list[str]:
    """What must never reach a commissioner or observer: names, contacts, addresses, codes."""
    strings: list[str] = []
    for person in Registrant.objects.all():
        strings += [person.email, f"{person.first_name} {person.last_name}", person.address]
    for invitation in Invitation.objects.select_related("address"):
        strings += [invitation.code, invitation.address.lines]
    return [value for value in strings if value]


def _request(client: Client, method: str, url: str) -> tuple[int, str]:
    response = client.post(url) if method == "POST" else client.get(url)
    body = b"".join(response) if response.streaming else response.content  # type: ignore[attr-defined]
    return response.status_code, body.decode("utf-8", errors="replace")


def test_every_pattern_is_classified() -> None:
    routes = _routes()
    unclassified = sorted(set(routes) - set(CLASSIFICATION))
    assert not unclassified, f"classify these patterns in CLASSIFICATION: {unclassified}"
    gone = sorted(set(CLASSIFICATION) - set(routes))
    assert not gone, f"these patterns no longer exist: {gone}"
    assert {kind for kind, _method, _shows in CLASSIFICATION.values()} == {
        PUBLIC,
        NON_PERSONAL,
        PERSONAL,
    }


def test_no_personal_data_for_commissioners_and_observers(world: World) -> None:
    cast = world.cast
    secrets = _personal_strings()
    assert len(secrets) > 3 * 247
    recruiter = cast.client("recruiter")
    watchers = {name: cast.client(name) for name in ("commissioner", "observer")}
    leaks: list[str] = []
    for name, route in sorted(_routes().items()):
        kind, method, shows = CLASSIFICATION[name]
        url = _url(name, route, world)
        if kind == PERSONAL:
            # The page works for those who may see it (so a 403 below means something) ...
            status, body = _request(recruiter, method, url)
            assert status in (200, 400), f"{name} {url}: the recruiter got {status}"
            if shows:
                assert any(value in body for value in secrets), f"{name}: shows nobody?"
        for watcher, client in watchers.items():
            status, body = _request(client, method, url)
            if kind == PERSONAL and status != 403:
                leaks.append(f"{watcher} got {status}, not 403, at {name} {url}")
            found = [value for value in secrets if value in body]
            if found:
                leaks.append(f"{watcher} sees {found[:3]} at {name} {url}")
    assert not leaks, "\n".join(leaks)


def test_the_commissioner_gets_403_from_every_personal_export(world: World) -> None:
    commissioner = world.cast.client("commissioner")
    for path in (
        "/p/riverside/manage/registrants/",
        "/p/riverside/manage/registrants.csv",
        "/p/riverside/manage/panel/",
        "/p/riverside/manage/panel.csv",
    ):
        assert commissioner.get(path).status_code == 403, path
