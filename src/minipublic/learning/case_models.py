"""Models of the case part of practitioner learning: a process's case record.

A case record is written inside its process by the practitioners (generated from what
the platform holds, then edited), reviewed for names (``Redactable``), and published as
a ``LibraryEntry`` copy. Each process has at most one current draft; once a record is
published a new draft may be started.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from minipublic.learning.library_models import SECTION_KEYS, LibraryEntry, Licence, Outcome
from minipublic.learning.redaction import Redactable

__all__ = ["SECTION_KEYS", "CaseRecord", "LocationChoice"]


class LocationChoice(models.TextChoices):
    """How precisely the published record says where the process took place."""

    EXACT = "exact", _("The town or city, its region and country")
    REGION = "region", _("Only the region and country")
    COUNTRY = "country", _("Only the country")


class CaseRecord(Redactable):
    """A process's case record: the practitioners' draft, then what they published."""

    process = models.ForeignKey(
        "processes.Process", on_delete=models.CASCADE, related_name="case_records"
    )
    title = models.CharField(_("title"), max_length=200)
    # The text as the practitioners wrote it, names and all: {section key: text}.
    sections = models.JSONField(default=dict)
    # The figures generated from the process, unsuppressed (suppressed on publishing).
    figures = models.JSONField(default=dict)
    pressures = models.JSONField(default=list, blank=True)
    outcome = models.CharField(_("outcome"), max_length=32, choices=Outcome.choices)
    place = models.CharField(_("town or city"), max_length=100, blank=True)
    region = models.CharField(_("region"), max_length=100, blank=True)
    country = models.CharField(_("country"), max_length=100, blank=True)
    location = models.CharField(
        _("location shown"),
        max_length=16,
        choices=LocationChoice.choices,
        default=LocationChoice.REGION,
    )
    licence = models.CharField(
        _("licence"), max_length=20, choices=Licence.choices, default=Licence.CC_BY
    )
    link_process = models.BooleanField(_("name the process in the library"), default=False)
    # The hash of title and sections when the review was saved: publishing checks it.
    reviewed_sha256 = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField()
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    entry = models.ForeignKey(
        LibraryEntry, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["process", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["process"],
                condition=models.Q(published_at__isnull=True),
                name="one_case_record_draft_per_process",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_draft(self) -> bool:
        """Whether the record is still being written (not yet published)."""
        return self.published_at is None
