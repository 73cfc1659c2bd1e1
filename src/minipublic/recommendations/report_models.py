"""The participants' report: its versions, each member's signature, and the requests
others made to change it.

A version is assembled from the adopted recommendations and the participants' own text;
once enough participants signed it, it is frozen: its PDF and HTML are published as
documents (hashes in the ledger) and it never changes again. A later change is a new
version with a reason, needing the same sign-off.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from minipublic.lifecycle import Role
from minipublic.processes.labels import ROLE_LABELS
from minipublic.processes.models import Process


class ReportVersion(models.Model):
    """One version of the participants' report, numbered from 1 within its process.

    ``content`` is the assembled report as data (sections, recommendations with their
    vote results, minority reports, the participants' own text); the PDF and HTML are
    rendered from it on freezing. ``reason`` says why a version after the first exists.
    """

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="report_versions")
    number = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(_("the participants' introduction"), blank=True)
    closing = models.TextField(_("the participants' closing words"), blank=True)
    reason = models.TextField(_("why this version"), blank=True)
    content = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField()
    #: When the content or the participants' own text last changed (signatures before
    #: it were cleared: a signature is for the text as it was signed).
    updated_at = models.DateTimeField(null=True, blank=True)
    #: How many participants the process had, and how many signatures were needed, at
    #: the moment it was frozen (the threshold is a share of the participants).
    participants_at_freeze = models.PositiveIntegerField(null=True, blank=True)
    needed_at_freeze = models.PositiveIntegerField(null=True, blank=True)
    #: Set once enough participants signed; from then on nothing changes.
    frozen_at = models.DateTimeField(null=True, blank=True)
    # RESTRICT, not PROTECT: a published document is never deleted on its own, but a
    # process deleted as a whole (the demo reloads) takes its versions and documents.
    pdf_sha256 = models.CharField(max_length=64, blank=True)
    html_sha256 = models.CharField(max_length=64, blank=True)
    pdf_document = models.ForeignKey(
        "integrity.Document", on_delete=models.RESTRICT, null=True, blank=True, related_name="+"
    )
    html_document = models.ForeignKey(
        "integrity.Document", on_delete=models.RESTRICT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["process", "number"]
        verbose_name = _("report version")
        verbose_name_plural = _("report versions")
        constraints = [
            models.UniqueConstraint(fields=["process", "number"], name="one_report_version_number")
        ]

    def __str__(self) -> str:
        return f"{self.process_id} report v{self.number}"

    @property
    def frozen(self) -> bool:
        """Whether this version is frozen (signed off and published)."""
        return self.frozen_at is not None


class ReportSignature(models.Model):
    """One participant's signature on one version (withdrawable until it is frozen).

    ``content_sha256`` is the fingerprint of the text signed; editing the version clears
    its signatures. A participant may still add their signature to a frozen version
    (``after_freeze``): it is counted apart and changes nothing in the published files.
    """

    version = models.ForeignKey(ReportVersion, on_delete=models.CASCADE, related_name="signatures")
    signer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    signed_at = models.DateTimeField()
    content_sha256 = models.CharField(max_length=64, blank=True)
    after_freeze = models.BooleanField(default=False)

    class Meta:
        ordering = ["version", "signed_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["version", "signer"], name="one_signature_per_member")
        ]

    def __str__(self) -> str:
        return f"{self.version} signed by {self.signer_id}"


class ChangeRequestStatus(models.TextChoices):
    """What the participants made of a request to change their report."""

    OPEN = "open", _("Awaiting the participants' answer")
    DECLINED = "declined", _("Declined by the participants")
    ACCEPTED = "accepted", _("Taken up by the participants in a new version")


class ReportChangeRequest(models.Model):
    """A request from outside the participants (typically the commissioner) to change the
    report. It changes nothing: it is entered in the integrity register and shown to the
    participants, who alone decide whether to make a new version."""

    process = models.ForeignKey(
        Process, on_delete=models.CASCADE, related_name="report_change_requests"
    )
    version = models.ForeignKey(
        ReportVersion, on_delete=models.CASCADE, related_name="change_requests"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    requested_role = models.CharField(max_length=32)
    what = models.TextField(_("the change asked for"))
    why = models.TextField(_("why"), blank=True)
    made_at = models.DateTimeField()
    incident = models.ForeignKey(
        "integrity.Incident", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    #: Numbered 1, 2, ... within the process (pages never show database ids).
    number = models.PositiveIntegerField(_("number"), default=0)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ChangeRequestStatus.choices,
        default=ChangeRequestStatus.OPEN,
    )
    answer = models.TextField(_("the participants' answer"), blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["process", "made_at", "pk"]
        verbose_name = _("request to change the report")
        verbose_name_plural = _("requests to change the report")

    def __str__(self) -> str:
        return f"{self.process_id} change request {self.pk}"

    @property
    def role_label(self) -> str:
        """The requester's role as people read it (e.g. "Commissioner")."""
        try:
            return str(ROLE_LABELS[Role(self.requested_role)])
        except (KeyError, ValueError):
            return self.requested_role
