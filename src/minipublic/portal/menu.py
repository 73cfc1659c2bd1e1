"""The process page's menu: each link a member may follow, shown only to those whose roles
allow at least one of its actions. Apps add their pages here, in the order shown."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from minipublic.lifecycle import Action, Role
from minipublic.processes.access import Actor, can
from minipublic.processes.models import Process


@dataclass(frozen=True)
class MenuEntry:
    """A link to ``url_name`` (which takes the process's slug), for anyone who may
    perform any of ``actions``."""

    url_name: str
    label: Promise
    actions: tuple[Action, ...]


A = Action
MENU: tuple[MenuEntry, ...] = (
    MenuEntry("integrity:oversight", _("Oversight dashboard"), (A.VIEW_OVERSIGHT,)),
    MenuEntry(
        "processes:manage",
        _("Settings, phase and visibility"),
        (A.EDIT_PROCESS, A.EDIT_DESIGN, A.CHANGE_PHASE, A.SET_VISIBILITY),
    ),
    MenuEntry("processes:funding", _("Funding"), (A.EDIT_DESIGN,)),
    MenuEntry("processes:members", _("Members and roles"), (A.VIEW_MEMBERS,)),
    MenuEntry("integrity:incidents", _("Register of steering attempts"), (A.VIEW_INCIDENTS,)),
    MenuEntry(
        "integrity:report", _("Report an attempt to steer this process"), (A.REPORT_INCIDENT,)
    ),
    MenuEntry("integrity:declarations", _("Declarations of interest"), (A.VIEW_DECLARATIONS,)),
    MenuEntry("integrity:declare", _("Declare an interest"), (A.DECLARE_INTEREST,)),
    MenuEntry("integrity:publish_document", _("Publish a document"), (A.PUBLISH_DOCUMENT,)),
    MenuEntry("recruitment:invitations", _("Invitations"), (A.MANAGE_RECRUITMENT,)),
    MenuEntry("recruitment:settings", _("Registration"), (A.MANAGE_RECRUITMENT,)),
    MenuEntry("recruitment:registrants", _("Registrants"), (A.VIEW_REGISTRANTS,)),
    MenuEntry("selection:quotas", _("Quotas and runs"), (A.MANAGE_QUOTAS, A.RUN_SELECTION)),
    MenuEntry("selection:draw", _("Public draw"), (A.DRAW_PANEL,)),
    MenuEntry("selection:panel", _("Panel"), (A.VIEW_REGISTRANTS, A.MANAGE_PANEL)),
    MenuEntry("conformance:attestations", _("Statements for the conformance report"), (A.ATTEST,)),
    MenuEntry("conformance:manage_sign_offs", _("Sign off or object"), (A.SIGN_OFF,)),
    MenuEntry("commissioning:list", _("Commission appraisal"), (A.APPRAISE, A.VIEW_APPRAISAL)),
    MenuEntry(
        "evidence:manage_witnesses",
        _("Propose and choose witnesses"),
        (A.PROPOSE_WITNESS, A.MANAGE_WITNESSES),
    ),
    MenuEntry(
        "evidence:requests",
        _("Participants' requests for witnesses"),
        (A.REQUEST_WITNESS, A.VOTE_WITNESS, A.RUN_WITNESS_VOTE),
    ),
    MenuEntry(
        "evidence:manage_materials",
        _("Briefing materials: drafts and reviews"),
        (A.ADD_MATERIAL, A.VIEW_MATERIAL_DRAFTS, A.REVIEW_MATERIAL),
    ),
    MenuEntry(
        "deliberation:speaking_overview",
        _("Speaking time at the tables"),
        (A.VIEW_EQUITY, A.VIEW_ROOM),
    ),
    MenuEntry("participants:attendance_check_in", _("Check in to a meeting"), (A.CHECK_IN,)),
    MenuEntry(
        "participants:attendance_overview",
        _("Attendance and follow-ups"),
        (A.RECORD_ATTENDANCE, A.VIEW_SUPPORT),
    ),
    MenuEntry(
        "participants:message_log",
        _("Messages to participants"),
        (A.MESSAGE_PARTICIPANTS, A.VIEW_SUPPORT),
    ),
    MenuEntry("deliberation:parking_lot", _("Parking lot"), (A.RAISE_CONCERN, A.RESOLVE_CONCERN)),
    MenuEntry("participants:support_home", _("Participant support"), (A.VIEW_SUPPORT,)),
    MenuEntry("deliberation:manage_summaries", _("Table summaries"), (A.WRITE_SUMMARY,)),
    MenuEntry("deliberation:my_summaries", _("My table summaries"), (A.CONFIRM_SUMMARY,)),
    MenuEntry("deliberation:manage_agenda", _("Agenda and sessions"), (A.MANAGE_AGENDA,)),
    MenuEntry("deliberation:timer_sessions", _("Live timer"), (A.RUN_TIMER,)),
    MenuEntry("deliberation:time_requests", _("Requests for more time"), (A.DECIDE_TIME,)),
    MenuEntry("deliberation:request_time", _("Ask for more time"), (A.REQUEST_TIME,)),
    MenuEntry("deliberation:tables", _("Tables"), (A.ALLOCATE_TABLES,)),
    MenuEntry("deliberation:my_tables", _("My tables"), (A.VIEW_OWN_TABLES,)),
    MenuEntry("evaluation:results", _("Members' questionnaire"), (A.ANSWER_EVALUATION,)),
    MenuEntry("evaluation:manage", _("Evaluation rounds"), (A.MANAGE_EVALUATION,)),
    MenuEntry(
        "accountability:responses",
        _("Responses to the recommendations: answer, report progress, rate"),
        (A.RESPOND, A.REPORT_PROGRESS, A.RATE_RESPONSE),
    ),
    MenuEntry("accountability:updates", _("My e-mail updates"), (A.CHOOSE_UPDATES,)),
    MenuEntry(
        "participants:portal_me", _("My page: meetings, payments, privacy"), (A.VIEW_OWN_SUPPORT,)
    ),
    MenuEntry("participants:contact_requests", _("Contact requests"), (A.HANDLE_CONTACT,)),
    MenuEntry(
        "recommendations:list",
        _("Recommendations: drafts and votes"),
        (A.DRAFT_RECOMMENDATION, A.VIEW_DRAFTS),
    ),
    MenuEntry(
        "recommendations:votes",
        _("Votes on the recommendations"),
        (A.VOTE_RECOMMENDATION, A.RUN_RECOMMENDATION_VOTE),
    ),
    MenuEntry("report:page", _("Our report: write and sign it"), (A.EDIT_REPORT, A.SIGN_REPORT)),
    MenuEntry("learning:case_record", _("Case record for the library"), (A.WRITE_CASE_RECORD,)),
    MenuEntry(
        "report:change",
        _("Ask the participants to change their report"),
        (A.REQUEST_REPORT_CHANGE,),
    ),
)


@dataclass(frozen=True)
class MenuLink:
    """One link of the menu as shown."""

    url: str
    label: Promise


def menu_for(actor: Actor, process: Process, roles: frozenset[Role]) -> list[MenuLink]:
    """The links of ``MENU`` that ``actor`` (holding ``roles``, terms accepted) may follow."""
    allowed: dict[Action, bool] = {}

    def may(action: Action) -> bool:
        if action not in allowed:
            allowed[action] = can(actor, action, process, roles=roles)
        return allowed[action]

    return [
        MenuLink(reverse(entry.url_name, args=[process.slug]), entry.label)
        for entry in MENU
        if any(may(action) for action in entry.actions)
    ]
