"""Named actions on the register of witnesses: propose, edit, decide, declarations of
interest and voluntary demographic information.

Anyone with ``PROPOSE_WITNESS`` proposes; a commissioner's proposal is always labelled
as the commissioner's (from their role, whatever the form says), so it can never be
passed off as someone else's. The team (``MANAGE_WITNESSES``) records stakeholders'
proposals, edits the details and takes every decision, each with its reasons, in the
public ledger. Demographic information never enters the ledger: only whether the
witness agreed to its publication in aggregate.
"""

from __future__ import annotations

import re

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
    AgeBand,
    Gender,
    ProposerKind,
    RequestStatus,
    Witness,
    WitnessDecision,
    WitnessProfile,
    WitnessRequest,
    WitnessStatus,
    YesNo,
)
from minipublic.integrity.declarations import do_record_declaration
from minipublic.integrity.models import Declaration, InterestKind
from minipublic.integrity.record import append
from minipublic.lifecycle import Action, LifecycleError, Role
from minipublic.processes.access import Actor, performs
from minipublic.processes.models import Process

#: The longest perspective tag, and how many one witness may carry.
TAG_MAX = 60
TAGS_MAX = 8

_TEAM_FIRST = (Role.LEAD_PRACTITIONER, Role.FACILITATOR)

#: Which decisions may follow which status. A witness who appeared stays so.
NEXT_STATUSES: dict[str, frozenset[str]] = {
    WitnessStatus.PROPOSED: frozenset(
        {WitnessStatus.INVITED, WitnessStatus.NOT_CHOSEN, WitnessStatus.DECLINED}
    ),
    WitnessStatus.INVITED: frozenset(
        {
            WitnessStatus.APPEARED,
            WitnessStatus.DECLINED,
            WitnessStatus.WITHDREW,
            WitnessStatus.NOT_CHOSEN,
        }
    ),
    WitnessStatus.NOT_CHOSEN: frozenset({WitnessStatus.INVITED}),
    WitnessStatus.DECLINED: frozenset({WitnessStatus.INVITED}),
    WitnessStatus.WITHDREW: frozenset({WitnessStatus.INVITED}),
    WitnessStatus.APPEARED: frozenset(),
}


def split_tags(text: str) -> list[str]:
    """Perspective tags typed as a comma- or line-separated list."""
    return [part for part in re.split(r"[,;\n]", text) if part.strip()]


def clean_perspectives(process: Process, tags: list[str]) -> list[str]:
    """``tags`` tidied: spaces collapsed, duplicates dropped, and spelled like a tag the
    register already uses when they differ only in case (so the balance counts them
    together). LifecycleError if there are none, too many or one is too long."""
    known: dict[str, str] = {}
    for existing in Witness.objects.filter(process=process).values_list("perspectives", flat=True):
        for tag in existing:
            known.setdefault(tag.casefold(), tag)
    cleaned: list[str] = []
    for raw in tags:
        tag = " ".join(raw.split())
        if not tag:
            continue
        if len(tag) > TAG_MAX:
            raise LifecycleError(
                "witness_tag_too_long",
                "A perspective has at most {limit} characters: {tag}",
                limit=TAG_MAX,
                tag=tag[:TAG_MAX],
            )
        tag = known.get(tag.casefold(), tag)
        if tag.casefold() not in {item.casefold() for item in cleaned}:
            cleaned.append(tag)
    if not cleaned:
        raise LifecycleError(
            "witness_needs_perspective",
            "Give at least one perspective or position the witness would bring.",
        )
    if len(cleaned) > TAGS_MAX:
        raise LifecycleError(
            "witness_too_many_tags", "Give at most {limit} perspectives.", limit=TAGS_MAX
        )
    return cleaned


