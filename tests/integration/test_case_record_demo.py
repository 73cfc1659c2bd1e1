"""The demo's case records, as ``minipublic demo`` loads them: the parks jury's published
(reviewed, unlinked, region only), the climate assembly's draft awaiting review; and the
anonymiser catches every person, organisation and place name the demo holds."""

from __future__ import annotations

from django.test import override_settings

from minipublic.anonymise import detect
from minipublic.demo import load_demo
from minipublic.integrity.models import LedgerEntry
from minipublic.learning import case_actions
from minipublic.learning.case_models import CaseRecord
from minipublic.learning.case_names import known_names_for_process
from minipublic.learning.library_models import LibraryEntry
from minipublic.processes.models import Process

#: Every name of a person, organisation or place in the climate assembly's demo content
#: (demo/content.py, demo/evidence_story.py, demo/funding_story.py).
DEMO_NAMES = (
    # members
    "Dana Whitfield", "Priya Raman", "Tom Okafor", "Rosa Lindqvist", "Helen Achterberg",
    "Prof. Helen Achterberg", "Sam Kowalski", "Dr Sam Kowalski", "Jo Baptiste",
    "Amina Hassan", "Bill Turner", "Chen Wei", "Deborah Mensah", "Eilidh Ross",
    "Farid Azimi", "Grace O'Neill", "Hamza Ali", "Irena Novak", "Jack Pemberton",
    "Kofi Boateng", "Lucy Evans",
    # surnames as people write them
    "Ms Whitfield", "Whitfield's", "Dr Kowalski", "Okafor",
    # witnesses
    "Cllr Mark Ellison", "Ravi Desai", "Prof. Aisha Rahman", "Maria Gonzalez", "Ben Adeyemi",
    "Gary Whitmore", "Sandra Liu", "Dr Leila Osei", "Joan Mitchell", "Cllr Ruth Bamford",
    "Daniel Okoro",
    # organisations
    "Riverford City Council", "Riverford Gazette", "Riverford Motorists' Forum",
    "Riverford Cycling Campaign", "Whitmore Heating Ltd", "Northern Heat Pump Association",
    "Riverford Chamber of Commerce", "Institute for Fiscal Fairness", "Northfield University",
    "Riverford University", "Greenhaven City Council", "Riverford Housing Co-operative",
    "Riverford Community Foundation", "University of Riverford", "Riverford Motors",
    "Riverford Community Energy",
    # places
    "Riverford", "Greenhaven", "Eastgate Ward", "Mill Lane",
)  # fmt: skip


def test_the_anonymiser_catches_every_demo_name(db: None, demo_db: None) -> None:
    process = Process.objects.get(slug="demo")
    draft = case_actions.current_draft(process)
    assert draft is not None
    known = known_names_for_process(process, draft.place, draft.region)
    draft_text = "\n".join(case_actions.texts_of(draft))
    for name in ("Riverford City Council", "Dana Whitfield", "Riverford Gazette"):
        assert name in draft_text  # the draft really contains the demo's names
    missed = []
    for name in DEMO_NAMES:
        text = f"{draft_text}\nWe worked closely with {name} on this.\n"
        start = text.rindex(name)
        end = start + len(name.removesuffix("'s"))
        covered = any(f.start <= start and end <= f.end for f in detect(text, known))
        if not covered:
            missed.append(name)
    assert missed == []
    # Within the draft itself, every known name found is replaced by a role label.
    terms = {f.text for f in detect(draft_text, known)}
    assert {"Dana Whitfield", "Riverford City Council", "Riverford Gazette"} <= terms


def test_the_parks_jury_record_is_published_unlinked_and_the_climate_draft_waits(
    db: None, demo_db: None
) -> None:
    parks = Process.objects.get(slug="demo-parks-jury")
    published = CaseRecord.objects.get(process=parks)
    assert published.published_at is not None
    assert published.reviewed_at is not None
    entry = published.entry
    assert entry is not None
    assert entry.process is None
    assert (entry.place, entry.region, entry.country) == ("", "North West", "England")
    text = " ".join([entry.title, *entry.sections.values()])
    for name in ("Riverford", "Priya", "Whitfield", "Eastgate"):
        assert name not in text, name
    assert "[the town]" in text
    assert entry.figures["responses"]["overdue"] == "fewer than 5"
    assert entry.sections["lessons"].startswith("We would agree the follow-up")
    assert not LedgerEntry.objects.filter(event="learning.case_published").exists()
    assert LibraryEntry.objects.filter(title=entry.title).count() == 1

    climate = Process.objects.get(slug="demo")
    draft = case_actions.current_draft(climate)
    assert draft is not None
    assert draft.reviewed_at is None
    assert "Dana Whitfield" in draft.sections["lessons"]
    assert "steer.report_content" in draft.pressures
    assert "market.non_disclosure" in draft.pressures


def test_running_the_demo_again_restores_the_case_records_only(db: None, demo_db: None) -> None:
    parks_entry = CaseRecord.objects.get(process__slug="demo-parks-jury").entry
    assert parks_entry is not None
    someone_else = LibraryEntry.objects.create(
        public_id="not-demo", title=parks_entry.title, outcome="mixed", licence="CC0-1.0",
        author_label="someone", published_at=parks_entry.published_at,
    )  # fmt: skip
    climate = CaseRecord.objects.get(process__slug="demo")
    climate.sections["lessons"] = "changed"
    climate.save()
    with override_settings(DEBUG=True):
        load_demo()
    assert CaseRecord.objects.filter(process__slug="demo-parks-jury").count() == 1
    assert not LibraryEntry.objects.filter(pk=parks_entry.pk).exists()
    assert LibraryEntry.objects.filter(title=parks_entry.title).count() == 2
    assert LibraryEntry.objects.filter(pk=someone_else.pk).exists()
    (draft,) = CaseRecord.objects.filter(process__slug="demo")
    assert draft.sections["lessons"].startswith("Dana Whitfield at Riverford City Council")
