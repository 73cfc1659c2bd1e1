"""The HTML selection report: complete, escaped, self-contained, accessible, deterministic."""

from __future__ import annotations

import copy
import itertools
import re
from html.parser import HTMLParser
from typing import Any

import pytest

from minipublic.sortition.report_html import render_report_html
from minipublic.sortition.report_html_parts import (
    Series,
    chart_svg,
    nice_upper,
    percentile,
    step_points,
)

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class TagBalance(HTMLParser):
    """Records tags that are closed out of order or never closed, and the ids used."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.ids: list[str] = []
        self.starts: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._note(tag, attrs)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._note(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            self.errors.append(f"end tag for void element </{tag}>")
        elif not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()

    def _note(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        self.starts.append((tag, named))
        if named.get("id"):
            self.ids.append(str(named["id"]))


def parse(page: str) -> TagBalance:
    checker = TagBalance()
    checker.feed(page)
    checker.close()
    return checker


def leximin_probabilities(n: int, k: int) -> list[float]:
    """A plausible sorted LEXIMIN profile: a few low levels, most people at or above k/n."""
    low = [0.05] * (n // 10) + [0.08] * (n // 10)
    rest = n - len(low)
    remaining = k - sum(low)
    high = [remaining / rest * (0.9 + 0.2 * i / max(rest - 1, 1)) for i in range(rest)]
    scale = remaining / sum(high)
    return sorted(low + [p * scale for p in high])


def make_report(**changes: Any) -> dict[str, Any]:
    n, k = 400, 40
    probabilities = leximin_probabilities(n, k)
    report: dict[str, Any] = {
        "engine": "minipublic",
        "engine_version": "0.1.0",
        "algorithm": "leximin",
        "n": n,
        "k": k,
        "min_probability": probabilities[0],
        "max_probability": probabilities[-1],
        "gini": 0.0873,
        "runtime_seconds": 12.3456,
        "commitment": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        "created": "2025-03-01T10:15:00Z",
        "inputs": {
            "people": "respondents <final>.csv",
            "quotas": "quotas.xlsx",
            "quota_layout": "long",
            "id_column": "id",
            "address_columns": ["street", "postcode"],
        },
        "probabilities_sorted": probabilities,
        "legacy_estimate": {
            "runs": 10000,
            "failures": 12,
            "probabilities_sorted": sorted([0.01] * 40 + [0.06] * 160 + [0.12] * 160 + [0.21] * 40),
            "min": 0.01,
            "min_upper_99": 0.0137,
        },
        "quotas": [
            {
                "feature": "gender",
                "value": "female",
                "min": 19,
                "max": 21,
                "pool": 230,
                "expected": 20.04,
                "selected": 20,
            },
            {
                "feature": "gender",
                "value": "male",
                "min": 19,
                "max": 21,
                "pool": 170,
                "expected": 19.96,
                "selected": 20,
            },
            {
                "feature": "region",
                "value": "North & East",
                "min": 10,
                "max": 14,
                "pool": 120,
                "expected": 12.31,
                "selected": 12,
            },
            {
                "feature": "region",
                "value": "<script>alert(1)</script>",
                "min": 26,
                "max": 30,
                "pool": 280,
                "expected": 27.69,
                "selected": 28,
            },
        ],
        "levels": [
            {
                "value": 0.05,
                "people": 40,
                "method": "relaxation duals (interior point)",
                "certified": True,
            },
            {"value": 0.08, "people": 40, "method": "exact rational check", "certified": False},
            {"value": 0.0912, "people": 320, "method": "remaining people", "certified": None},
        ],
        "lottery": {"size": 1000, "distinct_panels": 734, "max_rounding_change": 0.000431},
        "draw": {
            "mode": "draw",
            "randomness": "EuroMillions 2025-03-04: 3 17 22 38 45 | 2 9",
            "panel_number": 617,
            "method": "digits",
            "note": "dry run: the randomness was known when the lottery was made",
        },
        "households": {
            "checked": True,
            "households_with_several_people": 7,
            "people_without_address": 3,
        },
        "warnings": ["Quota 'age' has no row for value '75+' & was ignored"],
        "replacements": {"confirmed": 36, "dropouts": 4, "replaced": 4},
    }
    report.update(changes)
    return report


def test_summary_numbers_and_draw() -> None:
    report = make_report()
    page = render_report_html(report)
    assert "<h1>Selection report</h1>" in page
    assert "40 people were chosen from a pool of 400 by the LEXIMIN algorithm" in page
    assert f"between {report['min_probability'] * 100:.1f}% (the smallest)" in page
    assert f"and {report['max_probability'] * 100:.1f}% (the largest)" in page
    assert "it would be 10.0% (k/n)" in page
    assert "then the next smallest, and so on" in page
    assert "Panel number <strong>617</strong> of 1,000 was drawn." in page
    assert "<code>EuroMillions 2025-03-04: 3 17 22 38 45 | 2 9</code>" in page
    assert "dry run: the randomness was known when the lottery was made" in page
    assert f'<code class="hash">{report["commitment"]}</code>' in page
    assert "0.043 percentage points" in page
    assert "734" in page
    assert '<time datetime="2025-03-01T10:15:00Z">' in page
    assert "12.35 seconds" in page
    assert "minipublic 0.1.0" in page


def test_before_the_draw_says_so() -> None:
    quotas = [dict(q, selected=None) for q in make_report()["quotas"]]
    page = render_report_html(make_report(draw=None, quotas=quotas))
    assert "40 people are to be chosen" in page
    assert "The lottery is committed but no panel has been drawn yet." in page
    assert "Panel number" not in page
    assert "This report has 1 warning: see" in page
    assert page.count('<td class="num">—</td>') == len(quotas)


def test_every_quota_row_is_shown() -> None:
    page = render_report_html(make_report())
    rows = re.findall(r"<tr[^>]*><td>([^<]*)</td><th scope=\"row\">(.*?)</th>(.*?)</tr>", page)
    assert [(feature, value) for feature, value, _ in rows] == [
        ("gender", "female"),
        ("gender", "male"),
        ("region", "North &amp; East"),
        ("region", "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ]
    assert (
        '<td class="num">19\u201321</td><td class="num">20.0</td><td class="num">20</td>'
        in rows[0][2]
    )
    assert (
        '<td class="num">120</td><td class="num">10\u201314</td><td class="num">12.3</td>'
        in rows[2][2]
    )
    assert "outside the target" not in page
    assert "The drawn panel meets every quota." in page


def test_a_quota_outside_its_target_is_flagged_in_text() -> None:
    quotas = copy.deepcopy(make_report()["quotas"])
    quotas[2]["selected"] = 15
    page = render_report_html(make_report(quotas=quotas))
    assert '<tr class="outside">' in page
    assert '15<br><span class="flag">(outside the target)</span>' in page
    assert "outside the target for 1 quota row;" in page


def test_report_text_is_escaped() -> None:
    page = render_report_html(make_report())
    assert "<script" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "North &amp; East" in page
    assert "respondents &lt;final&gt;.csv" in page
    assert "Quota &#x27;age&#x27; has no row for value &#x27;75+&#x27; &amp; was ignored" in page


def test_page_is_self_contained() -> None:
    page = render_report_html(make_report())
    lowered = page.lower()
    assert "http://" not in lowered
    assert "https://" not in lowered
    for forbidden in ("<script", "<link", "<img", "@import", "url(", "src=", "<iframe"):
        assert forbidden not in lowered


def test_page_is_balanced_and_accessible() -> None:
    page = render_report_html(make_report())
    checker = parse(page)
    assert checker.errors == []
    assert checker.stack == []
    assert len(checker.ids) == len(set(checker.ids))
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert page.count("<main>") == 1
    headings = [int(tag[1]) for tag, _ in checker.starts if re.fullmatch(r"h[1-6]", tag)]
    assert headings[0] == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(headings))
    tables = [attrs for tag, attrs in checker.starts if tag == "table"]
    assert page.count("<caption") == len(tables) == 3
    ths = [attrs for tag, attrs in checker.starts if tag == "th"]
    assert ths
    assert all(attrs.get("scope") in {"col", "row"} for attrs in ths)
    assert page.count('class="table-wrap"') == len(tables)
    assert "@media print" in page
    assert "overflow-x:auto" in page


def test_chart_is_an_accessible_image() -> None:
    page = render_report_html(make_report())
    svg = re.search(r"<svg[^>]*>", page)
    assert svg is not None
    assert 'role="img"' in svg.group(0)
    assert 'aria-labelledby="chart-title chart-desc"' in svg.group(0)
    assert '<title id="chart-title">' in page
    assert '<desc id="chart-desc">' in page
    assert "equal chance k/n = 10.0%" in page
    assert "Chance of selection at percentiles of the pool" in page


def test_legacy_series_and_legend_only_with_an_estimate() -> None:
    with_legacy = render_report_html(make_report())
    assert with_legacy.count('class="series"') == 2
    assert 'class="legend"' in with_legacy
    assert 'stroke-dasharray="7 4"' in with_legacy
    assert '<th scope="col" class="num">Legacy method (estimate)</th>' in with_legacy
    assert "run 10,000 times" in with_legacy

    without = render_report_html(make_report(legacy_estimate=None))
    assert without.count('class="series"') == 1
    assert 'class="legend"' not in without
    assert "Legacy" not in without
    assert "legacy" not in without
    assert parse(without).errors == []

    report = make_report()
    del report["legacy_estimate"]
    assert render_report_html(report) == without


def test_percentile_table_rows() -> None:
    report = make_report()
    page = render_report_html(report)
    for name in ("0th (lowest)", "10th", "25th", "50th", "75th", "90th", "100th (highest)"):
        assert f'<th scope="row">{name}</th>' in page
    lowest = (
        f'<th scope="row">0th (lowest)</th><td class="num">{report["min_probability"] * 100:.1f}%'
    )
    assert lowest in page
    assert '<td class="num">1.0%</td></tr>' in page  # legacy 0th percentile
    assert percentile([0.1, 0.2, 0.3, 0.4, 0.5], 50) == pytest.approx(0.3)
    assert percentile([0.0, 1.0], 25) == pytest.approx(0.25)


def test_downsampling_keeps_the_extremes_and_the_step_shape() -> None:
    values = [i / 10_000 * 0.2 + 0.01 for i in range(10_000)]
    points = step_points(values, 800)
    assert len(points) <= 800
    assert points[0] == (0, values[0])
    assert points[-1] == (len(values) - 1, values[-1])
    assert min(v for _, v in points) == min(values)
    assert max(v for _, v in points) == max(values)
    assert [i for i, _ in points] == sorted(i for i, _ in points)
    assert [v for _, v in points] == sorted(v for _, v in points)

    # Runs of equal values are one step each, so few levels need no sampling at all.
    levels = [0.05] * 3000 + [0.1] * 6000 + [0.2] * 1000
    assert step_points(levels) == [(0, 0.05), (3000, 0.1), (9000, 0.2)]


def test_large_pool_chart_is_small() -> None:
    n, k = 20_000, 100
    values = sorted(0.004 + 0.002 * ((i * 7919) % n) / n for i in range(n))
    report = make_report(
        n=n,
        k=k,
        probabilities_sorted=values,
        min_probability=values[0],
        max_probability=values[-1],
        legacy_estimate=None,
    )
    page = render_report_html(report)
    path = re.search(r'<path class="series" d="([^"]*)"', page)
    assert path is not None
    assert path.group(1).count("V") <= 800
    assert len(page) < 60_000


def test_chart_axis_bound_is_round_and_covers_the_maximum() -> None:
    assert nice_upper(0.173) == pytest.approx((0.2, 0.05))
    assert nice_upper(0.1) == pytest.approx((0.1, 0.02))
    assert nice_upper(0.0) == (0.1, 0.02)
    svg = chart_svg(
        [Series("A", [0.02, 0.03], "#000000")], 2, 1, title="t", description="d", id_prefix="x"
    )
    assert ">50%</text>" in svg  # k/n = 0.5 sets the bound when it is the largest value
    assert parse(svg).errors == []


def test_output_is_deterministic() -> None:
    first = render_report_html(make_report())
    second = render_report_html(copy.deepcopy(make_report()))
    assert first == second
    report = make_report()
    del report["created"]
    assert "not recorded" in render_report_html(report)


@pytest.mark.parametrize(
    ("algorithm", "phrase"),
    [
        ("maximin", "by the MAXIMIN algorithm"),
        ("nash", "by the Nash welfare algorithm"),
        ("legacy", "by the legacy method"),
    ],
)
def test_other_algorithms_are_named(algorithm: str, phrase: str) -> None:
    page = render_report_html(make_report(algorithm=algorithm, levels=[]))
    assert parse(page).errors == []
    assert phrase in page
    assert "No LEXIMIN levels were recorded" in page


def test_levels_table() -> None:
    page = render_report_html(make_report())
    assert '<td class="num">5.00%</td><td class="num">40</td>' in page
    assert "<td>relaxation duals (interior point)</td><td>yes</td>" in page
    assert "<td>exact rational check</td><td>no</td>" in page
    assert "<td>remaining people</td><td>—</td>" in page


def test_optional_sections_can_be_missing() -> None:
    report = make_report(
        lottery=None, draw=None, commitment=None, warnings=[], legacy_estimate=None
    )
    del report["replacements"]
    report["households"] = {
        "checked": False,
        "households_with_several_people": 0,
        "people_without_address": 0,
    }
    report["inputs"] = dict(report["inputs"], id_column=None, address_columns=[])
    page = render_report_html(report)
    assert parse(page).errors == []
    assert "No panel has been drawn yet, and no commitment has been recorded." in page
    assert "No lottery has been built yet." in page
    assert 'class="warnings"' not in page
    assert "After the draw" not in page
    assert "Households were not checked" in page
