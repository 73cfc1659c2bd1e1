"""Translated wording for this app's LifecycleError codes (merged into processes.error_text)."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

TEXTS: dict[str, Promise] = {
    "registration_needs_public": _(
        "Make the process public before opening registration: a private process has no "
        "public pages."
    ),
    # "code": _("Wording with %(param)s."),
    # The invitation lottery (addresses.py, invitations.py).
    "address_file_empty": _("%(file)s is empty: its first row must name the columns."),
    "address_file_no_rows": _("%(file)s has no addresses below its header row."),
    "address_file_type": _(
        "%(file)s: only .csv and .xlsx files can be read. Save the list in one of those."
    ),
    "address_file_not_utf8": _(
        "%(file)s is not UTF-8 text. Save it as 'CSV UTF-8' (or as .xlsx) and try again."
    ),
    "address_file_bad_csv": _(
        "%(file)s, row %(row)s: this line cannot be read as CSV; check its quotes."
    ),
    "address_file_bad_xlsx": _(
        "%(file)s cannot be read as an Excel workbook. Save it again as .xlsx, or as CSV."
    ),
    "address_column_missing": _(
        "%(file)s, row %(row)s: there is no column %(column)s. The columns are: %(columns)s."
    ),
    "address_row_empty": _("%(file)s, row %(row)s, column %(column)s: the address is empty."),
    "address_area_empty": _("%(file)s, row %(row)s, column %(column)s: the area is empty."),
    "address_cell_too_long": _(
        "%(file)s, row %(row)s, column %(column)s: at most %(limit)s characters."
    ),
    "address_duplicate": _(
        "%(file)s, row %(row)s: the same address as row %(first)s. Remove one of them: "
        "a duplicate would have two chances in the lottery."
    ),
    "address_list_needs_name": _("Give the address list a name."),
    "address_list_name_too_long": _("A name has at most %(limit)s characters."),
    "address_list_elsewhere": _("That address list belongs to another process."),
    "invitation_seed_missing": _("Give the seed of the draw."),
    "invitation_seed_too_long": _("A seed has at most %(limit)s characters."),
    "invitation_size": _("Draw at least one invitation."),
    "invitation_too_many": _(
        "%(size)s invitations cannot be drawn from a list of %(available)s addresses."
    ),
    "invitation_area_unknown": _("%(area)s is not an area of the list."),
    "invitation_area_too_many": _(
        "%(size)s invitations cannot be drawn from the %(available)s addresses in %(area)s."
    ),
    "invitation_size_mismatch": _("The letters per area add up to %(total)s, not %(size)s."),
    "invitation_draw_elsewhere": _("That draw belongs to another process."),
    "letter_text_too_long": _(
        "The invitation text has at most %(limit)s characters; this one has %(length)s."
    ),
    # Registration, the questions and the pool (questions.py, registration.py, pool_import.py).
    "registration_needs_notice": _("Registration cannot open without a privacy notice."),
    "registration_needs_questions": _("Registration cannot open without any question."),
    "feature_name": _("%(name)s is not a usable name: use lower-case letters, digits, - and _."),
    "feature_name_taken": _("There is already a question %(name)s."),
    "feature_question": _("Write the question (at most %(limit)s characters)."),
    "feature_values": _("A question needs at least two answers."),
    "feature_value": _(
        "%(value)s is not a usable answer name: use lower-case letters, digits, - and _, each once."
    ),
    "feature_label": _("Give answer %(value)s a label (at most %(limit)s characters)."),
    "questions_locked": _(
        "People have registered already: the questions can no longer be changed."
    ),
    "feature_elsewhere": _("That question belongs to another process."),
    "registration_answer": _("%(where)s%(feature)s: choose one of %(allowed)s."),
    "registration_too_long": _("%(where)s%(field)s: at most %(limit)s characters."),
    "registration_missing": _("%(where)s%(field)s is empty."),
    "registration_email": _("%(where)s%(email)s is not an e-mail address."),
    "registration_code": _("This registration code is not valid, or it has been used."),
    "registration_closed": _("Registration is closed."),
    "registration_no_contact": _("Give an e-mail address, a phone number or an address."),
    "registration_access_need": _("Unknown access need %(need)s."),
    "registration_consent": _("Registration needs your consent to the privacy notice."),
    "pool_no_questions": _("Set up the questions before importing a pool."),
    "pool_column_missing": _(
        "%(file)s: there is no column %(column)s. The columns are: %(columns)s."
    ),
    "pool_no_rows": _("%(file)s has no rows below its header."),
    # Retention of personal data (retention.py).
    "retention_days_range": _("Keep the data between 0 and %(limit)s days after the draw."),
}
