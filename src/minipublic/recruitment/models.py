"""Recruitment: the address list, the invitation lottery, the questions and the registrants.

Everything here about a person is personal data: only the roles allowed
``view_registrants`` read it, and the retention rule erases it for people who were not
selected (``recruitment.retention``), keeping the pseudonymous row the draw needs.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from minipublic.processes.models import Process


class AddressList(models.Model):
    """An uploaded list of addresses to draw invitations from (e.g. the postal file)."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="address_lists")
    name = models.CharField(_("name"), max_length=200)
    filename = models.CharField(_("file name"), max_length=200)
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(_("uploaded at"))
    # The column that names each address's area, for stratified invitation draws.
    area_column = models.CharField(_("area column"), max_length=100, blank=True)

    class Meta:
        ordering = ["process", "pk"]
        verbose_name = _("address list")
        verbose_name_plural = _("address lists")

    def __str__(self) -> str:
        return f"{self.process_id} {self.name}"


class Address(models.Model):
    """One address of a list, as uploaded (``row`` is its line in the file)."""

    address_list = models.ForeignKey(
        AddressList, on_delete=models.CASCADE, related_name="addresses"
    )
    row = models.PositiveIntegerField()
    lines = models.TextField(_("address"))
    postcode = models.CharField(_("postcode"), max_length=20, blank=True)
    area = models.CharField(_("area"), max_length=100, blank=True)

    class Meta:
        ordering = ["address_list", "row"]
        verbose_name = _("address")
        verbose_name_plural = _("addresses")

    def __str__(self) -> str:
        return f"{self.address_list_id}:{self.row}"


class InvitationDraw(models.Model):
    """A seeded lottery of addresses to invite, recorded like any selection.

    ``letters_per_area`` is the number of letters each area received (stratified draw),
    or empty for a uniform draw; ``seed`` and ``result_sha256`` let anyone re-run it.
    """

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="invitation_draws")
    address_list = models.ForeignKey(AddressList, on_delete=models.RESTRICT, related_name="draws")
    size = models.PositiveIntegerField(_("number of invitations"))
    letters_per_area = models.JSONField(_("letters per area"), default=dict, blank=True)
    seed = models.CharField(_("seed"), max_length=200)
    result_sha256 = models.CharField(max_length=64)
    drawn_at = models.DateTimeField(_("drawn at"))
    drawn_by_role = models.CharField(_("drawn by (role)"), max_length=32)
    # The invitation text printed on the letters (blank: the default text); kept so the
    # letters can be printed again exactly and the record shows what people were told.
    letter_text = models.TextField(_("invitation text"), blank=True)

    class Meta:
        ordering = ["process", "pk"]
        verbose_name = _("invitation draw")
        verbose_name_plural = _("invitation draws")

    def __str__(self) -> str:
        return f"{self.process_id} draw {self.pk} ({self.size})"


