"""Events of a process itself, its members, funding, integrity register and documents."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from minipublic.integrity.dictionary.types import EventType as E

_DESIGN = (
    "planned_days",
    "planned_hours",
    "planned_meetings",
    "planned_panel_size",
    "response_days",
)
_DESIGN_MEANINGS = {
    "planned_days": _("Days of deliberation planned (in half days)."),
    "planned_hours": _("Hours of deliberation planned."),
    "planned_meetings": _("Meetings planned."),
    "planned_panel_size": _("Members planned on the panel."),
    "response_days": _("Days the commissioner has to respond to the recommendations."),
}
_INCIDENT = ("target", "pressure_source", "phase", "severity", "status")
_INCIDENT_MEANINGS = {
    "target": _("What the pressure tried to steer (a fixed code)."),
    "pressure_source": _("Who exerted it, as a kind of actor (a fixed code), never a name."),
    "severity": _("How serious it is: low, medium or high."),
    "status": _("Where the review stands: reported, under review, addressed, escalated…"),
}

EVENTS: tuple[E, ...] = (
    E(
        "process.created",
        _("The process was created"),
        _("A process is started, in the design phase."),
        (
            "slug",
            "title",
            "question",
            "commissioning_body",
            "model",
            "visibility",
            "phase",
            "template",
            *_DESIGN,
            "as_of",
        ),
        meanings={
            "slug": _("The short name used in web addresses."),
            "question": _("The remit: the question the members answer."),
            "commissioning_body": _("The body that commissioned the process."),
            "model": _("The model: citizens' assembly, citizens' jury, permanent council…"),
            "visibility": _("public or private."),
            "template": _("The design template it started from (empty: none)."),
            **_DESIGN_MEANINGS,
        },
        link="portal:process",
    ),
    E(
        "process.updated",
        _("The process's details or planned design changed"),
        _("The remit, details or planned design are edited."),
        ("changed", "design"),
        meanings={"design": _("The whole new planned design, when it changed.")},
        link="portal:process#design",
    ),
    E(
        "process.phase_changed",
        _("The process moved to another phase"),
        _("The process moves to the next phase (or back, with a reason)."),
        ("from", "to", "reason", "as_of"),
        link="portal:process#phases",
    ),
    E(
        "process.visibility_changed",
        _("The process was made public or private"),
        _("The process's visibility changes."),
        ("from", "to"),
        link="portal:process",
    ),
    E(
        "process.funding_set",
        _("The funding statement changed"),
        _(
            "The lead practitioner sets or corrects who funds the process; the whole new "
            "statement is recorded."
        ),
        ("sources", "totals", "practitioners_paid_by", "participants_paid", "notes"),
        meanings={
            "sources": _(
                "Each funder: its name, kind, amount (a decimal string, null for "
                "support in kind), currency (ISO 4217) and what it pays for."
            ),
            "totals": _("The sum of the stated amounts per currency."),
            "practitioners_paid_by": _("Who pays the people who run the process."),
            "participants_paid": _("What the participants receive (allowances, expenses)."),
        },
        link="portal:process#funding",
    ),
    E(
        "member.added",
        _("A role was given"),
        _("Someone is given a role in the process."),
        ("role",),
        ("member",),
        link="portal:process#people",
        feed=False,
    ),
    E(
        "member.removed",
        _("A role was taken away"),
        _("Someone's role in the process is taken away."),
        ("role",),
        ("member",),
        link="portal:process#people",
        feed=False,
    ),
    E(
        "incident.reported",
        _("An attempt to steer the process was reported"),
        _("An incident enters the register of steering attempts."),
        ("incident", "anonymous", *_INCIDENT),
        ("what_happened", "reporter", "attachments"),
        meanings={
            **_INCIDENT_MEANINGS,
            "anonymous": _("Whether it was reported anonymously."),
            "what_happened": _("The reporter's account: private."),
            "attachments": _("The evidence files' hashes, sizes and types: private."),
        },
    ),
    E(
        "incident.status_changed",
        _("An incident's review moved on"),
        _("The oversight group reviews an incident."),
        ("incident", "from", *_INCIDENT),
        ("response", "red_line_decision"),
        meanings={
            **_INCIDENT_MEANINGS,
            "response": _("The response taken: private until oversight publishes it."),
            "red_line_decision": _(
                "For a red-line breach, the decision taken: private until published."
            ),
        },
    ),
    E(
        "incident.attachment_added",
        _("Evidence was added to an incident"),
        _("A file is added to an incident after it was reported."),
        ("incident",),
        ("attachment",),
        meanings={"attachment": _("The file's hash, size and type: private.")},
        feed=False,
    ),
    E(
        "incident.published",
        _("An incident was published"),
        _("The oversight group publishes an incident, choosing which parts to show."),
        (
            "incident",
            "published",
            "parts",
            *_INCIDENT,
            "response",
            "reported_on",
            "public_summary",
            "red_line_decision",
        ),
        meanings={
            **_INCIDENT_MEANINGS,
            "parts": _("The parts oversight chose to publish; each is also a field here."),
            "reported_on": _("The date it was reported, if published."),
            "public_summary": _("A summary in the oversight group's words, if published."),
            "red_line_decision": _("The decision on a red-line breach, if published."),
            "response": _("The response taken, if published."),
        },
    ),
    E(
        "incident.unpublished",
        _("An incident was taken off the public page"),
        _("The oversight group takes a published incident off the public page."),
        ("incident", "published"),
    ),
    E(
        "declaration.made",
        _("An interest was declared"),
        _(
            "Someone declares their interests (or that they have none), or a declaration is "
            "recorded for an expert or witness without an account."
        ),
        (
            "declaration",
            "role",
            "kind",
            "declared_on",
            "supersedes",
            "name",
            "details",
            "recorded_for_someone_else",
        ),
        ("declarant",),
        meanings={
            "kind": _(
                "The kind of interest (financial, employment, membership, political, "
                "personal, other, none)."
            ),
            "declared_on": _("The date of the declaration."),
            "name": _(
                "The declarant's name: public for experts and staff, private for "
                "participants and observers."
            ),
            "details": _(
                "The interest: public for experts and staff, private for "
                "participants and observers."
            ),
            "recorded_for_someone_else": _(
                "Whether the team recorded it for someone without an account."
            ),
        },
    ),
    E(
        "declaration.reviewed",
        _("A declaration of interest was reviewed"),
        _("The oversight group reviews a declaration: noted, or managed."),
        ("declaration", "review", "note"),
        meanings={
            "review": _("noted or managed."),
            "note": _("What was done: private for participants' declarations."),
        },
        feed=False,
    ),
    E(
        "document.published",
        _("A document was published"),
        _("A document is published; its SHA-256 is registered and the bundle carries it."),
        ("document", "title", "kind", "size", "content_type", "replaces", "number"),
        meanings={
            "kind": _("The kind of document (terms, briefing, report, response…)."),
            "replaces": _("The path of the document this one corrects (null if none)."),
            "number": _("The document's number."),
        },
        link="integrity:documents",
    ),
    E(
        "appraisal.finalised",
        _("A commission appraisal was finalised"),
        _(
            "The lead practitioner finalises the appraisal of the commission (whether the "
            "conditions for a genuine process are met)."
        ),
        ("number", "questionnaire_version", "rules_version", "published"),
        ("verdict", "red_lines", "red_flags", "unaddressed", "summary", "override"),
        meanings={
            "questionnaire_version": _("The version of the appraisal questionnaire."),
            "rules_version": _("The version of the appraisal rules."),
            "verdict": _("The verdict: public when published, otherwise sealed."),
            "red_lines": _("Red lines crossed: public when published, otherwise sealed."),
            "red_flags": _("Red flags raised: public when published, otherwise sealed."),
            "unaddressed": _("Findings not addressed: public when published, otherwise sealed."),
            "summary": _("The answers and findings: public when published, otherwise sealed."),
            "override": _("Whether the verdict overrode the rules: public when published."),
        },
        link="integrity:documents",
    ),
    E(
        "appraisal.published",
        _("A sealed commission appraisal was published"),
        _(
            "An appraisal finalised without publication is published, revealing each sealed "
            "field with its salt so anyone can check it against the earlier entry."
        ),
        ("number", "finalised", "revealed"),
        meanings={
            "finalised": _("The sequence number of its appraisal.finalised entry."),
            "revealed": _("Each sealed field's value and salt."),
        },
        link="integrity:documents",
    ),
)
