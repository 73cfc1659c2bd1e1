"""The selection report as one self-contained, accessible HTML page.

The page has no scripts and loads nothing: its styles and its chart (inline SVG) are
part of the file, so it can be published, archived and printed as it is. The same
report always gives byte-identical HTML.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from minipublic.sortition.report_html_parts import (
    CSS,
    EN_DASH,
    LEGACY_COLOUR,
    LEGACY_DASH,
    MAIN_COLOUR,
    PERCENTILES,
    Series,
    chart_svg,
    count,
    esc,
    facts,
    percent,
    percentile,
    table,
)

_ALGORITHMS: Mapping[str, tuple[str, str, str]] = {
    # key: (short label, name in a sentence, what it does in one sentence)
    "leximin": (
        "LEXIMIN",
        "the LEXIMIN algorithm",
        "LEXIMIN makes the smallest chance anyone has as large as the quotas allow, "
        "then the next smallest, and so on.",
    ),
    "maximin": (
        "MAXIMIN",
        "the MAXIMIN algorithm",
        "MAXIMIN makes the smallest chance anyone has as large as the quotas allow, "
        "without then raising the next smallest.",
    ),
    "nash": (
        "Nash welfare",
        "the Nash welfare algorithm",
        "Nash welfare makes the product of everyone's chances as large as the quotas "
        "allow, which strongly penalises very small chances.",
    ),
    "legacy": (
        "Legacy method",
        "the legacy method",
        "The legacy method picks people one at a time at random while keeping to the "
        "quotas; it does not aim to make the chances equal.",
    ),
}


def _algorithm(report: Mapping[str, Any]) -> tuple[str, str, str]:
    key = str(report["algorithm"])
    return _ALGORITHMS.get(key, (key, key, ""))


def _many(number: int, one: str, several: str) -> str:
    """``number`` with the singular or plural noun, e.g. ``"1 person"``, ``"2 people"``."""
    return f"{count(number)} {one if number == 1 else several}"


def _outside(quota: Mapping[str, Any]) -> bool:
    selected = quota.get("selected")
    return selected is not None and not int(quota["min"]) <= int(selected) <= int(quota["max"])


def _summary(report: Mapping[str, Any]) -> list[str]:
    n, k = int(report["n"]), int(report["k"])
    _, name, meaning = _algorithm(report)
    low, high = percent(report["min_probability"]), percent(report["max_probability"])
    drawn = report.get("draw") is not None
    verb = ("were" if k != 1 else "was") if drawn else ("are" if k != 1 else "is") + " to be"
    gives = "gave" if drawn else "gives"
    text = (
        f"{_many(k, 'person', 'people')} {verb} chosen from a pool of {count(n)} by "
        f"{esc(name)}, which {gives} everyone in the pool a chance of selection between "
        f"{low} (the smallest) and {high} (the largest). If everyone had the same chance, "
        f"it would be {percent(k / n) if n else '—'} (k/n). {esc(meaning)}"
    )
    out = ["<h1>Selection report</h1>", f'<p class="summary">{text}</p>']
    outside = [q for q in report["quotas"] if _outside(q)]
    if outside:
        out.append(
            '<p class="flag">The drawn panel is outside the target for '
            f"{_many(len(outside), 'quota row', 'quota rows')}; see the "
            '<a href="#quotas-h">quota table</a>.</p>'
        )
    elif drawn and any(q.get("selected") is not None for q in report["quotas"]):
        out.append("<p>The drawn panel meets every quota.</p>")
    if report["warnings"]:
        warned = _many(len(report["warnings"]), "warning", "warnings")
        out.append(
            f'<p class="flag">This report has {warned}: see <a href="#warnings-h">Warnings</a>.</p>'
        )
    out.append(
        facts(
            [
                ("Pool size (n)", count(n)),
                ("Panel size (k)", count(k)),
                ("Smallest chance", low),
                ("Largest chance", high),
                ("Inequality (Gini)", f"{float(report['gini']):.3f} (0 means equal chances)"),
            ]
        )
    )
    return out


def _draw(report: Mapping[str, Any]) -> list[str]:
    out = ['<section aria-labelledby="draw-h">', '<h2 id="draw-h">The draw</h2>']
    draw = report.get("draw")
    lottery = report.get("lottery")
    commitment = report.get("commitment")
    if draw is not None:
        of = f" of {count(int(lottery['size']))}" if lottery else ""
        method = {
            "digits": "digits (the panel number is read from the digits of the randomness)",
            "sha256": "sha256 (the panel number is computed from the SHA-256 hash of the "
            "randomness)",
        }.get(str(draw["method"]), esc(draw["method"]))
        number = count(int(draw["panel_number"]))
        out.append(f"<p>Panel number <strong>{number}</strong>{of} was drawn.</p>")
        out.append(
            facts(
                [
                    ("Randomness", f"<code>{esc(draw['randomness'])}</code>"),
                    ("Method", method),
                    ("Mode", esc(draw["mode"])),
                ]
            )
        )
        if draw.get("note"):
            out.append(f'<p class="note"><strong>Note:</strong> {esc(draw["note"])}</p>')
    elif commitment:
        out.append("<p>The lottery is committed but no panel has been drawn yet.</p>")
    else:
        out.append("<p>No panel has been drawn yet, and no commitment has been recorded.</p>")
    if commitment:
        out.append(
            "<p>Commitment (the SHA-256 fingerprint that identifies the lottery):<br>"
            f'<code class="hash">{esc(commitment)}</code></p>'
        )
    elif draw is not None:
        out.append("<p>No commitment was recorded for this lottery.</p>")
    out.append("</section>")
    return out


def _chart(report: Mapping[str, Any]) -> list[str]:
    n, k = int(report["n"]), int(report["k"])
    label, _, _ = _algorithm(report)
    main = [float(p) for p in report["probabilities_sorted"]]
    series = [Series(label, main, MAIN_COLOUR)]
    legacy = report.get("legacy_estimate")
    legacy_values = [float(p) for p in legacy["probabilities_sorted"]] if legacy else []
    if legacy_values:
        series.append(Series("Legacy method (estimate)", legacy_values, LEGACY_COLOUR, LEGACY_DASH))
    out = ['<section aria-labelledby="chart-h">', '<h2 id="chart-h">Chances of selection</h2>']
    if not main:
        out += ["<p>No selection probabilities were recorded.</p>", "</section>"]
        return out
    described = "; ".join(
        f"{s.label} from {percent(s.values[0])} to {percent(s.values[-1])}" for s in series
    )
    description = (
        f"Step line of each person's chance of selection, {count(n)} people ordered from "
        f"lowest to highest chance: {described}. A dotted line marks the equal chance "
        f"k/n = {percent(k / n) if n else '—'}."
    )
    out.append(
        "<p>Each person in the pool is one step along the horizontal axis, ordered from the "
        "lowest chance of selection to the highest. A flatter line means more equal chances; "
        "the dotted line is the chance everyone would have if all chances were equal.</p>"
    )
    svg = chart_svg(
        series,
        n,
        k,
        title=f"Chances of selection, {label}" + (" and legacy method" if legacy_values else ""),
        description=description,
        id_prefix="chart",
    )
    out += ["<figure>", svg, "</figure>"]
    head = [("Percentile", False)] + [(s.label, True) for s in series]
    rows = []
    for q in PERCENTILES:
        name = {0: "0th (lowest)", 100: "100th (highest)"}.get(q, f"{q}th")
        cells = "".join(f'<td class="num">{percent(percentile(s.values, q))}</td>' for s in series)
        rows.append(f'<tr><th scope="row">{name}</th>{cells}</tr>')
    note = "The numbers behind the chart; the 50th percentile is the person in the middle."
    out.append(table("Chance of selection at percentiles of the pool", head, rows, "pct-cap", note))
    if legacy:
        failed = _many(int(legacy["failures"]), "run", "runs")
        out.append(
            f"<p>The legacy method was run {count(int(legacy['runs']))} times on the same pool "
            f"to estimate its chances; {failed} ended without a panel that meets the quotas. "
            "Its smallest estimated chance is "
            f"{percent(legacy['min'])}; with 99% confidence it is at most "
            f"{percent(legacy['min_upper_99'])}.</p>"
        )
    out.append("</section>")
    return out


def _quota_cells(q: Mapping[str, Any]) -> tuple[str, str, str]:
    """The row class, the target range and the selected count of one quota row."""
    lo, hi = int(q["min"]), int(q["max"])
    target = count(lo) if lo == hi else f"{count(lo)}{EN_DASH}{count(hi)}"
    selected = q.get("selected")
    shown = "—" if selected is None else count(int(selected))
    outside = _outside(q)
    if outside:
        shown += '<br><span class="flag">(outside the target)</span>'
    return (' class="outside"' if outside else ""), target, shown


def _quotas(report: Mapping[str, Any]) -> list[str]:
    rows = []
    for q in report["quotas"]:
        row_class, target, shown = _quota_cells(q)
        rows.append(
            f"<tr{row_class}><td>{esc(q['feature'])}</td>"
            f'<th scope="row">{esc(q["value"])}</th><td class="num">{count(int(q["pool"]))}</td>'
            f'<td class="num">{target}</td><td class="num">{float(q["expected"]):.1f}</td>'
            f'<td class="num">{shown}</td></tr>'
        )
    head = [
        ("Feature", False),
        ("Value", False),
        ("In pool", True),
        (f"Target (min{EN_DASH}max)", True),
        ("Expected on panel", True),
        ("Selected", True),
    ]
    note = (
        "How many panel members must have each value. “Expected on panel” is the average "
        "over the lottery; “Selected” counts the drawn panel (— before the draw)."
    )
    return [
        '<section aria-labelledby="quotas-h">',
        '<h2 id="quotas-h">Quotas</h2>',
        table("Quota targets and results", head, rows, "quotas-cap", note),
        "</section>",
    ]


def _levels(report: Mapping[str, Any]) -> list[str]:
    out = ['<section aria-labelledby="levels-h">', '<h2 id="levels-h">LEXIMIN levels</h2>']
    levels = report["levels"]
    if not levels:
        out += ["<p>No LEXIMIN levels were recorded for this selection.</p>", "</section>"]
        return out
    rows = []
    for number, level in enumerate(levels, start=1):
        certified = {True: "yes", False: "no"}.get(level.get("certified"), "—")
        rows.append(
            f'<tr><th scope="row" class="num">{number}</th>'
            f'<td class="num">{percent(level["value"], 2)}</td>'
            f'<td class="num">{count(int(level["people"]))}</td>'
            f"<td>{esc(level['method'])}</td><td>{certified}</td></tr>"
        )
    note = (
        "From the smallest chance up: the chance fixed at each level, how many people it "
        "applies to, and how that was proved. Certified: yes, the proof was confirmed; no, it "
        "could not be confirmed; —, not checked. Chances have two decimals because levels "
        "can be close."
    )
    head = [
        ("Level", True),
        ("Chance", True),
        ("People", True),
        ("How it was proved", False),
        ("Certified", False),
    ]
    out += [
        table("Each level and how it was certified", head, rows, "levels-cap", note),
        "</section>",
    ]
    return out


def _lottery(report: Mapping[str, Any]) -> list[str]:
    out = ['<section aria-labelledby="lottery-h">', '<h2 id="lottery-h">Lottery</h2>']
    lottery = report.get("lottery")
    if not lottery:
        out += ["<p>No lottery has been built yet.</p>", "</section>"]
        return out
    size, distinct = int(lottery["size"]), int(lottery["distinct_panels"])
    change = float(lottery["max_rounding_change"]) * 100
    out.append(
        f"<p>The lottery is a list of {count(size)} panels, each equally likely to be drawn; "
        f"{count(distinct)} of them are different (a panel listed several times is that many "
        "times as likely). Rounding the chances to such a list changed anyone's chance of "
        f"selection by at most {change:.3f} percentage points.</p>"
    )
    out.append(
        facts(
            [
                ("Panels in the lottery (m)", count(size)),
                ("Different panels", count(distinct)),
                ("Largest change from rounding", f"{change:.3f} percentage points"),
            ]
        )
    )
    out.append("</section>")
    return out


def _replacements(report: Mapping[str, Any]) -> list[str]:
    data = report.get("replacements")
    if not data:
        return []
    return [
        '<section aria-labelledby="replacements-h">',
        '<h2 id="replacements-h">After the draw</h2>',
        facts(
            [
                ("Confirmed", count(int(data["confirmed"]))),
                ("Dropped out", count(int(data["dropouts"]))),
                ("Replaced", count(int(data["replaced"]))),
            ]
        ),
        "</section>",
    ]


def _replacement(report: Mapping[str, Any]) -> list[str]:
    """For a replacement selection: who stays, who left, and the whole panel's quotas."""
    data = report.get("replacement")
    if not data:
        return []
    confirmed, dropouts = list(data["confirmed"]), list(data["dropouts"])
    housemates, needed = list(data["excluded_housemates"]), int(data["needed"])
    set_aside = (
        f" {_many(len(housemates), 'person who shares', 'people who share')} a household with "
        "a confirmed member could not be chosen."
        if housemates
        else ""
    )
    out = [
        '<section aria-labelledby="replacement-h">',
        '<h2 id="replacement-h">Replacements</h2>',
        f"<p>This selection completes a panel of {count(int(data['panel_size']))} after "
        f"{_many(len(dropouts), 'member', 'members')} dropped out: "
        f"{_many(len(confirmed), 'confirmed member stays', 'confirmed members stay')} and "
        f"{_many(needed, 'replacement is', 'replacements are')} drawn from the rest of the "
        f"pool.{set_aside} The chances, quotas and lottery in this report concern the "
        "replacements only; the table below counts the whole panel.</p>",
        facts(
            [
                ("Dropped out", ", ".join(f"<code>{esc(i)}</code>" for i in dropouts)),
                ("Confirmed members", count(len(confirmed))),
                ("Replacements needed", count(needed)),
            ]
        ),
    ]
    rows = []
    for q in data["quotas"]:
        row_class, target, shown = _quota_cells(q)
        rows.append(
            f"<tr{row_class}><td>{esc(q['feature'])}</td>"
            f'<th scope="row">{esc(q["value"])}</th><td class="num">{target}</td>'
            f'<td class="num">{count(int(q["confirmed"]))}</td>'
            f'<td class="num">{float(q["expected"]):.1f}</td><td class="num">{shown}</td></tr>'
        )
    head = [
        ("Feature", False),
        ("Value", False),
        (f"Target (min{EN_DASH}max)", True),
        ("Confirmed", True),
        ("Expected on the whole panel", True),
        ("Whole panel", True),
    ]
    note = (
        "The original quotas for the whole panel: the confirmed members, the replacements "
        "expected over the lottery, and the whole panel after the draw (— before it)."
    )
    out += [table("The whole panel's quotas", head, rows, "replacement-cap", note), "</section>"]
    return out


