"""Named actions on the briefing materials: submit, revise, review, respond, publish.

A material is submitted as a draft (version 1) by anyone with ``ADD_MATERIAL``; the
commissioner's materials are labelled as the commissioner's from their role, whatever
the form says. New versions come from the team or the material's own submitter; a newer
draft supersedes an unpublished one. The oversight group comments on any version, and
the team records the stakeholder reference group's comments and answers every comment.
Only the lead practitioner publishes (``PUBLISH_MATERIAL``), and only once every comment
so far has its answer: the version becomes a document of the process
(``integrity.documents.do_publish_document``, kind briefing, replacing the previous
published version), so its hash is in the ledger and the open-data bundle.

Drafts stay private: the ledger records each draft's hash and the kind of author in
public, and its title, author, change note and the comments on it as private fields
until the version is published; the ``material.published`` entry then carries them.
"""

from __future__ import annotations

from django.db.models import Max

from minipublic import clock
from minipublic.evidence.common import (
    acting_roles,
    check_process,
    identity,
    is_team,
    ledger_role,
    line,
    paragraph,
    person,
)
from minipublic.evidence.models import (
    NAME_MAX,
    TEXT_MAX,
    AuthorKind,
    CommentSource,
    CommissionedBy,
    Material,
    MaterialVersion,
    ResponseOutcome,
    ReviewComment,
    VersionStatus,
)
from minipublic.integrity.documents import do_publish_document
from minipublic.integrity.models import DocumentKind
from minipublic.integrity.record import append
from minipublic.integrity.uploads import CheckedFile
from minipublic.lifecycle import Action, LifecycleError, Role
from minipublic.processes.access import Actor, performs
from minipublic.processes.models import Process

_SUBMITTERS = (
    Role.COMMISSIONER,
    Role.LEAD_PRACTITIONER,
    Role.FACILITATOR,
    Role.EXPERT,
)
_TEAM = (Role.LEAD_PRACTITIONER, Role.FACILITATOR)
#: The group named on the oversight group's own comments.
OVERSIGHT_GROUP = "Oversight group"


def _author_kind(actor: Actor, process: Process, kind: str | None) -> AuthorKind:
    roles = acting_roles(actor, process)
    if Role.COMMISSIONER in roles:
        return AuthorKind.COMMISSIONER  # always labelled, whatever else they hold
    if not is_team(actor, process):
        return AuthorKind.EXPERT
    try:
        return AuthorKind(kind or AuthorKind.TEAM)
    except ValueError:
        raise LifecycleError(
            "material_author_kind_unknown", "{kind} is not a kind of author.", kind=kind
        ) from None


def _commission(commissioned_by: str) -> CommissionedBy:
    try:
        return CommissionedBy(commissioned_by)
    except ValueError:
        raise LifecycleError(
            "material_commission_unknown", "Say who asked for the material to be written."
        ) from None


def _new_version(
    actor: Actor, material: Material, number: int, file: CheckedFile, change_note: str
) -> MaterialVersion:
    role = ledger_role(actor, material.process, _SUBMITTERS)
    return MaterialVersion.objects.create(
        material=material,
        number=number,
        filename=file.filename,
        content_type=file.content_type,
        size=file.size,
        sha256=file.sha256,
        content=file.content,
        change_note=change_note,
        submitted_by=person(actor),
        submitted_by_role=role,
        submitted_at=clock.now(),
    )


def _record_draft(actor: Actor, process: Process, version: MaterialVersion) -> None:
    material = version.material
    payload: dict[str, object] = {
        "material": material.number,
        "version": version.number,
        "author_kind": material.author_kind,
        "commissioned_by": material.commissioned_by,
        "sha256": version.sha256,
        "size": version.size,
        "content_type": version.content_type,
        "title": material.title,
        "author": material.author,
        "change_note": version.change_note,
    }
    private = ["title", "author", "change_note"]
    who = person(actor)
    if who is not None:
        payload["submitted_by"] = identity(who)
        private.append("submitted_by")
    role = version.submitted_by_role
    append(process, role, "material.draft_submitted", payload, private_fields=private)


@performs(Action.ADD_MATERIAL)
def do_submit_material(
    actor: Actor,
    process: Process,
    *,
    title: str,
    author: str,
    file: CheckedFile,
    commissioned_by: CommissionedBy | str,
    author_kind: AuthorKind | str | None = None,
    summary: str = "",
    commission_note: str = "",
) -> Material:
    """Submit a new briefing material as a draft (its version 1).

    ``author_kind`` is for the team; a commissioner's material is the commissioner's
    and an expert's is an expert's, whatever is passed.
    """
    title = line(title, limit=NAME_MAX, code="material_needs_title", message="Give a title.")
    author = line(author, limit=NAME_MAX, code="material_needs_author", message="Name the author.")
    summary = paragraph(summary, limit=TEXT_MAX, code="", message="", required=False)
    commission_note = line(commission_note, limit=NAME_MAX, code="", message="", required=False)
    kind = _author_kind(actor, process, author_kind)
    commission = _commission(commissioned_by)
    last = Material.objects.filter(process=process).aggregate(last=Max("number"))["last"]
    material = Material.objects.create(
        process=process,
        number=(last or 0) + 1,
        title=title,
        summary=summary,
        author=author,
        author_kind=kind.value,
        commissioned_by=commission.value,
        commission_note=commission_note,
        created_by=person(actor),
        created_at=clock.now(),
    )
    version = _new_version(actor, material, 1, file, "")
    _record_draft(actor, process, version)
    return material


