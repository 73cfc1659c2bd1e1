"""The access policy: which role may do what, in which phase.

This table is the single statement of who may change what. The Django layer
(``minipublic.processes.access``) feeds it the facts about a user and a process; every
named action and every page asks it before acting. Tests restate it as a
role x action x phase table, and a test fails if an action has no row there.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from minipublic.lifecycle.phases import PHASE_ORDER, Phase, phase_index
from minipublic.lifecycle.roles import Role


class Action(StrEnum):
    """Everything a person can ask minipublic to do; each has one rule in POLICY."""

    VIEW_PROCESS = "view_process"
    VIEW_MEMBERS = "view_members"
    EDIT_PROCESS = "edit_process"
    CHANGE_PHASE = "change_phase"
    MANAGE_MEMBERS = "manage_members"
    SET_VISIBILITY = "set_visibility"
    DELETE_PROCESS = "delete_process"
    CREATE_PROCESS = "create_process"
    MANAGE_OWN_ACCOUNT = "manage_own_account"
    REPORT_INCIDENT = "report_incident"
    VIEW_INCIDENTS = "view_incidents"
    REVIEW_INCIDENT = "review_incident"
    PUBLISH_INCIDENT = "publish_incident"
    DECLARE_INTEREST = "declare_interest"
    RECORD_DECLARATION = "record_declaration"
    VIEW_DECLARATIONS = "view_declarations"
    REVIEW_DECLARATION = "review_declaration"
    PUBLISH_DOCUMENT = "publish_document"
    VIEW_OVERSIGHT = "view_oversight"
    MANAGE_RECRUITMENT = "manage_recruitment"
    VIEW_REGISTRANTS = "view_registrants"
    MANAGE_QUOTAS = "manage_quotas"
    RUN_SELECTION = "run_selection"
    DRAW_PANEL = "draw_panel"
    MANAGE_PANEL = "manage_panel"
    REGISTER = "register"
    ATTEST = "attest"
    EDIT_DESIGN = "edit_design"
    SIGN_OFF = "sign_off"
    APPRAISE = "appraise"
    VIEW_APPRAISAL = "view_appraisal"
    ACCEPT_TERMS = "accept_terms"
    EDIT_TERMS = "edit_terms"
    PROPOSE_CODE = "propose_code"
    VOTE_CODE = "vote_code"
    RUN_CODE_VOTE = "run_code_vote"
    COUNCIL_ACT = "council_act"
    MANAGE_COUNCIL = "manage_council"
    PROPOSE_WITNESS = "propose_witness"
    MANAGE_WITNESSES = "manage_witnesses"
    REQUEST_WITNESS = "request_witness"
    VOTE_WITNESS = "vote_witness"
    RUN_WITNESS_VOTE = "run_witness_vote"
    ADD_MATERIAL = "add_material"
    VIEW_MATERIAL_DRAFTS = "view_material_drafts"
    REVIEW_MATERIAL = "review_material"
    PUBLISH_MATERIAL = "publish_material"
    MANAGE_AGENDA = "manage_agenda"
    RUN_TIMER = "run_timer"
    REQUEST_TIME = "request_time"
    DECIDE_TIME = "decide_time"
    VIEW_ROOM = "view_room"
    RECORD_SPEAKING = "record_speaking"
    VIEW_EQUITY = "view_equity"
    ALLOCATE_TABLES = "allocate_tables"
    VIEW_OWN_TABLES = "view_own_tables"
    RAISE_CONCERN = "raise_concern"
    RESOLVE_CONCERN = "resolve_concern"
    WRITE_SUMMARY = "write_summary"
    CONFIRM_SUMMARY = "confirm_summary"
    VIEW_DRAFTS = "view_drafts"
    DRAFT_RECOMMENDATION = "draft_recommendation"
    DECIDE_AMENDMENT = "decide_amendment"
    VOTE_RECOMMENDATION = "vote_recommendation"
    RUN_RECOMMENDATION_VOTE = "run_recommendation_vote"
    EDIT_REPORT = "edit_report"
    SIGN_REPORT = "sign_report"
    REQUEST_REPORT_CHANGE = "request_report_change"
    RESPOND = "respond"
    REPORT_PROGRESS = "report_progress"
    RATE_RESPONSE = "rate_response"
    CHOOSE_UPDATES = "choose_updates"
    ANSWER_EVALUATION = "answer_evaluation"
    MANAGE_EVALUATION = "manage_evaluation"
    WRITE_CASE_RECORD = "write_case_record"
    PUBLISH_CASE_RECORD = "publish_case_record"
    RESEARCH = "research"
    MODERATE_LIBRARY = "moderate_library"
    SHARE_LIBRARY_MATERIAL = "share_library_material"
    WITHDRAW_OWN_LIBRARY_ENTRY = "withdraw_own_library_entry"
    VIEW_SUPPORT = "view_support"
    MANAGE_SUPPORT = "manage_support"
    RECORD_ATTENDANCE = "record_attendance"
    CHECK_IN = "check_in"
    MESSAGE_PARTICIPANTS = "message_participants"
    VIEW_OWN_SUPPORT = "view_own_support"
    REQUEST_CONTACT = "request_contact"
    HANDLE_CONTACT = "handle_contact"
    CHOOSE_CONSENT = "choose_consent"


class Scope(StrEnum):
    """What an action is about: one process, the whole site, or the person's own account."""

    PROCESS = "process"
    SITE = "site"
    ACCOUNT = "account"


