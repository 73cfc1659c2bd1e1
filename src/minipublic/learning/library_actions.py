"""What people do in the case library: share a material with an entry (its author, or site
staff), remove one, and withdraw an entry (its author, or site staff moderating).

The library belongs to the site, not to a process, so these are site and account actions:
the policy says who may act at all, and each action checks the person is the entry's
author where that matters. A withdrawn entry keeps its row (its address answers with the
withdrawal notice) but its text and materials are no longer served.
"""

from __future__ import annotations

from django.db import transaction

from minipublic import clock
from minipublic.accounts.models import User
from minipublic.integrity.uploads import CheckedFile
from minipublic.learning.library_models import LibraryEntry, LibraryMaterial, Licence, MaterialKind
from minipublic.lifecycle import Action, LifecycleError
from minipublic.processes.access import Actor, SystemActor, performs

REASON_MAX = 2000
TITLE_MAX = 200


def is_author(actor: Actor, entry: LibraryEntry) -> bool:
    """Whether ``actor`` published ``entry``."""
    return (
        isinstance(actor, User)
        and actor.is_authenticated
        and entry.author_id is not None
        and entry.author_id == actor.pk
    )


def may_share(actor: Actor, entry: LibraryEntry) -> bool:
    """Whether ``actor`` may add or remove the materials of ``entry`` (its author or staff)."""
    if isinstance(actor, SystemActor):
        return True
    signed_in = bool(actor.is_authenticated and actor.is_active)
    return signed_in and (is_author(actor, entry) or bool(actor.is_staff))


def _locked(entry: LibraryEntry) -> LibraryEntry:
    locked = LibraryEntry.objects.select_for_update().get(pk=entry.pk)
    if locked.withdrawn_at is not None:
        raise LifecycleError(
            "library_entry_withdrawn",
            "The entry “{title}” has been withdrawn from the library; it cannot be changed.",
            title=locked.title,
        )
    return locked


def _require_sharer(actor: Actor, entry: LibraryEntry) -> None:
    if not may_share(actor, entry):
        raise LifecycleError(
            "library_not_author",
            "Only the person who published “{title}” (or site staff) may change its materials.",
            title=entry.title,
        )


@performs(Action.SHARE_LIBRARY_MATERIAL)
def do_add_library_material(
    actor: Actor,
    entry: LibraryEntry,
    *,
    title: str,
    kind: str,
    licence: str,
    file: CheckedFile,
) -> LibraryMaterial:
    """Share ``file`` with ``entry`` under ``licence``, which the author must choose."""
    title = title.strip()
    if not title or len(title) > TITLE_MAX:
        raise LifecycleError(
            "library_material_title",
            "Give the material a title of at most {max} characters.",
            max=TITLE_MAX,
        )
    if licence not in Licence.values:
        raise LifecycleError(
            "library_licence_required",
            "Choose the open licence {name} is shared under.",
            name=file.filename,
        )
    if kind not in MaterialKind.values:
        raise LifecycleError("library_material_kind", "Choose what kind of material it is.")
    with transaction.atomic():
        locked = _locked(entry)
        _require_sharer(actor, locked)
        return LibraryMaterial.objects.create(
            entry=locked,
            title=title,
            kind=kind,
            licence=licence,
            filename=file.filename,
            content_type=file.content_type,
            content=file.content,
            sha256=file.sha256,
            size=file.size,
            added_at=clock.now(),
        )


@performs(Action.SHARE_LIBRARY_MATERIAL)
def do_remove_library_material(actor: Actor, material: LibraryMaterial) -> None:
    """Stop sharing ``material`` (it is deleted; its entry stays)."""
    with transaction.atomic():
        locked = _locked(material.entry)
        _require_sharer(actor, locked)
        LibraryMaterial.objects.filter(pk=material.pk, entry=locked).delete()


def _withdraw(actor: Actor, entry: LibraryEntry, reason: str) -> LibraryEntry:
    reason = reason.strip()
    if not reason:
        raise LifecycleError(
            "library_reason_required",
            "Say why the entry is withdrawn: the reason is shown in its place.",
        )
    if len(reason) > REASON_MAX:
        raise LifecycleError(
            "library_reason_too_long",
            "Keep the reason under {max} characters.",
            max=REASON_MAX,
        )
    with transaction.atomic():
        locked = _locked(entry)
        locked.withdrawn_at = clock.now()
        locked.withdrawn_reason = reason
        locked.withdrawn_by = actor if isinstance(actor, User) else None
        locked.save(update_fields=["withdrawn_at", "withdrawn_reason", "withdrawn_by"])
        return locked


@performs(Action.MODERATE_LIBRARY)
def do_withdraw_library_entry(actor: Actor, entry: LibraryEntry, *, reason: str) -> LibraryEntry:
    """Site staff withdraw ``entry`` from the library, with a public ``reason``."""
    return _withdraw(actor, entry, reason)


@performs(Action.WITHDRAW_OWN_LIBRARY_ENTRY)
def do_withdraw_own_library_entry(
    actor: Actor, entry: LibraryEntry, *, reason: str
) -> LibraryEntry:
    """The author withdraws their own ``entry``, with a public ``reason``."""
    if not is_author(actor, entry):
        raise LifecycleError(
            "library_not_own_entry",
            "Only the person who published “{title}” may withdraw it this way.",
            title=entry.title,
        )
    return _withdraw(actor, entry, reason)
