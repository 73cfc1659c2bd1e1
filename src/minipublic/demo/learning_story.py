"""The demo's practitioner learning (issue 9): case records, the library and a research project.

Runs after every demo process is loaded, as the people who would do it, through the real
actions. Filled in by the learning app's parts.
"""

from __future__ import annotations

from minipublic.accounts.models import User
from minipublic.demo.case_story import load_cases
from minipublic.demo.library_story import load_library
from minipublic.demo.research_story import load_research


def load_learning(users: dict[str, User]) -> None:
    """Create (or restore) the demo's case records, library entries and research project."""
    load_cases(users)
    load_library(users)
    load_research(users)
