"""The checks behind the catalogue's criteria: facts and thresholds in, a Verdict out.

Each check is small and total: it returns UNKNOWN when a fact it needs is missing,
PENDING when the thing it checks is not due yet, and never raises.
"""

from __future__ import annotations

from datetime import date, timedelta

from minipublic.standards.criteria import Outcome, Param, Verdict
from minipublic.standards.facts import Attested, ProcessFacts
from minipublic.standards.templates import Thresholds

MET, NOT_MET, UNKNOWN = Outcome.MET, Outcome.NOT_MET, Outcome.UNKNOWN
PENDING, NOT_APPLICABLE = Outcome.PENDING, Outcome.NOT_APPLICABLE


def started(f: ProcessFacts) -> bool:
    """Whether deliberation has started as of the facts' date (False if not known)."""
    return (
        f.as_of is not None
        and f.deliberation_starts_on is not None
        and (f.as_of >= f.deliberation_starts_on)
    )


def flag(value: bool | None, name: str, yes: str, no: str) -> Verdict:
    """A check on one recorded yes/no fact; ``name`` prefixes the codes."""
    if value is None:
        return Verdict(UNKNOWN, f"{name}_unknown", "Not recorded yet.")
    if value:
        return Verdict(MET, f"{name}_yes", yes)
    return Verdict(NOT_MET, f"{name}_no", no)


def attested(value: Attested[bool] | None, name: str, yes: str, no: str) -> Verdict:
    """A check on one attested yes/no fact; the verdict names who attested it."""
    if value is None:
        return Verdict(UNKNOWN, f"{name}_unknown", "Nobody has attested this yet.")
    params: dict[str, Param] = {"attested_by": value.by}
    text = f"{yes if value.value else no} (attested by {value.by})"
    outcome = MET if value.value else NOT_MET
    return Verdict(outcome, f"{name}_{'yes' if value.value else 'no'}", text, True, params)


# ---------------------------------------------------------------- gates


def deliberation_days(f: ProcessFacts, t: Thresholds) -> Verdict:
    """Enough full days, or a justified shorter process that is still at least one day."""
    days = f.deliberation_days
    params: dict[str, Param] = {
        "days": days,
        "min_days": t.min_days,
        "floor_days": t.floor_days,
    }
    if days is None:
        return Verdict(UNKNOWN, "days_unknown", "The number of days is not known.", False, params)
    if days >= t.min_days:
        text = f"{days:g} days of deliberation; this model needs at least {t.min_days:g}."
        return Verdict(MET, "days_enough", text, False, params)
    if days < t.floor_days:
        text = f"{days:g} days is below one full day: not deliberative at all."
        return Verdict(NOT_MET, "days_below_floor", text, False, params)
    why = f.shorter_time_justification
    if why is not None and why.value.strip():
        text = f"{days:g} days, shorter than {t.min_days:g}, justified by {why.by}: {why.value}"
        return Verdict(MET, "days_justified", text, True, {**params, "attested_by": why.by})
    text = f"{days:g} days of deliberation; this model needs at least {t.min_days:g}."
    return Verdict(NOT_MET, "days_below_threshold", text, False, params)


def random_stratified(f: ProcessFacts, t: Thresholds) -> Verdict:
    """Drawn by lot (stratified where the model needs it), in the platform."""
    params: dict[str, Param] = {"stratification_required": t.stratification_required}
    if f.selection_random is False:
        return Verdict(NOT_MET, "not_random", "Participants were not drawn by lot.", False, params)
    if t.stratification_required and f.stratified is False:
        text = "The draw was not stratified."
        return Verdict(NOT_MET, "not_stratified", text, False, params)
    if f.selection_in_platform is False:
        text = "The draw was made outside the platform, so the platform cannot vouch for it."
        return Verdict(NOT_MET, "selected_elsewhere", text, False, params)
    needed: list[bool | None] = [f.selection_random, f.selection_in_platform]
    if t.stratification_required:
        needed.append(f.stratified)
    if None in needed:
        return Verdict(UNKNOWN, "selection_unknown", "The selection method is not recorded.")
    return Verdict(MET, "random_stratified", "Drawn by lot in the platform.", False, params)


