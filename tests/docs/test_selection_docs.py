"""docs/selection.md's commands work on the shipped demo files, and the options are documented.

The commands run through the real command line (``python -m minipublic``) in a
temporary directory, with copies of the demo assembly's people.csv and quotas.csv.
"""

from __future__ import annotations

import hashlib
import json
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from importlib import resources
from pathlib import Path

import pytest

from minipublic.sortition.commitment import panel_number
from tests.support import base_env

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
SELECTION_MD = DOCS / "selection.md"
#: The demo files as the installed package sees them.
DEMO = Path(str(resources.files("minipublic.demo") / "selection"))
#: How the docs refer to the demo files in a source checkout.
DEMO_IN_CHECKOUT = "src/minipublic/demo/selection/"
DEMO_FILES = ("people.csv", "quotas.csv")


def _text() -> str:
    return SELECTION_MD.read_text()


def _sh_blocks(text: str) -> list[str]:
    return re.findall(r"```sh\n(.*?)```", text, re.S)


def _section(text: str, heading: str) -> str:
    """The text from ``heading`` to the next heading of level 2."""
    start = text.index(f"\n{heading}\n")
    end = text.find("\n## ", start + len(heading) + 2)
    return text[start : end if end != -1 else None]


def _commands(block: str) -> list[list[str]]:
    """The minipublic commands of a shell block (comments and blank lines skipped)."""
    commands = []
    for line in block.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        words = shlex.split(line)
        assert words[0] == "minipublic", line
        commands.append(words[1:])
    return commands


