"""Errors of the ledger, each with a machine-readable code and parameters."""

from __future__ import annotations

from minipublic.coded_error import CodedError


class LedgerError(CodedError):
    """A ledger rule was broken; ``code`` names the rule, ``params`` the details."""
