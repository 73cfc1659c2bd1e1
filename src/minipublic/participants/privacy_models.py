"""Models of the privacy part (contact requests, consent) of participant support."""

from __future__ import annotations

__all__: list[str] = []
