"""One row per ledger entry of a process: the private copy the public chain is built from."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from minipublic.ledger import LEDGER_FORMAT, Entry
from minipublic.processes.labels import PHASE_LABELS, choices
from minipublic.processes.models import Process


class LedgerEntry(models.Model):
    """An entry of a process's hash chain, private values and their salts included.

    Rows are only ever added (``integrity.record.append``); the unique sequence per
    process means two concurrent appends can never fork the chain.
    """

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="ledger_entries")
    sequence = models.PositiveIntegerField()
    time = models.CharField(max_length=20)
    actor_role = models.CharField(max_length=100)
    event = models.CharField(max_length=100)
    payload = models.JSONField(default=dict)
    salts = models.JSONField(default=dict)
    private_fields = models.JSONField(default=list)
    previous = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["process", "sequence"]
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        constraints = [
            models.UniqueConstraint(
                fields=["process", "sequence"], name="one_ledger_entry_per_sequence"
            )
        ]

    def __str__(self) -> str:
        return f"{self.process_id} #{self.sequence} {self.event}"

    def private_record(self) -> dict[str, Any]:
        """The row in ``Entry.private_record()``'s form."""
        return {
            "format": LEDGER_FORMAT,
            "sequence": self.sequence,
            "time": self.time,
            "actor_role": self.actor_role,
            "event": self.event,
            "payload": self.payload,
            "previous": self.previous,
            "hash": self.hash,
            "salts": self.salts,
        }

    def to_entry(self) -> Entry:
        """The ledger entry; LedgerError if the row no longer matches its hash."""
        return Entry.from_private_record(self.private_record())


class PressureSource(models.TextChoices):
    """Who exerted the pressure, as a kind of actor (never a name)."""

    COMMISSIONER = "commissioner", _("Commissioner")
    POLITICIAN = "politician", _("Politician")
    OFFICIAL = "official", _("Official")
    STAKEHOLDER = "stakeholder", _("Stakeholder or interest group")
    MEDIA = "media", _("Media")
    PARTICIPANT = "participant", _("Participant")
    PRACTITIONER = "practitioner", _("Practitioner")
    OTHER = "other", _("Other")


class Target(models.TextChoices):
    """What the attempt tried to steer."""

    EXPERT_SELECTION = "expert_selection", _("Choice of experts or information")
    AGENDA_FRAMING_REMIT = "agenda_framing_remit", _("Agenda, framing or remit")
    TIME = "time", _("Time")
    REPORT_CONTENT = "report_content", _("Content of the final report")
    PARTICIPANT_CONTACT = "participant_contact", _("Direct contact with participants")
    SELECTION = "selection", _("Selection of participants")
    PAYMENT_CONTRACT = "payment_contract", _("Payment or contract")
    CONFIDENTIALITY_NDA = "confidentiality_nda", _("Confidentiality or NDA demand")
    OTHER = "other", _("Other")


class Severity(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


class IncidentStatus(models.TextChoices):
    """reported → under review → addressed / escalated / red line breached."""

    REPORTED = "reported", _("Reported")
    UNDER_REVIEW = "under_review", _("Under review")
    ADDRESSED = "addressed", _("Addressed")
    ESCALATED = "escalated", _("Escalated")
    RED_LINE_BREACHED = "red_line_breached", _("Red line breached")


class RedLineDecision(models.TextChoices):
    """What was decided when a red line was breached."""

    CONTINUE_WITH_CONDITIONS = "continue_with_conditions", _("Continue under conditions")
    PAUSE = "pause", _("Pause the process")
    WITHDRAW = "withdraw", _("Withdraw from the process")


class Incident(models.Model):
    """One entry of the register of attempts to steer a process.

    An anonymous report stores no reporter, no role and only the day it was made: the
    identity is never written anywhere, so nobody (staff and database included) can read
    it. Change it only through ``integrity.actions``.
    """

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="incidents")
    anonymous = models.BooleanField(_("anonymous"), default=False)
    reported_on = models.DateField(_("reported on"))
    # The full time, only for reports made under a name (None when anonymous).
    reported_at = models.DateTimeField(_("reported at"), null=True, blank=True)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reporter_role = models.CharField(_("reporter's role"), max_length=32, blank=True)
    what_happened = models.TextField(_("what happened"))
    pressure_source = models.CharField(
        _("who exerted the pressure"), max_length=32, choices=PressureSource.choices
    )
    target = models.CharField(_("what it tried to steer"), max_length=32, choices=Target.choices)
    phase = models.CharField(_("phase"), max_length=32, choices=choices(PHASE_LABELS))
    severity = models.CharField(_("severity"), max_length=16, choices=Severity.choices)
    status = models.CharField(
        _("status"),
        max_length=32,
        choices=IncidentStatus.choices,
        default=IncidentStatus.REPORTED,
    )
    response = models.TextField(_("response taken"), blank=True)
    red_line_decision = models.CharField(
        _("decision on the red line"),
        max_length=32,
        choices=RedLineDecision.choices,
        blank=True,
    )
    published = models.BooleanField(_("published"), default=False)
    # Which parts oversight chose to publish (names in PUBLISHABLE_PARTS).
    published_parts = models.JSONField(_("published parts"), default=list, blank=True)
    # What oversight writes for the public instead of the report's own words.
    public_summary = models.TextField(_("public summary"), blank=True)
    # The register's number (1, 2, ... per process), given when the incident enters the
    # register; an anonymous report is held until the next day (``held``) and has none.
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)
    held = models.BooleanField(_("held until the next day"), default=False)
    status_changed_on = models.DateField(_("status last changed on"), null=True, blank=True)

    class Meta:
        ordering = ["process", "number"]
        verbose_name = _("incident")
        verbose_name_plural = _("incidents")
        constraints = [
            models.UniqueConstraint(fields=["process", "number"], name="one_incident_per_number")
        ]

    def __str__(self) -> str:
        return f"{self.process_id} incident {self.number} ({self.target}, {self.status})"


