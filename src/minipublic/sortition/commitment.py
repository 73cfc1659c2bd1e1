"""Commit to a lottery before the draw, and draw from public randomness.

The commitment is a SHA-256 hash over the canonical (sorted-key, compact, UTF-8) JSON of
the pseudonymised inputs (ids, quota features, household numbers and quotas; never
names or addresses), the parameters, the engine version and the lottery. Publishing it
before the randomness is known makes it impossible to pick a convenient panel later.

The draw turns any public text (dice rolls, lottery numbers) into a panel number: a
plain number below m is used as it is (three ten-sided dice read 000-999 for m = 1000);
any other text is hashed together with the commitment.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from minipublic.sortition.model import Instance, Person, Quota

INPUTS_FORMAT = "minipublic-inputs-1"
LOTTERY_FORMAT = "minipublic-lottery-1"
COMMITMENT_FORMAT = "minipublic-commitment-1"
DRAW_FORMAT = "minipublic-draw-1"


def canonical(document: Any) -> bytes:
    """The one byte string that represents ``document``."""
    return json.dumps(
        document, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


def sha256(data: bytes) -> str:
    """Hex SHA-256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


def inputs_document(instance: Instance) -> dict[str, Any]:
    """The pseudonymised inputs: what anyone needs to re-check the selection.

    A replacement selection also commits to the original panel size and quotas, the
    confirmed members, the dropouts and the housemates left out (key "replacement").
    """
    document: dict[str, Any] = {
        "format": INPUTS_FORMAT,
        "k": instance.k,
        "features": list(instance.pool.features),
        "quotas": _quotas(instance.quotas),
        "people": _people(instance.pool.people),
    }
    replacement = instance.replacement
    if replacement is not None:
        document["replacement"] = {
            "panel_size": replacement.k,
            "quotas": _quotas(replacement.quotas),
            "confirmed": _people(replacement.confirmed),
            "dropouts": list(replacement.dropouts),
            "excluded_housemates": list(replacement.housemates),
        }
    return document


def _quotas(quotas: tuple[Quota, ...]) -> list[dict[str, Any]]:
    return [
        {
            "feature": q.feature,
            "value": q.value,
            "min": q.min,
            "max": q.max,
            "min_flex": q.min_flex,
            "max_flex": q.max_flex,
        }
        for q in quotas
    ]


def _people(people: tuple[Person, ...]) -> list[dict[str, Any]]:
    return [{"id": p.id, "values": list(p.values), "household": p.household} for p in people]


def lottery_document(panels: list[list[str]]) -> dict[str, Any]:
    """The committed lottery: panel number j holds the ids in ``panels[j]``."""
    return {"format": LOTTERY_FORMAT, "size": len(panels), "panels": panels}


def commitment_document(
    inputs_bytes: bytes,
    lottery_bytes: bytes,
    parameters: dict[str, Any],
    results: dict[str, bytes],
    max_rounding_change: float,
) -> dict[str, Any]:
    """Hashes of the committed files and the commitment over them.

    ``results`` are the published result files (probabilities, certificate) by name;
    ``max_rounding_change`` is the declared largest change the rounding to the lottery
    made to anyone's probability, which ``verify`` holds the lottery to.
    """
    body = {
        "inputs_sha256": sha256(inputs_bytes),
        "lottery_sha256": sha256(lottery_bytes),
        "results_sha256": {name: sha256(data) for name, data in sorted(results.items())},
        "max_rounding_change": max_rounding_change,
        "parameters": parameters,
    }
    return {"format": COMMITMENT_FORMAT, **body, "commitment": sha256(canonical(body))}


def panel_number(randomness: str, commitment: str, size: int) -> tuple[int, str]:
    """The panel drawn by ``randomness``: (number, "digits" or "sha256")."""
    text = randomness.strip()
    if text.isascii() and text.isdigit() and int(text) < size:
        return int(text), "digits"
    digest = hashlib.sha256(f"{DRAW_FORMAT}\n{commitment}\n{text}".encode()).digest()
    return int.from_bytes(digest, "big") % size, "sha256"
