"""docs/learning.md's library section agrees with the code: its addresses resolve to the
library's views, its table of pressure types is the one the filter offers, and the
export's documented fields are the ones exported."""

from __future__ import annotations

import re
from pathlib import Path

from django.urls import resolve

from minipublic.learning.library_export import BODY_FIELDS, CSV_COLUMNS
from minipublic.learning.library_models import Outcome
from minipublic.learning.library_pressures import PRESSURE_GROUPS, PRESSURE_LABELS

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "learning.md").read_text()
SECTION = DOC[DOC.index("## The case library") :]


def test_the_documented_addresses_resolve() -> None:
    addresses = set(re.findall(r"`(/library/[^`]*)`", SECTION))
    assert len(addresses) >= 10
    for address in addresses:
        path = address.replace("<public_id>", "case-0001").replace("<id>", "7")
        match = resolve(path)
        assert match.namespace == "learning", address
        assert match.url_name.startswith("library"), address


def test_the_pressure_table_is_the_filters() -> None:
    for key, label in PRESSURE_LABELS.items():
        assert f"| `{key}` | {label} |" in SECTION
    for heading in PRESSURE_GROUPS.values():
        assert f"| {heading} |" in SECTION
    for outcome in Outcome.values:
        assert f"`{outcome}`" in SECTION


def test_the_export_fields_are_documented() -> None:
    for name, key in BODY_FIELDS:
        assert f"| `body.{name}` |" in SECTION
        assert f"section `{key}`" in SECTION
    for column in CSV_COLUMNS:
        if column not in {name for name, _ in BODY_FIELDS} | {"country", "region"}:
            assert f"`{column}`" in SECTION, column
