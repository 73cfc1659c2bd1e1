"""CSV files of a theme report: one row per excerpt and code, and the co-occurrence matrix."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence

from minipublic.qda.stats import Excerpt

EXCERPT_COLUMNS = (
    "excerpt",
    "source",
    "start",
    "end",
    "code_key",
    "code_name",
    "category",
    "quote",
    "memo",
)


def _safe(value: str) -> str:
    # A cell starting with = + - @ would be run as a formula by spreadsheet programs.
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def excerpts_csv(
    excerpts: Sequence[Excerpt],
    names: Mapping[str, str],
    categories: Mapping[str, str],
    source_names: Mapping[str, str],
) -> str:
    """One row per excerpt and code (codes in the excerpt's key order)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(EXCERPT_COLUMNS)
    for excerpt in excerpts:
        for code in sorted(excerpt.codes):
            writer.writerow(
                [
                    excerpt.id,
                    _safe(source_names.get(excerpt.source, excerpt.source)),
                    excerpt.start,
                    excerpt.end,
                    code,
                    _safe(names.get(code, code)),
                    _safe(categories.get(code, "")),
                    _safe(excerpt.quote),
                    _safe(excerpt.memo),
                ]
            )
    return out.getvalue()


def matrix_csv(matrix: Mapping[tuple[str, str], int], codes: Sequence[str]) -> str:
    """The co-occurrence matrix for ``codes``: a header row of keys, then one row per code."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["code", *codes])
    for row in codes:
        writer.writerow([row, *(matrix.get((row, column), 0) for column in codes)])
    return out.getvalue()
