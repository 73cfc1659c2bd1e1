"""The demo's case library, as ``minipublic demo`` loads it: two fictional records by the
demo practitioner with a shared contract clause, filters that show them, the parks jury's
code of conduct shared with its record when the case story has published one, and a
second load restoring (not doubling) what the story made."""

from __future__ import annotations

from django.test import Client

from minipublic.accounts.models import User
from minipublic.demo.case_story import PARKS_TITLE
from minipublic.demo.library_story import CODE_OF_CONDUCT, GLENMUIR, LINDENAU, load_library
from minipublic.learning.library_models import LibraryEntry, LibraryMaterial, Licence


def _users() -> dict[str, User]:
    return {"practitioner": User.objects.get(username="practitioner")}


def test_the_demo_library_has_records_to_filter(db: None, demo_db: None) -> None:
    glenmuir = LibraryEntry.objects.get(public_id=GLENMUIR)
    assert glenmuir.author == User.objects.get(username="practitioner")
    assert glenmuir.process is None
    assert glenmuir.materials.get().licence == Licence.CC0
    response = Client().get("/library/?pressure=impact.no_response")
    titles = {entry.public_id: entry.title for entry in response.context["entries"]}
    # The planning cell nobody answered, and the parks jury with its overdue answer.
    assert set(titles.values()) == {LibraryEntry.objects.get(public_id=LINDENAU).title, PARKS_TITLE}
    response = Client().get("/library/?q=walked&country=Scotland")
    assert [entry.public_id for entry in response.context["entries"]] == [GLENMUIR]


def test_the_parks_record_gets_its_code_of_conduct(db: None, demo_db: None) -> None:
    users = _users()
    parks = LibraryEntry.objects.get(title=PARKS_TITLE)  # published by the case story
    load_library(users)
    load_library(users)  # loading again restores, it does not add twice
    shared = LibraryMaterial.objects.get(entry=parks)
    assert shared.filename == CODE_OF_CONDUCT
    assert shared.licence == Licence.CC_BY
    assert LibraryEntry.objects.filter(public_id__in=[GLENMUIR, LINDENAU]).count() == 2
    assert LibraryMaterial.objects.filter(entry__public_id=GLENMUIR).count() == 1
    download = Client().get(f"/library/{parks.public_id}/materials/{shared.pk}/")
    assert b"fictional" in download.content.lower()