def selection_verified(f: ProcessFacts, t: Thresholds) -> Verdict:
    """The public draw was committed to in advance and verified."""
    if f.selection_verified is None and not started(f):
        return Verdict(PENDING, "draw_not_yet", "The panel has not been drawn yet.")
    return flag(
        f.selection_verified,
        "draw_verified",
        "The draw was committed to in advance and verified in public.",
        "The draw could not be verified.",
    )


def report_unedited(f: ProcessFacts, t: Thresholds) -> Verdict:
    """The published report is exactly the version the participants approved."""
    if f.report_delivered_on is None:
        return Verdict(PENDING, "report_not_yet", "The participants' report is not finished yet.")
    if f.report_approved_hash is None:
        return Verdict(UNKNOWN, "report_approval_unknown", "No participant-approved version.")
    if f.report_published_hash is None:
        due = f.report_delivered_on + timedelta(days=t.publish_report_days)
        params: dict[str, Param] = {"due": due.isoformat()}
        if f.as_of is not None and f.as_of > due:
            text = f"The report was not published by {due.isoformat()}."
            return Verdict(NOT_MET, "report_not_published", text, False, params)
        return Verdict(PENDING, "report_publication_due", "Publication is due.", False, params)
    if f.report_published_hash != f.report_approved_hash:
        text = "The published report differs from the version the participants approved."
        return Verdict(NOT_MET, "report_edited", text)
    return Verdict(MET, "report_unedited", "Published exactly as the participants approved it.")


def arms_length(f: ProcessFacts, t: Thresholds) -> Verdict:
    """The arm's-length team, not the commissioner, has the final say on process design."""
    return attested(
        f.arms_length_final_say,
        "arms_length",
        "The independent team has the final say on the design",
        "The commissioner keeps the final say on the design",
    )


def oversight_group(f: ProcessFacts, t: Thresholds) -> Verdict:
    """An oversight or advisory group exists."""
    return flag(
        f.oversight_group,
        "oversight_group",
        "An oversight group reviews the design.",
        "There is no oversight group.",
    )


def response_commitment(f: ProcessFacts, t: Thresholds) -> Verdict:
    """A public commitment to respond, with a deadline, made before deliberation starts."""
    if f.response_commitment_on is None:
        return Verdict(UNKNOWN, "commitment_missing", "No public commitment to respond yet.")
    if f.response_deadline_days is None:
        return Verdict(UNKNOWN, "deadline_missing", "The commitment sets no deadline.")
    params: dict[str, Param] = {
        "committed_on": f.response_commitment_on.isoformat(),
        "deadline_days": f.response_deadline_days,
    }
    starts = f.deliberation_starts_on
    if starts is not None and f.response_commitment_on > starts:
        text = "The commitment was made only after deliberation started."
        return Verdict(NOT_MET, "commitment_late", text, False, params)
    text = f"Public commitment to respond within {f.response_deadline_days} days."
    return Verdict(MET, "commitment_made", text, False, params)


def response_on_time(f: ProcessFacts, t: Thresholds) -> Verdict:
    """The response was published by the committed deadline."""
    if f.report_delivered_on is None:
        return Verdict(PENDING, "response_not_due", "No report to respond to yet.")
    if f.response_deadline_days is None:
        return Verdict(UNKNOWN, "deadline_missing", "No response deadline was set.")
    due = f.report_delivered_on + timedelta(days=f.response_deadline_days)
    params: dict[str, Param] = {"due": due.isoformat()}
    if f.response_published_on is not None:
        late = (f.response_published_on - due).days
        if late > 0:
            text = f"The response came {late} days after the deadline."
            return Verdict(NOT_MET, "response_late", text, False, {**params, "days_late": late})
        return Verdict(
            MET, "response_on_time", "The response was published on time.", False, params
        )
    if f.as_of is None:
        return Verdict(UNKNOWN, "response_unknown", "Whether the response is due is not known.")
    if f.as_of > due:
        text = f"The response was due on {due.isoformat()} and has not been published."
        return Verdict(NOT_MET, "response_overdue", text, False, params)
    return Verdict(PENDING, "response_not_due", f"Due on {due.isoformat()}.", False, params)