def _details(name: str, role_organisation: str, expertise: str) -> tuple[str, str, str]:
    return (
        line(
            name,
            limit=NAME_MAX,
            code="witness_needs_name",
            message="Give the witness's name.",
        ),
        line(
            role_organisation,
            limit=NAME_MAX,
            code="witness_needs_role",
            message="Give the witness's role and organisation.",
        ),
        paragraph(
            expertise,
            limit=TEXT_MAX,
            code="witness_needs_expertise",
            message="Say what the witness knows about that the members need.",
        ),
    )


def _proposer(
    actor: Actor, process: Process, kind: str | None, organisation: str
) -> tuple[ProposerKind, str]:
    """Who the register says proposed the witness.

    A commissioner is always recorded as such. The team records proposals for anyone
    (a stakeholder's names the organisation); others propose as their own role.
    """
    roles = acting_roles(actor, process)
    if Role.COMMISSIONER in roles:
        # Never hidden, not even when the commissioner also holds a team role.
        return ProposerKind.COMMISSIONER, ""
    if is_team(actor, process):
        try:
            chosen = ProposerKind(kind or ProposerKind.TEAM)
        except ValueError:
            raise LifecycleError(
                "witness_proposer_unknown", "{kind} is not a kind of proposer.", kind=kind
            ) from None
    elif Role.OVERSIGHT in roles:
        chosen = ProposerKind.OVERSIGHT
    else:
        chosen = ProposerKind.EXPERT
    if chosen is ProposerKind.STAKEHOLDER:
        organisation = line(
            organisation,
            limit=NAME_MAX,
            code="witness_needs_organisation",
            message="Name the stakeholder organisation that proposed the witness.",
        )
        return chosen, organisation
    return chosen, ""


def _request(process: Process, request: WitnessRequest | None, kind: ProposerKind) -> None:
    if kind is ProposerKind.PARTICIPANTS and request is None:
        raise LifecycleError(
            "witness_needs_request",
            "A witness proposed by the participants answers one of their requests: choose it.",
        )
    if request is None:
        return
    check_process(process, request.process_id)
    if kind is not ProposerKind.PARTICIPANTS:
        raise LifecycleError(
            "witness_request_needs_participants",
            "A witness proposed in answer to a participants' request is the participants' "
            "proposal.",
        )
    if request.status == RequestStatus.WITHDRAWN:
        raise LifecycleError(
            "witness_request_withdrawn", "Request #{number} was withdrawn.", number=request.number
        )


def _payload(witness: Witness) -> tuple[dict[str, object], list[str]]:
    payload: dict[str, object] = {
        "number": witness.number,
        "name": witness.name,
        "role_organisation": witness.role_organisation,
        "perspectives": list(witness.perspectives),
        "name_withheld": witness.name_withheld,
    }
    return payload, ["name"] if witness.name_withheld else []


@performs(Action.PROPOSE_WITNESS)
def do_propose_witness(
    actor: Actor,
    process: Process,
    *,
    name: str,
    role_organisation: str,
    expertise: str,
    perspectives: list[str],
    proposer_kind: ProposerKind | str | None = None,
    proposer_name: str = "",
    request: WitnessRequest | None = None,
    name_withheld: bool = False,
) -> Witness:
    """Add a proposed witness to the register, labelled with who proposed them.

    ``proposer_kind`` and ``proposer_name`` (the organisation of a stakeholder) are for
    the team, who record others' proposals; ``request`` is the participants' request a
    witness proposed by the participants answers. ``name_withheld`` (team only) keeps a
    private individual's name off the public register.
    """
    name, role_organisation, expertise = _details(name, role_organisation, expertise)
    tags = clean_perspectives(process, perspectives)
    kind, organisation = _proposer(actor, process, proposer_kind, proposer_name)
    _request(process, request, kind)
    if name_withheld and not is_team(actor, process):
        name_withheld = False
    last = Witness.objects.filter(process=process).aggregate(last=Max("number"))["last"]
    who = person(actor)
    witness = Witness.objects.create(
        process=process,
        number=(last or 0) + 1,
        name=name,
        name_withheld=name_withheld,
        role_organisation=role_organisation,
        expertise=expertise,
        perspectives=tags,
        proposer_kind=kind.value,
        proposer_name=organisation,
        proposed_by=who,
        proposed_at=clock.now(),
        request=request,
    )
    payload, private = _payload(witness)
    payload |= {
        "proposer_kind": kind.value,
        "proposer_name": organisation,
        "request": request.number if request is not None else None,
    }
    if who is not None:
        payload["proposed_by"] = identity(who)
        private.append("proposed_by")
    preferred = (Role.COMMISSIONER, *_TEAM_FIRST, Role.OVERSIGHT, Role.EXPERT)
    role = ledger_role(actor, process, preferred)
    append(process, role, "witness.proposed", payload, private_fields=private)
    return witness


