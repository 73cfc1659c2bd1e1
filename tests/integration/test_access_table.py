"""The access rules as a role x action x phase table, checked against the real helpers.

Read a row as: in a process with this visibility, this person may perform this action in
these phases. Everything the table does not grant must be refused. ``who`` is an actor
from tests/cast.py, ``members`` (every role), ``signed-in`` (everyone but anonymous),
``everyone`` or ``nobody``. Phases are ``all``, one phase, a range ``first..last``, or
``-`` for actions that are not about a process.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from itertools import product

import pytest

import minipublic
from minipublic.lifecycle import PHASE_ORDER, Action, Phase, Visibility
from minipublic.processes.access import can
from tests.cast import ACTORS as CAST_ACTORS
from tests.cast import RESEARCHER, ROLE_ACTORS, Cast

ACTORS = (*CAST_ACTORS, RESEARCHER)

TABLE = """
action                 visibility  who                phases
view_process           private     members            all
view_process           public      everyone           all
view_members           any         lead_practitioner  all
view_members           any         facilitator        all
view_members           any         recruiter          all
view_members           any         oversight          all
edit_process           any         lead_practitioner  design..selection
edit_process           any         commissioner       design
change_phase           any         lead_practitioner  design..follow_up
manage_members         any         lead_practitioner  design..follow_up
set_visibility         any         lead_practitioner  design..follow_up
delete_process         any         nobody             -
create_process         any         staff              -
manage_own_account     any         signed-in          -
report_incident        any         members            design..follow_up
view_incidents         any         oversight          all
view_incidents         any         lead_practitioner  all
review_incident        any         oversight          design..follow_up
review_incident        any         lead_practitioner  design..follow_up
publish_incident       any         oversight          design..follow_up
declare_interest       any         members            design..follow_up
record_declaration     any         lead_practitioner  design..follow_up
record_declaration     any         facilitator        design..follow_up
view_declarations      any         oversight          all
view_declarations      any         lead_practitioner  all
review_declaration     any         oversight          design..follow_up
publish_document       any         lead_practitioner  design..follow_up
publish_document       any         oversight          design..follow_up
view_oversight         any         oversight          all
attest                 any         lead_practitioner  design..follow_up
edit_design            any         lead_practitioner  design..selection
sign_off               any         oversight          design..follow_up
appraise               any         lead_practitioner  design..follow_up
view_appraisal         any         lead_practitioner  all
view_appraisal         any         oversight          all
accept_terms           any         members            design..follow_up
edit_terms             any         lead_practitioner  design..follow_up
propose_code           any         participant        design..follow_up
vote_code              any         participant        design..follow_up
run_code_vote          any         facilitator        design..follow_up
run_code_vote          any         lead_practitioner  design..follow_up
council_act            any         participant        design..follow_up
council_act            any         facilitator        design..follow_up
council_act            any         lead_practitioner  design..follow_up
manage_council         any         lead_practitioner  design..follow_up
manage_recruitment     any         lead_practitioner  design..selection
manage_recruitment     any         recruiter          design..selection
view_registrants       any         lead_practitioner  design..follow_up
view_registrants       any         recruiter          design..follow_up
manage_quotas          any         lead_practitioner  design..selection
manage_quotas          any         recruiter          design..selection
run_selection          any         lead_practitioner  recruitment..deliberation
run_selection          any         recruiter          recruitment..deliberation
draw_panel             any         lead_practitioner  selection..deliberation
manage_panel           any         lead_practitioner  selection..recommendations
manage_panel           any         recruiter          selection..recommendations
register               public      everyone           all
propose_witness        any         commissioner       design..follow_up
propose_witness        any         lead_practitioner  design..follow_up
propose_witness        any         facilitator        design..follow_up
propose_witness        any         expert             design..follow_up
propose_witness        any         oversight          design..follow_up
manage_witnesses       any         lead_practitioner  design..follow_up
manage_witnesses       any         facilitator        design..follow_up
request_witness        any         participant        design..follow_up
vote_witness           any         participant        design..follow_up
run_witness_vote       any         lead_practitioner  design..follow_up
run_witness_vote       any         facilitator        design..follow_up
add_material           any         lead_practitioner  design..follow_up
add_material           any         facilitator        design..follow_up
add_material           any         expert             design..follow_up
add_material           any         commissioner       design..follow_up
view_material_drafts   any         lead_practitioner  all
view_material_drafts   any         facilitator        all
view_material_drafts   any         oversight          all
review_material        any         lead_practitioner  design..follow_up
review_material        any         facilitator        design..follow_up
review_material        any         oversight          design..follow_up
publish_material       any         lead_practitioner  design..follow_up
manage_agenda          any         lead_practitioner  design..follow_up
manage_agenda          any         facilitator        design..follow_up
run_timer              any         lead_practitioner  deliberation..recommendations
run_timer              any         facilitator        deliberation..recommendations
request_time           any         participant        deliberation..recommendations
decide_time            any         lead_practitioner  deliberation..recommendations
decide_time            any         facilitator        deliberation..recommendations
view_room              any         lead_practitioner  all
view_room              any         facilitator        all
record_speaking        any         lead_practitioner  deliberation..recommendations
record_speaking        any         facilitator        deliberation..recommendations
view_equity            any         members            all
allocate_tables        any         lead_practitioner  design..follow_up
allocate_tables        any         facilitator        design..follow_up
view_own_tables        any         participant        all
raise_concern          any         participant        deliberation..recommendations
raise_concern          any         lead_practitioner  deliberation..recommendations
raise_concern          any         facilitator        deliberation..recommendations
resolve_concern        any         lead_practitioner  deliberation..recommendations
resolve_concern        any         facilitator        deliberation..recommendations
write_summary          any         lead_practitioner  deliberation..recommendations
write_summary          any         facilitator        deliberation..recommendations
confirm_summary        any         participant        deliberation..recommendations
view_drafts            any         participant        all
view_drafts            any         lead_practitioner  all
view_drafts            any         facilitator        all
view_drafts            any         oversight          all
draft_recommendation   any         participant        deliberation..recommendations
decide_amendment       any         participant        deliberation..recommendations
vote_recommendation    any         participant        deliberation..recommendations
run_recommendation_vote any        lead_practitioner  deliberation..recommendations
run_recommendation_vote any        facilitator        deliberation..recommendations
edit_report            any         participant        recommendations..follow_up
sign_report            any         participant        recommendations..follow_up
request_report_change  any         commissioner       recommendations..follow_up
respond                any         commissioner       recommendations..follow_up
report_progress        any         commissioner       response..follow_up
report_progress        any         lead_practitioner  response..follow_up
rate_response          any         participant        response..follow_up
choose_updates         any         participant        all
answer_evaluation      any         participant        deliberation..follow_up
manage_evaluation      any         lead_practitioner  design..follow_up
manage_evaluation      any         oversight          design..follow_up
write_case_record      any         lead_practitioner  all
write_case_record      any         facilitator        all
publish_case_record    any         lead_practitioner  all
research               any         researcher         -
moderate_library       any         staff              -
share_library_material any         signed-in          -
withdraw_own_library_entry any     signed-in          -
view_support           any         lead_practitioner  all
view_support           any         recruiter          all
manage_support         any         lead_practitioner  design..follow_up
manage_support         any         recruiter          design..follow_up
record_attendance      any         lead_practitioner  design..follow_up
record_attendance      any         facilitator        design..follow_up
record_attendance      any         recruiter          design..follow_up
check_in               any         participant        deliberation..recommendations
message_participants   any         lead_practitioner  design..follow_up
message_participants   any         facilitator        design..follow_up
message_participants   any         recruiter          design..follow_up
view_own_support       any         participant        all
request_contact        any         members            design..follow_up
request_contact        public      everyone           all
handle_contact         any         lead_practitioner  all
choose_consent         any         participant        all
"""

_GROUPS = {
    "members": set(ROLE_ACTORS),
    "signed-in": set(ACTORS) - {"anonymous"},
    "everyone": set(ACTORS),
    "nobody": set(),
}


def _phases(text: str) -> set[Phase]:
    if text in ("all", "-"):
        return set(Phase)
    first, _, last = text.partition("..")
    start, end = PHASE_ORDER.index(Phase(first)), PHASE_ORDER.index(Phase(last or first))
    return set(PHASE_ORDER[start : end + 1])


def _granted() -> set[tuple[Action, Visibility, str, Phase]]:
    granted = set()
    for line in TABLE.strip().splitlines()[1:]:
        action, visibility, who, phases = line.split()
        visibilities = list(Visibility) if visibility == "any" else [Visibility(visibility)]
        actors = _GROUPS.get(who, {who})
        for vis, actor, phase in product(visibilities, actors, _phases(phases)):
            granted.add((Action(action), vis, actor, phase))
    return granted


GRANTED = _granted()


def test_every_action_has_a_row_in_the_table() -> None:
    in_table = {line.split()[0] for line in TABLE.strip().splitlines()[1:]}
    missing = {action.value for action in Action} - in_table
    assert not missing, f"add rows to TABLE for: {sorted(missing)}"


def test_table_names_only_known_actors() -> None:
    for line in TABLE.strip().splitlines()[1:]:
        who = line.split()[2]
        assert who in _GROUPS or who in ACTORS, who


def test_every_named_action_function_checks_access() -> None:
    """Every do_* function anywhere in minipublic goes through access.performs."""
    unchecked = []
    for module_info in pkgutil.walk_packages(minipublic.__path__, "minipublic."):
        if ".migrations" in module_info.name or module_info.name.endswith("__main__"):
            continue
        module = importlib.import_module(module_info.name)
        for name, function in inspect.getmembers(module, inspect.isfunction):
            defined_here = function.__module__ == module.__name__
            if name.startswith("do_") and defined_here and not hasattr(function, "performs"):
                unchecked.append(f"{module.__name__}.{name}")
    assert not unchecked, f"decorate with @performs(Action.…): {unchecked}"


@pytest.mark.parametrize("visibility", list(Visibility))
@pytest.mark.parametrize("action", list(Action))
def test_can_matches_the_table(cast: Cast, action: Action, visibility: Visibility) -> None:
    process = cast.process
    process.visibility = visibility
    mismatches = []
    for phase in PHASE_ORDER:
        process.phase = phase
        process.save()
        for actor in ACTORS:
            expected = (action, visibility, actor, phase) in GRANTED
            if can(cast.actor(actor), action, process) != expected:
                verb = "refused" if expected else "allowed"
                mismatches.append(f"{actor} {verb} in {phase}")
    assert not mismatches, f"{action} ({visibility}): " + "; ".join(mismatches)


def test_an_inactive_account_loses_every_right(cast: Cast) -> None:
    lead = cast.users["lead_practitioner"]
    lead.is_active = False
    lead.save()
    assert not any(can(lead, action, cast.process) for action in Action)
