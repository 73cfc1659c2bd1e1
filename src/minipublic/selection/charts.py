"""A server-rendered chart of everyone's chance of selection (SVG, no script, no assets).

The chart sorts the pool's chances from smallest to largest and draws them as bars (one
per person, or a filled line for large pools), with the smallest chance and the equal
share (panel size over pool size) marked. ``chance_summary`` is its text alternative:
the chances at a few points of the sorted list, for a table beside the chart.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

WIDTH = 640
HEIGHT = 240
LEFT = 56
RIGHT = 12
TOP = 12
BOTTOM = 36
_BARS_UP_TO = 400  # above this many people, a filled line instead of one bar each


@dataclass(frozen=True)
class ChanceRow:
    """One row of the text alternative: the share of the pool at or below a chance."""

    label: str
    probability: float

    @property
    def percent(self) -> str:
        """The chance in percent, to two decimals."""
        return _percent(self.probability)


def _n(value: float) -> str:
    return f"{value:.2f}"


def _percent(value: float) -> str:
    return f"{value * 100:.2f}%"


def chance_summary(probabilities: Sequence[float]) -> list[ChanceRow]:
    """Smallest, quartiles, median and largest chance: what the chart shows, as text."""
    values = sorted(probabilities)
    if not values:
        return []
    last = len(values) - 1

    def at(fraction: float) -> float:
        return values[round(fraction * last)]

    return [
        ChanceRow(_("Smallest chance"), values[0]),
        ChanceRow(_("A quarter of the pool has at most"), at(0.25)),
        ChanceRow(_("Half of the pool has at most"), at(0.5)),
        ChanceRow(_("Three quarters of the pool have at most"), at(0.75)),
        ChanceRow(_("Largest chance"), values[-1]),
    ]


def _scale(top: float) -> float:
    """A round upper end for the vertical axis (at least ``top``)."""
    for step in (0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5, 1.0):
        if top <= step * 5:
            return step * 5 if step * 5 <= 1 else 1.0
    return 1.0


def probability_chart(probabilities: Sequence[float], panel_size: int) -> SafeString:
    """The sorted chances of the whole pool as an accessible inline SVG."""
    values = sorted(probabilities)
    if not values:
        return mark_safe("")
    n = len(values)
    top = _scale(max(values[-1], panel_size / n))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(i: float) -> float:
        return LEFT + plot_w * i / n

    def y(value: float) -> float:
        return TOP + plot_h * (1 - value / top)

    if n <= _BARS_UP_TO:
        marks = format_html_join(
            "",
            '<rect x="{}" y="{}" width="{}" height="{}" fill="#3b6ea5"/>',
            (
                (_n(x(i)), _n(y(v)), _n(max(plot_w / n - 0.5, 0.5)), _n(TOP + plot_h - y(v)))
                for i, v in enumerate(values)
            ),
        )
    else:
        points = " ".join(
            f"{x(i):.2f},{y(v):.2f} {x(i + 1):.2f},{y(v):.2f}" for i, v in enumerate(values)
        )
        marks = format_html(
            '<polygon points="{} {},{} {},{}" fill="#3b6ea5"/>',
            points,
            _n(x(n)),
            _n(y(0)),
            _n(x(0)),
            _n(y(0)),
        )
    ticks = format_html_join(
        "",
        '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="#bbb"/>'
        '<text x="{}" y="{}" font-size="11" text-anchor="end">{}</text>',
        (
            (
                LEFT,
                WIDTH - RIGHT,
                _n(y(top * t / 4)),
                _n(y(top * t / 4)),
                LEFT - 4,
                _n(y(top * t / 4) + 4),
                _percent(top * t / 4),
            )
            for t in range(5)
        ),
    )
    equal = panel_size / n
    title = _("Chance of selection of each person in the pool, smallest to largest")
    description = _(
        "{n} people. Smallest chance {smallest}, largest {largest}; an equal share of the "
        "seats would be {equal} each."
    ).format(n=n, smallest=_percent(values[0]), largest=_percent(values[-1]), equal=_percent(equal))
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="100%" '
        'role="img" aria-labelledby="chances-title chances-desc" class="chart">'
        '<title id="chances-title">{title}</title><desc id="chances-desc">{desc}</desc>'
        "{ticks}{marks}"
        '<line x1="{left}" x2="{right}" y1="{ymin}" y2="{ymin}" stroke="#b3261e" '
        'stroke-width="2" stroke-dasharray="6 3"/>'
        '<text x="{right}" y="{ymin_label}" font-size="11" text-anchor="end" '
        'fill="#b3261e">{min_label}</text>'
        '<line x1="{left}" x2="{right}" y1="{yeq}" y2="{yeq}" stroke="#222" '
        'stroke-dasharray="2 3"/>'
        '<text x="{left_text}" y="{yeq_label}" font-size="11" fill="#222">{equal_label}</text>'
        '<text x="{mid}" y="{axis_y}" font-size="11" text-anchor="middle">{axis}</text>'
        "</svg>",
        w=WIDTH,
        h=HEIGHT,
        title=title,
        desc=description,
        ticks=ticks,
        marks=marks,
        left=LEFT,
        right=WIDTH - RIGHT,
        ymin=_n(y(values[0])),
        ymin_label=_n(y(values[0]) + 14),
        min_label=_("smallest chance {value}").format(value=_percent(values[0])),
        yeq=_n(y(equal)),
        yeq_label=_n(y(equal) - 4),
        left_text=LEFT + 4,
        equal_label=_("equal share {value}").format(value=_percent(equal)),
        mid=_n(LEFT + plot_w / 2),
        axis_y=HEIGHT - 10,
        axis=_("people in the pool, from the smallest chance to the largest"),
    )