def _run(args: list[str], cwd: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = base_env(tmp_path / "var", COLUMNS="400")  # wide: rich must not wrap lines
    return subprocess.run(
        [sys.executable, "-m", "minipublic", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    """A directory holding copies of the demo's people.csv and quotas.csv."""
    work = tmp_path / "work"
    work.mkdir()
    for name in DEMO_FILES:
        shutil.copy(DEMO / name, work / name)
    return work


def test_the_demo_files_ship_in_the_package() -> None:
    for name in DEMO_FILES:
        assert (DEMO / name).is_file(), name
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    patterns = config["tool"]["setuptools"]["package-data"]["minipublic.demo"]
    for name in DEMO_FILES:
        assert any(Path("selection", name).match(pattern) for pattern in patterns), name


def test_the_demo_files_are_what_the_script_writes(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "make-demo-pool"), "--out-dir", str(tmp_path)],
        check=True,
        timeout=60,
    )
    for name in DEMO_FILES:
        assert (tmp_path / name).read_bytes() == (DEMO / name).read_bytes(), (
            f"{name} differs from what scripts/make-demo-pool writes; run the script again"
        )


def _opening_commands() -> list[list[str]]:
    commands = _commands(_sh_blocks(_text())[0])
    assert [command[0] for command in commands] == ["select", "select", "certify", "verify"]
    assert "--commit-only" in commands[0]
    return commands


def _shown_output(section: str) -> list[str]:
    """The lines of a section's text blocks (the output the docs show)."""
    blocks = re.findall(r"```text\n(.*?)```", section, re.S)
    assert blocks
    return [line.strip() for block in blocks for line in block.splitlines()]


def _chances(line: str) -> str:
    """A summary line up to the largest chance: the run time that follows it varies."""
    chances = re.match(r".*largest [0-9.]+%", line)
    assert chances, line
    return chances.group(0)


def test_the_opening_commands_run_on_the_demo_files(workdir: Path, tmp_path: Path) -> None:
    commands = _opening_commands()
    for command in commands:
        result = _run(command, workdir, tmp_path)
        assert result.returncode == 0, (command, result.stdout, result.stderr)
    randomness = commands[1][commands[1].index("--draw") + 1]
    draw = json.loads((workdir / "selection" / "draw.json").read_text())
    assert draw["randomness"] == randomness
    assert draw["method"] == "digits"
    assert draw["panel_number"] == int(randomness)
    assert f"Drew panel {int(randomness)} (digits)" in _text()
    report = json.loads((workdir / "selection" / "report.json").read_text())
    assert report["certification"]["ok"] is True
    assert all(level["certified"] is True for level in report["levels"])
    assert report["inputs"]["quota_layout"] == "feature,value,min,max"
    assert report["legacy_estimate"]["runs"] == 300  # the default --compare-legacy

    # One commitment, one draw: the same randomness again is accepted, other randomness not.
    again = _run(commands[1], workdir, tmp_path)
    assert again.returncode == 0, again.stderr
    other = [*commands[1][: commands[1].index("--draw") + 1], str(int(randomness) + 1)]
    refused = _run(other, workdir, tmp_path)
    assert refused.returncode == 2, (refused.stdout, refused.stderr)
    section = _section(_text(), "## The public draw, step by step")
    [error] = [line for line in _shown_output(section) if line.startswith("Error:")]
    assert error in refused.stderr, refused.stderr
    assert json.loads((workdir / "selection" / "draw.json").read_text()) == draw


def test_the_demo_example_runs_and_prints_what_the_docs_show(tmp_path: Path) -> None:
    section = _section(_text(), "## Try it on the demo")
    block = _sh_blocks(section)[0].replace(DEMO_IN_CHECKOUT, f"{DEMO}/")
    commands = _commands(block)
    assert [command[0] for command in commands] == ["select", "certify", "verify"]
    outputs = []
    for command in commands:
        result = _run(command, tmp_path, tmp_path)
        assert result.returncode == 0, (command, result.stdout, result.stderr)
        outputs.append(result.stdout + result.stderr)
    shown = _shown_output(section)
    for line in shown:
        if line.startswith(("Warning:", "Certificate checked independently:")):
            assert line in outputs[0], line
        if line.startswith("leximin:"):
            # The chances are LEXIMIN's whatever path the solver takes; the run time varies.
            assert _chances(line) in outputs[0], _chances(line)
    assert "Certified: every LEXIMIN level checks out." in outputs[1]
    assert "Verified:" in outputs[2]
    # The commitment and the dry run's panel are those of the versions the docs name.
    [commitment] = [line.split()[1] for line in shown if line.startswith("Commitment:")]
    [dry_run] = [line for line in shown if line.startswith("Dry run:")]
    number = re.search(r"drew panel (\d+)", dry_run)
    assert number, dry_run
    assert panel_number("demo", commitment, 1000) == (int(number.group(1)), "sha256")
    named = re.search(
        r"output above is from (minipublic \S+ with HiGHS \(highspy [^)]+\))",
        " ".join(section.split()),
    )
    assert named, "say which versions of minipublic and HiGHS the output shown is from"
    parameters = json.loads((tmp_path / "riverford" / "commitment.json").read_text())["parameters"]
    if named.group(1) == f"minipublic {parameters['engine_version']} with {parameters['solver']}":
        assert f"Commitment: {commitment}" in outputs[0], "paste the demo's real output"
        assert dry_run in outputs[0], "paste the demo's real output"


def test_the_documented_infeasible_example_exits_3(workdir: Path, tmp_path: Path) -> None:
    section = _section(_text(), "## Quotas that no panel can meet (exit status 3)")
    shown = re.search(r"```text\n\$ minipublic (.*?)\n(.*?)```", section, re.S)
    assert shown
    result = _run(shlex.split(shown.group(1)), workdir, tmp_path)
    assert result.returncode == 3, (result.stdout, result.stderr)
    assert not (workdir / "too-big").exists()
    lines = shown.group(2).splitlines()
    relaxation = lines.index("The smallest change that makes a panel possible:")
    for line in lines[:relaxation]:  # the conflicts found by counting
        assert line in result.stderr, line
    assert "The smallest change that makes a panel possible:" in result.stderr


def test_the_replacement_example_runs_on_the_opening_panel(workdir: Path, tmp_path: Path) -> None:
    for command in _opening_commands()[:2]:  # commit, then draw the panel to replace from
        result = _run(command, workdir, tmp_path)
        assert result.returncode == 0, (command, result.stdout, result.stderr)
    section = _section(_text(), "## Replacements")
    commands = _commands(_sh_blocks(section)[0])
    assert [command[0] for command in commands] == ["replace", "replace", "certify", "verify"]
    outputs = []
    for command in commands:
        result = _run(command, workdir, tmp_path)
        assert result.returncode == 0, (command, result.stdout, result.stderr)
        outputs.append(result.stdout + result.stderr)
    randomness = commands[1][commands[1].index("--draw") + 1]
    assert f"Drew replacements: panel {int(randomness)} (digits)" in outputs[1]
    assert "Verified:" in outputs[3]
    for line in _shown_output(section):
        if line.startswith(("Keeping ", "Certificate checked independently:")):
            assert line in outputs[0], line
        if line.startswith("leximin:"):
            assert _chances(line) in outputs[0], _chances(line)


def test_the_documented_panel_number_rule_matches_the_engine() -> None:
    text = _text()
    example = re.search(r"printf '(.*?)' (\w{64}) '([^']*)' \| sha256sum", text)
    digest = re.search(r"int\('([0-9a-f]{64})', 16\) % (\d+)", text)
    result = re.search(r"which gives panel (\d+)", text)
    assert example
    assert digest
    assert result
    template, commitment, randomness = example.groups()
    message = template.replace("\\n", "\n").replace("%s", commitment, 1).replace("%s", randomness)
    assert hashlib.sha256(message.encode()).hexdigest() == digest.group(1)
    size = int(digest.group(2))
    assert int(digest.group(1), 16) % size == int(result.group(1))
    assert panel_number(randomness, commitment, size) == (int(result.group(1)), "sha256")
    # The example uses the demo's commitment, as the text says.
    demo = _shown_output(_section(text, "## Try it on the demo"))
    assert f"Commitment: {commitment}" in demo
    assert panel_number(" 381 ", commitment, 1000) == (381, "digits")
    assert panel_number("007", commitment, 1000) == (7, "digits")


@pytest.mark.parametrize("command", ["select", "replace", "certify", "verify"])
def test_every_option_is_documented_in_cli_md(command: str, tmp_path: Path) -> None:
    result = _run([command, "--help"], tmp_path, tmp_path)
    assert result.returncode == 0, result.stderr
    options = set(re.findall(r"(?<![\w-])(--[a-z][a-z-]*)", result.stdout))
    assert "--help" in options
    text = (DOCS / "cli.md").read_text()
    section = _section(text, f"## `minipublic {command}`")
    missing = sorted(option for option in options if f"`{option}" not in section)
    assert not missing, f"document these options of minipublic {command} in docs/cli.md: {missing}"