# ---------------------------------------------------------------- standards


def _before(first: date | None, second: date | None) -> bool | None:
    if first is None or second is None:
        return None
    return first <= second


def remit_published(f: ProcessFacts, t: Thresholds) -> Verdict:
    """The question and remit were public before recruitment opened."""
    if f.remit_published_on is None:
        if f.recruitment_opened_on is not None:
            text = "Recruitment opened before the remit was published."
            return Verdict(NOT_MET, "remit_not_published", text)
        return Verdict(UNKNOWN, "remit_unknown", "The remit is not published yet.")
    if _before(f.remit_published_on, f.recruitment_opened_on) is False:
        return Verdict(NOT_MET, "remit_late", "The remit was published after recruitment opened.")
    return Verdict(MET, "remit_published", "The remit was public before recruitment.")


def scope_declared(f: ProcessFacts, t: Thresholds) -> Verdict:
    """What is in and out of scope is published, with reasons."""
    return flag(f.scope_published, "scope", "Scope published.", "Scope not published.")


def decision_open(f: ProcessFacts, t: Thresholds) -> Verdict:
    """The decision the process informs has not been taken already."""
    return attested(f.decision_open, "decision_open", "The decision is open", "It is decided")


def deliberation_hours(f: ProcessFacts, t: Thresholds) -> Verdict:
    """Enough hours of deliberation, where the model's sources set hours."""
    if t.min_hours is None:
        return Verdict(NOT_APPLICABLE, "no_hour_threshold", "No source sets hours for this model.")
    hours = f.deliberation_hours
    params: dict[str, Param] = {"hours": hours, "min_hours": t.min_hours}
    if hours is None:
        return Verdict(UNKNOWN, "hours_unknown", "Hours not known.", False, params)
    text = f"{hours:g} hours of deliberation; at least {t.min_hours:g} expected."
    outcome, code = (MET, "hours_enough") if hours >= t.min_hours else (NOT_MET, "hours_short")
    return Verdict(outcome, code, text, False, params)


def meetings(f: ProcessFacts, t: Thresholds) -> Verdict:
    """Several meetings with time to reflect between them, where the model has them."""
    if t.min_meetings <= 1:
        return Verdict(NOT_APPLICABLE, "single_block", "This model meets in one block.")
    params: dict[str, Param] = {"meetings": f.meetings, "min_meetings": t.min_meetings}
    if f.meetings is None:
        return Verdict(UNKNOWN, "meetings_unknown", "Meetings not known.", False, params)
    text = f"{f.meetings} meetings; at least {t.min_meetings} expected."
    enough = f.meetings >= t.min_meetings
    return Verdict(
        MET if enough else NOT_MET, f"meetings_{'enough' if enough else 'few'}", text, False, params
    )


def panel_size(f: ProcessFacts, t: Thresholds) -> Verdict:
    """The panel size lies in the model's range."""
    params: dict[str, Param] = {"size": f.panel_size, "min": t.panel_min, "max": t.panel_max}
    if f.panel_size is None:
        return Verdict(UNKNOWN, "size_unknown", "Panel size not known.", False, params)
    text = f"{f.panel_size} members; this model has {t.panel_min} to {t.panel_max}."
    inside = t.panel_min <= f.panel_size <= t.panel_max
    return Verdict(
        MET if inside else NOT_MET,
        f"size_{'in' if inside else 'out_of'}_range",
        text,
        False,
        params,
    )


def stipend(f: ProcessFacts, t: Thresholds) -> Verdict:
    """Participants are paid for their time."""
    return flag(f.stipend_offered, "stipend", "Participants are paid.", "No payment offered.")


def access_support(f: ProcessFacts, t: Thresholds) -> Verdict:
    """Support for care, travel, disability and language is offered."""
    return flag(f.access_support_offered, "access", "Access support offered.", "None offered.")


