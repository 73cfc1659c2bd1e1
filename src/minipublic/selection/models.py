"""Selection: quotas, recorded runs of the engine, commitments and public draws.

The ``selection`` app is the only Django app that imports ``minipublic.sortition``.
Every run is kept, whatever became of it, so the public page can say how many runs
were made and why: nobody can re-roll quietly until they like the panel.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from minipublic.processes.models import Process
from minipublic.recruitment.models import FeatureValue


class QuotaSettings(models.Model):
    """The panel size and how far each quota may stray from its population target."""

    process = models.OneToOneField(Process, on_delete=models.CASCADE, related_name="quota_settings")
    panel_size = models.PositiveIntegerField(_("panel size"))
    # Seats either side of the target share (rounded) that a quota allows.
    tolerance = models.PositiveIntegerField(_("tolerance (seats)"), default=1)

    class Meta:
        verbose_name = _("quota settings")
        verbose_name_plural = _("quota settings")

    def __str__(self) -> str:
        return f"{self.process_id} panel of {self.panel_size}"


class Quota(models.Model):
    """The minimum and maximum seats for one feature value (derived, or set by hand)."""

    value = models.OneToOneField(FeatureValue, on_delete=models.CASCADE, related_name="quota")
    min = models.PositiveIntegerField(_("minimum"))
    max = models.PositiveIntegerField(_("maximum"))
    # True when a person set min/max instead of deriving them from the target share.
    overridden = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("quota")
        verbose_name_plural = _("quotas")

    def __str__(self) -> str:
        return f"{self.value_id} {self.min}-{self.max}"


class RunKind(models.TextChoices):
    SELECTION = "selection", _("Selection")
    REPLACEMENT = "replacement", _("Replacement of dropouts")


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("Running")
    DONE = "done", _("Finished")
    FAILED = "failed", _("Failed")
    CANCELLED = "cancelled", _("Cancelled")


class SelectionRun(models.Model):
    """One run of the selection engine, recorded whatever its outcome.

    ``reason`` says publicly why the run was made. The engine writes its files into
    ``output_dir`` (under VAR_DIR) only when it finishes; a failed or cancelled run leaves
    none. ``progress_*`` is updated by the worker so the page can show it after reloads.
    """

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="selection_runs")
    number = models.PositiveIntegerField(_("run number"))
    kind = models.CharField(max_length=16, choices=RunKind.choices, default=RunKind.SELECTION)
    algorithm = models.CharField(_("algorithm"), max_length=16, default="leximin")
    lottery_size = models.PositiveIntegerField(default=1000)
    reason = models.TextField(_("why this run"))
    status = models.CharField(max_length=16, choices=RunStatus.choices, default=RunStatus.QUEUED)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    started_by_role = models.CharField(max_length=32)
    created_at = models.DateTimeField()
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    cancel_requested = models.BooleanField(default=False)
    task_id = models.CharField(max_length=64, blank=True)
    progress_stage = models.CharField(max_length=50, blank=True)
    progress_fraction = models.FloatField(null=True, blank=True)
    progress_message = models.CharField(max_length=300, blank=True)
    # Updated by the worker while it runs; a running run whose heartbeat stops is failed.
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    inputs_sha256 = models.CharField(max_length=64, blank=True)
    # For a replacement: the run whose drawn panel it replaces dropouts of.
    replaces_in = models.ForeignKey(
        "self", on_delete=models.RESTRICT, null=True, blank=True, related_name="replacement_runs"
    )
    output_dir = models.CharField(max_length=500, blank=True)
    summary = models.JSONField(default=dict, blank=True)
    error_code = models.CharField(max_length=64, blank=True)
    error_message = models.TextField(blank=True)
    commitment_sha256 = models.CharField(max_length=64, blank=True)
    committed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["process", "number"]
        verbose_name = _("selection run")
        verbose_name_plural = _("selection runs")
        constraints = [
            models.UniqueConstraint(fields=["process", "number"], name="one_run_per_number")
        ]

    def __str__(self) -> str:
        return f"{self.process_id} run {self.number} ({self.status})"


class Draw(models.Model):
    """The public draw of a committed run: the randomness entered and the panel it chose."""

    # Runs are never deleted, except with their whole process (by the operator).
    run = models.OneToOneField(SelectionRun, on_delete=models.CASCADE, related_name="draw")
    randomness = models.CharField(_("public randomness"), max_length=200)
    panel_number = models.PositiveIntegerField()
    members = models.JSONField(default=list)  # pseudonyms
    announced_for = models.DateTimeField(_("announced time of the draw"), null=True, blank=True)
    drawn_at = models.DateTimeField()
    drawn_by_role = models.CharField(max_length=32)

    class Meta:
        verbose_name = _("draw")
        verbose_name_plural = _("draws")

    def __str__(self) -> str:
        return f"{self.run_id} panel {self.panel_number}"
