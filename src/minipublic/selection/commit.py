"""Committing to a finished run before its public draw.

A commitment publishes, before the randomness exists, everything that fixes the panel
that will be drawn: ``commitment.json`` and the four files it hashes (``inputs.json``,
``lottery.json``, ``probabilities.csv``, ``certificate.json``). One selection run per
process can be committed; after that, nobody can re-roll.

What is published. The engine only ever sees pseudonyms, feature values and household
numbers, never names, e-mail or postal addresses. Still, a person's answers to the
selection questions can point to them when their combination is rare in the pool, and
with ``draw.json`` they would tell whether that person sits on the panel and how they
answered the other questions (e.g. their view of the topic). So ``inputs.json`` is
published only when the lead practitioner chooses to (``publish_answers``), after the
draw page has shown how many people have a rare combination; otherwise only its hash is
published, inside the commitment, and the file itself goes to those who may see the
runs and to the oversight body, who can run ``minipublic verify``/``certify`` in full.
Without it, anyone can still check that the files match the commitment and that the
randomness drew the panel the page shows. The recruiters' key linking pseudonyms to
people is never published.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Any

from minipublic import clock
from minipublic.integrity.documents import do_publish_document
from minipublic.integrity.models import Document, DocumentKind
from minipublic.integrity.record import append
from minipublic.integrity.uploads import UploadError, check_bytes
from minipublic.ledger import format_time
from minipublic.lifecycle import Action, LifecycleError
from minipublic.processes.access import Actor, performs
from minipublic.processes.actions import _actor_role
from minipublic.processes.models import Process
from minipublic.recruitment.models import Registrant
from minipublic.selection.models import RunKind, RunStatus, SelectionRun
from minipublic.sortition.model import Instance, Person, Pool, Quota, Replacement

#: The files a commitment fixes, in this order (all hashed by commitment.json); all are
#: published except ``inputs.json`` when the pool's answers are withheld.
COMMITTED_FILES = (
    "commitment.json",
    "inputs.json",
    "lottery.json",
    "probabilities.csv",
    "certificate.json",
)
SOURCE_MAX = 500
#: The key of ``SelectionRun.summary`` under which the public draw is recorded.
PUBLIC_DRAW = "public_draw"
#: The key of ``SelectionRun.summary`` keeping whether the run's files verified when
#: last checked (at the draw, and by every re-evaluation of the standards).
VERIFIED = "verified"


def run_directory(run: SelectionRun) -> Path:
    """The directory the engine wrote ``run``'s files into."""
    return Path(run.output_dir)


def read_json(run: SelectionRun, name: str) -> Any:
    """One JSON file of ``run``'s output directory."""
    return json.loads((run_directory(run) / name).read_text(encoding="utf-8"))


def _store_summary(run: SelectionRun, **values: Any) -> None:
    run.summary = {**(run.summary or {}), **values}
    SelectionRun.objects.filter(pk=run.pk).update(summary=run.summary)


def run_verified(run: SelectionRun, *, reverify: bool = False) -> bool:
    """Whether ``run``'s files verify with the engine's own verifier.

    Checked from disk once (at the draw, or the first time it is asked for an older run)
    and kept in ``run.summary``; ``reverify`` checks the files again and keeps the new
    result (the standards' re-evaluation does, so a tampered file is noticed).
    """
    stored = (run.summary or {}).get(VERIFIED)
    if isinstance(stored, bool) and not reverify:
        return stored
    from minipublic.sortition.verify import verify_directory

    try:
        verified = all(check.ok for check in verify_directory(run_directory(run)))
    except (OSError, KeyError, TypeError, ValueError):  # json.JSONDecodeError is a ValueError
        verified = False
    if stored is not verified:
        _store_summary(run, **{VERIFIED: verified})
    return verified


def _quotas(rows: list[dict[str, Any]]) -> tuple[Quota, ...]:
    return tuple(
        Quota(q["feature"], q["value"], q["min"], q["max"], q["min_flex"], q["max_flex"])
        for q in rows
    )


def _people(rows: list[dict[str, Any]], first_row: int = 2) -> tuple[Person, ...]:
    return tuple(
        Person(p["id"], first_row + i, tuple(p["values"]), p["household"])
        for i, p in enumerate(rows)
    )


