"""Models of the research part: private research projects, their codebook, sources
(anonymised transcripts and imported reflections) and coded excerpts (docs/learning.md).

A project is seen only by its members. An uploaded transcript keeps its original text only
until its anonymisation has been reviewed; the review replaces it with the anonymised text
and deletes the original, and only then can the source be coded.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from minipublic.learning.redaction import Redactable

__all__ = [
    "CodeOrigin",
    "CodedExcerpt",
    "ProjectCode",
    "ResearchProject",
    "ResearchSource",
    "SourceKind",
]


class ResearchProject(models.Model):
    """A researcher's private project: its codebook, sources and coding."""

    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="owned_research"
    )
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="research_projects")
    # The seed codebook's version the project was started from (minipublic/qda/codebooks).
    codebook_version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ("-created_at", "pk")

    def __str__(self) -> str:
        return self.name


class CodeOrigin(models.TextChoices):
    """Where a code comes from."""

    DEDUCTIVE = "deductive", _("Seed codebook (deductive)")
    INDUCTIVE = "inductive", _("Added in this project (inductive)")


class ProjectCode(models.Model):
    """A code (or a category of codes, not codable itself) of a project's codebook."""

    project = models.ForeignKey(ResearchProject, on_delete=models.CASCADE, related_name="codes")
    key = models.CharField(max_length=100)
    name = models.CharField(_("name"), max_length=120)
    definition = models.TextField(_("definition"), blank=True)
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    is_category = models.BooleanField(default=False)
    origin = models.CharField(max_length=10, choices=CodeOrigin.choices)
    colour = models.CharField(max_length=7, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ("position", "pk")
        constraints = [
            models.UniqueConstraint(fields=["project", "key"], name="research_code_key_unique")
        ]

    def __str__(self) -> str:
        return self.name


class SourceKind(models.TextChoices):
    """What a source is."""

    TRANSCRIPT = "transcript", _("Interview transcript")
    REFLECTION = "reflection", _("Practitioners' reflections (library)")


class ResearchSource(Redactable):
    """A text to code. ``original_text`` holds an upload until its review; ``text`` holds
    the anonymised text from the review on (the original is then deleted)."""

    project = models.ForeignKey(ResearchProject, on_delete=models.CASCADE, related_name="sources")
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(max_length=12, choices=SourceKind.choices)
    original_filename = models.CharField(max_length=200, blank=True)
    detected_encoding = models.CharField(max_length=40, blank=True)
    original_text = models.TextField(blank=True)
    text = models.TextField(blank=True)
    # The names the researcher listed on upload ("Name = [label]" lines), for the review.
    known_names = models.TextField(blank=True)
    # For reflections: the library entry they were imported from.
    library_entry = models.ForeignKey(
        "learning.LibraryEntry", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    added_at = models.DateTimeField()

    class Meta:
        ordering = ("added_at", "pk")

    def __str__(self) -> str:
        return self.name

    @property
    def codable(self) -> bool:
        """Whether the source may be coded: only once its anonymisation was reviewed."""
        return self.reviewed_at is not None


class CodedExcerpt(models.Model):
    """A stretch ``text[start:end]`` of a reviewed source, with its codes."""

    source = models.ForeignKey(ResearchSource, on_delete=models.CASCADE, related_name="excerpts")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    quote = models.TextField()
    codes = models.ManyToManyField(ProjectCode, related_name="excerpts")
    coder = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    memo = models.TextField(_("memo"), blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ("source", "start", "end", "pk")

    def __str__(self) -> str:
        return self.quote[:60]
