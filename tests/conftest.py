"""Fixtures shared by all tests."""

from __future__ import annotations

import pytest

from minipublic.lifecycle import Visibility
from tests.cast import Cast, make_cast


@pytest.fixture
def cast(db: None) -> Cast:
    """The riverside process (private, design phase) and one person per role."""
    return make_cast()


@pytest.fixture
def public_cast(db: None) -> Cast:
    """The riverside process, published."""
    return make_cast(Visibility.PUBLIC)
