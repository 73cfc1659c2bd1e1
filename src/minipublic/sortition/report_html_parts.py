"""Building blocks of the HTML selection report: formatting, styles, tables, the chart.

Everything here is deterministic plain text: the same numbers always give the same
bytes. The chart draws each series of selection probabilities, sorted ascending, as a
step line: person ``i`` (counting from 0) spans ``[i, i + 1]`` on the x axis.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

MAX_POINTS = 800
PERCENTILES = (0, 10, 25, 50, 75, 90, 100)

# Geometry in SVG user units; the picture scales to the width of the page.
_WIDTH, _HEIGHT = 560, 340
_LEFT, _RIGHT, _TOP, _BOTTOM = 62, 30, 40, 52
_PLOT_W = _WIDTH - _LEFT - _RIGHT
_PLOT_H = _HEIGHT - _TOP - _BOTTOM

# Text and series colours have at least 4.5:1 contrast on white (the grid is decoration);
# the series also differ by dash pattern, not by colour alone.
INK = "#1a1a1a"
GRID = "#d4d4d4"
MAIN_COLOUR = "#1f4e9c"
LEGACY_COLOUR = "#a84300"
LEGACY_DASH = "7 4"
REFERENCE_COLOUR = "#4d4d4d"
REFERENCE_DASH = "2 3"

EN_DASH = "\u2013"
_NUM = ' class="num"'


CSS = """
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,
sans-serif;font-size:1rem;line-height:1.5;color:#1a1a1a;background:#fff}
main{max-width:60rem;margin:0 auto;padding:1rem}
h1{font-size:1.8rem;margin:.5rem 0 1rem}h2{font-size:1.35rem;margin:2rem 0 .5rem;
border-bottom:1px solid #8c8c8c}h3{font-size:1.1rem;margin:1.25rem 0 .25rem}
code{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace;font-size:.95em;
background:#f2f2f2;padding:0 .2em;overflow-wrap:anywhere}
.hash{word-break:break-all}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;margin:.5rem 0}
dl.facts dt{font-weight:600}dl.facts dd{margin:0;overflow-wrap:anywhere}
.table-wrap{overflow-x:auto;margin:.75rem 0}
table{border-collapse:collapse}
caption{text-align:left;font-weight:600;padding:.25rem 0}
th,td{border:1px solid #8c8c8c;padding:.3rem .5rem;text-align:left;vertical-align:top}
thead th{background:#ececec}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
td.num{white-space:nowrap}
tr.outside td,tr.outside th{background:#fde8e8}
.flag{font-weight:700;color:#8a1010;white-space:normal}
figure{margin:1rem 0}
svg.chart{display:block;width:100%;max-width:40rem;height:auto}
.note{color:#404040}
.warnings{border:3px solid #a84300;background:#fff4e5;padding:.5rem 1rem;margin:1rem 0}
.warnings h2{border:0;margin-top:.25rem}
@media (max-width:30rem){dl.facts{grid-template-columns:1fr}dl.facts dd{margin-bottom:.35rem}}
@media print{
main{max-width:none;padding:0}
body{font-size:11pt}
.table-wrap{overflow:visible}
h2,h3{break-after:avoid}
tr,figure,.warnings{break-inside:avoid}
thead{display:table-header-group}
code{background:none}
}
"""


def esc(value: object) -> str:
    """Text made safe for HTML content and attribute values."""
    return escape(str(value), quote=True)


def percent(probability: float, decimals: int = 1) -> str:
    """A probability as a percentage, e.g. ``0.1234`` -> ``"12.3%"``."""
    return f"{probability * 100:.{decimals}f}%"


def count(number: int) -> str:
    """A whole number with thousands separators, e.g. ``12345`` -> ``"12,345"``."""
    return f"{number:,}"


@dataclass(frozen=True)
class Series:
    """One sorted list of probabilities, its label, and how to draw it."""

    label: str
    values: Sequence[float]
    colour: str
    dash: str | None = None


def step_points(values: Sequence[float], max_points: int = MAX_POINTS) -> list[tuple[int, float]]:
    """The start ``(index, value)`` of each step of a sorted list, at most ``max_points``.

    Runs of equal values become one step. When there are still too many steps, the
    values at evenly spaced indices are kept, always including the first and the last
    index, so the smallest and the largest value both survive.
    """
    if not values:
        return []
    runs = [(i, float(v)) for i, v in enumerate(values) if i == 0 or v != values[i - 1]]
    if len(runs) <= max_points:
        return runs
    last = len(values) - 1
    wanted = max(2, max_points)
    picked = sorted({round(j * last / (wanted - 1)) for j in range(wanted)})
    points: list[tuple[int, float]] = []
    for i in picked:
        value = float(values[i])
        if not points or value != points[-1][1]:
            points.append((i, value))
    return points


def percentile(values: Sequence[float], q: float) -> float:
    """The ``q``-th percentile (0..100) of sorted ``values``, interpolating linearly."""
    if not values:
        return math.nan
    position = q / 100 * (len(values) - 1)
    low = math.floor(position)
    high = min(low + 1, len(values) - 1)
    return float(values[low] + (values[high] - values[low]) * (position - low))


def _nice_step(span: float, most_ticks: int, factors: Sequence[float]) -> float:
    """The smallest round step (factor times a power of ten) with at most ``most_ticks``."""
    magnitude = 10.0 ** math.floor(math.log10(span / most_ticks))
    for factor in factors:
        step = factor * magnitude
        if math.ceil(span / step - 1e-9) <= most_ticks:
            return step
    return 10 * magnitude


def nice_upper(largest: float) -> tuple[float, float]:
    """A round upper bound at least ``largest`` for the probability axis, and its tick step."""
    if not largest > 0:
        return 0.1, 0.02
    step = _nice_step(largest, 5, (1, 2, 2.5, 5, 10))
    upper = math.ceil(largest / step - 1e-9) * step
    return upper, step


def _tick_decimals(step: float) -> int:
    """Decimals needed to show multiples of ``step`` as percentages without clutter."""
    for decimals in range(4):
        scaled = step * 100 * 10**decimals
        if abs(scaled - round(scaled)) < 1e-6:
            return decimals
    return 4


def _fmt(number: float) -> str:
    """An SVG coordinate with two decimals."""
    return f"{number:.2f}"


def _x(position: float, n: int) -> float:
    return _LEFT + position / n * _PLOT_W


def _y(probability: float, upper: float) -> float:
    return _TOP + _PLOT_H - probability / upper * _PLOT_H


def _step_path(series: Series, n: int, upper: float) -> str:
    """The SVG path data of one series as a step line across ``[0, n]``."""
    length = len(series.values)
    scale = n / length
    points = step_points(series.values)
    parts = [f"M{_fmt(_x(0, n))} {_fmt(_y(points[0][1], upper))}"]
    for index, value in points[1:]:
        parts.append(f"H{_fmt(_x(index * scale, n))}V{_fmt(_y(value, upper))}")
    parts.append(f"H{_fmt(_x(n, n))}")
    return "".join(parts)


def _axes(n: int, upper: float, step: float) -> list[str]:
    """Grid lines, tick labels and axis titles."""
    out: list[str] = []
    decimals = _tick_decimals(step)
    ticks = round(upper / step)
    for t in range(ticks + 1):
        value = t * step
        y = _fmt(_y(value, upper))
        out.append(f'<line x1="{_LEFT}" x2="{_LEFT + _PLOT_W}" y1="{y}" y2="{y}" stroke="{GRID}"/>')
        out.append(
            f'<text x="{_LEFT - 6}" y="{y}" text-anchor="end" dominant-baseline="middle">'
            f"{esc(percent(value, decimals))}</text>"
        )
    x_step = max(1, round(_nice_step(float(n), 6, (1, 2, 5, 10)))) if n > 1 else 1
    bottom = _TOP + _PLOT_H
    for position in range(0, n + 1, x_step):
        x = _fmt(_x(position, n))
        out.append(f'<line x1="{x}" x2="{x}" y1="{bottom}" y2="{bottom + 5}" stroke="{INK}"/>')
        out.append(f'<text x="{x}" y="{bottom + 19}" text-anchor="middle">{count(position)}</text>')
    out.append(
        f'<line x1="{_LEFT}" x2="{_LEFT}" y1="{_TOP}" y2="{bottom}" stroke="{INK}"/>'
        f'<line x1="{_LEFT}" x2="{_LEFT + _PLOT_W}" y1="{bottom}" y2="{bottom}" stroke="{INK}"/>'
    )
    out.append(
        f'<text x="{_LEFT + _PLOT_W / 2:.0f}" y="{_HEIGHT - 8}" text-anchor="middle">'
        "People, from lowest to highest chance</text>"
    )
    out.append(
        f'<text x="14" y="{_TOP + _PLOT_H / 2:.0f}" text-anchor="middle" '
        f'transform="rotate(-90 14 {_TOP + _PLOT_H / 2:.0f})">Chance of selection</text>'
    )
    return out


def _legend(series: Sequence[Series]) -> list[str]:
    """A one-row legend above the plot: a line sample and a label per series."""
    out = ['<g class="legend">']
    x = _LEFT
    for item in series:
        dash = f' stroke-dasharray="{item.dash}"' if item.dash else ""
        out.append(
            f'<line x1="{x}" x2="{x + 28}" y1="16" y2="16" stroke="{item.colour}" '
            f'stroke-width="3"{dash}/>'
            f'<text x="{x + 34}" y="16" dominant-baseline="middle">{esc(item.label)}</text>'
        )
        x += 60 + 8 * len(item.label)
    out.append("</g>")
    return out


def chart_svg(
    series: Sequence[Series], n: int, k: int, *, title: str, description: str, id_prefix: str
) -> str:
    """An accessible inline SVG of sorted selection probabilities with an equal-chance line.

    ``series`` must be non-empty, each with at least one value. A legend is drawn when
    there is more than one series. ``k / n`` is drawn as a dotted reference line.
    """
    equal = k / n if n else 0.0
    largest = max([equal, *(max(s.values) for s in series)])
    upper, step = nice_upper(largest)
    title_id, desc_id = f"{id_prefix}-title", f"{id_prefix}-desc"
    out = [
        f'<svg class="chart" role="img" aria-labelledby="{title_id} {desc_id}" '
        f'viewBox="0 0 {_WIDTH} {_HEIGHT}" width="{_WIDTH}" height="{_HEIGHT}" '
        f'font-size="14" fill="{INK}">',
        f'<title id="{title_id}">{esc(title)}</title>',
        f'<desc id="{desc_id}">{esc(description)}</desc>',
        *_axes(max(n, 1), upper, step),
    ]
    if len(series) > 1:
        out.extend(_legend(series))
    y = _fmt(_y(equal, upper))
    out.append(
        f'<line class="reference" x1="{_LEFT}" x2="{_LEFT + _PLOT_W}" y1="{y}" y2="{y}" '
        f'stroke="{REFERENCE_COLOUR}" stroke-width="2" stroke-dasharray="{REFERENCE_DASH}"/>'
    )
    for item in series:
        dash = f' stroke-dasharray="{item.dash}"' if item.dash else ""
        out.append(
            f'<path class="series" d="{_step_path(item, max(n, 1), upper)}" fill="none" '
            f'stroke="{item.colour}" stroke-width="2.5"{dash}/>'
        )
    label_y = _y(equal, upper) - 7 if _y(equal, upper) - 7 > _TOP + 12 else _y(equal, upper) + 17
    out.append(
        f'<text x="{_LEFT + 8}" y="{_fmt(label_y)}" fill="{REFERENCE_COLOUR}" stroke="#ffffff" '
        f'stroke-width="4" paint-order="stroke">equal chance k/n = {esc(percent(equal))}</text>'
    )
    out.append("</svg>")
    return "\n".join(out)


def table(
    caption: str,
    head: Sequence[tuple[str, bool]],
    rows: Sequence[str],
    label_id: str,
    note: str = "",
) -> str:
    """A captioned table in a scrollable, focusable wrapper, after an optional note.

    ``caption`` and ``note`` are plain text; the note is a paragraph before the table,
    linked to it with ``aria-describedby``. ``head`` lists (column title, numeric);
    ``rows`` are ``<tr>`` elements.
    """
    cells = "".join(
        f'<th scope="col"{_NUM if numeric else ""}>{esc(title)}</th>' for title, numeric in head
    )
    before = f'<p class="note" id="{label_id}-note">{esc(note)}</p>\n' if note else ""
    described = f' aria-describedby="{label_id}-note"' if note else ""
    return (
        f"{before}"
        f'<div class="table-wrap" role="region" aria-labelledby="{label_id}" tabindex="0">\n'
        f'<table{described}>\n<caption id="{label_id}">{esc(caption)}</caption>\n'
        f"<thead><tr>{cells}</tr></thead>\n<tbody>\n"
        + "\n".join(rows)
        + "\n</tbody>\n</table>\n</div>"
    )


def facts(items: Sequence[tuple[str, str]]) -> str:
    """A definition list of label/value pairs; values are HTML already."""
    body = "\n".join(f"<dt>{esc(label)}</dt><dd>{value}</dd>" for label, value in items)
    return f'<dl class="facts">\n{body}\n</dl>'