def instance_from_inputs(document: dict[str, Any], source: str = "inputs.json") -> Instance:
    """The engine's instance rebuilt from a committed ``inputs.json`` (pseudonyms only).

    Its ``inputs_document`` is byte for byte the committed one, so the engine's draw
    accepts it; the pool's only columns are the id and the feature values, so the files
    the draw writes (panel.csv) hold no personal data.
    """
    features = tuple(document["features"])
    people = _people(document["people"])
    pool = Pool(
        source=source,
        header=("id", *features),
        rows=tuple((p.id, *p.values) for p in people),
        features=features,
        people=people,
        id_column="id",
    )
    replacement = None
    if "replacement" in document:
        record = document["replacement"]
        replacement = Replacement(
            k=record["panel_size"],
            quotas=_quotas(record["quotas"]),
            confirmed=_people(record["confirmed"]),
            dropouts=tuple(record["dropouts"]),
            housemates=tuple(record["excluded_housemates"]),
        )
    return Instance(pool, _quotas(document["quotas"]), document["k"], (), replacement)


def run_instance(run: SelectionRun) -> Instance:
    """The instance ``run`` committed to, from its ``inputs.json``."""
    return instance_from_inputs(read_json(run, "inputs.json"))


def committed_selection(process: Process) -> SelectionRun | None:
    """The process's committed selection run (there is at most one), if any."""
    return (
        SelectionRun.objects.filter(
            process=process, kind=RunKind.SELECTION, committed_at__isnull=False
        )
        .order_by("number")
        .first()
    )


def public_draw_record(run: SelectionRun) -> dict[str, Any]:
    """What the commitment announced (time, source of randomness) and published."""
    record = (run.summary or {}).get(PUBLIC_DRAW) or {}
    return record if isinstance(record, dict) else {}


def _check_files(run: SelectionRun) -> dict[str, bytes]:
    directory = run_directory(run)
    files: dict[str, bytes] = {}
    for name in COMMITTED_FILES:
        path = directory / name
        if not run.output_dir or not path.is_file():
            raise LifecycleError(
                "run_files_missing",
                "Run {number} has no {name}; it cannot be committed.",
                number=run.number,
                name=name,
            )
        files[name] = path.read_bytes()
    commitment = json.loads(files["commitment.json"])["commitment"]
    if run.commitment_sha256 and commitment != run.commitment_sha256:
        raise LifecycleError(
            "run_files_changed",
            "The files of run {number} do not match its recorded commitment.",
            number=run.number,
        )
    return files


def _check_pool_known(process: Process, run: SelectionRun) -> None:
    ids = {person["id"] for person in read_json(run, "inputs.json")["people"]}
    known = set(
        Registrant.objects.filter(process=process, pseudonym__in=ids).values_list(
            "pseudonym", flat=True
        )
    )
    if ids - known:
        raise LifecycleError(
            "run_pool_unknown",
            "Run {number} selects from {missing} people who are not registrants of this "
            "process; it cannot be committed.",
            number=run.number,
            missing=len(ids - known),
        )


def _check_replacement(process: Process, run: SelectionRun) -> None:
    """A replacement may be committed only for the panel as it stands now."""
    from minipublic.selection.draw import current_panel, dropouts

    pending = SelectionRun.objects.filter(
        process=process, kind=RunKind.REPLACEMENT, committed_at__isnull=False, draw__isnull=True
    )
    if pending.exists():
        raise LifecycleError(
            "replacement_pending",
            "Replacement run {number} is committed but not drawn yet; draw it first.",
            number=pending.first().number,  # type: ignore[union-attr]
        )
    _selection_run, panel = current_panel(process)
    record = read_json(run, "inputs.json").get("replacement") or {}
    planned = {p["id"] for p in record.get("confirmed", [])} | set(record.get("dropouts", []))
    same_dropouts = set(record.get("dropouts", [])) == set(dropouts(process))
    stale = planned != set(panel) or not same_dropouts
    if run.replaces_in is None or not run.replaces_in.committed_at or stale:
        raise LifecycleError(
            "replacement_stale",
            "Run {number} was prepared for a panel that has changed since; prepare a new "
            "replacement run.",
            number=run.number,
        )


def rare_answer_combinations(inputs: dict[str, Any], smallest: int) -> int:
    """How many people in ``inputs`` share their combination of answers with fewer than
    ``smallest`` people in the pool (themselves included)."""
    combinations = Counter(tuple(person["values"]) for person in inputs["people"])
    return sum(count for count in combinations.values() if count < smallest)


#: The key of ``SelectionRun.summary`` keeping how many of the pool have rare answers.
ANSWER_PRIVACY = "answer_privacy"