def phases_between(first: Phase, last: Phase) -> frozenset[Phase]:
    """All phases from ``first`` to ``last``, both included."""
    return frozenset(PHASE_ORDER[phase_index(first) : phase_index(last) + 1])


ALL_PHASES: frozenset[Phase] = frozenset(Phase)
OPEN_PHASES: frozenset[Phase] = ALL_PHASES - {Phase.CLOSED}
# While the members meet: deliberating, then writing their recommendations.
_IN_THE_ROOM: frozenset[Phase] = phases_between(Phase.DELIBERATION, Phase.RECOMMENDATIONS)
# From writing the report until follow-up ends (a report can get a new version later).
_FROM_REPORT: frozenset[Phase] = phases_between(Phase.RECOMMENDATIONS, Phase.FOLLOW_UP)


def _grant(roles: Iterable[Role], phases: frozenset[Phase]) -> dict[Role, frozenset[Phase]]:
    return dict.fromkeys(roles, phases)


@dataclass(frozen=True)
class Rule:
    """Who may perform one action.

    ``grants`` maps a process role to the phases in which it may act. ``public`` lets
    anyone act while the process is public (for reading). ``staff`` lets site staff act
    on site-wide actions, ``researcher`` lets accounts the site has marked as researchers
    act on them; account actions are open to any signed-in person, for their own account
    only.
    """

    scope: Scope
    grants: Mapping[Role, frozenset[Phase]] = field(default_factory=dict)
    public: bool = False
    staff: bool = False
    researcher: bool = False


_STEWARDS = (Role.LEAD_PRACTITIONER, Role.FACILITATOR, Role.RECRUITER, Role.OVERSIGHT)
# The arm's-length team that runs the room: the lead practitioner and the facilitators.
_TEAM = (Role.LEAD_PRACTITIONER, Role.FACILITATOR)