def may_revise(actor: Actor, process: Process, material: Material) -> bool:
    """Whether ``actor`` may submit a new version: the team, or whoever submitted it."""
    who = person(actor)
    return is_team(actor, process) or (who is not None and material.created_by_id == who.pk)


@performs(Action.ADD_MATERIAL)
def do_submit_version(
    actor: Actor,
    process: Process,
    material: Material,
    *,
    file: CheckedFile,
    change_note: str,
) -> MaterialVersion:
    """Submit a new draft version with a note of what changed and why; an unpublished
    earlier draft is superseded by it."""
    check_process(process, material.process_id)
    if not may_revise(actor, process, material):
        raise LifecycleError(
            "material_not_yours",
            "Only the team or the material's own submitter may submit a new version.",
        )
    change_note = paragraph(
        change_note,
        limit=TEXT_MAX,
        code="material_needs_change_note",
        message="Say what changed and why; the note is published with the version.",
    )
    # The process row is locked (performs), so versions are numbered one at a time.
    versions = MaterialVersion.objects.filter(material=material)
    latest = versions.defer("content").order_by("-number").first()
    if latest is not None and latest.sha256 == file.sha256:
        raise LifecycleError(
            "material_same_file", "This file is the same as version {number}.", number=latest.number
        )
    versions.filter(status=VersionStatus.DRAFT).update(status=VersionStatus.SUPERSEDED)
    number = (latest.number if latest is not None else 0) + 1
    version = _new_version(actor, material, number, file, change_note)
    _record_draft(actor, process, version)
    return version


def latest_published(material: Material) -> MaterialVersion | None:
    """The newest published version of ``material`` (None while it is only a draft)."""
    return (
        MaterialVersion.objects.filter(material=material, status=VersionStatus.PUBLISHED)
        .order_by("-number")
        .first()
    )


def is_public_comment(comment: ReviewComment, published_number: int | None) -> bool:
    """A comment is public once its version, or a later one, has been published."""
    return published_number is not None and comment.version.number <= published_number


def _comment_payload(comment: ReviewComment) -> dict[str, object]:
    return {
        "material": comment.version.material.number,
        "version": comment.version.number,
        "comment": comment.number,
        "source": comment.source,
        "group": comment.group,
        "text": comment.text,
    }


@performs(Action.REVIEW_MATERIAL)
def do_comment_on_material(
    actor: Actor,
    process: Process,
    version: MaterialVersion,
    *,
    text: str,
    source: CommentSource | str = CommentSource.OVERSIGHT,
    group: str = "",
) -> ReviewComment:
    """Record a review comment on ``version``: the oversight group's own, or (by the
    team) one from the stakeholder reference group, naming the group or organisation."""
    material = version.material
    check_process(process, material.process_id)
    try:
        origin = CommentSource(source)
    except ValueError:
        raise LifecycleError(
            "material_comment_source", "A comment comes from oversight or the stakeholders."
        ) from None
    if origin is CommentSource.OVERSIGHT:
        if Role.OVERSIGHT not in acting_roles(actor, process):
            raise LifecycleError(
                "material_comment_oversight_only",
                "Only a member of the oversight group comments as the oversight group.",
            )
        group = OVERSIGHT_GROUP
    else:
        if not is_team(actor, process):
            raise LifecycleError(
                "material_comment_team_only",
                "The team records the stakeholder reference group's comments.",
            )
        group = line(
            group,
            limit=NAME_MAX,
            code="material_comment_needs_group",
            message="Name the group or organisation that made the comment.",
        )
    if version.status == VersionStatus.SUPERSEDED:
        raise LifecycleError(
            "material_version_superseded",
            "Version {number} was revised before publication: comment on the newest version.",
            number=version.number,
        )
    text = paragraph(
        text, limit=TEXT_MAX, code="material_comment_needs_text", message="Write the comment."
    )
    last = ReviewComment.objects.filter(version__material=material).aggregate(last=Max("number"))[
        "last"
    ]
    who = person(actor)
    comment = ReviewComment.objects.create(
        version=version,
        number=(last or 0) + 1,
        source=origin.value,
        group=group,
        text=text,
        commented_at=clock.now(),
        commented_by=who,
    )
    published = latest_published(material)
    public = is_public_comment(comment, published.number if published else None)
    payload = _comment_payload(comment)
    private = [] if public else ["text"]
    if who is not None:
        payload["commented_by"] = identity(who)
        private.append("commented_by")
    role = ledger_role(
        actor, process, (Role.OVERSIGHT,) if origin is CommentSource.OVERSIGHT else _TEAM
    )
    append(process, role, "material.commented", payload, private_fields=private)
    return comment


