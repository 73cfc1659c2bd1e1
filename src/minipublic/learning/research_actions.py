"""Actions of research projects (docs/learning.md). Each is ``@performs(Action.RESEARCH)``
(accounts the site marks as researchers) and also checks that the actor belongs to the
project: a researcher never sees, let alone changes, another's project (Http404).

Research projects are private working spaces, not part of any process, so nothing here is
written to a process's public ledger.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from django.db import transaction
from django.http import Http404
from django.utils.text import slugify

from minipublic import clock
from minipublic.accounts.models import User
from minipublic.anonymise import Kind, KnownName, KnownNames
from minipublic.learning.library_models import LibraryEntry
from minipublic.learning.redaction import Term, anonymised, proposed_terms
from minipublic.learning.research_models import (
    CodedExcerpt,
    CodeOrigin,
    ProjectCode,
    ResearchProject,
    ResearchSource,
    SourceKind,
)
from minipublic.lifecycle import Action, LifecycleError
from minipublic.processes.access import Actor, SystemActor, performs
from minipublic.qda.codebook import seed_codebook
from minipublic.qda.transcripts import TranscriptError, read_transcript

_KNOWN_LINE = re.compile(r"^(?P<name>[^=]+?)\s*(?:=\s*(?P<label>.+))?$")
# The kind of a listed name, guessed from the words of its label (the reviewer can change it).
_ORGANISATION_WORDS = re.compile(
    r"council|organisation|organization|company|authority|agency|body|firm|provider|ministry|"
    r"department|group|charity|university",
    re.IGNORECASE,
)
_PLACE_WORDS = re.compile(r"town|city|village|place|region|county|district|area", re.IGNORECASE)


def projects_of(actor: Actor) -> list[ResearchProject]:
    """The projects ``actor`` belongs to, newest first."""
    if isinstance(actor, SystemActor):
        return list(ResearchProject.objects.all())
    if not actor.is_authenticated:
        return []
    return list(ResearchProject.objects.filter(members=actor.pk))


def check_member(actor: Actor, project: ResearchProject) -> None:
    """Raise Http404 unless ``actor`` is a member of ``project`` (so that other projects do
    not even reveal that they exist)."""
    if isinstance(actor, SystemActor):
        return
    if not (actor.is_authenticated and project.members.filter(pk=actor.pk).exists()):
        raise Http404("research project")


def _user(actor: Actor) -> User | None:
    return actor if isinstance(actor, User) else None


def seed_codes(project: ResearchProject) -> None:
    """Copy the seed codebook into ``project`` (categories, then their codes)."""
    book = seed_codebook()
    for position, category in enumerate(book.categories, 1):
        parent = ProjectCode.objects.create(
            project=project,
            key=category.key,
            name=category.name,
            definition=category.definition,
            is_category=True,
            origin=CodeOrigin.DEDUCTIVE,
            colour=category.colour,
            position=position * 100,
        )
        for number, code in enumerate(category.codes, 1):
            ProjectCode.objects.create(
                project=project,
                key=code.key,
                name=code.name,
                definition=code.definition,
                parent=parent,
                origin=CodeOrigin.DEDUCTIVE,
                colour=category.colour,
                position=position * 100 + number,
            )
    project.codebook_version = book.version
    project.save(update_fields=["codebook_version"])


@performs(Action.RESEARCH)
def do_create_project(actor: Actor, *, name: str, description: str = "") -> ResearchProject:
    """Start a project owned by ``actor``, with the seed codebook."""
    owner = _user(actor)
    if owner is None:
        raise LifecycleError("research_owner", "A research project needs a person as its owner.")
    if not name.strip():
        raise LifecycleError("research_name", "Give the project a name.")
    with transaction.atomic():
        project = ResearchProject.objects.create(
            name=name.strip(), description=description.strip(), owner=owner, created_at=clock.now()
        )
        project.members.add(owner)
        seed_codes(project)
    return project


@performs(Action.RESEARCH)
def do_add_code(
    actor: Actor,
    project: ResearchProject,
    *,
    name: str,
    definition: str,
    parent: ProjectCode | None = None,
) -> ProjectCode:
    """Add an inductive code, at the top level or under one of the project's categories."""
    check_member(actor, project)
    if parent is not None and (parent.project_id != project.pk or not parent.is_category):
        raise LifecycleError("research_parent", "A code can only be put under a category.")
    if project.codes.filter(name__iexact=name.strip()).exists():
        raise LifecycleError(
            "research_code_exists", "The codebook already has a code called {name}.", name=name
        )
    base = "inductive." + (slugify(name).replace("-", "_")[:60] or "code")
    key, n = base, 1
    while project.codes.filter(key=key).exists():
        n += 1
        key = f"{base}_{n}"
    last = project.codes.order_by("-position").values_list("position", flat=True).first() or 0
    return ProjectCode.objects.create(
        project=project,
        key=key,
        name=name.strip(),
        definition=definition.strip(),
        parent=parent,
        origin=CodeOrigin.INDUCTIVE,
        colour=parent.colour if parent else "#555555",
        position=last + 1,
    )


@performs(Action.RESEARCH)
def do_invite_member(actor: Actor, project: ResearchProject, *, username: str) -> User:
    """Add another researcher, by user name, to the project's members."""
    check_member(actor, project)
    invitee = User.objects.filter(username=username.strip(), is_active=True).first()
    if invitee is None or not invitee.is_researcher:
        raise LifecycleError(
            "research_invitee",
            "There is no researcher called {username}. Only accounts the site marks as "
            "researchers can join a project; ask the site's operator.",
            username=username,
        )
    project.members.add(invitee)
    return invitee


