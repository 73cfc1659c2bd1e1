"""Wording of table allocation's refusals: the platform's and the engine's coded errors."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

TEXTS: dict[str, Promise] = {
    # Table allocation in the platform (allocation.py).
    "allocation_needs_sessions": _("Choose at least one session."),
    "allocation_session_unknown": _("There is no session %(number)s."),
    "allocation_feature_unknown": _("Nobody in the room answered %(feature)s."),
    "allocation_tables_out_of_range": _("Choose between 1 and %(limit)s tables."),
    "allocation_capacities_mismatch": _(
        "Give the seats of each of the %(tables)s tables: %(given)s numbers were given."
    ),
    "allocation_seed_too_long": _("A seed has at most %(limit)s characters."),
    "allocation_run_elsewhere": _("That allocation belongs elsewhere."),
    "allocation_changed": _(
        "The room, the pins or the groups changed while the allocation ran: run it again."
    ),
    "allocation_already_applied": _(
        "Allocation %(number)s has already been applied: run the allocation again to change "
        "the seating."
    ),
    "allocation_room_changed": _(
        "People joined or left the room since allocation %(number)s was made: run the "
        "allocation again."
    ),
    "allocation_session_gone": _("Session %(number)s no longer exists."),
    "pin_attendee_unknown": _("That person is not in the room."),
    "pin_table_out_of_range": _("Choose a table between 1 and %(limit)s."),
    "group_needs_two": _("A group needs at least two people."),
    "group_note_too_long": _("A note has at most %(limit)s characters."),
    "group_elsewhere": _("That group belongs to another process."),
    # The allocation engine's refusals (room/allocation), people named as the team sees them.
    "allocation_no_attendees": _("There is nobody to seat: the room is empty."),
    "allocation_too_large": _(
        "%(count)s %(what)s is more than one allocation accepts (%(limit)s)."
    ),
    "allocation_blank_key": _("Attendee %(position)s has no key."),
    "allocation_duplicate_attendee": _("%(attendee)s is listed twice."),
    "allocation_duplicate_feature": _("The feature %(feature)s is chosen twice."),
    "allocation_unknown_feature": _(
        "Nobody in the room answered %(feature)s; features that can be balanced: %(available)s."
    ),
    "allocation_no_sessions": _("There is no session to allocate."),
    "allocation_duplicate_session": _("Session %(session)s is listed twice."),
    "allocation_no_tables": _("Session %(session)s has no tables: give it at least one."),
    "allocation_bad_capacity": _(
        "Table %(table)s of session %(session)s has %(capacity)s seats: every table needs at "
        "least one."
    ),
    "allocation_unknown_attendee": _("%(attendee)s is not among the people in the room."),
    "allocation_unknown_session": _("A pin names session %(session)s, which is not allocated."),
    "allocation_unknown_table": _(
        "%(attendee)s is pinned to table %(table)s of session %(session)s, which has tables 1 "
        "to %(tables)s: unpin them or choose more tables."
    ),
    "allocation_pin_absent": _(
        "%(attendee)s is pinned in session %(session)s but will not be there."
    ),
    "allocation_pin_conflict": _(
        "%(attendee)s is pinned to tables %(first)s and %(second)s in session %(session)s: "
        "keep one of the two pins."
    ),
    "allocation_nobody_present": _("Everyone is marked absent from session %(session)s."),
    "allocation_too_many_tables": _(
        "Session %(session)s would have %(tables)s tables for %(attendees)s people, so some "
        "would stay empty: choose at most %(attendees)s tables."
    ),
    "allocation_capacity_short": _(
        "Session %(session)s has %(seats)s seats for %(attendees)s people: add %(missing)s "
        "seats or another table."
    ),
    "allocation_pins_exceed_table": _(
        "%(pinned)s people are pinned to table %(table)s of session %(session)s, which seats "
        "%(capacity)s: unpin some or give the table more seats."
    ),
    "allocation_group_split_by_pins": _(
        "%(first)s and %(second)s sit together but are pinned to tables %(first_table)s and "
        "%(second_table)s in session %(session)s."
    ),
    "allocation_group_too_large": _(
        "The %(size)s people who sit with %(attendee)s must share a table, but tables in "
        "session %(session)s seat at most %(largest)s: pin the group to a table, use fewer "
        "tables, or give a table more seats."
    ),
    "allocation_apart_conflict": _(
        "%(first)s and %(second)s must sit together and must sit apart: remove one of the "
        "two groups."
    ),
    "allocation_apart_too_large": _(
        "%(size)s people who must sit apart are at session %(session)s, which has only "
        "%(tables)s tables."
    ),
    "allocation_apart_pinned_together": _(
        "%(first)s and %(second)s must sit apart but are both pinned to table %(table)s of "
        "session %(session)s."
    ),
    "allocation_infeasible": _(
        "No seating of session %(session)s fits its table sizes, pins and groups: unpin some "
        "people, loosen a group or change the tables."
    ),
    "allocation_solver_failed": _(
        "The solver could not seat session %(session)s (%(status)s); try again with fewer "
        "pins or groups."
    ),
    "allocation_bad_slack": _(
        "The balance slack is a number of people from 0 to %(limit)s, not %(slack)s."
    ),
    "allocation_bad_effort": _("The effort must be between 0.1 and 10, not %(effort)s."),
    "allocation_seating_no_session": _("The seating has no tables for session %(session)s."),
    "allocation_seating_table_count": _(
        "Session %(session)s has %(found)s tables in the seating, %(expected)s in the plan."
    ),
    "allocation_seating_over_capacity": _(
        "Table %(table)s of session %(session)s seats %(count)s, more than its %(capacity)s."
    ),
    "allocation_seating_not_expected": _(
        "%(attendee)s is seated in session %(session)s more than once or not expected there."
    ),
    "allocation_seating_missing": _("%(attendee)s has no seat in session %(session)s."),
}
