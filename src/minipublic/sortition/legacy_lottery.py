"""The legacy (greedy) baseline as a lottery: m independent greedy panels."""

from __future__ import annotations

import hashlib
import random

import numpy as np

from minipublic.sortition.errors import InfeasibleQuotasError
from minipublic.sortition.legacy import legacy_panel
from minipublic.sortition.lottery import Lottery
from minipublic.sortition.model import Instance
from minipublic.sortition.progress import Progress


def legacy_lottery(instance: Instance, size: int, salt: str, progress: Progress) -> Lottery:
    """``size`` greedy panels drawn with randomness fixed by the inputs (``salt``)."""
    seed = int(hashlib.sha256(f"legacy\n{salt}".encode()).hexdigest(), 16)
    rng = random.Random(seed)  # noqa: S311 (reproducible, not secret: the seed comes from the inputs)
    panels: list[tuple[int, ...]] = []
    failures = 0
    while len(panels) < size:
        panel = legacy_panel(instance, rng)
        if panel is None:
            failures += 1
            if failures > max(10, size // 10):
                raise InfeasibleQuotasError(
                    "legacy_failed",
                    "The greedy legacy method keeps failing on these quotas; "
                    "use --algorithm leximin, which decides exactly whether a panel exists.",
                )
            continue
        panels.append(tuple(sorted(panel)))
        if len(panels) % 50 == 0:
            progress.update("legacy panels", len(panels) / size, f"{len(panels)} of {size}")
    counts = np.zeros(instance.n)
    for panel in panels:
        counts[list(panel)] += 1
    return Lottery(tuple(panels), counts / size, 0.0)