class Invitation(models.Model):
    """One invited address with its registration code (unique across the site)."""

    draw = models.ForeignKey(InvitationDraw, on_delete=models.CASCADE, related_name="invitations")
    address = models.ForeignKey(Address, on_delete=models.RESTRICT, related_name="invitations")
    code = models.CharField(_("registration code"), max_length=16, unique=True)

    class Meta:
        ordering = ["draw", "pk"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return self.code


class RegistrationSettings(models.Model):
    """How a process's public registration page works."""

    process = models.OneToOneField(
        Process, on_delete=models.CASCADE, related_name="registration_settings"
    )
    open = models.BooleanField(_("registration is open"), default=False)
    code_required = models.BooleanField(_("a registration code is required"), default=True)
    privacy_notice = models.TextField(_("privacy notice"), blank=True)
    # Bumped whenever the notice changes; each registrant records the version agreed to.
    privacy_version = models.PositiveIntegerField(default=1)
    closes_on = models.DateField(_("registration closes on"), null=True, blank=True)
    # Days after the panel's public draw at which the personal data of people who were
    # not selected is erased (``minipublic erase-personal-data``, run nightly).
    retention_days = models.PositiveIntegerField(
        _("keep unselected registrants' personal data for (days after the draw)"), default=90
    )

    class Meta:
        verbose_name = _("registration settings")
        verbose_name_plural = _("registration settings")

    def __str__(self) -> str:
        return f"{self.process_id} registration"


class Feature(models.Model):
    """A selection feature (e.g. age band) and the question that asks for it."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="features")
    name = models.SlugField(_("name"), max_length=50)
    question = models.CharField(_("question"), max_length=300)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["process", "order", "pk"]
        verbose_name = _("feature")
        verbose_name_plural = _("features")
        constraints = [
            models.UniqueConstraint(fields=["process", "name"], name="one_feature_per_name")
        ]

    def __str__(self) -> str:
        return f"{self.process_id} {self.name}"


class FeatureValue(models.Model):
    """One answer to a feature's question, with its share of the population (census)."""

    feature = models.ForeignKey(Feature, on_delete=models.CASCADE, related_name="values")
    value = models.SlugField(_("value"), max_length=50)
    label = models.CharField(_("label"), max_length=200)
    # Share of the population, in percent (e.g. from the census); None if not known.
    population_share = models.DecimalField(
        _("population share (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    prefer_not_to_say = models.BooleanField(_("this is 'prefer not to say'"), default=False)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["feature", "order", "pk"]
        verbose_name = _("feature value")
        verbose_name_plural = _("feature values")
        constraints = [
            models.UniqueConstraint(fields=["feature", "value"], name="one_value_per_feature")
        ]

    def __str__(self) -> str:
        return f"{self.feature_id} {self.value}"


class RegistrantStatus(models.TextChoices):
    """Where a registrant stands, from registration to the confirmed panel."""

    REGISTERED = "registered", _("Registered")
    # Drawn for the panel and invited to serve: no answer yet.
    SELECTED = "selected", _("Invited, no answer yet")
    CONFIRMED = "confirmed", _("Confirmed")
    DECLINED = "declined", _("Declined")
    UNREACHABLE = "unreachable", _("Unreachable")
    WITHDRAWN = "withdrawn", _("Dropped out")


class Registrant(models.Model):
    """A person who registered (or was imported) into a process's pool.

    ``pseudonym`` is the only id the selection engine, the commitment and the public
    pages use. ``answers`` maps each feature name to a value name. ``household`` is a
    hash of the normalised address (for same-address detection and households in the
    engine); it is kept after erasure so the draw stays verifiable.
    """

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="registrants")
    pseudonym = models.CharField(_("pseudonym"), max_length=16)
    invitation = models.ForeignKey(
        Invitation, on_delete=models.SET_NULL, null=True, blank=True, related_name="registrants"
    )
    source = models.CharField(_("source"), max_length=16, default="form")  # form | import
    # Personal data (erased for unselected registrants after the retention period).
    first_name = models.CharField(_("first name"), max_length=100, blank=True)
    last_name = models.CharField(_("last name"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    address = models.TextField(_("address"), blank=True)
    postcode = models.CharField(_("postcode"), max_length=20, blank=True)
    access_needs = models.JSONField(_("access needs"), default=list, blank=True)
    access_details = models.TextField(_("access needs, in their words"), blank=True)
    # Not personal data once pseudonymous: kept for verifying the draw.
    answers = models.JSONField(_("answers"), default=dict)
    household = models.CharField(max_length=64, blank=True)
    consent_at = models.DateTimeField(_("consent given at"), null=True, blank=True)
    privacy_version = models.PositiveIntegerField(default=1)
    registered_on = models.DateField(_("registered on"))
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=RegistrantStatus.choices,
        default=RegistrantStatus.REGISTERED,
    )
    duplicate_of = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="duplicates"
    )
    personal_data_erased_on = models.DateField(null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["process", "pk"]
        verbose_name = _("registrant")
        verbose_name_plural = _("registrants")
        constraints = [
            models.UniqueConstraint(
                fields=["process", "pseudonym"], name="one_registrant_per_pseudonym"
            )
        ]

    def __str__(self) -> str:
        return f"{self.process_id} {self.pseudonym}"


class PersonalDataExport(models.Model):
    """A record that someone exported personal data (who, what, when): exports are logged."""

    process = models.ForeignKey(
        Process, on_delete=models.CASCADE, related_name="personal_data_exports"
    )
    exported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    exported_by_role = models.CharField(max_length=32)
    what = models.CharField(max_length=100)
    rows = models.PositiveIntegerField()
    exported_at = models.DateTimeField()

    class Meta:
        ordering = ["process", "pk"]

    def __str__(self) -> str:
        return f"{self.process_id} {self.what} ({self.rows})"
