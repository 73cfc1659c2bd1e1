"""How speaking-time figures read on the pages: durations, percentages, the Gini."""

from __future__ import annotations

from django.utils.translation import gettext


def duration_text(seconds: float) -> str:
    """``seconds`` as "2 min 05 s" (or "1 h 02 min", "0 s"), read aloud as words."""
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return gettext("%(h)d h %(m)02d min") % {"h": hours, "m": minutes}
    if minutes:
        return gettext("%(m)d min %(s)02d s") % {"m": minutes, "s": secs}
    return gettext("%(s)d s") % {"s": secs}


def _undefined() -> str:
    return gettext("none yet")


def percent_text(share: float | None) -> str:
    """A share as a whole percentage ("17%"); "none yet" while nobody has spoken."""
    return _undefined() if share is None else gettext("%(p)d%%") % {"p": round(share * 100)}


def ratio_text(ratio: float | None) -> str:
    """A share divided by the fair share, as "1.4 times"; "none yet" while nobody has spoken."""
    return _undefined() if ratio is None else gettext("%(r).1f times") % {"r": ratio}


def gini_text(value: float | None) -> str:
    """The Gini coefficient to two decimals ("0.31"); "none yet" while nobody has spoken."""
    return _undefined() if value is None else f"{value:.2f}"
