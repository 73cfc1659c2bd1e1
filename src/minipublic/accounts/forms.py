"""Forms for account pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class ApiTokenForm(forms.Form):
    """Name a new API token so you can recognise it later."""

    name = forms.CharField(
        label=_("Token name"),
        max_length=100,
        help_text=_("Say what will use it, e.g. 'evaluation scripts'."),
    )