def answer_privacy(run: SelectionRun, smallest: int) -> dict[str, int]:
    """How many of ``run``'s pool (``pool``) share their answers with fewer than
    ``smallest`` people (``rare``), for the choice to publish ``inputs.json``.

    Counted from inputs.json once and kept in ``run.summary`` (a finished run's inputs
    never change); zeros when the file cannot be read.
    """
    stored = (run.summary or {}).get(ANSWER_PRIVACY)
    if isinstance(stored, dict) and stored.get("smallest") == smallest:
        return {key: int(stored[key]) for key in ("pool", "rare", "smallest")}
    try:
        inputs = read_json(run, "inputs.json")
        counted = {
            "pool": len(inputs["people"]),
            "rare": rare_answer_combinations(inputs, smallest),
            "smallest": smallest,
        }
    except (OSError, KeyError, TypeError, ValueError):
        return {"pool": 0, "rare": 0, "smallest": smallest}
    _store_summary(run, **{ANSWER_PRIVACY: counted})
    return counted


def publish_file(actor: Actor, process: Process, run: SelectionRun, name: str, data: bytes) -> str:
    """Publish one file of ``run`` as a selection document; returns its path in the bundle."""
    # Document titles go into the ledger: they stay in the site's base language.
    kind = "Replacement run" if run.kind == RunKind.REPLACEMENT else "Selection run"
    try:
        file = check_bytes(name, data)
    except UploadError as error:
        raise LifecycleError(
            "selection_file_refused",
            "{name} of run {number} cannot be published: {problem}",
            name=name,
            number=run.number,
            problem=str(error),
        ) from None
    document: Document = do_publish_document(
        actor, process, title=f"{kind} {run.number}: {name}", kind=DocumentKind.SELECTION, file=file
    )
    return document.path


@performs(Action.DRAW_PANEL)
def do_commit_run(
    actor: Actor,
    process: Process,
    run: SelectionRun,
    *,
    announced_for: datetime,
    randomness_source: str,
    publish_answers: bool = False,
) -> SelectionRun:
    """Commit to ``run`` and publish its commitment files; the draw follows at ``announced_for``.

    Only a finished run, and only one selection run per process: once committed, the
    lottery cannot be re-rolled. ``randomness_source`` says publicly where the randomness
    will come from and exactly how it will be written down. ``inputs.json`` (the pool's
    pseudonymous answers) is published only with ``publish_answers``; its hash always is.
    """
    run = SelectionRun.objects.select_related("replaces_in").get(pk=run.pk)
    if run.process_id != process.pk:
        raise LifecycleError("run_elsewhere", "That run belongs to another process.")
    if run.committed_at is not None:
        raise LifecycleError(
            "run_already_committed", "Run {number} is already committed.", number=run.number
        )
    if run.status != RunStatus.DONE:
        raise LifecycleError(
            "run_not_done",
            "Only a finished run can be committed; run {number} is not finished.",
            number=run.number,
        )
    source = " ".join(randomness_source.split())
    if not source:
        raise LifecycleError("draw_needs_source", "Say where the public randomness will come from.")
    if len(source) > SOURCE_MAX:
        raise LifecycleError(
            "draw_source_too_long",
            "Describe the source of randomness in at most {limit} characters.",
            limit=SOURCE_MAX,
        )
    if announced_for <= clock.now():
        raise LifecycleError(
            "draw_time_past", "Announce a time for the draw that is still to come."
        )
    if run.kind == RunKind.SELECTION:
        earlier = committed_selection(process)
        if earlier is not None:
            raise LifecycleError(
                "selection_already_committed",
                "Run {number} is already committed for this process: there is no re-rolling "
                "after a commitment.",
                number=earlier.number,
            )
    else:
        _check_replacement(process, run)
    files = _check_files(run)
    _check_pool_known(process, run)
    commitment = json.loads(files["commitment.json"])["commitment"]
    published = {
        name: publish_file(actor, process, run, name, data)
        for name, data in files.items()
        if publish_answers or name != "inputs.json"
    }
    run.commitment_sha256 = commitment
    run.committed_at = clock.now()
    run.summary = {
        **(run.summary or {}),
        PUBLIC_DRAW: {
            "announced_for": announced_for.isoformat(),
            "randomness_source": source,
            "documents": published,
            "answers_published": publish_answers,
        },
    }
    run.save(update_fields=["commitment_sha256", "committed_at", "summary"])
    append(
        process,
        _actor_role(actor, process, Action.DRAW_PANEL),
        "selection.committed",
        {
            "run": run.number,
            "kind": run.kind,
            "commitment_sha256": commitment,
            "announced_for": format_time(announced_for),
            "randomness_source": source,
            "answers_published": publish_answers,
        },
    )
    return run
