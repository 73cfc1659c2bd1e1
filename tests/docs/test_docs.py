"""The documentation covers every setting and command, and its links resolve."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.support import base_env, run_cli

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
SETTINGS = ROOT / "src" / "minipublic" / "config" / "settings.py"


def settings_variables() -> set[str]:
    """Every environment variable the settings module reads."""
    source = SETTINGS.read_text()
    names = set(re.findall(r'env\.\w+\(\s*"([A-Z][A-Z0-9_]*)"', source))
    names |= {f"{name}_FILE" for name in re.findall(r'env\.secret\(\s*"([A-Z0-9_]+)"', source)}
    return names


def test_settings_reader_finds_variables() -> None:
    assert {
        "DEBUG",
        "SECRET_KEY",
        "SECRET_KEY_FILE",
        "DATABASE_URL",
        "ALLOWED_HOSTS",
    } <= settings_variables()


def test_every_setting_is_documented() -> None:
    text = (DOCS / "configuration.md").read_text()
    missing = sorted(name for name in settings_variables() if f"`{name}`" not in text)
    assert not missing, f"document these in docs/configuration.md: {missing}"


def test_every_command_is_documented(tmp_path: Path) -> None:
    help_text = run_cli("--help", env=base_env(tmp_path)).stdout
    commands = re.findall(r"│ ([\w-]+)\s{2,}", help_text)
    assert {"serve", "demo", "migrate", "manage"} <= set(commands)
    text = (DOCS / "cli.md").read_text()
    missing = [command for command in commands if f"minipublic {command}" not in text]
    assert not missing, f"document these in docs/cli.md: {missing}"


@pytest.mark.parametrize("option", ["--host", "--port", "--workers", "--reload"])
def test_serve_options_are_documented(option: str) -> None:
    assert option in (DOCS / "cli.md").read_text()


def test_links_between_docs_resolve() -> None:
    broken = []
    for page in [ROOT / "README.md", *DOCS.glob("*.md")]:
        for target in re.findall(r"\]\(([^)#:]+\.md)(?:#[^)]*)?\)", page.read_text()):
            if not (page.parent / target).exists():
                broken.append(f"{page.name} -> {target}")
    assert not broken, broken
