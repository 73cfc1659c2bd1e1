"""The base of the core packages' errors: a machine-readable code and parameters.

The web layer translates an error by its code; the API returns code and parameters as
they are. Framework-free, like the core packages that use it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class CodedError(Exception):
    """A rule was broken; ``code`` names the rule, ``params`` the details.

    ``message`` may name parameters in braces (``"{phase}"``); they are filled in.
    """

    def __init__(self, code: str, message: str, **params: Any) -> None:
        self.code = code
        self.message = message
        self.params: Mapping[str, Any] = params
        super().__init__(message.format(**params))

    def __reduce__(self) -> tuple[Any, ...]:
        # Keep class, code and parameters when the error crosses a process boundary.
        return (_rebuild, (type(self), self.code, self.message, dict(self.params)))


def _rebuild(cls: type[CodedError], code: str, message: str, params: dict[str, Any]) -> CodedError:
    return cls(code, message, **params)
