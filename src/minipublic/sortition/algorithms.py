"""The fair selection algorithms: LEXIMIN (default), MAXIMIN and NASH over valid panels.

Each returns a ``Solution``: a lottery over panel compositions, the probabilities it
gives each type, and (for LEXIMIN and MAXIMIN) the levels with their certificates.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from minipublic.sortition.decompose import Distribution, Stuck, decompose
from minipublic.sortition.exact import exact_leximin
from minipublic.sortition.panel_mip import PanelMip
from minipublic.sortition.progress import NullProgress, Progress
from minipublic.sortition.relaxation import Profile, relaxed_leximin
from minipublic.sortition.types import FloatArray, TypeModel


class Algorithm(StrEnum):
    """The selection algorithms the engine offers."""

    LEXIMIN = "leximin"
    MAXIMIN = "maximin"
    NASH = "nash"
    LEGACY = "legacy"


@dataclass(frozen=True)
class Solution:
    """A fair lottery over panel compositions and how it was found."""

    distribution: Distribution
    probabilities: FloatArray
    profile: Profile | None
    path: str


def fair_lottery(
    model: TypeModel, algorithm: Algorithm, progress: Progress | None = None
) -> Solution:
    """Solve ``algorithm`` (not legacy) for the panel constraints in ``model``."""
    progress = progress or NullProgress()
    if algorithm is Algorithm.NASH:
        from minipublic.sortition.nash import nash_lottery

        return nash_lottery(model, progress)
    max_levels = 1 if algorithm is Algorithm.MAXIMIN else None
    progress.update("relaxation", None, "LEXIMIN levels over the relaxation")
    profile = relaxed_leximin(model, max_levels=max_levels)
    mip = PanelMip(model)
    result = decompose(model, profile.point, mip, progress)
    if isinstance(result, Distribution):
        return Solution(result, result.marginals(model.size), profile, "relaxation")
    return _exact(model, mip, result, algorithm, progress)


def _exact(
    model: TypeModel, mip: PanelMip, stuck: Stuck, algorithm: Algorithm, progress: Progress
) -> Solution:
    # The relaxation's point is not a lottery of valid panels: solve over valid panels.
    columns = list(stuck.done.compositions)
    profile, distribution = exact_leximin(model, mip, columns, progress)
    if algorithm is Algorithm.MAXIMIN:
        profile = Profile(profile.probabilities, profile.levels[:1], profile.point)
    return Solution(distribution, distribution.marginals(model.size), profile, "exact")
