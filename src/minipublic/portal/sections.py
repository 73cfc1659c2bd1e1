"""The transparency portal's sections written by other apps, and how they are rendered.

Each app that has something public to add to ``/p/<slug>/`` exposes
``portal_section(process) -> dict | None`` in a module named here, and a template. The
portal renders each section under its own heading (an ``<h2>`` with the section's
``key`` as its anchor), so a section's template starts at ``<h3>``. A section whose
function returns None has not happened yet: the portal says so with the section's
``pending`` sentence instead of leaving a silent gap.

The function is looked up when the page is drawn (not imported once), so a test can
replace it with ``monkeypatch.setattr``.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.functional import Promise
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from minipublic.processes.models import Process


@dataclass(frozen=True)
class PortalSection:
    """A section another app provides: its anchor, heading, provider and template."""

    key: str
    heading: Promise
    module: str
    template: str
    pending: Promise

    def context(self, process: Process) -> dict[str, Any] | None:
        """What the app's ``portal_section`` returns for ``process`` (None: not yet)."""
        provider = importlib.import_module(self.module).portal_section
        result: dict[str, Any] | None = provider(process)
        return result


#: The sections in the order the portal shows them, after its own.
SECTIONS: tuple[PortalSection, ...] = (
    PortalSection(
        "recommendations",
        _("Recommendations and votes"),
        "minipublic.recommendations.portal",
        "recommendations/portal_section.html",
        _(
            "The participants have not yet voted on any recommendation. Their "
            "recommendations, with the votes on each, are public here once they are decided."
        ),
    ),
    PortalSection(
        "report",
        _("The participants' report"),
        "minipublic.recommendations.report_portal",
        "recommendations/report_portal_section.html",
        _(
            "The participants' report is public here once they have signed it off and it is "
            "frozen, with the SHA-256 of its PDF and HTML versions."
        ),
    ),
    PortalSection(
        "responses",
        _("Responses and progress"),
        "minipublic.accountability.portal",
        "accountability/portal_section.html",
        _(
            "The commissioner answers each recommendation in public once the participants' "
            "report is handed over; progress on the accepted ones is reported here after that."
        ),
    ),
    PortalSection(
        "evaluation",
        _("Evaluation"),
        "minipublic.evaluation.portal",
        "evaluation/portal_section.html",
        _(
            "The results of the members' evaluation questionnaire are public here once "
            "enough members have answered it."
        ),
    ),
)


@dataclass(frozen=True)
class RenderedSection:
    """A section as the page shows it: its body, or None with its pending sentence."""

    key: str
    heading: Promise
    body: SafeString | None
    pending: Promise


def rendered_sections(
    process: Process, request: HttpRequest | None = None
) -> list[RenderedSection]:
    """Every registered section for ``process``, rendered where it has something to show."""
    shown = []
    for section in SECTIONS:
        context = section.context(process)
        body = None
        if context is not None:
            body = SafeString(
                render_to_string(section.template, {"process": process, **context}, request)
            )
        shown.append(RenderedSection(section.key, section.heading, body, section.pending))
    return shown
