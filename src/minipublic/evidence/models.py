"""The evidence the members hear: the register of witnesses, the participants' requests
for witnesses with their votes, and the briefing materials with versions and reviews.

Change these rows only through the ``do_*`` actions (``witness_actions``,
``request_actions``, ``material_actions``): each checks access and writes the ledger.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from minipublic.integrity.models import Declaration, Document
from minipublic.processes.models import Process

NAME_MAX = 200
TEXT_MAX = 5000


class ProposerKind(models.TextChoices):
    """Who proposed a witness (the register's balance counts these)."""

    COMMISSIONER = "commissioner", _("Commissioner")
    TEAM = "team", _("Practitioner team")
    STAKEHOLDER = "stakeholder", _("Stakeholder")
    PARTICIPANTS = "participants", _("Participants")
    OVERSIGHT = "oversight", _("Oversight group")
    EXPERT = "expert", _("Expert")


class WitnessStatus(models.TextChoices):
    """Where a proposed witness stands."""

    PROPOSED = "proposed", _("Under consideration")
    INVITED = "invited", _("Invited")
    APPEARED = "appeared", _("Appeared")
    WITHDREW = "withdrew", _("Withdrew")
    DECLINED = "declined", _("Declined the invitation")
    NOT_CHOSEN = "not_chosen", _("Not chosen")


class RequestStatus(models.TextChoices):
    """Where a participants' request for a witness stands."""

    PROPOSED = "proposed", _("Awaiting a vote")
    VOTING = "voting", _("Vote open")
    SUPPORTED = "supported", _("Supported by the participants")
    NOT_SUPPORTED = "not_supported", _("Not supported")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class RequestKind(models.TextChoices):
    """What the participants ask for: a named person, or a perspective not yet heard."""

    PERSON = "person", _("A named person")
    PERSPECTIVE = "perspective", _("A perspective")


class WitnessRequest(models.Model):
    """A participant's request for a witness, put to the participants' vote.

    The requester stays private (only they and nobody else see that it is theirs). A
    supported request must be answered in public by the team: a witness invited from it
    (``answer_witness``), or the reasons why not.
    """

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="witness_requests")
    number = models.PositiveIntegerField()
    kind = models.CharField(_("what you ask for"), max_length=16, choices=RequestKind.choices)
    person = models.CharField(_("who"), max_length=NAME_MAX, blank=True)
    perspective = models.CharField(_("perspective or expertise"), max_length=NAME_MAX)
    reason = models.TextField(_("why the members should hear it"))
    status = models.CharField(
        max_length=16, choices=RequestStatus.choices, default=RequestStatus.PROPOSED.value
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    requested_at = models.DateTimeField()
    vote_opened_at = models.DateTimeField(null=True, blank=True)
    vote_closes_at = models.DateTimeField(null=True, blank=True)
    vote_closed_at = models.DateTimeField(null=True, blank=True)
    # The count, fixed when the vote closes (individual votes are never kept after it).
    votes_support = models.PositiveIntegerField(default=0)
    votes_oppose = models.PositiveIntegerField(default=0)
    eligible = models.PositiveIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answer_reasons = models.TextField(_("the team's answer"), blank=True)
    answer_witness = models.ForeignKey(
        "Witness", on_delete=models.SET_NULL, null=True, blank=True, related_name="answers"
    )

    class Meta:
        ordering = ["process", "number"]
        verbose_name = _("participants' request for a witness")
        verbose_name_plural = _("participants' requests for witnesses")
        constraints = [
            models.UniqueConstraint(fields=["process", "number"], name="one_witness_request_number")
        ]

    def __str__(self) -> str:
        return f"{self.process_id} witness request #{self.number}"

    @property
    def is_supported(self) -> bool:
        """Whether the participants' vote supported it."""
        return self.status == RequestStatus.SUPPORTED

    @property
    def awaits_answer(self) -> bool:
        """A supported request the team has not answered yet."""
        return self.is_supported and self.answered_at is None


class WitnessVote(models.Model):
    """One participant's vote on one request; changeable until the vote closes, deleted
    once counted."""

    request = models.ForeignKey(WitnessRequest, on_delete=models.CASCADE, related_name="votes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    supports = models.BooleanField()
    cast_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["request", "user"], name="one_witness_vote_each")
        ]

    def __str__(self) -> str:
        return f"{self.request} {self.user_id}"


