"""The life cycle of a mini-public as plain data: phases, roles, models and the access policy.

This package is part of the framework-free core: it imports no Django (an import-linter
contract in CI enforces it), so the rules can be read, tested and reused on their own.
"""

from minipublic.lifecycle.errors import LifecycleError
from minipublic.lifecycle.phases import (
    PHASE_ORDER,
    Phase,
    check_phase_change,
    check_visibility_change,
    next_phase,
)
from minipublic.lifecycle.policy import POLICY, Action, Rule, Scope, is_allowed
from minipublic.lifecycle.roles import ProcessModel, Role, Visibility

__all__ = [
    "PHASE_ORDER",
    "POLICY",
    "Action",
    "LifecycleError",
    "Phase",
    "ProcessModel",
    "Role",
    "Rule",
    "Scope",
    "Visibility",
    "check_phase_change",
    "check_visibility_change",
    "is_allowed",
    "next_phase",
]
