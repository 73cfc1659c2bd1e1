"""Pages of the published documents and the download of a process's open-data bundle.

Publishing is for the lead practitioner and oversight; reading, downloading and the
bundle follow the process page (public for a public process, members only otherwise).
"""

from __future__ import annotations

import io
import logging
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from minipublic.integrity.documents import (
    DOCUMENTS_FOLDER,
    TITLE_MAX,
    do_publish_document,
    write_process_bundle,
)
from minipublic.integrity.models import Document, DocumentKind
from minipublic.integrity.uploads import (
    CheckedFile,
    UploadError,
    accepted_extensions,
    check_upload,
    download,
    max_megabytes,
)
from minipublic.ledger import LedgerError
from minipublic.lifecycle import Action, LifecycleError
from minipublic.processes.access import access_process_for_user
from minipublic.processes.error_text import describe
from minipublic.processes.models import Process

logger = logging.getLogger(__name__)


def replaceable_documents(process: Process) -> QuerySet[Document]:
    """The documents of ``process`` that no newer version has replaced yet (a briefing
    material's versions are replaced from the material's own page, with its reviews)."""
    return Document.objects.filter(
        process=process, replaced_by__isnull=True, material_version__isnull=True
    ).order_by("pk")


class _DocumentChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.title} ({obj.path})"


class PublishDocumentForm(forms.Form):
    """Publish a document (or a new version of one) in the public record."""

    title = forms.CharField(label=gettext_lazy("Title"), max_length=TITLE_MAX)
    kind = forms.ChoiceField(label=gettext_lazy("Kind of document"), choices=DocumentKind.choices)
    file = forms.FileField(label=gettext_lazy("File"))
    replaces = _DocumentChoiceField(
        label=gettext_lazy("Replaces"),
        queryset=Document.objects.none(),
        required=False,
        empty_label=gettext_lazy("— nothing: this is a new document"),
        help_text=gettext_lazy(
            "Choose a document here if this file is a corrected version of it. "
            "Both stay published; the old one is marked as replaced."
        ),
    )

    def __init__(self, *args: Any, process: Process, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "Accepted: {accepted}; at most {limit} MB. Anyone who can see this process "
            "can download it."
        ).format(accepted=accepted_extensions(), limit=max_megabytes())
        replaces = self.fields["replaces"]
        if isinstance(replaces, forms.ModelChoiceField):
            replaces.queryset = replaceable_documents(process)

    def clean_file(self) -> CheckedFile:
        """The upload, checked by type, content and size (UploadError as the field's error)."""
        upload = self.cleaned_data["file"]
        try:
            return check_upload(upload)
        except UploadError as error:
            raise forms.ValidationError(str(error), code=error.code) from None


@login_required
@require_http_methods(["GET", "POST"])
def publish_document(request: HttpRequest, slug: str) -> HttpResponse:
    """Publish a document of the process; it can never be changed, only replaced."""
    process = access_process_for_user(request.user, slug, Action.PUBLISH_DOCUMENT)
    if request.method == "POST":
        form = PublishDocumentForm(request.POST, request.FILES, process=process)
    else:
        form = PublishDocumentForm(process=process)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            document = do_publish_document(
                request.user,
                process,
                title=data["title"],
                kind=data["kind"],
                file=data["file"],
                replaces=data["replaces"],
            )
        except LifecycleError as error:
            form.add_error(None, describe(error))
        else:
            messages.success(
                request,
                _("{title} is published. Its SHA-256 is now in the public record.").format(
                    title=document.title
                ),
            )
            return redirect("integrity:documents", process.slug)
    status = 400 if form.errors else 200
    return render(
        request,
        "integrity/publish_document.html",
        {"process": process, "form": form},
        status=status,
    )


def listed_documents(process: Process) -> list[Document]:
    """The published documents of ``process``, oldest first, without their content.

    Each has ``url_path`` set: its path inside the bundle's documents folder, which is also
    its address under /p/<slug>/documents/ (for ``{% url 'integrity:document' %}``).
    """
    documents = list(
        Document.objects.filter(process=process)
        .select_related("replaces")
        .prefetch_related(Prefetch("replaced_by", Document.objects.defer("content")))
        .defer("content", "replaces__content")
        .order_by("pk")
    )
    for document in documents:
        setattr(document, "url_path", _url_path(document))  # noqa: B010
    return documents


def _url_path(document: Document) -> str:
    return document.path.removeprefix(f"{DOCUMENTS_FOLDER}/")


@require_safe
def document_list(request: HttpRequest, slug: str) -> HttpResponse:
    """Every published document of the process, with its hash and what it replaces."""
    process = access_process_for_user(request.user, slug, Action.VIEW_PROCESS)
    documents = listed_documents(process)
    return render(request, "integrity/documents.html", {"process": process, "documents": documents})


@require_safe
def document_download(request: HttpRequest, slug: str, path: str) -> HttpResponse:
    """One published document, served as a download with the type it was checked as."""
    process = access_process_for_user(request.user, slug, Action.VIEW_PROCESS)
    document = Document.objects.filter(process=process, path=f"{DOCUMENTS_FOLDER}/{path}").first()
    if document is None:
        raise Http404(path)
    return download(
        document.path.rsplit("/", 1)[-1],
        document.content_type,
        bytes(document.content),
        private=not process.is_public,
    )


def bundle_name(process: Process) -> str:
    """The name of the bundle's top folder (and, with .zip, of its download)."""
    return f"{process.slug}-public-record"


@require_safe
def bundle(request: HttpRequest, slug: str) -> HttpResponse:
    """The process's open-data bundle as a zip, for ``minipublic audit verify``."""
    process = access_process_for_user(request.user, slug, Action.VIEW_PROCESS)
    name = bundle_name(process)
    data = io.BytesIO()
    with tempfile.TemporaryDirectory(prefix="minipublic-bundle-") as temporary:
        root = Path(temporary) / name
        try:
            write_process_bundle(process, root)
        except LedgerError:
            logger.exception("the public record of %s does not verify", process.slug)
            return HttpResponse(
                _(
                    "The public record of this process does not verify, so it cannot be "
                    "downloaded. The site's operators have been told."
                ),
                status=500,
                content_type="text/plain; charset=utf-8",
            )
        with zipfile.ZipFile(data, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for file in sorted(root.rglob("*")):
                if file.is_file():
                    archive.write(file, f"{name}/{file.relative_to(root).as_posix()}")
    return download(
        f"{name}.zip", "application/zip", data.getvalue(), private=not process.is_public
    )