class Witness(models.Model):
    """A proposed witness: who they are, what they would bring, who proposed them and
    what was decided."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="witnesses")
    number = models.PositiveIntegerField()
    name = models.CharField(_("name"), max_length=NAME_MAX)
    # A private individual (e.g. someone with lived experience) may be named in the
    # register only by role; the team records why.
    name_withheld = models.BooleanField(_("name not published"), default=False)
    role_organisation = models.CharField(_("role and organisation"), max_length=NAME_MAX)
    expertise = models.TextField(_("expertise"))
    perspectives = models.JSONField(_("perspectives"), default=list)
    proposer_kind = models.CharField(_("proposed by"), max_length=16, choices=ProposerKind.choices)
    # The organisation that proposed a stakeholder's witness (public); blank otherwise.
    proposer_name = models.CharField(_("proposing organisation"), max_length=NAME_MAX, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    proposed_at = models.DateTimeField()
    request = models.ForeignKey(
        WitnessRequest,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
    )
    status = models.CharField(
        max_length=16, choices=WitnessStatus.choices, default=WitnessStatus.PROPOSED.value
    )
    declaration = models.ForeignKey(
        Declaration, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["process", "number"]
        verbose_name = _("witness")
        verbose_name_plural = _("witnesses")
        constraints = [
            models.UniqueConstraint(fields=["process", "number"], name="one_witness_number")
        ]

    def __str__(self) -> str:
        return f"{self.process_id} witness #{self.number}"

    @property
    def current_declaration(self) -> Declaration | None:
        """The linked declaration of interest, or the correction that replaced it."""
        declaration = self.declaration
        while declaration is not None:
            newer = Declaration.objects.filter(supersedes=declaration).first()
            if newer is None:
                break
            declaration = newer
        return declaration

    @property
    def was_invited(self) -> bool:
        """Invited (and not since declined or withdrawn)."""
        return self.status in (WitnessStatus.INVITED, WitnessStatus.APPEARED)


class WitnessDecision(models.Model):
    """One decision on a proposed witness, with its reasons; the latest sets the status."""

    witness = models.ForeignKey(Witness, on_delete=models.CASCADE, related_name="decisions")
    status = models.CharField(max_length=16, choices=WitnessStatus.choices)
    reasons = models.TextField(_("reasons"))
    decided_at = models.DateTimeField()
    decided_by_role = models.CharField(max_length=32)

    class Meta:
        ordering = ["witness", "decided_at", "pk"]

    def __str__(self) -> str:
        return f"{self.witness} {self.status}"


class Gender(models.TextChoices):
    WOMAN = "woman", _("Woman")
    MAN = "man", _("Man")
    ANOTHER = "another", _("Non-binary or another gender")


class AgeBand(models.TextChoices):
    UNDER_30 = "under_30", _("Under 30")
    FROM_30 = "30_44", _("30 to 44")
    FROM_45 = "45_59", _("45 to 59")
    FROM_60 = "60_plus", _("60 or over")


class YesNo(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")


class WitnessProfile(models.Model):
    """Demographic information a witness chose to give; each answer may be left out.

    Only the team reads it. It is published only in aggregate, only for witnesses who
    consented, and only once enough of them did (``balance.MIN_AGGREGATE``).
    """

    witness = models.OneToOneField(Witness, on_delete=models.CASCADE, related_name="profile")
    gender = models.CharField(_("gender"), max_length=16, choices=Gender.choices, blank=True)
    age_band = models.CharField(_("age"), max_length=16, choices=AgeBand.choices, blank=True)
    minority_ethnic = models.CharField(
        _("from an ethnic minority"), max_length=3, choices=YesNo.choices, blank=True
    )
    disabled = models.CharField(
        _("disabled or long-term condition"), max_length=3, choices=YesNo.choices, blank=True
    )
    consent_to_publish = models.BooleanField(_("agrees to publication in aggregate"))
    recorded_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"profile of {self.witness}"


class AuthorKind(models.TextChoices):
    """Who wrote a briefing material (a commissioner's material is always labelled)."""

    COMMISSIONER = "commissioner", _("Commissioner")
    TEAM = "team", _("Practitioner team")
    EXPERT = "expert", _("Expert or witness")
    STAKEHOLDER = "stakeholder", _("Stakeholder organisation")
    OTHER = "other", _("Other")


class CommissionedBy(models.TextChoices):
    """Who asked for a material to be written."""

    TEAM = "team", _("The practitioner team")
    COMMISSIONER = "commissioner", _("The commissioner")
    PARTICIPANTS = "participants", _("The participants")
    OVERSIGHT = "oversight", _("The oversight group")
    NOBODY = "nobody", _("Nobody: submitted unasked")


class Material(models.Model):
    """A briefing material: its authorship and commission; its text is in its versions."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="materials")
    number = models.PositiveIntegerField()
    title = models.CharField(_("title"), max_length=NAME_MAX)
    summary = models.TextField(_("what it covers"), blank=True)
    author = models.CharField(_("author"), max_length=NAME_MAX)
    author_kind = models.CharField(_("kind of author"), max_length=16, choices=AuthorKind.choices)
    commissioned_by = models.CharField(
        _("commissioned by"), max_length=16, choices=CommissionedBy.choices
    )
    commission_note = models.CharField(_("about the commission"), max_length=NAME_MAX, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["process", "number"]
        verbose_name = _("briefing material")
        verbose_name_plural = _("briefing materials")
        constraints = [
            models.UniqueConstraint(fields=["process", "number"], name="one_material_number")
        ]

    def __str__(self) -> str:
        return f"{self.process_id} material #{self.number}"

    @property
    def by_commissioner(self) -> bool:
        """Whether the commissioner wrote it (labelled wherever it is shown)."""
        return self.author_kind == AuthorKind.COMMISSIONER


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    SUPERSEDED = "superseded", _("Revised before publication")


class MaterialVersion(models.Model):
    """One version of a material's file: a draft until published (then a document of
    the process, its hash in the ledger), or superseded by a newer draft."""

    material = models.ForeignKey(Material, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    status = models.CharField(
        max_length=16, choices=VersionStatus.choices, default=VersionStatus.DRAFT.value
    )
    filename = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    content = models.BinaryField()
    change_note = models.TextField(_("what changed and why"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    submitted_by_role = models.CharField(max_length=32)
    submitted_at = models.DateTimeField()
    published_at = models.DateTimeField(null=True, blank=True)
    document = models.OneToOneField(
        Document, on_delete=models.RESTRICT, null=True, blank=True, related_name="material_version"
    )

    class Meta:
        ordering = ["material", "number"]
        constraints = [
            models.UniqueConstraint(fields=["material", "number"], name="one_material_version")
        ]

    def __str__(self) -> str:
        return f"{self.material} v{self.number}"


class CommentSource(models.TextChoices):
    OVERSIGHT = "oversight", _("Oversight group")
    STAKEHOLDER = "stakeholder", _("Stakeholder reference group")


class ResponseOutcome(models.TextChoices):
    CHANGED = "changed", _("Changed as asked")
    PARTLY = "partly", _("Partly changed")
    NOT_CHANGED = "not_changed", _("Not changed")


class ReviewComment(models.Model):
    """A review comment on one version of a material, and the team's response.

    Comments are public once the version they are on, or a later one, is published.
    """

    version = models.ForeignKey(MaterialVersion, on_delete=models.CASCADE, related_name="comments")
    number = models.PositiveIntegerField()
    source = models.CharField(_("from"), max_length=16, choices=CommentSource.choices)
    group = models.CharField(_("group or organisation"), max_length=NAME_MAX)
    text = models.TextField(_("comment"))
    commented_at = models.DateTimeField()
    commented_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    response = models.TextField(_("the team's response"), blank=True)
    outcome = models.CharField(max_length=16, choices=ResponseOutcome.choices, blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["version", "number"]

    def __str__(self) -> str:
        return f"{self.version} comment {self.number}"
