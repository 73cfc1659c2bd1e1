"""Translated wording for the library part's LifecycleError codes."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

TEXTS: dict[str, Promise] = {
    "library_entry_withdrawn": _(
        "The entry “{title}” has been withdrawn from the library; it cannot be changed."
    ),
    "library_not_author": _(
        "Only the person who published “{title}” (or site staff) may change its materials."
    ),
    "library_material_title": _("Give the material a title of at most {max} characters."),
    "library_licence_required": _("Choose the open licence {name} is shared under."),
    "library_material_kind": _("Choose what kind of material it is."),
    "library_reason_required": _(
        "Say why the entry is withdrawn: the reason is shown in its place."
    ),
    "library_reason_too_long": _("Keep the reason under {max} characters."),
    "library_not_own_entry": _("Only the person who published “{title}” may withdraw it this way."),
}
