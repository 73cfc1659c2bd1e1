"""The demo's case records (issue 9).

Priya Raman (practitioner) published the parks jury's case record in February 2026: the
names reviewed, the region and country shown but not the town, and no link back to the
process. In December 2026 she started the climate assembly's record and wrote her
reflections; its names are not reviewed yet, so it waits on the review page.

Running the demo again deletes the processes (and with them their case records); the
parks jury's library entry has no link to its process, so it is found by its author and
title and deleted here before being published afresh.
"""

from __future__ import annotations

from collections.abc import Callable

from minipublic import clock
from minipublic.accounts.models import User
from minipublic.demo.timeline import at
from minipublic.learning import case_actions as actions
from minipublic.learning.case_models import CaseRecord
from minipublic.learning.case_names import known_names_for_process
from minipublic.learning.library_models import LibraryEntry
from minipublic.learning.redaction import proposed_terms
from minipublic.processes.models import Process

PARKS_SLUG = "demo-parks-jury"
CLIMATE_SLUG = "demo"
PARKS_TITLE = "A citizens' jury on cutting a city's parks budget by a fifth"

PARKS_LESSONS = (
    "We would agree the follow-up in writing before the jury starts. The council answered "
    "four of the five recommendations within its deadline, but the answer on volunteer "
    "rangers is months overdue and nobody at Riverford City Council owns it any more.\n\n"
    "When the portfolio holder asked to address the jurors on the first Saturday we offered "
    "the same slot and questions as every other witness, and added a budget officer. That "
    "worked: say yes to the person, no to the special treatment.\n\n"
    "Sixteen of the twenty-four jurors took part on paper. Next time we would budget for a "
    "helper at the library in Eastgate Ward so that more of them can follow the answers online."
)
CLIMATE_LESSONS = (
    "Dana Whitfield at Riverford City Council was a committed commissioner, but the call "
    "from the head of climate policy asking us to soften the workplace parking levy showed "
    "that her commitment did not bind the cabinet. We would now ask for the red lines to be "
    "signed by the council leader, not only by Ms Whitfield.\n\n"
    "Prof. Helen Achterberg's oversight panel made the difference twice: refusing the edit, "
    "and telling members at once that they need not sign the confidentiality agreement. "
    "Tom Okafor's table notes and Priya Raman's log of every contact were what the panel "
    "relied on; keep such a log from day one.\n\n"
    "The motoring lobby's e-mails reached members through addresses we had not protected. "
    "Maria Gonzalez of the Riverford Motorists' Forum then gave evidence like anyone else, "
    "which calmed it. Jo Baptiste of the Riverford Gazette asked fair questions throughout; "
    "call 01632 960 123 if you want to compare notes."
)


def _publish_parks(users: dict[str, User]) -> None:
    lead = users["practitioner"]
    process = Process.objects.get(slug=PARKS_SLUG)
    record = actions.do_generate_case_record(lead, process)
    sections = dict(record.sections, lessons=PARKS_LESSONS)
    record = _edit(lead, process, record, sections, title=PARKS_TITLE)
    known = known_names_for_process(process, record.place, record.region)
    terms = proposed_terms(actions.texts_of(record), known)
    actions.do_review_case_record(lead, process, terms=terms)
    actions.do_publish_case_record(lead, process)


def _start_climate(users: dict[str, User]) -> None:
    lead = users["practitioner"]
    process = Process.objects.get(slug=CLIMATE_SLUG)
    record = actions.do_generate_case_record(lead, process)
    sections = dict(record.sections, lessons=CLIMATE_LESSONS)
    _edit(lead, process, record, sections, title=record.title)


def _edit(
    lead: User, process: Process, record: CaseRecord, sections: dict[str, str], title: str
) -> CaseRecord:
    return actions.do_edit_case_record(
        lead,
        process,
        title=title,
        sections=sections,
        pressures=record.pressures,
        outcome=record.outcome,
        place=record.place,
        region="North West",
        country="England",
        location="region",
        licence="CC-BY-4.0",
        link_process=False,
    )


def load_cases(users: dict[str, User]) -> None:
    """Delete the demo's earlier parks entry, then publish it and start the climate draft."""
    LibraryEntry.objects.filter(author=users["practitioner"], title=PARKS_TITLE).delete()
    steps: list[tuple[str, Callable[[dict[str, User]], None]]] = [
        ("2026-02-20", _publish_parks),
        ("2026-12-02", _start_climate),
    ]
    for day, step in steps:
        with clock.frozen_at(at(day, 11)):
            step(users)
