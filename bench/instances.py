"""The benchmark instances in $BENCH_DIR (../shared/sortition-bench) and how to read each."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BENCH_DIR = Path(
    os.environ.get("BENCH_DIR")
    or os.environ.get("SORTITION_BENCH")  # the older name
    or REPO.parent / "shared" / "sortition-bench"
)
"""Where the instances live: $BENCH_DIR, else ../shared/sortition-bench beside the repository."""


@dataclass(frozen=True)
class BenchInstance:
    """One pool + quotas + panel size, with the options the command line needs."""

    name: str
    people: Path
    quotas: Path
    k: int
    id_column: str | None = None
    address_columns: tuple[str, ...] = field(default=())
    published_minimum: float | None = None

    def select_arguments(self) -> list[str]:
        """Arguments for ``minipublic select`` (without --out and the draw options)."""
        arguments = [str(self.people), str(self.quotas), "--size", str(self.k)]
        if self.id_column:
            arguments += ["--id-column", self.id_column]
        if self.address_columns:
            arguments += ["--address-columns", ",".join(self.address_columns)]
        return arguments


def instances(directory: Path = BENCH_DIR) -> list[BenchInstance]:
    """Every instance in the benchmark directory, in a fixed order."""
    found = [
        BenchInstance(
            "paper_small_20",
            directory / "paper_small_20/respondents.csv",
            directory / "paper_small_20/categories.csv",
            20,
            published_minimum=0.10,
        ),
        BenchInstance(
            "paper_large_200",
            directory / "paper_large_200/respondents.csv",
            directory / "paper_large_200/categories.csv",
            200,
            published_minimum=0.10,
        ),
        BenchInstance(
            "sf_fixture_22",
            directory / "sf_fixture_22/candidates.csv",
            directory / "sf_fixture_22/features.csv",
            22,
            "nationbuilder_id",
            ("primary_address1", "primary_zip"),
        ),
    ]
    for meta_file in sorted(directory.glob("synth_*/meta.json")):
        meta = json.loads(meta_file.read_text())
        folder = meta_file.parent
        found.append(
            BenchInstance(
                meta["name"],
                folder / "people.csv",
                folder / "quotas.csv",
                meta["k"],
                "id",
                tuple(meta.get("address_columns") or ()),
            )
        )
    return found
