"""Coarsening what a published record says about where and how many.

- ``generalise_location``: keep the exact place, only its region, or only its country.
- ``suppress_count``: a count under the threshold becomes "fewer than N", so that a
  small number (one complaint, two funders) cannot point at a person. Zero stays 0:
  "nothing of this kind happened" names nobody, and hiding it would hide that the
  register was empty; negative counts are a programming error.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

DEFAULT_THRESHOLD = 5


class LocationLevel(StrEnum):
    """How precisely a published record says where the process took place."""

    EXACT = "exact"
    REGION = "region"
    COUNTRY = "country"


@dataclass(frozen=True)
class Location:
    """Where a process took place: the place (town or city), its region and its country."""

    place: str = ""
    region: str = ""
    country: str = ""


def generalise_location(location: Location, level: LocationLevel | str) -> Location:
    """``location`` with what is finer than ``level`` blanked: EXACT keeps everything,
    REGION drops the place, COUNTRY keeps only the country."""
    level = LocationLevel(level)
    if level is LocationLevel.EXACT:
        return location
    if level is LocationLevel.REGION:
        return Location("", location.region, location.country)
    return Location("", "", location.country)


def suppress_count(n: int, threshold: int = DEFAULT_THRESHOLD) -> int | str:
    """``n`` itself when 0 or at least ``threshold``, else the text "fewer than <threshold>"."""
    if n < 0:
        raise ValueError(f"a count cannot be negative: {n}")
    if threshold < 1:
        raise ValueError(f"the threshold must be at least 1: {threshold}")
    if n == 0 or n >= threshold:
        return n
    return f"fewer than {threshold}"