def _locked(process: Process, witness: Witness) -> Witness:
    # Re-read the witness under a row lock: its status decides what may happen next.
    check_process(process, witness.process_id)
    Witness.objects.select_for_update().filter(pk=witness.pk).values_list("pk").get()
    witness.refresh_from_db()
    return witness


@performs(Action.MANAGE_WITNESSES)
def do_update_witness(
    actor: Actor,
    process: Process,
    witness: Witness,
    *,
    name: str,
    role_organisation: str,
    expertise: str,
    perspectives: list[str],
    proposer_name: str = "",
    name_withheld: bool = False,
) -> Witness:
    """Correct a witness's details. Who proposed them never changes (only a stakeholder
    organisation's name may be corrected)."""
    _locked(process, witness)
    name, role_organisation, expertise = _details(name, role_organisation, expertise)
    tags = clean_perspectives(process, perspectives)
    if witness.proposer_kind == ProposerKind.STAKEHOLDER:
        proposer_name = line(
            proposer_name,
            limit=NAME_MAX,
            code="witness_needs_organisation",
            message="Name the stakeholder organisation that proposed the witness.",
        )
    else:
        proposer_name = witness.proposer_name
    new = {
        "name": name,
        "role_organisation": role_organisation,
        "expertise": expertise,
        "perspectives": tags,
        "proposer_name": proposer_name,
        "name_withheld": name_withheld,
    }
    changed = [field for field, value in new.items() if getattr(witness, field) != value]
    if not changed:
        raise LifecycleError("witness_unchanged", "Nothing was changed.")
    for field, value in new.items():
        setattr(witness, field, value)
    witness.save(update_fields=list(new))
    payload, private = _payload(witness)
    payload |= {"changed": changed, "proposer_name": proposer_name}
    role = ledger_role(actor, process, _TEAM_FIRST)
    append(process, role, "witness.updated", payload, private_fields=private)
    return witness


@performs(Action.MANAGE_WITNESSES)
def do_decide_witness(
    actor: Actor,
    process: Process,
    witness: Witness,
    *,
    status: WitnessStatus | str,
    reasons: str,
) -> WitnessDecision:
    """Record a decision on ``witness`` with its reasons: invited, not chosen, declined
    by the witness, and later appeared or withdrew. Each is public, reasons included."""
    _locked(process, witness)
    try:
        new = WitnessStatus(status)
    except ValueError:
        new = WitnessStatus.PROPOSED
    if new is WitnessStatus.PROPOSED:
        raise LifecycleError(
            "witness_status_unknown",
            "Choose a decision: invited, not chosen, declined, appeared or withdrew.",
        )
    current = WitnessStatus(witness.status)
    if new.value not in NEXT_STATUSES[current]:
        raise LifecycleError(
            "witness_status_not_next",
            "Witness #{number} is {current}: they cannot be recorded as {new} now.",
            number=witness.number,
            current=current.label,
            new=new.label,
        )
    reasons = paragraph(
        reasons,
        limit=TEXT_MAX,
        code="witness_decision_needs_reasons",
        message="Give the reasons for the decision; they are published with it.",
    )
    role = ledger_role(actor, process, _TEAM_FIRST)
    decision = WitnessDecision.objects.create(
        witness=witness,
        status=new.value,
        reasons=reasons,
        decided_at=clock.now(),
        decided_by_role=role,
    )
    witness.status = new.value
    witness.save(update_fields=["status"])
    append(
        process,
        role,
        "witness.decided",
        {"number": witness.number, "from": current.value, "status": new.value, "reasons": reasons},
    )
    return decision