@performs(Action.REVIEW_MATERIAL)
def do_respond_to_comment(
    actor: Actor,
    process: Process,
    comment: ReviewComment,
    *,
    response: str,
    outcome: ResponseOutcome | str,
) -> ReviewComment:
    """The team's answer to a review comment: what it changed (or why not). A later
    answer replaces the earlier one on the page; the ledger keeps both."""
    material = comment.version.material
    check_process(process, material.process_id)
    if not is_team(actor, process):
        raise LifecycleError(
            "material_response_team_only", "Only the team answers review comments."
        )
    try:
        result = ResponseOutcome(outcome)
    except ValueError:
        raise LifecycleError(
            "material_response_outcome",
            "Say whether the material was changed, partly changed or not changed.",
        ) from None
    response = paragraph(
        response,
        limit=TEXT_MAX,
        code="material_response_needs_text",
        message="Write the response: what was changed, or why not.",
    )
    comment.response, comment.outcome = response, result.value
    comment.responded_at = clock.now()
    comment.save(update_fields=["response", "outcome", "responded_at"])
    published = latest_published(material)
    public = is_public_comment(comment, published.number if published else None)
    append(
        process,
        ledger_role(actor, process, _TEAM),
        "material.comment_answered",
        {
            "material": material.number,
            "comment": comment.number,
            "outcome": result.value,
            "response": response,
        },
        private_fields=[] if public else ["response"],
    )
    return comment


def unanswered(material: Material, up_to: int) -> list[ReviewComment]:
    """The comments on versions up to ``up_to`` that have no answer yet."""
    return list(
        ReviewComment.objects.filter(
            version__material=material, version__number__lte=up_to, responded_at__isnull=True
        ).order_by("number")
    )


def document_title(material: Material, version: MaterialVersion) -> str:
    """The title of the document a published version becomes."""
    return f"{material.title} (version {version.number})"[:NAME_MAX]


@performs(Action.PUBLISH_MATERIAL)
def do_publish_material(
    actor: Actor, process: Process, version: MaterialVersion
) -> MaterialVersion:
    """Publish the newest draft of a material to the members and the public.

    Refused while a comment on it or an earlier version has no answer. The version
    becomes a briefing document replacing the previous published version, and the
    comments it makes public enter the ledger with their answers.
    """
    material = version.material
    check_process(process, material.process_id)
    current = MaterialVersion.objects.defer("content").get(pk=version.pk)
    if current.status != VersionStatus.DRAFT:
        raise LifecycleError(
            "material_not_draft",
            "Version {number} is not a draft waiting to be published.",
            number=version.number,
        )
    waiting = unanswered(material, version.number)
    if waiting:
        raise LifecycleError(
            "material_comments_unanswered",
            "Respond to every review comment before publishing; still without a response: "
            "comment {numbers}.",
            numbers=", ".join(str(comment.number) for comment in waiting),
        )
    previous = latest_published(material)
    document = do_publish_document(
        actor,
        process,
        title=document_title(material, version),
        kind=DocumentKind.BRIEFING,
        file=CheckedFile(
            version.filename, version.content_type, bytes(version.content), version.sha256
        ),
        replaces=previous.document if previous is not None else None,
    )
    version.status = VersionStatus.PUBLISHED
    version.published_at = clock.now()
    version.document = document
    version.save(update_fields=["status", "published_at", "document"])
    revealed = ReviewComment.objects.filter(
        version__material=material,
        version__number__lte=version.number,
        version__number__gt=previous.number if previous is not None else 0,
    ).order_by("number")
    append(
        process,
        ledger_role(actor, process, (Role.LEAD_PRACTITIONER,)),
        "material.published",
        {
            "material": material.number,
            "version": version.number,
            "title": material.title,
            "author": material.author,
            "author_kind": material.author_kind,
            "commissioned_by": material.commissioned_by,
            "commission_note": material.commission_note,
            "change_note": version.change_note,
            # Not a "document" field: document.published (just before) registers the file.
            "document_path": document.path,
            "sha256": document.sha256,
            "replaces": previous.document.path if previous and previous.document else None,
            "comments": [
                {
                    **_comment_payload(comment),
                    "outcome": comment.outcome,
                    "response": comment.response,
                }
                for comment in revealed
            ],
        },
    )
    return version