def participant_witness(f: ProcessFacts, t: Thresholds) -> Verdict:
    """Participants chose at least the model's number of witnesses themselves."""
    if t.participant_witnesses == 0:
        return Verdict(NOT_APPLICABLE, "no_chosen_witnesses", "Participants do not choose here.")
    chosen = f.witnesses_chosen_by_participants
    params: dict[str, Param] = {"chosen": chosen, "min_chosen": t.participant_witnesses}
    if chosen is not None and chosen >= t.participant_witnesses:
        text = f"Participants chose {chosen} of the witnesses."
        return Verdict(MET, "witness_chosen", text, False, params)
    if f.report_delivered_on is None:
        text = "Participants may still choose witnesses."
        return Verdict(PENDING, "witness_choice_open", text, False, params)
    if chosen is None:
        return Verdict(UNKNOWN, "witness_unknown", "Not recorded.", False, params)
    text = "Participants chose none of the witnesses."
    return Verdict(NOT_MET, "witness_not_chosen", text, False, params)


def materials_published(f: ProcessFacts, t: Thresholds) -> Verdict:
    """All briefing and evidence materials are published."""
    if not f.materials or f.materials_published is None:
        if not started(f):
            return Verdict(PENDING, "materials_not_yet", "No materials registered yet.")
        return Verdict(UNKNOWN, "materials_unknown", "The material register is empty.")
    share = f.materials_published / f.materials
    params: dict[str, Param] = {
        "published": f.materials_published,
        "total": f.materials,
        "share": round(share, 4),
        "min_share": t.min_materials_share,
    }
    text = f"{f.materials_published} of {f.materials} materials published."
    enough = share >= t.min_materials_share
    return Verdict(
        MET if enough else NOT_MET,
        f"materials_{'all' if enough else 'missing'}",
        text,
        False,
        params,
    )


def facilitated_groups(f: ProcessFacts, t: Thresholds) -> Verdict:
    """Facilitated small groups alternate with plenaries; everyone can speak."""
    return attested(
        f.facilitated_small_groups,
        "facilitation",
        "Facilitated small groups and plenaries",
        "No facilitated small groups",
    )


def conflicts_declared(f: ProcessFacts, t: Thresholds) -> Verdict:
    """Everyone who runs, oversees or informs the process declared their interests."""
    return flag(f.conflicts_declared, "interests", "Interests declared.", "Declarations missing.")


def terms_accepted(f: ProcessFacts, t: Thresholds) -> Verdict:
    """The commissioner, the lead practitioner and the oversight group accepted their terms."""
    return flag(
        f.terms_accepted,
        "terms",
        "The commissioner, the lead practitioner and the oversight group accepted the "
        "current terms of engagement.",
        "Some of them have not accepted the current terms of engagement.",
    )


def participants_code(f: ProcessFacts, t: Thresholds) -> Verdict:
    """The participants adopted their own code of conduct by vote."""
    if f.participants_code_adopted is None:
        return Verdict(PENDING, "code_not_yet", "The participants have not met yet.")
    if f.participants_code_adopted:
        return Verdict(MET, "code_adopted", "The participants adopted their own code by vote.")
    return Verdict(NOT_MET, "code_default", "The participants keep a code written for them.")


def funding_disclosed(f: ProcessFacts, t: Thresholds) -> Verdict:
    """Who pays for the process is public."""
    return flag(f.funding_disclosed, "funding", "Funding disclosed.", "Funding not disclosed.")


def oversight_published(f: ProcessFacts, t: Thresholds) -> Verdict:
    """The oversight group's members are public."""
    if f.oversight_group is False:
        return Verdict(NOT_APPLICABLE, "no_oversight_group", "There is no oversight group.")
    return flag(
        f.oversight_membership_published,
        "oversight_members",
        "Oversight members published.",
        "Oversight members not published.",
    )


def announced(f: ProcessFacts, t: Thresholds) -> Verdict:
    """The process was announced in public before it started."""
    order = _before(f.announced_on, f.deliberation_starts_on)
    if order is None:
        if f.announced_on is None and started(f):
            return Verdict(NOT_MET, "not_announced", "Started without a public announcement.")
        return Verdict(UNKNOWN, "announcement_unknown", "Announcement not recorded.")
    if order:
        return Verdict(MET, "announced", "Announced before it started.")
    return Verdict(NOT_MET, "announced_late", "Announced only after it started.")