POLICY: Mapping[Action, Rule] = {
    # Every member reads their process in every phase; the public reads it once published.
    Action.VIEW_PROCESS: Rule(Scope.PROCESS, _grant(Role, ALL_PHASES), public=True),
    # Names of members (participants included) are personal data: only the people who
    # run or oversee the process see the full list. Commissioners do not, so that they
    # cannot contact or lobby participants.
    Action.VIEW_MEMBERS: Rule(Scope.PROCESS, _grant(_STEWARDS, ALL_PHASES)),
    # The remit is settled before deliberation starts; changing it afterwards would steer
    # the outcome. The commissioner shapes it only while the process is being designed.
    Action.EDIT_PROCESS: Rule(
        Scope.PROCESS,
        {
            Role.LEAD_PRACTITIONER: phases_between(Phase.DESIGN, Phase.SELECTION),
            Role.COMMISSIONER: frozenset({Phase.DESIGN}),
        },
    ),
    Action.CHANGE_PHASE: Rule(Scope.PROCESS, _grant([Role.LEAD_PRACTITIONER], OPEN_PHASES)),
    Action.MANAGE_MEMBERS: Rule(Scope.PROCESS, _grant([Role.LEAD_PRACTITIONER], OPEN_PHASES)),
    Action.SET_VISIBILITY: Rule(Scope.PROCESS, _grant([Role.LEAD_PRACTITIONER], OPEN_PHASES)),
    # A process's record is never deleted through the site, by anyone: only the operator
    # at the command line (`minipublic delete-process`) can remove one.
    Action.DELETE_PROCESS: Rule(Scope.PROCESS),
    Action.CREATE_PROCESS: Rule(Scope.SITE, staff=True),
    Action.MANAGE_OWN_ACCOUNT: Rule(Scope.ACCOUNT),
    # The register of steering attempts (issue 4). Anyone who takes part may have been
    # pressed, so every member may report while the process runs (participants may do so
    # anonymously; the action checks that).
    Action.REPORT_INCIDENT: Rule(Scope.PROCESS, _grant(Role, OPEN_PHASES)),
    # What happened, and who reported it, is read by those who must act on it: the
    # oversight group and the lead practitioner, who takes the response. Commissioners
    # are often the source of the pressure, so they do not read the register.
    Action.VIEW_INCIDENTS: Rule(
        Scope.PROCESS, _grant([Role.OVERSIGHT, Role.LEAD_PRACTITIONER], ALL_PHASES)
    ),
    Action.REVIEW_INCIDENT: Rule(
        Scope.PROCESS, _grant([Role.OVERSIGHT, Role.LEAD_PRACTITIONER], OPEN_PHASES)
    ),
    # Publishing is the independent oversight group's choice alone, so that neither the
    # commissioner nor the people who run the process can hide an entry once published.
    Action.PUBLISH_INCIDENT: Rule(Scope.PROCESS, _grant([Role.OVERSIGHT], OPEN_PHASES)),
    # Declarations of interest: everyone who takes part declares their own while the
    # process runs. The people who run it record them for experts and witnesses who have
    # no account. Oversight and the lead practitioner read them all (participants' stay
    # private to them); experts' and staff's are also public. Oversight reviews them.
    Action.DECLARE_INTEREST: Rule(Scope.PROCESS, _grant(Role, OPEN_PHASES)),
    Action.RECORD_DECLARATION: Rule(
        Scope.PROCESS, _grant([Role.LEAD_PRACTITIONER, Role.FACILITATOR], OPEN_PHASES)
    ),
    Action.VIEW_DECLARATIONS: Rule(
        Scope.PROCESS, _grant([Role.OVERSIGHT, Role.LEAD_PRACTITIONER], ALL_PHASES)
    ),
    Action.REVIEW_DECLARATION: Rule(Scope.PROCESS, _grant([Role.OVERSIGHT], OPEN_PHASES)),
    # Public documents (terms, briefing material, minutes, reports) enter the ledger with
    # their hash, so the bundle can prove they were not changed. Published once, never
    # edited: a correction is a new document. Oversight publishes its own minutes too.
    Action.PUBLISH_DOCUMENT: Rule(
        Scope.PROCESS, _grant([Role.LEAD_PRACTITIONER, Role.OVERSIGHT], OPEN_PHASES)
    ),
    # The oversight dashboard: open incidents, escalations, declarations, overdue items.
    Action.VIEW_OVERSIGHT: Rule(Scope.PROCESS, _grant([Role.OVERSIGHT], ALL_PHASES)),
    # Recruitment and selection (issue 5). The commissioner never touches them and never
    # sees a registrant's personal data, so that it cannot shape who sits in the room.
    # Address lists, invitation draws, the registration questions and pool imports:
    Action.MANAGE_RECRUITMENT: Rule(
        Scope.PROCESS,
        _grant(
            [Role.LEAD_PRACTITIONER, Role.RECRUITER], phases_between(Phase.DESIGN, Phase.SELECTION)
        ),
    ),
    # Registrants' personal data: only those who must contact them.
    Action.VIEW_REGISTRANTS: Rule(
        Scope.PROCESS, _grant([Role.LEAD_PRACTITIONER, Role.RECRUITER], OPEN_PHASES)
    ),
    Action.MANAGE_QUOTAS: Rule(
        Scope.PROCESS,
        _grant(
            [Role.LEAD_PRACTITIONER, Role.RECRUITER], phases_between(Phase.DESIGN, Phase.SELECTION)
        ),
    ),
    # Runs (selections, and replacements once deliberation has started); each is recorded.
    Action.RUN_SELECTION: Rule(
        Scope.PROCESS,
        _grant(
            [Role.LEAD_PRACTITIONER, Role.RECRUITER],
            phases_between(Phase.RECRUITMENT, Phase.DELIBERATION),
        ),
    ),
    # Committing to a run and entering the public randomness: the lead practitioner, in
    # public, during selection (and deliberation, for replacements).
    Action.DRAW_PANEL: Rule(
        Scope.PROCESS,
        _grant([Role.LEAD_PRACTITIONER], phases_between(Phase.SELECTION, Phase.DELIBERATION)),
    ),
    # Registering into the pool, from the public registration page: anyone, but only for a
    # public process (a private one does not reveal that it exists). The action itself
    # checks that registration is open, in the recruitment phase.
    Action.REGISTER: Rule(Scope.PROCESS, public=True),
    # Confirmation status of each selected person (confirmed, declined, unreachable, dropped out).
    Action.MANAGE_PANEL: Rule(
        Scope.PROCESS,
        _grant(
            [Role.LEAD_PRACTITIONER, Role.RECRUITER],
            phases_between(Phase.SELECTION, Phase.RECOMMENDATIONS),
        ),
    ),
    # The planned design (days, hours, meetings, panel size, days to respond) is the
    # arm's-length team's decision: the commissioner, who may edit the remit while it is
    # designed, cannot cut the time the members get.
    Action.EDIT_DESIGN: Rule(
        Scope.PROCESS,
        _grant([Role.LEAD_PRACTITIONER], phases_between(Phase.DESIGN, Phase.SELECTION)),
    ),
    # Conformance (issue 6). The lead practitioner states the facts the platform cannot
    # see; each statement is marked as such wherever it is used.
    Action.ATTEST: Rule(Scope.PROCESS, _grant([Role.LEAD_PRACTITIONER], OPEN_PHASES)),
    # The independent oversight group signs off (or objects to) the question, the
    # selection, the witnesses and the materials; nobody else can.
    Action.SIGN_OFF: Rule(Scope.PROCESS, _grant([Role.OVERSIGHT], OPEN_PHASES)),
    # The commission appraisal is the practitioner's own weighing of the commission and
    # their negotiating position: the lead practitioner writes it, the oversight group
    # reads it; the commissioner sees it only if the lead publishes the final one.
    Action.APPRAISE: Rule(Scope.PROCESS, _grant([Role.LEAD_PRACTITIONER], OPEN_PHASES)),
    Action.VIEW_APPRAISAL: Rule(
        Scope.PROCESS, _grant([Role.LEAD_PRACTITIONER, Role.OVERSIGHT], ALL_PHASES)
    ),
    # Terms of engagement. Every member accepts the charter of each role they hold before
    # doing anything else in the process (the access helpers refuse every other action
    # until then). The lead practitioner writes the charters; a new version must be
    # accepted again. Once the participants have adopted their own code of conduct by
    # vote, only another vote of theirs changes it.
    Action.ACCEPT_TERMS: Rule(Scope.PROCESS, _grant(Role, OPEN_PHASES)),
    Action.EDIT_TERMS: Rule(Scope.PROCESS, _grant([Role.LEAD_PRACTITIONER], OPEN_PHASES)),
    Action.PROPOSE_CODE: Rule(Scope.PROCESS, _grant([Role.PARTICIPANT], OPEN_PHASES)),
    Action.VOTE_CODE: Rule(Scope.PROCESS, _grant([Role.PARTICIPANT], OPEN_PHASES)),
    # Facilitators open and close the participants' vote; they never cast a vote.
    Action.RUN_CODE_VOTE: Rule(
        Scope.PROCESS, _grant([Role.FACILITATOR, Role.LEAD_PRACTITIONER], OPEN_PHASES)
    ),
    # A permanent citizens' council (Ostbelgien model). Its members propose topics, choose
    # experts and follow up earlier assemblies' responses; the secretariat (the lead
    # practitioner and facilitators) records what the council decided in its meetings.
    Action.COUNCIL_ACT: Rule(
        Scope.PROCESS,
        _grant([Role.PARTICIPANT, Role.FACILITATOR, Role.LEAD_PRACTITIONER], OPEN_PHASES),
    ),
    # The rotation schedule and the rotation draws by lot: the lead practitioner, in public.
    Action.MANAGE_COUNCIL: Rule(Scope.PROCESS, _grant([Role.LEAD_PRACTITIONER], OPEN_PHASES)),
    # Evidence (issue 7). Choosing witnesses and writing the briefing is where
    # commissioners most often steer, so anyone may *propose* a witness (the commissioner
    # and stakeholders included, and the register says who proposed whom) but only the
    # arm's-length team decides, and the oversight group signs the list off.
    Action.PROPOSE_WITNESS: Rule(
        Scope.PROCESS,
        _grant(
            [
                Role.COMMISSIONER,
                Role.LEAD_PRACTITIONER,
                Role.FACILITATOR,
                Role.EXPERT,
                Role.OVERSIGHT,
            ],
            OPEN_PHASES,
        ),
    ),
    # Recording stakeholders' proposals, witnesses' details and declarations, and the
    # decision on each proposal (invited, declined, not chosen, with reasons).
    Action.MANAGE_WITNESSES: Rule(Scope.PROCESS, _grant(_TEAM, OPEN_PHASES)),
    # Participants ask for witnesses and vote on each other's requests; the team opens
    # and closes those votes but never votes.
    Action.REQUEST_WITNESS: Rule(Scope.PROCESS, _grant([Role.PARTICIPANT], OPEN_PHASES)),
    Action.VOTE_WITNESS: Rule(Scope.PROCESS, _grant([Role.PARTICIPANT], OPEN_PHASES)),
    Action.RUN_WITNESS_VOTE: Rule(Scope.PROCESS, _grant(_TEAM, OPEN_PHASES)),
    # Briefing materials: the team, the experts and the commissioner may submit drafts (a
    # commissioner's material is always labelled as theirs); the oversight group reviews
    # them (and the team records the stakeholder reference group's comments); only the
    # lead practitioner publishes a version to the members and the public.
    Action.ADD_MATERIAL: Rule(
        Scope.PROCESS,
        _grant(
            [Role.LEAD_PRACTITIONER, Role.FACILITATOR, Role.EXPERT, Role.COMMISSIONER],
            OPEN_PHASES,
        ),
    ),
    Action.VIEW_MATERIAL_DRAFTS: Rule(Scope.PROCESS, _grant([*_TEAM, Role.OVERSIGHT], ALL_PHASES)),
    Action.REVIEW_MATERIAL: Rule(Scope.PROCESS, _grant([*_TEAM, Role.OVERSIGHT], OPEN_PHASES)),
    Action.PUBLISH_MATERIAL: Rule(Scope.PROCESS, _grant([Role.LEAD_PRACTITIONER], OPEN_PHASES)),
    # The deliberation room (issue 7). "Time is power": the agenda and its timer are the
    # team's, every participant's request for more time is logged with its decision, and
    # the time actually used is public.
    Action.MANAGE_AGENDA: Rule(Scope.PROCESS, _grant(_TEAM, OPEN_PHASES)),
    Action.RUN_TIMER: Rule(Scope.PROCESS, _grant(_TEAM, _IN_THE_ROOM)),
    Action.REQUEST_TIME: Rule(Scope.PROCESS, _grant([Role.PARTICIPANT], _IN_THE_ROOM)),
    Action.DECIDE_TIME: Rule(Scope.PROCESS, _grant(_TEAM, _IN_THE_ROOM)),
    # Who sits at which table, under which name, and each person's speaking time: the
    # facilitators need them to run the room; nobody else sees them.
    Action.VIEW_ROOM: Rule(Scope.PROCESS, _grant(_TEAM, ALL_PHASES)),
    Action.RECORD_SPEAKING: Rule(Scope.PROCESS, _grant(_TEAM, _IN_THE_ROOM)),
    # Speaking-time equity in aggregate (per table and session, never per person): every
    # member may read it, so the participants can hold the facilitation to account.
    Action.VIEW_EQUITY: Rule(Scope.PROCESS, _grant(Role, ALL_PHASES)),
    Action.ALLOCATE_TABLES: Rule(Scope.PROCESS, _grant(_TEAM, OPEN_PHASES)),
    # A participant sees where they sit in each session (their own table, nobody else's).
    Action.VIEW_OWN_TABLES: Rule(Scope.PROCESS, _grant([Role.PARTICIPANT], ALL_PHASES)),
    # The parking lot: participants and the team park concerns; only the team resolves
    # them (discussed, referred, out of remit with reasons), all of it in public.
    Action.RAISE_CONCERN: Rule(Scope.PROCESS, _grant([Role.PARTICIPANT, *_TEAM], _IN_THE_ROOM)),
    Action.RESOLVE_CONCERN: Rule(Scope.PROCESS, _grant(_TEAM, _IN_THE_ROOM)),
    # Table summaries: the facilitator writes one; the table's own members confirm or
    # correct it before it enters the record (the action checks they sat at that table).
    Action.WRITE_SUMMARY: Rule(Scope.PROCESS, _grant(_TEAM, _IN_THE_ROOM)),
    Action.CONFIRM_SUMMARY: Rule(Scope.PROCESS, _grant([Role.PARTICIPANT], _IN_THE_ROOM)),
    # The participants' recommendations and report (issue 8). Only participants write:
    # recommendations, amendments, comments and the report's own text. Drafts are seen by
    # the participants, the team that supports them and the oversight group, never by the
    # commissioner (who could otherwise lobby on a draft); results become public with the
    # frozen report.
    Action.VIEW_DRAFTS: Rule(
        Scope.PROCESS, _grant([Role.PARTICIPANT, *_TEAM, Role.OVERSIGHT], ALL_PHASES)
    ),
    Action.DRAFT_RECOMMENDATION: Rule(Scope.PROCESS, _grant([Role.PARTICIPANT], _IN_THE_ROOM)),
    # The drafting group (participants) accepts an amendment or puts it to a vote; the
    # action checks the person belongs to the recommendation's drafting group.
    Action.DECIDE_AMENDMENT: Rule(Scope.PROCESS, _grant([Role.PARTICIPANT], _IN_THE_ROOM)),
    Action.VOTE_RECOMMENDATION: Rule(Scope.PROCESS, _grant([Role.PARTICIPANT], _IN_THE_ROOM)),
    # Opening and closing a vote is facilitation, not content: the team does it.
    Action.RUN_RECOMMENDATION_VOTE: Rule(Scope.PROCESS, _grant(_TEAM, _IN_THE_ROOM)),
    # The report is the participants' own: nobody else edits it. A later version (with
    # its reason and diff) needs the same sign-off, so both stay open after delivery.
    Action.EDIT_REPORT: Rule(Scope.PROCESS, _grant([Role.PARTICIPANT], _FROM_REPORT)),
    Action.SIGN_REPORT: Rule(Scope.PROCESS, _grant([Role.PARTICIPANT], _FROM_REPORT)),
    # A commissioner who wants the report changed asks through a form; the request is
    # entered in the integrity register automatically and changes nothing by itself.
    Action.REQUEST_REPORT_CHANGE: Rule(Scope.PROCESS, _grant([Role.COMMISSIONER], _FROM_REPORT)),
    # The commissioner answers every recommendation in public and reports progress; the
    # lead practitioner may post progress the responsible body sent them (labelled so).
    Action.RESPOND: Rule(Scope.PROCESS, _grant([Role.COMMISSIONER], _FROM_REPORT)),
    Action.REPORT_PROGRESS: Rule(
        Scope.PROCESS,
        _grant(
            [Role.COMMISSIONER, Role.LEAD_PRACTITIONER],
            phases_between(Phase.RESPONSE, Phase.FOLLOW_UP),
        ),
    ),
    # Participants judge whether the response and its implementation are faithful to
    # what they recommended; only the aggregate is shown.
    Action.RATE_RESPONSE: Rule(
        Scope.PROCESS, _grant([Role.PARTICIPANT], phases_between(Phase.RESPONSE, Phase.FOLLOW_UP))
    ),
    # A participant chooses whether the responses and progress updates reach them by
    # e-mail (they may also stop them from any message, without signing in).
    Action.CHOOSE_UPDATES: Rule(Scope.PROCESS, _grant([Role.PARTICIPANT], ALL_PHASES)),
    # The OECD member questionnaire: confidential answers, aggregate results.
    Action.ANSWER_EVALUATION: Rule(
        Scope.PROCESS,
        _grant([Role.PARTICIPANT], phases_between(Phase.DELIBERATION, Phase.FOLLOW_UP)),
    ),
    Action.MANAGE_EVALUATION: Rule(
        Scope.PROCESS, _grant([Role.LEAD_PRACTITIONER, Role.OVERSIGHT], OPEN_PHASES)
    ),
    # Practitioner learning (issue 9). The people who ran the room write the case record
    # of their process (while it runs or after it closed) and its reflections; only the
    # lead practitioner, having reviewed every replacement the anonymisation proposes,
    # publishes it to the site's library.
    Action.WRITE_CASE_RECORD: Rule(Scope.PROCESS, _grant(_TEAM, ALL_PHASES)),
    Action.PUBLISH_CASE_RECORD: Rule(Scope.PROCESS, _grant([Role.LEAD_PRACTITIONER], ALL_PHASES)),
    # Research projects (private transcripts, codebooks, coding) are open to the accounts
    # the site has marked as researchers; the action checks the person belongs to the
    # project they work in.
    Action.RESEARCH: Rule(Scope.SITE, researcher=True),
    # Site staff may withdraw a published case record from the library (with a reason
    # shown in its place), for example when it identifies someone despite the review.
    Action.MODERATE_LIBRARY: Rule(Scope.SITE, staff=True),
    # The author of a library entry shares materials with it (designs, templates, codes of
    # conduct) and may withdraw it; the actions check the person is its author (site
    # staff may also add and remove materials on any entry).
    Action.SHARE_LIBRARY_MATERIAL: Rule(Scope.ACCOUNT),
    Action.WITHDRAW_OWN_LIBRARY_ENTRY: Rule(Scope.ACCOUNT),
    # Participant support (issue 10). Support needs and payment details are the most
    # sensitive data we hold: only the people who arrange and pay them see them — the
    # lead practitioner and the recruiters. Facilitators, oversight, the commissioner,
    # experts, observers and other participants never do.
    Action.VIEW_SUPPORT: Rule(
        Scope.PROCESS, _grant([Role.LEAD_PRACTITIONER, Role.RECRUITER], ALL_PHASES)
    ),
    Action.MANAGE_SUPPORT: Rule(
        Scope.PROCESS, _grant([Role.LEAD_PRACTITIONER, Role.RECRUITER], OPEN_PHASES)
    ),
    # Attendance at each meeting: the team checks people in (and the recruiters, who pay
    # the stipends it makes due); a participant may check in with the meeting's code.
    Action.RECORD_ATTENDANCE: Rule(
        Scope.PROCESS,
        _grant([Role.LEAD_PRACTITIONER, Role.FACILITATOR, Role.RECRUITER], OPEN_PHASES),
    ),
    Action.CHECK_IN: Rule(Scope.PROCESS, _grant([Role.PARTICIPANT], _IN_THE_ROOM)),
    # Messages to all participants, a table or one person, through the platform only.
    Action.MESSAGE_PARTICIPANTS: Rule(
        Scope.PROCESS,
        _grant([Role.LEAD_PRACTITIONER, Role.FACILITATOR, Role.RECRUITER], OPEN_PHASES),
    ),
    # A participant's own page: their meetings, their support items and payments.
    Action.VIEW_OWN_SUPPORT: Rule(Scope.PROCESS, _grant([Role.PARTICIPANT], ALL_PHASES)),
    # Journalists, stakeholders and anyone else reach participants only through the
    # practitioners: a form, open to everyone on a public process and to every member.
    Action.REQUEST_CONTACT: Rule(Scope.PROCESS, _grant(Role, OPEN_PHASES), public=True),
    Action.HANDLE_CONTACT: Rule(Scope.PROCESS, _grant([Role.LEAD_PRACTITIONER], ALL_PHASES)),
    # Each participant decides whether their name may be published (never before the
    # process ends) and whether they may be contacted after it; they may withdraw either.
    Action.CHOOSE_CONSENT: Rule(Scope.PROCESS, _grant([Role.PARTICIPANT], ALL_PHASES)),
}

# The actions a member may take before accepting their terms: reading the process (to
# read the terms) and accepting them.
TERMS_FREE_ACTIONS: frozenset[Action] = frozenset({Action.VIEW_PROCESS, Action.ACCEPT_TERMS})


def is_allowed(
    action: Action,
    *,
    signed_in: bool,
    is_staff: bool = False,
    is_researcher: bool = False,
    roles: Iterable[Role] = (),
    phase: Phase | None = None,
    is_public: bool = False,
) -> bool:
    """Whether someone with these facts may perform ``action``.

    For process actions pass the person's ``roles`` in that process, its ``phase`` and
    whether it ``is_public``. Site and account actions ignore them.
    """
    rule = POLICY[action]
    if rule.scope is Scope.SITE:
        return signed_in and ((rule.staff and is_staff) or (rule.researcher and is_researcher))
    if rule.scope is Scope.ACCOUNT:
        return signed_in
    if phase is None:
        raise ValueError(f"{action} is a process action: pass the process phase")
    if rule.public and is_public:
        return True
    return any(phase in rule.grants.get(role, frozenset()) for role in roles)
