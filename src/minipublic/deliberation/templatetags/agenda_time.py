"""Filters for durations on the agenda pages: ``{{ seconds|clock }}`` shows 1:02:03 or
12:34 (the sign dropped); ``{{ seconds|minutes }}`` the whole minutes, rounded as
``room.timing`` states; ``{{ seconds|signed_minutes }}`` the same with its sign (+3, 0,
or a minus sign before 12)."""

from __future__ import annotations

from django import template

from minipublic.room import timing

register = template.Library()


@register.filter
def clock(seconds: int | None) -> str:
    """``seconds`` (their absolute value) as h:mm:ss, or m:ss under an hour."""
    total = abs(int(seconds or 0))
    hours, rest = divmod(total, 3600)
    mins, secs = divmod(rest, 60)
    return f"{hours}:{mins:02d}:{secs:02d}" if hours else f"{mins}:{secs:02d}"


@register.filter
def minutes(seconds: int | None) -> int:
    """``seconds`` as whole minutes, rounded to the nearest, halves up."""
    return timing.minutes(int(seconds or 0))


@register.filter
def signed_minutes(seconds: int | None) -> str:
    """``seconds`` as whole minutes with a sign: "+3", "0", or a true minus sign (U+2212,
    read as "minus" by screen readers) before the minutes."""
    value = timing.minutes(int(seconds or 0))
    if value > 0:
        return f"+{value}"
    return f"\u2212{-value}" if value < 0 else "0"