#: The parts of an incident oversight may publish, and those published unless it chooses.
PUBLISHABLE_PARTS = (
    "target",
    "pressure_source",
    "phase",
    "status",
    "response",
    "severity",
    "reported_on",
    "public_summary",
    "red_line_decision",
)
DEFAULT_PUBLISHED_PARTS = ("target", "pressure_source", "phase", "status", "response")


class Attachment(models.Model):
    """A file of evidence for an incident; only those who read the register can open it.

    The content is kept in the database beside the incident (size and type limited by
    ``integrity.uploads``) and is only ever served as a download, never inline.
    """

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="attachments")
    filename = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    sha256 = models.CharField(max_length=64)
    content = models.BinaryField()
    added_on = models.DateField(_("added on"))
    # Blank for the files of an anonymous report.
    added_by_role = models.CharField(_("added by (role)"), max_length=32, blank=True)

    class Meta:
        ordering = ["incident", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return f"{self.filename} ({self.size} bytes)"


class InterestKind(models.TextChoices):
    """What kind of interest was declared."""

    NONE = "none", _("Nothing to declare")
    FINANCIAL = "financial", _("Financial interest (shares, property, payments)")
    EMPLOYMENT = "employment", _("Employment or paid work")
    ORGANISATION = "organisation", _("Membership or office in an organisation or campaign")
    POLITICAL = "political", _("Political office, candidacy or party role")
    PERSONAL = "personal", _("Family or personal relationship")
    OTHER = "other", _("Other")


class DeclarationReview(models.TextChoices):
    """What oversight made of a declaration."""

    PENDING = "pending", _("Not yet reviewed")
    NOTED = "noted", _("Noted: no action needed")
    MANAGED = "managed", _("Managed: action taken")


#: Declarations by people in these roles are published; participants' stay private.
PUBLIC_DECLARANT_ROLES = (
    "commissioner",
    "lead_practitioner",
    "facilitator",
    "recruiter",
    "expert",
    "oversight",
)


class Declaration(models.Model):
    """A declaration of interest by someone taking part, or recorded for an expert.

    ``declarant`` is the member who declared (None when staff recorded it for an expert
    or witness without an account, named in ``name``). A correction is a new declaration
    that ``supersedes`` the old one; nothing is edited.
    """

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="declarations")
    declarant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role in the process"), max_length=32)
    kind = models.CharField(_("kind of interest"), max_length=32, choices=InterestKind.choices)
    details = models.TextField(_("details"), blank=True)
    declared_on = models.DateField(_("declared on"))
    supersedes = models.OneToOneField(
        "self", on_delete=models.RESTRICT, null=True, blank=True, related_name="superseded_by"
    )
    review = models.CharField(
        _("review"),
        max_length=16,
        choices=DeclarationReview.choices,
        default=DeclarationReview.PENDING,
    )
    review_note = models.TextField(_("what was done"), blank=True)
    reviewed_on = models.DateField(_("reviewed on"), null=True, blank=True)

    class Meta:
        ordering = ["process", "pk"]
        verbose_name = _("declaration of interest")
        verbose_name_plural = _("declarations of interest")

    def __str__(self) -> str:
        return f"{self.process_id} declaration {self.pk} ({self.role}, {self.kind})"

    @property
    def is_public(self) -> bool:
        """Whether the public integrity page shows it (experts and staff, not participants)."""
        return self.role in PUBLIC_DECLARANT_ROLES


class DocumentKind(models.TextChoices):
    """What a public document is."""

    TERMS = "terms", _("Terms of engagement")
    BRIEFING = "briefing", _("Briefing or evidence material")
    SELECTION = "selection", _("Selection record")
    MINUTES = "minutes", _("Oversight minutes")
    REPORT = "report", _("Participants' report")
    RESPONSE = "response", _("Public response")
    OTHER = "other", _("Other")


class Document(models.Model):
    """A published document of a process, registered in the ledger by its SHA-256.

    Never edited or removed: a correction is a new document that ``replaces`` the old
    one, and both stay in the public record.
    """

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=32, choices=DocumentKind.choices)
    # The document's path inside the open-data bundle, e.g. "documents/0003-terms.pdf".
    path = models.CharField(max_length=255)
    filename = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    sha256 = models.CharField(max_length=64)
    content = models.BinaryField()
    published_at = models.DateTimeField(_("published at"))
    published_by_role = models.CharField(_("published by (role)"), max_length=32)
    replaces = models.ForeignKey(
        "self", on_delete=models.RESTRICT, null=True, blank=True, related_name="replaced_by"
    )

    class Meta:
        ordering = ["process", "pk"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        constraints = [
            models.UniqueConstraint(fields=["process", "path"], name="one_document_per_path")
        ]

    def __str__(self) -> str:
        return f"{self.process_id} {self.path}"
