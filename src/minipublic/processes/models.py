"""A mini-public (Process), who takes part in it (Membership) and how its phase moved."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from minipublic.lifecycle import Phase, ProcessModel, Role, Visibility
from minipublic.processes.labels import (
    MODEL_LABELS,
    PHASE_LABELS,
    ROLE_LABELS,
    VISIBILITY_LABELS,
    choices,
)


class Process(models.Model):
    """One mini-public: a citizens' assembly, jury or another model, from design to close."""

    slug = models.SlugField(
        _("short name"),
        max_length=60,
        unique=True,
        help_text=_("Used in web addresses: letters, digits and hyphens, e.g. climate-2026."),
    )
    title = models.CharField(_("title"), max_length=200)
    question = models.TextField(
        _("remit"), help_text=_("The question or task the members are asked to answer.")
    )
    description = models.TextField(_("description"), blank=True)
    commissioning_body = models.CharField(_("commissioning body"), max_length=200)
    model = models.CharField(
        _("model"),
        max_length=32,
        choices=choices(MODEL_LABELS),
        default=ProcessModel.CITIZENS_ASSEMBLY.value,
    )
    phase = models.CharField(
        _("phase"), max_length=32, choices=choices(PHASE_LABELS), default=Phase.DESIGN.value
    )
    visibility = models.CharField(
        _("visibility"),
        max_length=16,
        choices=choices(VISIBILITY_LABELS),
        default=Visibility.PRIVATE.value,
    )
    # The template the process was created from (``minipublic.standards`` id, blank for
    # none) and a copy of its defaults at that moment: a later change to the template
    # never rewrites an existing process.
    template = models.CharField(_("template"), max_length=50, blank=True)
    template_snapshot = models.JSONField(default=dict, blank=True)
    # The design as planned (first from the template, then edited by the lead
    # practitioner); the conformance criteria read these.
    planned_days = models.DecimalField(
        _("days of deliberation"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    planned_hours = models.PositiveIntegerField(_("hours of deliberation"), null=True, blank=True)
    planned_meetings = models.PositiveIntegerField(_("meetings"), null=True, blank=True)
    planned_panel_size = models.PositiveIntegerField(_("panel size"), null=True, blank=True)
    response_days = models.PositiveIntegerField(
        _("days the commissioner has to respond"), null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("process")
        verbose_name_plural = _("processes")

    def __str__(self) -> str:
        return self.title

    @property
    def current_phase(self) -> Phase:
        """The phase as the core's enum."""
        return Phase(self.phase)

    @property
    def is_public(self) -> bool:
        """Whether anyone may read this process."""
        return self.visibility == Visibility.PUBLIC


class Membership(models.Model):
    """One role held by one person in one process (a person may hold several)."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=32, choices=choices(ROLE_LABELS))
    added_at = models.DateTimeField(auto_now_add=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["role", "user__username"]
        constraints = [
            models.UniqueConstraint(
                fields=["process", "user", "role"], name="unique_role_per_person_per_process"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.process}"

    @property
    def role_enum(self) -> Role:
        """The role as the core's enum."""
        return Role(self.role)


class PhaseChange(models.Model):
    """A record of a phase change: who moved the process, from where to where, and why."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="phase_changes")
    from_phase = models.CharField(max_length=32, choices=choices(PHASE_LABELS), blank=True)
    to_phase = models.CharField(max_length=32, choices=choices(PHASE_LABELS))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    actor_label = models.CharField(max_length=150)
    reason = models.TextField(blank=True)
    changed_at = models.DateTimeField()

    class Meta:
        ordering = ["changed_at", "pk"]

    def __str__(self) -> str:
        return f"{self.process}: {self.from_phase or '—'} → {self.to_phase}"


from minipublic.processes.funding_models import (  # noqa: E402 - registered with this app
    FundingSource,
    FundingStatement,
)

__all__ = ["FundingSource", "FundingStatement", "Membership", "PhaseChange", "Process"]