def parse_known_names(lines: str) -> KnownNames:
    """The names a researcher lists, one a line, each with an optional ``= [label]``; the
    label's words suggest the kind (``[a district council]`` is an organisation)."""
    names: list[KnownName] = []
    for line in lines.splitlines():
        match = _KNOWN_LINE.match(line.strip())
        if not line.strip() or match is None:
            continue
        label = (match.group("label") or "[a person]").strip()
        if not label.startswith("["):
            label = f"[{label.strip('[]')}]"
        kind = (
            Kind.ORGANISATION
            if _ORGANISATION_WORDS.search(label)
            else Kind.PLACE
            if _PLACE_WORDS.search(label)
            else Kind.PERSON
        )
        names.append(KnownName(match.group("name").strip(), kind, label))
    return KnownNames(tuple(names))


@performs(Action.RESEARCH)
def do_upload_transcript(
    actor: Actor,
    project: ResearchProject,
    *,
    name: str,
    filename: str,
    content: bytes,
    known_names: str = "",
) -> ResearchSource:
    """Read an uploaded transcript into a new, uncodable source awaiting its anonymisation
    review; the names found (the researcher's list and the detection rules) are proposed."""
    check_member(actor, project)
    try:
        transcript = read_transcript(filename, content)
    except TranscriptError as error:
        raise LifecycleError(error.code, error.message, **error.params) from None
    terms = proposed_terms([transcript.text], parse_known_names(known_names))
    return ResearchSource.objects.create(
        project=project,
        name=name.strip() or filename,
        kind=SourceKind.TRANSCRIPT,
        original_filename=filename[:200],
        detected_encoding=transcript.encoding,
        original_text=transcript.text,
        known_names=known_names,
        redaction_terms=list(terms),
        added_by=_user(actor),
        added_at=clock.now(),
    )


def _source(project: ResearchProject, source: ResearchSource) -> None:
    if source.project_id != project.pk:
        raise Http404("research source")


@performs(Action.RESEARCH)
def do_review_source(
    actor: Actor, project: ResearchProject, source: ResearchSource, *, terms: Sequence[Term]
) -> ResearchSource:
    """Confirm the anonymisation: the source's text becomes the anonymised text and the
    original is deleted for good; the source can then be coded."""
    check_member(actor, project)
    _source(project, source)
    if source.reviewed_at is not None:
        raise LifecycleError("research_reviewed", "This source has already been reviewed.")
    source.redaction_terms = list(terms)
    source.text = anonymised(source.original_text, terms)
    source.original_text = ""
    source.reviewed_at = clock.now()
    source.reviewed_by = _user(actor)
    source.save()
    return source


@performs(Action.RESEARCH)
def do_import_reflections(
    actor: Actor, project: ResearchProject, *, entry: LibraryEntry
) -> ResearchSource:
    """Add a published library entry's reflections (already anonymised and reviewed when
    it was published) as a codable source."""
    check_member(actor, project)
    lessons = (entry.sections or {}).get("lessons", "").strip()
    if entry.withdrawn_at is not None or entry.published_at is None or not lessons:
        raise LifecycleError(
            "research_no_reflections", "This library entry has no published reflections."
        )
    if project.sources.filter(library_entry=entry).exists():
        raise LifecycleError(
            "research_imported",
            "The reflections of {title} are already in this project.",
            title=entry.title,
        )
    now = clock.now()
    return ResearchSource.objects.create(
        project=project,
        name=entry.title,
        kind=SourceKind.REFLECTION,
        text=lessons.replace("\r\n", "\n"),
        library_entry=entry,
        added_by=_user(actor),
        added_at=now,
        reviewed_at=now,
        reviewed_by=_user(actor),
    )


@performs(Action.RESEARCH)
def do_code_excerpt(
    actor: Actor,
    project: ResearchProject,
    source: ResearchSource,
    *,
    start: int,
    end: int,
    codes: Sequence[ProjectCode],
    memo: str = "",
) -> CodedExcerpt:
    """Code ``source.text[start:end]`` with ``codes`` (codes of this project, not categories)."""
    check_member(actor, project)
    _source(project, source)
    if not source.codable:
        raise LifecycleError(
            "research_not_reviewed",
            "Review the anonymisation of {name} before coding it.",
            name=source.name,
        )
    if not 0 <= start < end <= len(source.text) or not source.text[start:end].strip():
        raise LifecycleError("research_span", "Choose some words of the text to code.")
    if not codes:
        raise LifecycleError("research_no_codes", "Tick at least one code.")
    if any(code.project_id != project.pk or code.is_category for code in codes):
        raise LifecycleError("research_bad_code", "Only this project's codes can be applied.")
    excerpt = CodedExcerpt.objects.create(
        source=source,
        start=start,
        end=end,
        quote=source.text[start:end],
        coder=_user(actor),
        memo=memo.strip(),
        created_at=clock.now(),
    )
    excerpt.codes.set(codes)
    return excerpt


@performs(Action.RESEARCH)
def do_uncode(actor: Actor, project: ResearchProject, excerpt: CodedExcerpt) -> None:
    """Remove a coded excerpt."""
    check_member(actor, project)
    _source(project, excerpt.source)
    excerpt.delete()
