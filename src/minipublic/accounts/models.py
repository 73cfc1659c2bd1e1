"""People who sign in, and the API tokens they hold."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person with an account. Roles are per process (see processes.Membership)."""

    display_name = models.CharField(
        _("display name"),
        max_length=150,
        blank=True,
        help_text=_("How your name is shown to others. Leave blank to use your user name."),
    )
    # Set by the site's operator (`minipublic researchers grant`): may start research
    # projects on the practitioner-learning library (docs/learning.md).
    is_researcher = models.BooleanField(_("researcher"), default=False)

    def __str__(self) -> str:
        return self.display_name or self.get_full_name() or self.username


class ApiToken(models.Model):
    """A secret that lets a program use the JSON API as its owner.

    Only a SHA-256 hash of the secret is stored: the secret is shown once, when created.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=12, unique=True, editable=False)
    secret_hash = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def display_prefix(self) -> str:
        """The visible start of the token, enough to recognise it."""
        return f"mp_{self.prefix}_…"

    @property
    def is_active(self) -> bool:
        """Whether the token can still be used."""
        return self.revoked_at is None
