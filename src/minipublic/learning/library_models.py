"""The site's case library: published, anonymised case records and the materials shared
with them. A published entry is a copy, not a view of its process: it keeps no link back
unless its author chose to publish one (``process``)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from minipublic.lifecycle import ProcessModel
from minipublic.processes.labels import MODEL_LABELS, choices

__all__ = [
    "LICENCE_DEEDS",
    "SECTION_KEYS",
    "LibraryEntry",
    "LibraryMaterial",
    "Licence",
    "MaterialKind",
    "Outcome",
]

# The keys of ``LibraryEntry.sections``, in the order they are shown and exported.
SECTION_KEYS: tuple[str, ...] = (
    "summary",
    "purpose",
    "context",
    "organisers",
    "recruitment",
    "methods",
    "process",
    "outcomes",
    "lessons",
)


class Licence(models.TextChoices):
    """The open licences an author may pick for a record and each material."""

    CC_BY = "CC-BY-4.0", _("Creative Commons Attribution 4.0 (CC BY 4.0)")
    CC_BY_SA = "CC-BY-SA-4.0", _("Creative Commons Attribution-ShareAlike 4.0 (CC BY-SA 4.0)")
    CC0 = "CC0-1.0", _("No rights reserved (CC0 1.0)")


# Where each licence's human-readable deed is published.
LICENCE_DEEDS: dict[str, str] = {
    "CC-BY-4.0": "https://creativecommons.org/licenses/by/4.0/",
    "CC-BY-SA-4.0": "https://creativecommons.org/licenses/by-sa/4.0/",
    "CC0-1.0": "https://creativecommons.org/publicdomain/zero/1.0/",
}


class Outcome(models.TextChoices):
    """What became of the process's recommendations, as far as the record knows."""

    ONGOING = "ongoing", _("Process still running")
    NO_RESPONSE = "no_response", _("No public response")
    MOSTLY_REJECTED = "mostly_rejected", _("Recommendations mostly rejected")
    MIXED = "mixed", _("Some accepted, some not")
    MOSTLY_ACCEPTED = "mostly_accepted", _("Recommendations mostly accepted")
    WALKED_AWAY = "walked_away", _("Practitioners withdrew from the process")


class MaterialKind(models.TextChoices):
    """What a shared material is."""

    DESIGN = "design", _("Process design")
    TEMPLATE = "template", _("Template")
    CODE_OF_CONDUCT = "code_of_conduct", _("Code of conduct")
    BRIEFING = "briefing", _("Briefing material")
    OTHER = "other", _("Other")


class LibraryEntry(models.Model):
    """One published case record: its anonymised text and the facets it is filtered by."""

    # A public identifier unrelated to the process (never its slug).
    public_id = models.SlugField(max_length=20, unique=True)
    title = models.CharField(_("title"), max_length=200)
    model = models.CharField(
        _("model"),
        max_length=32,
        choices=choices(MODEL_LABELS),
        default=ProcessModel.CITIZENS_ASSEMBLY,
    )
    country = models.CharField(_("country"), max_length=100, blank=True)
    region = models.CharField(_("region"), max_length=100, blank=True)
    # The town or city, only when the author chose to publish the exact location.
    place = models.CharField(_("town or city"), max_length=100, blank=True)
    year = models.PositiveIntegerField(_("year it started"), null=True, blank=True)
    # The anonymised record, section by section, in the shape of the public case
    # databases (docs/learning.md): {"summary": "...", "reflections": [...], ...}.
    sections = models.JSONField(default=dict)
    # Figures (size, days, counts by category); counts under the threshold are stored
    # already suppressed, as text ("fewer than 5").
    figures = models.JSONField(default=dict)
    # Codebook keys of the pressures met (e.g. "steer.report_content"), for filtering.
    pressures = models.JSONField(default=list)
    outcome = models.CharField(_("outcome"), max_length=32, choices=Outcome.choices)
    licence = models.CharField(_("licence"), max_length=20, choices=Licence.choices)
    # Lower-case text of title and sections, for the library's search.
    search_text = models.TextField(blank=True, editable=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    author_label = models.CharField(_("published by"), max_length=150)
    published_at = models.DateTimeField()
    # Set only when the author chose to name the process the record is about.
    process = models.ForeignKey(
        "processes.Process", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_reason = models.TextField(blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-published_at"]
        verbose_name_plural = "library entries"

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Save, keeping the search text in step with the title and sections."""
        self.search_text = self.indexed_text()
        if "update_fields" in kwargs and kwargs["update_fields"] is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)

    def indexed_text(self) -> str:
        """The lower-case text the library's search looks in: title and every section."""
        sections = self.sections if isinstance(self.sections, dict) else {}
        parts = [self.title, *(str(text) for text in sections.values())]
        return "\n".join(parts).lower()

    @property
    def is_withdrawn(self) -> bool:
        """Whether the entry has been withdrawn from the library."""
        return self.withdrawn_at is not None

    def ordered_sections(self) -> list[tuple[str, str]]:
        """The non-empty sections as (key, text), in the agreed order."""
        sections = self.sections if isinstance(self.sections, dict) else {}
        return [(key, str(sections[key])) for key in SECTION_KEYS if sections.get(key)]

    @property
    def licence_deed(self) -> str:
        """The address of the licence's deed."""
        return LICENCE_DEEDS.get(self.licence, "")


class LibraryMaterial(models.Model):
    """A file shared with a library entry under the licence its author picked."""

    entry = models.ForeignKey(LibraryEntry, on_delete=models.CASCADE, related_name="materials")
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=32, choices=MaterialKind.choices)
    licence = models.CharField(_("licence"), max_length=20, choices=Licence.choices)
    filename = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    content = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    added_at = models.DateTimeField()

    class Meta:
        ordering = ["entry", "title"]

    def __str__(self) -> str:
        return self.title

    @property
    def licence_deed(self) -> str:
        """The address of the licence's deed."""
        return LICENCE_DEEDS.get(self.licence, "")