def names_private(f: ProcessFacts, t: Thresholds) -> Verdict:
    """Participants' names stay private during the process unless they consent."""
    return flag(
        f.participant_names_private,
        "names_private",
        "Names are not published without consent.",
        "Names are published without consent.",
    )


def data_protection(f: ProcessFacts, t: Thresholds) -> Verdict:
    """Personal data are protected; survey results are published in aggregate only."""
    return attested(f.data_protection, "data_protection", "Data protected", "Not protected")


def deadline_reasonable(f: ProcessFacts, t: Thresholds) -> Verdict:
    """The committed response deadline is within the model's maximum."""
    days = f.response_deadline_days
    params: dict[str, Param] = {"deadline_days": days, "max_days": t.max_response_days}
    if days is None:
        return Verdict(UNKNOWN, "deadline_missing", "No response deadline set.", False, params)
    text = f"Response within {days} days; at most {t.max_response_days} expected."
    ok = days <= t.max_response_days
    return Verdict(
        MET if ok else NOT_MET, f"deadline_{'ok' if ok else 'too_long'}", text, False, params
    )


def each_recommendation(f: ProcessFacts, t: Thresholds) -> Verdict:
    """The response answers each recommendation, with reasons for any rejection."""
    if f.response_published_on is None:
        return Verdict(PENDING, "response_not_yet", "No response published yet.")
    return flag(
        f.response_per_recommendation,
        "per_recommendation",
        "Each recommendation is answered with reasons.",
        "The response does not answer each recommendation.",
    )


def evaluation_planned(f: ProcessFacts, t: Thresholds) -> Verdict:
    """An evaluation is planned and resourced."""
    return flag(f.evaluation_planned, "evaluation", "Evaluation planned.", "No evaluation.")


# ---------------------------------------------------------------- advisories


def evaluator_independent(f: ProcessFacts, t: Thresholds) -> Verdict:
    """The evaluator is independent of commissioner and organisers."""
    return flag(f.evaluator_independent, "evaluator", "Independent.", "Not independent.")


def progress_reports(f: ProcessFacts, t: Thresholds) -> Verdict:
    """Regular public progress reports on the accepted recommendations are planned."""
    return flag(f.progress_reports_planned, "progress", "Reports planned.", "None planned.")


def lead_time(f: ProcessFacts, t: Thresholds) -> Verdict:
    """Enough time from commission to the first meeting for design and recruitment."""
    if f.commissioned_on is None or f.deliberation_starts_on is None:
        return Verdict(UNKNOWN, "lead_time_unknown", "Commission or start date not known.")
    days = (f.deliberation_starts_on - f.commissioned_on).days
    params: dict[str, Param] = {"days": days, "min_days": t.lead_time_days}
    text = f"{days} days from commission to first meeting; {t.lead_time_days} advised."
    ok = days >= t.lead_time_days
    return Verdict(
        MET if ok else NOT_MET, f"lead_time_{'ok' if ok else 'short'}", text, False, params
    )


def election_blackout(f: ProcessFacts, t: Thresholds) -> Verdict:
    """No meeting, report or response falls in the months before an election."""
    if f.next_election_on is None:
        return Verdict(UNKNOWN, "election_unknown", "No election date recorded.")
    window = f.next_election_on - timedelta(days=t.election_blackout_days)
    params: dict[str, Param] = {
        "election_on": f.next_election_on.isoformat(),
        "window_from": window.isoformat(),
    }
    dates = [f.deliberation_starts_on, f.report_delivered_on, f.response_published_on]
    inside = [d for d in dates if d is not None and window <= d <= f.next_election_on]
    if inside:
        text = f"Activity falls within {t.election_blackout_days} days before the election."
        return Verdict(NOT_MET, "in_blackout", text, False, params)
    return Verdict(MET, "outside_blackout", "Clear of the pre-election period.", False, params)
