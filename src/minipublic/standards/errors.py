"""Errors of the standards catalogue, each with a machine-readable code and parameters."""

from __future__ import annotations

from minipublic.coded_error import CodedError


class StandardsError(CodedError):
    """The catalogue or the templates were asked for something they do not hold."""
