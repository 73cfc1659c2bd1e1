"""Models of the case part of practitioner learning."""

from __future__ import annotations

__all__: list[str] = []
