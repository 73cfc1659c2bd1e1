"""Turn the solver's level duals (per type) into the published certificate (per person).

A type's dual weight is shared equally by its members. The certificate lists, for every
level, the people fixed there, the weights proving the level and the claimed value;
``minipublic certify`` checks each level with its own integer programme.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from minipublic.sortition.relaxation import Profile
from minipublic.sortition.types import FloatArray, TypeModel

CERTIFICATE_FORMAT = "minipublic-certificate-1"
#: Claims hold to within this absolute error.
TOLERANCE = 1e-6


def _person_weights(model: TypeModel, type_weights: FloatArray, ids: list[str]) -> dict[str, float]:
    by_person: dict[int, float] = {}
    for t in np.flatnonzero(type_weights > 0):
        share = float(type_weights[t] / model.size[t])
        for person in model.members[t]:
            by_person[person] = share
    return {ids[person]: by_person[person] for person in sorted(by_person)}


def certificate_document(
    model: TypeModel,
    profile: Profile,
    probabilities: FloatArray,
    ids: list[str],
    *,
    algorithm: str,
    complete: bool,
) -> dict[str, Any]:
    """The certificate JSON; ``complete`` is False when only the first level is a bound."""
    levels = []
    for number, level in enumerate(profile.levels, start=1):
        people = [ids[i] for i in sorted(i for t in level.types for i in model.members[t])]
        levels.append(
            {
                "level": number,
                "value": float(level.value),
                "method": level.method,
                "people": people,
                "weights": _person_weights(model, level.weights, ids),
                "fixed_weights": _person_weights(model, level.fixed_weights, ids),
            }
        )
    return {
        "format": CERTIFICATE_FORMAT,
        "algorithm": algorithm,
        "complete": complete,
        "tolerance": TOLERANCE,
        "min_probability": float(probabilities.min()) if len(probabilities) else 0.0,
        "best_possible_minimum": float(profile.levels[0].value) if profile.levels else 0.0,
        "weights": levels[0]["weights"] if levels else {},
        "levels": levels,
    }
