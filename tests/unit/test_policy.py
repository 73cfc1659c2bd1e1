"""The core policy on its own, without Django."""

from __future__ import annotations

import pytest

from minipublic.lifecycle import POLICY, Action, Phase, Role, Scope, is_allowed


def test_every_action_has_a_rule() -> None:
    assert set(POLICY) == set(Action)


def test_process_actions_need_a_phase() -> None:
    with pytest.raises(ValueError, match="phase"):
        is_allowed(Action.CHANGE_PHASE, signed_in=True, roles=[Role.LEAD_PRACTITIONER])


def test_site_actions_ignore_process_roles() -> None:
    assert POLICY[Action.CREATE_PROCESS].scope is Scope.SITE
    assert not is_allowed(
        Action.CREATE_PROCESS, signed_in=True, roles=[Role.LEAD_PRACTITIONER], phase=Phase.DESIGN
    )
    assert is_allowed(Action.CREATE_PROCESS, signed_in=True, is_staff=True)
    assert not is_allowed(Action.CREATE_PROCESS, signed_in=False, is_staff=True)


def test_no_role_may_delete_a_process() -> None:
    for phase in Phase:
        assert not is_allowed(Action.DELETE_PROCESS, signed_in=True, roles=list(Role), phase=phase)
