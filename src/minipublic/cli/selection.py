"""``minipublic select``, ``replace``, ``certify``, ``verify``: the selection engine on the
command line.

These commands never load Django: the engine is a framework-free package.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from minipublic.cli.django_setup import err, fail, out
from minipublic.cli.progress_bar import ProgressBar

if TYPE_CHECKING:
    from minipublic.sortition.model import Instance
    from minipublic.sortition.select import Selection


class AlgorithmChoice(StrEnum):
    """Algorithms offered on the command line."""

    leximin = "leximin"
    maximin = "maximin"
    nash = "nash"
    legacy = "legacy"


# The options select and replace share (typer reads them from the annotations).
PeopleArgument = Annotated[Path, typer.Argument(help="The pool: CSV or XLSX, one row per person.")]
QuotasArgument = Annotated[
    Path, typer.Argument(help="The quotas: CSV or XLSX (feature,value,min,max …).")
]
OutOption = Annotated[Path, typer.Option("--out", help="Directory for the results.")]
IdColumnOption = Annotated[
    str | None,
    typer.Option(help="Column with each person's id (default: 'id', else row numbers)."),
]
AddressColumnsOption = Annotated[
    str, typer.Option(help="Comma-separated address columns: at most one person per household.")
]
AlgorithmOption = Annotated[AlgorithmChoice, typer.Option(help="Selection algorithm.")]
LotterySizeOption = Annotated[
    int, typer.Option(min=1, max=1_000_000, help="Number of panels in the public lottery.")
]
CommitOnlyOption = Annotated[
    bool, typer.Option("--commit-only", help="Compute and commit to the lottery; draw later.")
]
DrawOption = Annotated[
    str | None,
    typer.Option("--draw", help="Draw from the committed lottery with this public randomness."),
]
SeedOption = Annotated[
    str | None,
    typer.Option("--seed", help="Commit and draw at once with this text (tests, dry runs)."),
]


DRY_RUN_NOTE = (
    "Dry run: the randomness (--seed) was given together with the inputs, so this draw "
    "does not prove that nobody chose the panel. For a real draw, commit first and draw "
    "with randomness that becomes public afterwards."
)


def select(
    people: PeopleArgument,
    quotas: QuotasArgument,
    size: Annotated[int, typer.Option("--size", help="Panel size k.")],
    out_dir: OutOption,
    id_column: IdColumnOption = None,
    address_columns: AddressColumnsOption = "",
    algorithm: AlgorithmOption = AlgorithmChoice.leximin,
    lottery_size: LotterySizeOption = 1000,
    commit_only: CommitOnlyOption = False,
    draw: DrawOption = None,
    seed: SeedOption = None,
    compare_legacy: Annotated[
        int,
        typer.Option(
            min=0,
            help="Also estimate the legacy method's chances from this many greedy panels, "
            "for the report's comparison chart (0: skip).",
        ),
    ] = 300,
) -> None:
    """Select a panel: compute the fair lottery, commit to it, and draw from public randomness."""
    from minipublic.sortition.errors import SortitionError

    _check_modes(commit_only, draw, seed)
    try:
        _select(
            people,
            quotas,
            size,
            out_dir,
            id_column,
            address_columns,
            algorithm,
            lottery_size,
            draw,
            seed,
            compare_legacy,
        )
    except SortitionError as error:
        raise fail(str(error), code=error.exit_code) from None


def _check_modes(commit_only: bool, draw: str | None, seed: str | None) -> None:
    if sum([commit_only, draw is not None, seed is not None]) > 1:
        raise fail("use only one of --commit-only, --draw and --seed.")


def _select(
    people: Path,
    quotas: Path,
    size: int,
    out_dir: Path,
    id_column: str | None,
    address_columns: str,
    algorithm: AlgorithmChoice,
    lottery_size: int,
    draw: str | None,
    seed: str | None,
    compare_legacy: int,
) -> None:
    from minipublic.sortition.algorithms import Algorithm
    from minipublic.sortition.inputs import load_instance
    from minipublic.sortition.outputs import draw_panel, write_commitment
    from minipublic.sortition.report import add_draw
    from minipublic.sortition.select import run_selection

    columns = [c.strip() for c in address_columns.split(",") if c.strip()]
    instance = load_instance(people, quotas, size, id_column=id_column, address_columns=columns)
    for warning in instance.warnings:
        err.print(f"[yellow]Warning:[/] {warning}", highlight=False)
    if draw is not None:
        result = draw_panel(instance, out_dir, draw, mode="draw")
        add_draw(out_dir, instance, result, "")
        out.print(
            f"Drew panel {result['panel_number']} ({result['method']}) into {out_dir / 'panel.csv'}"
        )
        return
    with ProgressBar(err) as progress:
        selection = run_selection(
            instance,
            algorithm=Algorithm(algorithm.value),
            lottery_size=lottery_size,
            legacy_runs=compare_legacy,
            progress=progress,
        )
    context = _context(people, quotas, instance, columns)
    commitment = write_commitment(selection, out_dir, context)
    _summary(selection, commitment)
    _self_check(out_dir)
    if seed is not None:
        result = draw_panel(instance, out_dir, seed, mode="seed", note=DRY_RUN_NOTE)
        add_draw(out_dir, instance, result, DRY_RUN_NOTE)
        out.print(f"Dry run: drew panel {result['panel_number']} into {out_dir / 'panel.csv'}")
    else:
        out.print(
            "Committed. Publish commitment.json now; once the public randomness is known, run "
            "the same command with --draw TEXT instead of --commit-only."
        )


def replace(
    people: PeopleArgument,
    quotas: QuotasArgument,
    size: Annotated[int, typer.Option("--size", help="Panel size k of the original selection.")],
    panel: Annotated[
        Path,
        typer.Option("--panel", help="The drawn panel (its panel.csv): the people file's ids."),
    ],
    dropouts: Annotated[
        str,
        typer.Option(
            "--dropouts",
            help="Ids of the members who dropped out: comma-separated, or a file with one id "
            "per line.",
        ),
    ],
    out_dir: OutOption,
    id_column: IdColumnOption = None,
    address_columns: AddressColumnsOption = "",
    algorithm: AlgorithmOption = AlgorithmChoice.leximin,
    lottery_size: LotterySizeOption = 1000,
    commit_only: CommitOnlyOption = False,
    draw: DrawOption = None,
    seed: SeedOption = None,
) -> None:
    """Replace panel members who dropped out, so that the whole panel still meets the quotas."""
    from minipublic.sortition.errors import SortitionError

    _check_modes(commit_only, draw, seed)
    try:
        _replace(
            (people, quotas, panel),
            size,
            dropouts,
            out_dir,
            id_column,
            address_columns,
            algorithm,
            lottery_size,
            draw,
            seed,
        )
    except SortitionError as error:
        raise fail(str(error), code=error.exit_code) from None


def _replace(
    files: tuple[Path, Path, Path],
    size: int,
    dropouts: str,
    out_dir: Path,
    id_column: str | None,
    address_columns: str,
    algorithm: AlgorithmChoice,
    lottery_size: int,
    draw: str | None,
    seed: str | None,
) -> None:
    from minipublic.sortition.algorithms import Algorithm
    from minipublic.sortition.replace import (
        FULL_PANEL,
        check_output_directory,
        describe,
        draw_replacements,
        load_replacement,
        run_replacement,
        write_replacement_commitment,
    )

    people, quotas, panel = files
    columns = [c.strip() for c in address_columns.split(",") if c.strip()]
    original, instance = load_replacement(
        people, quotas, size, panel, dropouts, id_column=id_column, address_columns=columns
    )
    for warning in instance.warnings:
        err.print(f"[yellow]Warning:[/] {warning}", highlight=False)
    out.print(describe(instance), markup=False, highlight=False)
    check_output_directory(out_dir, panel)
    drawn = f"{out_dir / 'panel.csv'}; the whole panel is in {out_dir / FULL_PANEL}"
    if draw is not None:
        result = draw_replacements(original, instance, out_dir, draw, mode="draw")
        out.print(
            f"Drew replacements: panel {result['panel_number']} ({result['method']}) into {drawn}"
        )
        return
    with ProgressBar(err) as progress:
        selection = run_replacement(
            instance,
            algorithm=Algorithm(algorithm.value),
            lottery_size=lottery_size,
            progress=progress,
        )
    context = _context(people, quotas, instance, columns, panel=panel.name)
    commitment = write_replacement_commitment(selection, out_dir, context)
    _summary(selection, commitment)
    _self_check(out_dir)
    if seed is not None:
        result = draw_replacements(
            original, instance, out_dir, seed, mode="seed", note=DRY_RUN_NOTE
        )
        out.print(f"Dry run: drew replacements (panel {result['panel_number']}) into {drawn}")
    else:
        out.print(
            "Committed. Publish commitment.json now; once the public randomness is known, run "
            "the same command with --draw TEXT instead of --commit-only."
        )


def _context(
    people: Path, quotas: Path, instance: Instance, columns: list[str], **more: str
) -> dict[str, Any]:
    """What the report says about the run besides the selection: when, and which files."""
    return {
        "created": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "inputs": {
            "people": people.name,
            "quotas": quotas.name,
            **more,
            "quota_layout": _layout(quotas),
            "id_column": instance.pool.id_column,
            "address_columns": columns,
        },
    }


def _layout(quotas: Path) -> str:
    from minipublic.sortition.inputs import find_layout
    from minipublic.sortition.tables import read_table

    return find_layout(read_table(quotas)).describe()


def _self_check(out_dir: Path) -> None:
    """Check the certificate just written with the independent checker; record the result."""
    from minipublic.sortition.certify import certify_directory
    from minipublic.sortition.report import add_certification

    result = certify_directory(out_dir)
    add_certification(out_dir, [level.ok for level in result.levels], list(result.problems))
    if not result.ok:
        # Nobody may draw from a lottery whose fairness proof does not check out.
        (out_dir / "commitment.json").unlink(missing_ok=True)
        problems = [p for level in result.levels for p in level.problems] + list(result.problems)
        raise fail(
            "the independent check of the certificate failed, so commitment.json was "
            "withdrawn (this is a bug; please report it with the input files): "
            f"{'; '.join(problems[:3])}",
            code=1,
        )
    out.print(
        f"Certificate checked independently: {len(result.levels)} level(s) proved "
        f"(minipublic certify {out_dir})."
    )


def _summary(selection: Selection, commitment: str) -> None:
    p = selection.probabilities
    out.print(
        f"{selection.algorithm.value}: n={selection.instance.n}, k={selection.instance.k}, "
        f"smallest chance {p.min():.2%}, largest {p.max():.2%}, "
        f"{selection.runtime_seconds:.1f} s; lottery of {selection.lottery.size} panels "
        f"(largest rounding change {selection.lottery.max_change:.4%})."
    )
    out.print(f"Commitment: {commitment}")


def certify(
    directory: Annotated[Path, typer.Argument(help="A directory written by minipublic select.")],
) -> None:
    """Check the fairness certificate with an independent integer programme per level."""
    from minipublic.sortition.certify import certify_directory

    try:
        result = certify_directory(directory)
    except (OSError, KeyError, ValueError, json.JSONDecodeError) as error:
        raise fail(f"cannot read the selection in {directory}: {error}") from None
    table = Table(title="Certificate levels", title_justify="left")
    for column in ("level", "value", "heaviest valid panel", "result"):
        table.add_column(column)
    for level in result.levels:
        verdict = "[green]proved[/]" if level.ok else "[red]" + "; ".join(level.problems) + "[/]"
        table.add_row(
            str(level.level), f"{level.value:.6%}", f"{level.heaviest_panel:.6%}", verdict
        )
    out.print(table)
    for problem in result.problems:
        err.print(f"[red]Problem:[/] {problem}", highlight=False)
    if not result.ok:
        raise typer.Exit(1)
    kind = "every LEXIMIN level" if result.complete else "the bound on the smallest chance"
    out.print(f"[green]Certified:[/] {kind} checks out.")
    if not result.complete and result.levels:
        out.print(
            f"This selection's smallest chance is {result.smallest:.6%}; no lottery of valid "
            f"panels can give everyone more than {result.levels[0].value:.6%}."
        )


def verify(
    directory: Annotated[Path, typer.Argument(help="A directory written by minipublic select.")],
) -> None:
    """Re-derive the commitment, the lottery and the draw from the published files."""
    from minipublic.sortition.verify import verify_directory

    try:
        checks = verify_directory(directory)
    except (OSError, KeyError, ValueError, json.JSONDecodeError) as error:
        raise fail(f"cannot read the selection in {directory}: {error}") from None
    for check in checks:
        mark = "[yellow]skipped[/]" if check.skipped else "[green]ok[/]"
        mark = mark if check.ok else "[red]FAILED[/]"
        out.print(f"{mark}  {check.name}: {check.detail}", highlight=False)
    if not all(check.ok for check in checks):
        raise typer.Exit(1)
    skipped = [check.name for check in checks if check.skipped]
    if skipped:
        out.print(
            "[yellow]Partly verified:[/] the files match the commitment and the randomness "
            f"selects the same panel; not checked without inputs.json: {', '.join(skipped)}."
        )
        return
    out.print("[green]Verified:[/] the published files re-derive the same panel.")
