"""Models of the library part of practitioner learning."""

from __future__ import annotations

__all__: list[str] = []
