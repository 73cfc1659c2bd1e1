"""Published documents of a process and the open-data bundle that carries them.

A document is published once and never changed: its SHA-256 goes into the ledger with
its path in the bundle, so anyone holding the bundle can check that the file is the one
that was published. A correction is a new document that ``replaces`` the old one; both
stay in the record. ``write_process_bundle`` writes what ``minipublic export`` and the
``bundle.zip`` download publish.
"""

from __future__ import annotations

import os
from datetime import datetime

from minipublic import clock
from minipublic.integrity.dictionary import dictionary_bytes
from minipublic.integrity.models import Document, DocumentKind
from minipublic.integrity.record import append, ledger_entries
from minipublic.integrity.release import release_held_reports
from minipublic.integrity.uploads import CheckedFile
from minipublic.ledger import format_time, write_bundle
from minipublic.ledger.verify import document_references
from minipublic.lifecycle import Action, LifecycleError
from minipublic.processes.access import Actor, performs
from minipublic.processes.actions import _actor_role, _check_backdating
from minipublic.processes.models import Process

#: The folder of the bundle that holds the published documents.
DOCUMENTS_FOLDER = "documents"
TITLE_MAX = 200


def document_path(number: int, filename: str) -> str:
    """The path of a process's ``number``-th document inside the bundle."""
    return f"{DOCUMENTS_FOLDER}/{number:04d}-{filename}"


@performs(Action.PUBLISH_DOCUMENT)
def do_publish_document(
    actor: Actor,
    process: Process,
    *,
    title: str,
    kind: DocumentKind | str,
    file: CheckedFile,
    replaces: Document | None = None,
    at: datetime | None = None,
) -> Document:
    """Publish ``file`` as a document of ``process`` and register its hash in the ledger.

    ``replaces`` is an earlier document of the same process, not yet replaced, that this
    one corrects. ``at`` back-dates the publication and is only for the system (demo).
    """
    _check_backdating(actor, at)
    title = " ".join(title.split())
    if not title:
        raise LifecycleError("document_needs_title", "Give the document a title.")
    if len(title) > TITLE_MAX:
        raise LifecycleError(
            "document_title_too_long",
            "A title has at most {limit} characters.",
            limit=TITLE_MAX,
        )
    if replaces is not None:
        if replaces.process_id != process.pk:
            raise LifecycleError("document_elsewhere", "That document belongs to another process.")
        if Document.objects.filter(replaces=replaces).exists():
            raise LifecycleError(
                "document_already_replaced",
                "{path} has already been replaced by a newer version.",
                path=replaces.path,
            )
    role = _actor_role(actor, process, Action.PUBLISH_DOCUMENT)
    number = Document.objects.filter(process=process).count() + 1
    document = Document.objects.create(
        process=process,
        title=title,
        kind=DocumentKind(kind).value,
        path=document_path(number, file.filename),
        filename=file.filename,
        content_type=file.content_type,
        size=file.size,
        sha256=file.sha256,
        content=file.content,
        published_at=at or clock.now(),
        published_by_role=role,
        replaces=replaces,
    )
    append(
        process,
        role,
        "document.published",
        {
            "document": {"path": document.path, "sha256": document.sha256},
            "title": document.title,
            "kind": document.kind,
            "size": document.size,
            "content_type": document.content_type,
            "replaces": replaces.path if replaces is not None else None,
            "number": document.pk,
        },
        time=None if at is None else format_time(at),
    )
    return document


def bundle_documents(process: Process) -> dict[str, bytes]:
    """Every published document of ``process``, by its path in the bundle."""
    rows = Document.objects.filter(process=process).order_by("pk").values_list("path", "content")
    return {path: bytes(content) for path, content in rows}


def write_process_bundle(process: Process, directory: str | os.PathLike[str]) -> str:
    """Write ``process``'s open-data bundle into ``directory`` (new or empty); return the head.

    The bundle holds manifest.json, ledger.jsonl, the data dictionary (dictionary.json)
    and every published document; LedgerError if the stored record would not verify.
    """

    release_held_reports(process)
    entries = ledger_entries(process)
    # Only what these entries register: a document published after they were read
    # belongs to the next export, not to this one.
    registered, _problems = document_references(entry.public_record() for entry in entries)
    documents = {
        path: content for path, content in bundle_documents(process).items() if path in registered
    }
    return write_bundle(
        directory,
        process.slug,
        entries,
        documents,
        format_time(clock.now()),
        dictionary=dictionary_bytes(),
    )
