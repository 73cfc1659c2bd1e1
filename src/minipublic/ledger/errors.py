"""Errors of the ledger, each with a machine-readable code and parameters.

The web layer translates them by code; the API returns code and parameters as they are.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class LedgerError(Exception):
    """A ledger rule was broken; ``code`` names the rule, ``params`` the details."""

    def __init__(self, code: str, message: str, **params: Any) -> None:
        self.code = code
        self.message = message
        self.params: Mapping[str, Any] = params
        super().__init__(message.format(**params))

    def __reduce__(self) -> tuple[Any, ...]:
        # Keep code and parameters when the error crosses a process boundary (pickling).
        return (_rebuild, (self.code, self.message, dict(self.params)))


def _rebuild(code: str, message: str, params: dict[str, Any]) -> LedgerError:
    return LedgerError(code, message, **params)
