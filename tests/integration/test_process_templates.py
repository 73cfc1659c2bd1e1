"""Process templates: starting a process from one, its planned design, and the public list."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from minipublic.integrity import record
from minipublic.lifecycle import LifecycleError, Phase, ProcessModel
from minipublic.processes import actions
from minipublic.processes.access import SYSTEM
from minipublic.processes.design import PlannedDesign, design_of
from minipublic.processes.models import Process
from minipublic.standards import CATALOGUE_VERSION, TEMPLATES
from tests.cast import ACTORS, Cast, accept_all_terms

NEW = "/processes/new/"
DESIGN = "/p/riverside/manage/design/"


def _new_process(**changes: str) -> dict[str, str]:
    return {
        "slug": "harbour-jury",
        "title": "Harbour Jury",
        "question": "What should happen to the old harbour?",
        "description": "",
        "commissioning_body": "Port Authority",
        "model": "citizens_assembly",
        "visibility": "private",
        **changes,
    }


def _design(**changes: str) -> dict[str, str]:
    return {
        "planned_days": "5",
        "planned_hours": "40",
        "planned_meetings": "6",
        "planned_panel_size": "24",
        "response_days": "90",
        **changes,
    }


def _created_payload(process: Process) -> dict[str, Any]:
    rows = record.public_entries(process)
    assert rows[0]["event"] == "process.created"
    payload: dict[str, Any] = rows[0]["payload"]
    return payload


def _last_entry(process: Process, event: str) -> dict[str, Any]:
    rows = [row for row in record.public_entries(process) if row["event"] == event]
    row: dict[str, Any] = rows[-1]
    return row


# ------------------------------------------------------------------ creating from the page


def test_the_create_page_offers_every_template_and_preselects_the_assembly(cast: Cast) -> None:
    page = cast.client("staff").get(NEW).text
    for t in TEMPLATES.values():
        assert f'value="{t.id}"' in page
    assert page.index('value="ostbelgien"') < page.index('value=""')  # "no template" comes last
    assert 'value="citizens_assembly" id="id_template_0" checked' in page
    assert page.count(" checked") == 1
    assert "Panel of 24, 5 days of deliberation," in page  # the jury's summary
    assert 'href="/templates/"' in page


def test_a_process_created_from_a_template_copies_its_design(cast: Cast) -> None:
    response = cast.client("staff").post(NEW, _new_process(template="citizens_jury"))
    assert response.status_code == 302
    process = Process.objects.get(slug="harbour-jury")
    assert process.template == "citizens_jury"
    assert process.model == ProcessModel.CITIZENS_JURY  # the template's model wins
    assert process.planned_days == Decimal("5.0")
    assert process.planned_hours == 40
    assert process.planned_meetings == 6
    assert process.planned_panel_size == 24
    assert process.response_days == 90
    snapshot = process.template_snapshot
    assert snapshot["template"] == "citizens_jury"
    assert snapshot["name"] == "Citizens' Jury"
    assert snapshot["catalogue_version"] == CATALOGUE_VERSION
    assert snapshot["defaults"] == {
        "planned_days": 5,
        "planned_hours": 40,
        "planned_meetings": 6,
        "planned_panel_size": 24,
        "response_days": 90,
    }
    assert snapshot["thresholds"]["min_days"] == 4
    assert snapshot["thresholds"]["min_hours"] == 40
    payload = _created_payload(process)
    assert payload["template"] == "citizens_jury"
    assert payload["model"] == "citizens_jury"
    assert (payload["planned_days"], payload["planned_panel_size"]) == (5, 24)
    assert (payload["planned_hours"], payload["response_days"]) == (40, 90)


def test_a_template_without_a_model_of_its_own_keeps_the_chosen_model(cast: Cast) -> None:
    response = cast.client("staff").post(
        NEW, _new_process(template="citizens_council", model="citizens_panel")
    )
    assert response.status_code == 302
    process = Process.objects.get(slug="harbour-jury")
    assert process.model == ProcessModel.CITIZENS_PANEL
    assert process.planned_days == Decimal("1.5")
    assert process.planned_hours is None  # the source sets no hours
    assert _created_payload(process)["planned_days"] == 1.5


def test_no_template_is_an_explicit_choice(cast: Cast) -> None:
    response = cast.client("staff").post(NEW, _new_process(template="", model="planning_cell"))
    assert response.status_code == 302
    process = Process.objects.get(slug="harbour-jury")
    assert (process.template, process.template_snapshot) == ("", {})
    assert process.model == ProcessModel.PLANNING_CELL
    assert process.planned_days is None
    assert process.response_days is None
    payload = _created_payload(process)
    assert payload["template"] == ""
    assert payload["planned_days"] is None


def test_an_unknown_template_is_refused_with_a_message(cast: Cast) -> None:
    response = cast.client("staff").post(NEW, _new_process(template="town_hall"))
    assert response.status_code == 400
    assert "Select a valid choice" in response.text
    assert not Process.objects.filter(slug="harbour-jury").exists()


def test_the_action_refuses_an_unknown_template_in_words(cast: Cast) -> None:
    with pytest.raises(LifecycleError) as refused:
        actions.do_create_process(
            SYSTEM,
            slug="harbour-jury",
            title="Harbour",
            question="?",
            commissioning_body="Port",
            lead=cast.users["staff"],
            template="town_hall",
        )
    assert refused.value.code == "unknown_template"
    assert not Process.objects.filter(slug="harbour-jury").exists()


def test_the_demo_values_replace_the_templates_defaults(cast: Cast) -> None:
    process = actions.do_create_process(
        SYSTEM,
        slug="harbour-assembly",
        title="Harbour",
        question="?",
        commissioning_body="Port",
        lead=cast.users["staff"],
        template="citizens_assembly",
        design=PlannedDesign(planned_days=Decimal(10), planned_panel_size=24),
    )
    assert (process.planned_days, process.planned_panel_size) == (Decimal(10), 24)
    assert process.planned_hours == 45  # the template's, not replaced
    assert process.template_snapshot["defaults"]["planned_days"] == 6  # what the template said


def test_a_later_change_to_a_template_never_rewrites_the_process(
    cast: Cast,
) -> None:
    client = cast.client("staff")
    client.post(NEW, _new_process(template="citizens_assembly"))
    process = Process.objects.get(slug="harbour-jury")
    accept_all_terms(process)  # the creator leads it, once they accept the lead's terms
    before = dict(process.template_snapshot)
    # A new catalogue version changes the template's defaults in place.
    assembly = TEMPLATES["citizens_assembly"]
    with _changed(assembly, days=2, meetings=1, thresholds=TEMPLATES["g1000"].thresholds):
        client.post(NEW, _new_process(slug="harbour-two", template="citizens_assembly"))
        newer = Process.objects.get(slug="harbour-two")
        assert newer.planned_days == Decimal(2)  # the change took effect for new processes
        assert newer.template_snapshot["thresholds"]["min_days"] == 1
        # Editing the older process's details keeps its design and its snapshot.
        response = client.post(
            "/p/harbour-jury/manage/details/",
            {**_new_process(title="Harbour Assembly"), "model": "citizens_assembly"},
        )
        assert response.status_code == 302
        page = client.get("/p/harbour-jury/").text
    process.refresh_from_db()
    assert process.title == "Harbour Assembly"
    assert process.planned_days == Decimal(6)
    assert process.planned_meetings == 6
    assert process.template_snapshot == before
    assert process.template_snapshot["thresholds"]["min_days"] == 4
    assert "<dt>Days of deliberation</dt><dd>6</dd>" in page


@contextmanager
def _changed(frozen: object, **values: object) -> Iterator[None]:
    # Templates are frozen dataclasses: change one in place, as a new release could.
    before = {name: getattr(frozen, name) for name in values}
    for name, value in values.items():
        object.__setattr__(frozen, name, value)
    try:
        yield
    finally:
        for name, value in before.items():
            object.__setattr__(frozen, name, value)


# ------------------------------------------------------------------ the planned design


def test_the_lead_practitioner_changes_the_planned_design(cast: Cast) -> None:
    response = cast.client("lead_practitioner").post(DESIGN, _design(planned_days="4.5"))
    assert response.status_code == 302
    process = cast.refresh()
    assert process.planned_days == Decimal("4.5")
    assert (process.planned_hours, process.planned_meetings) == (40, 6)
    assert (process.planned_panel_size, process.response_days) == (24, 90)
    entry = _last_entry(process, "process.updated")
    assert entry["event"] == "process.updated"
    assert entry["actor_role"] == "lead_practitioner"
    assert entry["payload"]["changed"] == [
        "planned_days",
        "planned_hours",
        "planned_meetings",
        "planned_panel_size",
        "response_days",
    ]
    assert entry["payload"]["design"]["planned_days"] == 4.5
    # Saving the same values again records nothing.
    count = record.entries(process).count()
    cast.client("lead_practitioner").post(DESIGN, _design(planned_days="4.5"))
    assert record.entries(process).count() == count


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("planned_days", "0", "greater than or equal to 0.5"),
        ("planned_days", "4.3", "multiple of step size 0.5"),
        ("planned_days", "61", "less than or equal to 60"),
        ("planned_hours", "0", "greater than or equal to 1"),
        ("planned_hours", "501", "less than or equal to 500"),
        ("planned_meetings", "101", "less than or equal to 100"),
        ("planned_panel_size", "4", "greater than or equal to 5"),
        ("planned_panel_size", "2001", "less than or equal to 2000"),
        ("response_days", "731", "less than or equal to 730"),
        ("response_days", "soon", "Enter a whole number"),
    ],
)
def test_a_planned_value_out_of_range_is_an_error_on_its_field(
    cast: Cast, field: str, value: str, message: str
) -> None:
    count = record.entries(cast.process).count()
    response = cast.client("lead_practitioner").post(DESIGN, _design(**{field: value}))
    assert response.status_code == 400
    page = response.text
    error = page.index(f'id="id_{field}_error"')
    assert message in page[error : page.index("</p>", error)]
    assert cast.refresh().planned_days is None
    assert record.entries(cast.process).count() == count


def test_the_action_refuses_a_value_out_of_range_in_words(cast: Cast) -> None:
    with pytest.raises(LifecycleError) as refused:
        actions.do_update_process(
            cast.users["lead_practitioner"],
            cast.process,
            title=cast.process.title,
            question=cast.process.question,
            commissioning_body=cast.process.commissioning_body,
            model=ProcessModel.CITIZENS_ASSEMBLY,
            design=PlannedDesign(planned_days=Decimal("0.3")),
        )
    assert refused.value.code == "planned_value_out_of_range"
    assert refused.value.params["field"] == "planned_days"
    assert cast.refresh().planned_days is None


def test_empty_values_unset_the_design(cast: Cast) -> None:
    client = cast.client("lead_practitioner")
    client.post(DESIGN, _design())
    response = client.post(DESIGN, _design(planned_hours="", response_days=""))
    assert response.status_code == 302
    process = cast.refresh()
    assert (process.planned_hours, process.response_days) == (None, None)
    assert process.planned_days == Decimal(5)


def test_only_the_lead_practitioner_changes_the_design(cast: Cast) -> None:
    # Not even the commissioner, who may edit the remit while it is designed: cutting the
    # members' time is the independent team's decision.
    expected = dict.fromkeys(ACTORS, 403) | {
        "lead_practitioner": 302,
        "outsider": 404,
        "staff": 404,
        "anonymous": 302,  # to the sign-in page
    }
    for who in ACTORS:
        response = cast.client(who).post(DESIGN, _design(planned_meetings=str(len(who))))
        assert response.status_code == expected[who], who
        assert cast.refresh().planned_meetings in (None, len("lead_practitioner")), who
    assert cast.refresh().planned_meetings == len("lead_practitioner")
    page = cast.client("commissioner").get("/p/riverside/manage/").text
    assert 'action="/p/riverside/manage/design/"' not in page
    with pytest.raises(LifecycleError) as refused:
        actions.do_update_process(
            cast.users["commissioner"],
            cast.refresh(),
            title="T",
            question="Q?",
            commissioning_body="C",
            model=ProcessModel.CITIZENS_JURY,
            design=design_of(cast.refresh()).replace(planned_days=Decimal(1)),
        )
    assert refused.value.code == "design_for_practitioner"


def test_the_design_is_fixed_once_deliberation_starts(cast: Cast) -> None:
    for phase in (Phase.RECRUITMENT, Phase.SELECTION, Phase.DELIBERATION):
        actions.do_change_phase(SYSTEM, cast.refresh(), phase)
    response = cast.client("lead_practitioner").post(DESIGN, _design())
    assert response.status_code == 403
    page = cast.client("lead_practitioner").get("/p/riverside/manage/").text
    assert "The planned design is fixed in this phase" in page


# ------------------------------------------------------------------ the public pages


def test_the_templates_page_lists_every_template_with_its_sources(cast: Cast) -> None:
    response = cast.client("anonymous").get("/templates/")
    assert response.status_code == 200
    page = response.text
    assert page.count("<section") == len(TEMPLATES) == 9
    for t in TEMPLATES.values():
        assert f'id="{t.id}"' in page
        for citation in t.sources.values():
            assert citation.text.replace("'", "&#x27;") in page, (t.id, citation)
        for step in t.phases:
            assert step.label.replace("'", "&#x27;") in page
    assert "100 members (the model allows 50 to 160)" in page
    assert "A public response within 60 days" in page  # Ostbelgien
    assert "No response from a decision-maker is due" in page  # the initiative review
    assert "24 members serving 18 months; 8 replaced by lot every 6 months" in page


def test_the_process_page_shows_the_planned_design(public_cast: Cast) -> None:
    public_cast.client("lead_practitioner").post(DESIGN, _design(planned_days="6.5"))
    page = public_cast.client("anonymous").get("/p/riverside/").text
    assert "Planned design" in page
    for label, value in (
        ("Days of deliberation", "6.5"),
        ("Hours of deliberation", "40"),
        ("Meetings", "6"),
        ("Panel size", "24"),
        ("Days the commissioner has to respond", "90"),
    ):
        assert f"<dt>{label}</dt><dd>{value}</dd>" in page, label
    assert "<dt>Template</dt>\n    <dd>None</dd>" in page


def test_the_process_page_names_the_template_and_links_to_it(cast: Cast) -> None:
    cast.client("staff").post(NEW, _new_process(template="citizens_jury"))
    page = cast.client("staff").get("/p/harbour-jury/").text
    assert '<a href="/templates/#citizens_jury">Citizens&#x27; Jury</a>' in page
    assert "<dt>Panel size</dt><dd>24</dd>" in page


def test_a_process_without_any_design_shows_none(cast: Cast) -> None:
    page = cast.client("lead_practitioner").get("/p/riverside/").text
    assert "Planned design" not in page


# ------------------------------------------------------------------ the demo


def test_the_demo_processes_start_from_templates(db: None, demo_db: None) -> None:

    designs = {
        p.slug: (p.template, p.model, p.planned_days, p.planned_panel_size, p.response_days)
        for p in Process.objects.filter(slug__startswith="demo")
    }
    assert designs == {
        "demo": ("citizens_assembly", "citizens_assembly", Decimal(10), 24, 90),
        "demo-transport-jury": ("citizens_jury", "citizens_jury", Decimal(5), 24, 90),
        "demo-parks-jury": ("citizens_jury", "citizens_jury", Decimal("3.5"), 24, 60),
        "demo-council": ("ostbelgien", "permanent_council", Decimal(5), 24, 60),
    }
    assembly = Process.objects.get(slug="demo")
    assert assembly.template_snapshot["defaults"]["planned_days"] == 6
    payload = _created_payload(assembly)
    assert (payload["template"], payload["planned_days"], payload["planned_hours"]) == (
        "citizens_assembly",
        10,
        60,
    )
    page = Client().get("/p/demo/").text
    assert '<a href="/templates/#citizens_assembly">Citizens&#x27; Assembly</a>' in page
    assert "<dt>Days of deliberation</dt><dd>10</dd>" in page
