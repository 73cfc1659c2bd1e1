"""Models of the message part of participant support."""

from __future__ import annotations

__all__: list[str] = []