def _details(report: Mapping[str, Any]) -> list[str]:
    households = report["households"]
    if households["checked"]:
        several = count(int(households["households_with_several_people"]))
        text = (
            "Addresses were checked, so at most one person per household can be on the panel. "
            f"Households with more than one person in the pool: {several}. People without an "
            f"address (not grouped into any household): "
            f"{count(int(households['people_without_address']))}."
        )
    else:
        text = "Households were not checked: people who live together could both be selected."
    inputs = report["inputs"]
    columns = ", ".join(f"<code>{esc(c)}</code>" for c in inputs["address_columns"]) or "none"
    id_column = inputs.get("id_column")
    runtime = float(report["runtime_seconds"])
    created = report.get("created")
    return [
        '<section aria-labelledby="details-h">',
        '<h2 id="details-h">Details</h2>',
        "<h3>Households</h3>",
        f"<p>{text}</p>",
        "<h3>Inputs</h3>",
        facts(
            [
                ("People file", f"<code>{esc(inputs['people'])}</code>"),
                ("Quotas file", f"<code>{esc(inputs['quotas'])}</code>"),
                ("Quota layout", esc(inputs["quota_layout"])),
                ("ID column", f"<code>{esc(id_column)}</code>" if id_column else "none"),
                ("Address columns", columns),
            ]
        ),
        "<h3>Engine</h3>",
        facts(
            [
                ("Engine", f"{esc(report['engine'])} {esc(report['engine_version'])}"),
                ("Algorithm", esc(_algorithm(report)[0])),
                ("Running time", f"{runtime:,.2f} seconds"),
                (
                    "Report created",
                    f'<time datetime="{esc(created)}">{esc(created)}</time>'
                    if created
                    else "not recorded",
                ),
            ]
        ),
        "</section>",
    ]


def _warnings(report: Mapping[str, Any]) -> list[str]:
    warnings = report["warnings"]
    if not warnings:
        return []
    items = "\n".join(f"<li>{esc(w)}</li>" for w in warnings)
    return [
        '<section class="warnings" aria-labelledby="warnings-h">',
        '<h2 id="warnings-h">Warnings</h2>',
        f"<ul>\n{items}\n</ul>",
        "</section>",
    ]


def render_report_html(report: Mapping[str, Any]) -> str:
    """The selection report (the content of report.json) as one self-contained HTML page.

    No scripts and no external resources; every text from the report is escaped. The
    output depends only on ``report``, so the same report gives the same bytes.
    """
    title = f"Selection report: {count(int(report['k']))} of {count(int(report['n']))}"
    body = [
        *_summary(report),
        *_replacement(report),
        *_draw(report),
        *_chart(report),
        *_quotas(report),
        *_levels(report),
        *_lottery(report),
        *_replacements(report),
        *_details(report),
        *_warnings(report),
    ]
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{esc(title)}</title>",
            f"<style>{CSS}</style>",
            "</head>",
            "<body>",
            "<main>",
            *body,
            "</main>",
            "</body>",
            "</html>",
            "",
        ]
    )
