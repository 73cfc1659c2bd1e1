"""Strict environment readers: bad values stop start-up with the variable's name."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from minipublic.config.env import Env


@pytest.mark.parametrize(
    ("raw", "value"), [("1", True), ("yes", True), ("ON", True), ("0", False), ("false", False)]
)
def test_boolean_accepts_the_usual_spellings(raw: str, value: bool) -> None:
    assert Env({"DEBUG": raw}).boolean("DEBUG", not value) is value


@pytest.mark.parametrize("raw", ["maybe", "2", "y e s"])
def test_boolean_refuses_anything_else_naming_the_variable(raw: str) -> None:
    with pytest.raises(ImproperlyConfigured, match="DEBUG"):
        Env({"DEBUG": raw}).boolean("DEBUG", False)


def test_blank_means_unset() -> None:
    assert Env({"DEBUG": "  "}).boolean("DEBUG", True) is True
    assert Env({"PORT": ""}).integer("PORT", 25) == 25


def test_integer_checks_its_range_and_form() -> None:
    env = Env({"EMAIL_PORT": "70000", "N": "ten"})
    with pytest.raises(ImproperlyConfigured, match="EMAIL_PORT=70000 is out of range"):
        env.integer("EMAIL_PORT", 25, minimum=1, maximum=65535)
    with pytest.raises(ImproperlyConfigured, match="N='ten' is not a whole number"):
        env.integer("N", 1)


def test_items_split_on_commas_and_drop_blanks() -> None:
    assert Env({"ALLOWED_HOSTS": " a.org, ,b.org "}).items("ALLOWED_HOSTS", []) == [
        "a.org",
        "b.org",
    ]


def test_choice_is_case_insensitive_and_names_the_options() -> None:
    env = Env({"LOG_LEVEL": "debug", "BAD": "loud"})
    assert env.choice("LOG_LEVEL", "INFO", ("DEBUG", "INFO")) == "DEBUG"
    with pytest.raises(ImproperlyConfigured, match="BAD='loud' is not one of: DEBUG, INFO"):
        env.choice("BAD", "INFO", ("DEBUG", "INFO"))


def test_secret_from_a_file(tmp_path: Path) -> None:
    path = tmp_path / "key"
    path.write_text("s3cret\n")
    assert Env({"SECRET_KEY_FILE": str(path)}).secret("SECRET_KEY") == "s3cret"


def test_secret_refuses_both_forms_and_unreadable_files(tmp_path: Path) -> None:
    with pytest.raises(ImproperlyConfigured, match="either SECRET_KEY or SECRET_KEY_FILE"):
        Env({"SECRET_KEY": "a", "SECRET_KEY_FILE": "b"}).secret("SECRET_KEY")
    with pytest.raises(ImproperlyConfigured, match=r"SECRET_KEY_FILE=.* cannot be read"):
        Env({"SECRET_KEY_FILE": str(tmp_path / "missing")}).secret("SECRET_KEY")
