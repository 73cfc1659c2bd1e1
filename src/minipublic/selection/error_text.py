"""Translated wording for this app's LifecycleError codes (merged into processes.error_text)."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

TEXTS: dict[str, Promise] = {
    # "code": _("Wording with %(param)s."),
    # The public draw, the panel and replacements (commit.py, draw.py).
    "run_files_missing": _("Run %(number)s has no %(name)s; it cannot be committed."),
    "selection_file_refused": _("%(name)s of run %(number)s cannot be published: %(problem)s"),
    "run_files_changed": _("The files of run %(number)s do not match its recorded commitment."),
    "run_pool_unknown": _(
        "Run %(number)s selects from %(missing)s people who are not registrants of this "
        "process; it cannot be committed."
    ),
    "replacement_pending": _(
        "Replacement run %(number)s is committed but not drawn yet; draw it first."
    ),
    "replacement_stale": _(
        "Run %(number)s was prepared for a panel that has changed since; prepare a new "
        "replacement run."
    ),
    "run_elsewhere": _("That run belongs to another process."),
    "run_already_committed": _("Run %(number)s is already committed."),
    "run_not_done": _("Only a finished run can be committed; run %(number)s is not finished."),
    "draw_needs_source": _("Say where the public randomness will come from."),
    "draw_source_too_long": _("Describe the source of randomness in at most %(limit)s characters."),
    "draw_time_past": _("Announce a time for the draw that is still to come."),
    "selection_already_committed": _(
        "Run %(number)s is already committed for this process: there is no re-rolling "
        "after a commitment."
    ),
    "run_not_committed": _("Run %(number)s is not committed: commit first, then draw."),
    "run_already_drawn": _(
        "Run %(number)s has already been drawn: one commitment allows one draw."
    ),
    "draw_needs_randomness": _("Enter the public randomness."),
    "draw_randomness_too_long": _("The randomness has at most %(limit)s characters."),
    "draw_too_early": _("The draw was announced for %(time)s; it cannot happen before then."),
    "draw_refused": _("The engine refused the draw: %(problem)s"),
    "member_status_unknown": _("%(status)s is not a status of a panel member."),
    "not_on_panel": _("%(pseudonym)s is not a member of the panel."),
    "link_needs_confirmed_member": _("%(pseudonym)s is not a confirmed member of the panel."),
    "link_needs_participant": _(
        "%(user)s is not a participant of this process: add them as one first."
    ),
    "account_already_linked": _("%(user)s is already linked to panel member %(pseudonym)s."),
    "run_needs_reason": _("Say publicly why this run is made."),
    "run_reason_too_long": _("Say why in at most %(limit)s characters."),
    "panel_not_drawn": _("There is no drawn panel yet."),
    "council_replaces_by_rotation": _(
        "A permanent council fills empty seats with its rotation draws, which keep former "
        "members out of the pool: start one on the council's management page."
    ),
    "no_dropouts": _(
        "Nobody on the panel has declined or dropped out: there is nobody to replace."
    ),
    # Quotas and runs (quotas.py, runs.py).
    "panel_size_invalid": _("The panel size must be between 1 and %(limit)s."),
    "tolerance_invalid": _("The tolerance must be between 0 and the panel size."),
    "value_elsewhere": _("That value belongs to another process."),
    "share_out_of_range": _("The share of %(value)s must be between 0 and 100 percent."),
    "quota_invalid": _("The minimum of %(value)s must be at least 0 and at most its maximum."),
    "algorithm_unknown": _("Unknown algorithm %(name)s."),
    "run_in_progress": _("Run %(number)s has not finished yet; wait for it or cancel it."),
    "panel_size_missing": _("Set the panel size before running."),
    "run_already_ended": _("Run %(number)s has already ended."),
}