@performs(Action.MANAGE_WITNESSES)
def do_record_witness_declaration(
    actor: Actor,
    process: Process,
    witness: Witness,
    *,
    kind: InterestKind | str,
    details: str = "",
) -> Witness:
    """Record the witness's declaration of interest (a correction replaces the last one).

    It is an ordinary declaration of the process, in the expert's role, so it is public
    and the oversight group reviews it like any other; a withheld name is declared under
    the witness's role instead.
    """
    _locked(process, witness)
    declared_as = witness.role_organisation if witness.name_withheld else witness.name
    current = witness.current_declaration
    declaration = do_record_declaration(
        actor,
        process,
        name=declared_as,
        kind=kind,
        details=details,
        role=Role.EXPERT,
        # A declaration the witness made under their own account is theirs to correct.
        supersedes=current if current is not None and current.declarant_id is None else None,
    )
    return _link(actor, process, witness, declaration)


def _link(actor: Actor, process: Process, witness: Witness, declaration: Declaration) -> Witness:
    witness.declaration = declaration
    witness.save(update_fields=["declaration"])
    append(
        process,
        ledger_role(actor, process, _TEAM_FIRST),
        "witness.declaration_recorded",
        {"number": witness.number, "declaration": declaration.pk},
    )
    return witness


@performs(Action.MANAGE_WITNESSES)
def do_link_witness_declaration(
    actor: Actor, process: Process, witness: Witness, declaration: Declaration
) -> Witness:
    """Link a witness to a public declaration already made in ``process`` (typically the
    one an expert made under their own account), instead of recording it again."""
    _locked(process, witness)
    check_process(process, declaration.process_id)
    if not declaration.is_public or Declaration.objects.filter(supersedes=declaration).exists():
        raise LifecycleError(
            "witness_declaration_not_linkable",
            "Link a current, public declaration (an expert's or staff member's).",
        )
    return _link(actor, process, witness, declaration)


def _choice(value: str, options: type[Gender | AgeBand | YesNo]) -> str:
    if value and value not in options.values:
        raise LifecycleError(
            "witness_profile_value", "{value} is not one of the answers offered.", value=value
        )
    return value


@performs(Action.MANAGE_WITNESSES)
def do_record_witness_profile(
    actor: Actor,
    process: Process,
    witness: Witness,
    *,
    gender: str = "",
    age_band: str = "",
    minority_ethnic: str = "",
    disabled: str = "",
    consent_to_publish: bool = False,
) -> WitnessProfile | None:
    """Record the demographic information the witness chose to give (any of it may be
    left blank); with nothing given and no consent, what was kept is erased.

    The values never enter the ledger; only whether the witness agreed to publication.
    """
    _locked(process, witness)
    values = {
        "gender": _choice(gender, Gender),
        "age_band": _choice(age_band, AgeBand),
        "minority_ethnic": _choice(minority_ethnic, YesNo),
        "disabled": _choice(disabled, YesNo),
    }
    role = ledger_role(actor, process, _TEAM_FIRST)
    if not any(values.values()) and not consent_to_publish:
        erased, _ = WitnessProfile.objects.filter(witness=witness).delete()
        if not erased:
            raise LifecycleError("witness_profile_empty", "No information was given.")
        append(process, role, "witness.profile_erased", {"number": witness.number})
        return None
    profile, _ = WitnessProfile.objects.update_or_create(
        witness=witness,
        defaults={**values, "consent_to_publish": consent_to_publish, "recorded_at": clock.now()},
    )
    append(
        process,
        role,
        "witness.profile_recorded",
        {"number": witness.number, "consent_to_publish": consent_to_publish},
    )
    return profile
