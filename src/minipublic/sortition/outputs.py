"""Write a selection to its output directory, and draw the panel from public randomness.

Files (the command-line contract):
  probabilities.csv   id,probability for everyone in the pool
  certificate.json    the fairness certificate (see certify.py)
  inputs.json         pseudonymised inputs (ids, quota features, households, quotas)
  lottery.json        the m panels of the uniform lottery
  commitment.json     hashes of inputs and lottery, parameters, and the commitment
  report.json/.html   the report
after the draw also
  draw.json           randomness, method, panel number and its members' ids
  panel.csv           the drawn people with every column of the people file
Every file except the report's runtime and creation time is byte-identical for the same
inputs and randomness.
"""

from __future__ import annotations

import csv
import io
import json
from importlib.metadata import version
from pathlib import Path
from typing import Any

from minipublic.sortition.commitment import (
    DRAW_FORMAT,
    canonical,
    commitment_document,
    inputs_document,
    lottery_document,
    panel_number,
    sha256,
)
from minipublic.sortition.errors import InputError
from minipublic.sortition.model import Instance
from minipublic.sortition.report import build_report, write_report
from minipublic.sortition.select import ENGINE_VERSION, Selection


def _write(path: Path, data: bytes) -> None:
    path.write_bytes(data)


def _csv_bytes(header: list[str], rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _pretty(document: Any) -> bytes:
    return (json.dumps(document, sort_keys=True, indent=1, ensure_ascii=False) + "\n").encode()


def parameters(selection: Selection) -> dict[str, Any]:
    """What, besides the inputs, determines the lottery."""
    return {
        "algorithm": selection.algorithm.value,
        "lottery_size": selection.lottery.size,
        "engine": "minipublic",
        "engine_version": ENGINE_VERSION,
        "solver": f"HiGHS (highspy {version('highspy')})",
    }


def write_commitment(selection: Selection, directory: Path, context: dict[str, Any]) -> str:
    """Write everything but the draw; returns the commitment hash."""
    directory.mkdir(parents=True, exist_ok=True)
    if _real_draw(directory / "draw.json"):
        raise InputError(
            "already_drawn",
            f"{directory} already holds a drawn panel ({directory / 'draw.json'}); a new "
            "commitment goes into a new directory (--out), so the record of the draw stays.",
            file=str(directory / "draw.json"),
        )
    instance = selection.instance
    ids = [person.id for person in instance.pool.people]
    results = {
        "probabilities.csv": _csv_bytes(
            ["id", "probability"],
            [[i, f"{p:.12f}"] for i, p in zip(ids, selection.probabilities, strict=True)],
        ),
        "certificate.json": _pretty(selection.certificate),
    }
    for name, data in results.items():
        _write(directory / name, data)
    inputs_bytes = canonical(inputs_document(instance))
    lottery_bytes = canonical(
        lottery_document([[ids[i] for i in panel] for panel in selection.lottery.panels])
    )
    _write(directory / "inputs.json", inputs_bytes)
    _write(directory / "lottery.json", lottery_bytes)
    commitment = commitment_document(
        inputs_bytes,
        lottery_bytes,
        parameters(selection),
        results,
        float(selection.lottery.max_change),
    )
    _write(directory / "commitment.json", _pretty(commitment))
    for stale in ("draw.json", "panel.csv"):  # a dry run's (--seed) draw
        (directory / stale).unlink(missing_ok=True)
    report = build_report(selection, commitment["commitment"], context)
    write_report(directory, report)
    return str(commitment["commitment"])


def draw_panel(
    instance: Instance, directory: Path, randomness: str, *, mode: str, note: str = ""
) -> dict[str, Any]:
    """Draw the panel from the committed lottery in ``directory``; writes draw.json, panel.csv."""
    commitment = _read_json(directory / "commitment.json")
    inputs_bytes = canonical(inputs_document(instance))
    if sha256(inputs_bytes) != commitment["inputs_sha256"]:
        raise InputError(
            "inputs_changed",
            f"The people or quotas differ from those committed in {directory / 'commitment.json'}; "
            "draw with exactly the committed files (or make a new commitment before the draw).",
        )
    lottery_bytes = (directory / "lottery.json").read_bytes()
    if sha256(lottery_bytes) != commitment["lottery_sha256"]:
        raise InputError(
            "lottery_changed",
            f"{directory / 'lottery.json'} does not match its commitment; it was altered.",
        )
    lottery = json.loads(lottery_bytes)
    number, method = panel_number(randomness, commitment["commitment"], lottery["size"])
    earlier = _earlier_draw(directory, commitment["commitment"], number)
    panel_ids = lottery["panels"][number]
    draw = earlier or {
        "format": DRAW_FORMAT,
        "commitment": commitment["commitment"],
        "randomness": randomness,
        "method": method,
        "panel_number": number,
        "panel": panel_ids,
        "mode": mode,
        "note": note,
    }
    if earlier is None:
        _write(directory / "draw.json", _pretty(draw))
    index = instance.pool.index_of()
    header, rows = (
        list(instance.pool.header),
        [list(instance.pool.rows[index[i]]) for i in panel_ids],
    )
    if instance.pool.id_column is None:  # the people file had no ids: name the row numbers
        header, rows = ["id", *header], [[i, *row] for i, row in zip(panel_ids, rows, strict=True)]
    _write(directory / "panel.csv", _csv_bytes(header, rows))
    return draw


def _real_draw(path: Path) -> bool:
    """Whether ``path`` records a draw from public randomness (not a --seed dry run)."""
    if not path.exists():
        return False
    try:
        return bool(json.loads(path.read_text(encoding="utf-8")).get("mode") != "seed")
    except (json.JSONDecodeError, AttributeError):
        return True


def _earlier_draw(directory: Path, commitment: str, number: int) -> dict[str, Any] | None:
    """The real draw already made from this commitment, if it drew the same panel.

    One commitment, one draw: drawing again with randomness that picks another panel
    would let someone keep drawing until they like the panel, so that is refused.
    """
    path = directory / "draw.json"
    if not path.exists():
        return None
    earlier: dict[str, Any] = _read_json(path)
    same_commitment = earlier.get("commitment") == commitment and earlier.get("mode") != "seed"
    if same_commitment and earlier.get("panel_number") != number:
        raise InputError(
            "already_drawn",
            f"A panel was already drawn from this commitment with the randomness "
            f"{earlier.get('randomness')!r} ({path}). One commitment allows one draw: to draw "
            "again, make and publish a new commitment and say publicly why.",
            file=str(path),
        )
    return earlier if same_commitment else None


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(
            "not_committed",
            f"{path} is missing: commit first (minipublic select … --commit-only), "
            "publish commitment.json, then draw.",
            file=str(path),
        ) from None
    except json.JSONDecodeError as error:
        raise InputError(
            "bad_json", f"{path} is not valid JSON ({error}).", file=str(path)
        ) from None
