"""Errors of the life cycle, each with a machine-readable code and parameters."""

from __future__ import annotations

from minipublic.coded_error import CodedError


class LifecycleError(CodedError):
    """A rule of the life cycle was broken; ``code`` names the rule, ``params`` the details."""
