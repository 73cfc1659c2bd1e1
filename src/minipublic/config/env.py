"""Strict readers for settings that come from the environment.

Every reader raises ImproperlyConfigured with the variable's name and what to do, so a
wrong value stops the process at start-up instead of surfacing later as odd behaviour.
A secret may also be given as ``NAME_FILE``, a path to a file holding it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


class Env:
    """Read typed values from a mapping of environment variables."""

    def __init__(self, environ: Mapping[str, str] | None = None) -> None:
        self.environ = os.environ if environ is None else environ

    def raw(self, name: str) -> str | None:
        """The variable's value with surrounding whitespace removed, or None if unset/empty."""
        value = self.environ.get(name)
        if value is None or not value.strip():
            return None
        return value.strip()

    def text(self, name: str, default: str) -> str:
        """A text value."""
        return self.raw(name) or default

    def boolean(self, name: str, default: bool) -> bool:
        """A yes/no value; only 1/0, true/false, yes/no and on/off are accepted."""
        value = self.raw(name)
        if value is None:
            return default
        if value.lower() in _TRUE:
            return True
        if value.lower() in _FALSE:
            return False
        raise ImproperlyConfigured(
            f"{name}={value!r} is not a yes/no value. Use 1 or 0 (also true/false, yes/no, on/off)."
        )

    def integer(self, name: str, default: int, *, minimum: int = 0, maximum: int = 2**31) -> int:
        """A whole number within [minimum, maximum]."""
        value = self.raw(name)
        if value is None:
            return default
        try:
            number = int(value)
        except ValueError:
            raise ImproperlyConfigured(f"{name}={value!r} is not a whole number.") from None
        if not minimum <= number <= maximum:
            raise ImproperlyConfigured(
                f"{name}={number} is out of range: use a number from {minimum} to {maximum}."
            )
        return number

    def choice(self, name: str, default: str, choices: Iterable[str]) -> str:
        """One of a fixed set of values (compared without regard to case)."""
        value = self.raw(name)
        if value is None:
            return default
        allowed = {choice.upper(): choice for choice in choices}
        if value.upper() not in allowed:
            raise ImproperlyConfigured(
                f"{name}={value!r} is not one of: {', '.join(allowed.values())}."
            )
        return allowed[value.upper()]

    def items(self, name: str, default: list[str]) -> list[str]:
        """A comma-separated list; blank items are dropped."""
        value = self.raw(name)
        if value is None:
            return list(default)
        return [item.strip() for item in value.split(",") if item.strip()]

    def secret(self, name: str) -> str | None:
        """A secret from ``NAME`` or from the file named by ``NAME_FILE`` (not both)."""
        value = self.raw(name)
        path = self.raw(f"{name}_FILE")
        if value and path:
            raise ImproperlyConfigured(f"Set either {name} or {name}_FILE, not both.")
        if path is None:
            return value
        try:
            return Path(path).read_text(encoding="utf-8").strip() or None
        except OSError as error:
            raise ImproperlyConfigured(
                f"{name}_FILE={path!r} cannot be read ({error.strerror})."
            ) from None
