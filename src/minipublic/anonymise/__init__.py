"""Find the names of people, organisations and places in a text, and replace them.

Framework-free (no Django): the learning app feeds it a process's own lists of names
(members, commissioner, places) and shows every finding to a person, who decides what is
replaced and by which role label before anything is published. Detection is rule-based;
no model is downloaded at run time.

    known = KnownNames((KnownName("Riverford Council", Kind.ORGANISATION, "[the commissioner]"),))
    findings = detect(text, known)           # what to show highlighted for review
    clean = apply(text, [Replacement("Riverford Council", Kind.ORGANISATION, "[the commissioner]")])
    generalise_location(Location("Riverford", "North West", "England"), LocationLevel.REGION)
    suppress_count(3)                        # "fewer than 5"
"""

from minipublic.anonymise.detect import detect
from minipublic.anonymise.figures import (
    DEFAULT_THRESHOLD,
    Location,
    LocationLevel,
    generalise_location,
    suppress_count,
)
from minipublic.anonymise.replace import apply, highlight_spans
from minipublic.anonymise.types import Finding, Kind, KnownName, KnownNames, Replacement

__all__ = [
    "DEFAULT_THRESHOLD",
    "Finding",
    "Kind",
    "KnownName",
    "KnownNames",
    "Location",
    "LocationLevel",
    "Replacement",
    "apply",
    "detect",
    "generalise_location",
    "highlight_spans",
    "suppress_count",
]
