"""Errors of the selection engine, each with a stable code and parameters.

``InputError`` (exit status 2) names the file, row and column at fault;
``InfeasibleQuotasError`` (exit status 3) names the conflicting quotas and the smallest
relaxation that would make a panel possible.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class SortitionError(Exception):
    """Base class: ``code`` names the problem, ``params`` its details."""

    exit_code = 1

    def __init__(self, code: str, message: str, **params: Any) -> None:
        self.code = code
        self.params: Mapping[str, Any] = params
        super().__init__(message)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (type(self), self.code, str(self), dict(self.params)))


def _rebuild(
    cls: type[SortitionError], code: str, message: str, params: dict[str, Any]
) -> SortitionError:
    return cls(code, message, **params)


class InputError(SortitionError):
    """A file cannot be used as it is; the message says where and what to do."""

    exit_code = 2


class InfeasibleQuotasError(SortitionError):
    """No panel can meet the quotas; ``params`` holds conflicts and a relaxation."""

    exit_code = 3


class SolverError(SortitionError):
    """The LP/MIP solver failed in a way that is not the input's fault."""

    exit_code = 1
