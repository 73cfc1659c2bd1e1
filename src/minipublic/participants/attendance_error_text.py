"""Translated wording for the attendance part's LifecycleError codes."""

from __future__ import annotations

from django.utils.functional import Promise

TEXTS: dict[str, Promise] = {}
