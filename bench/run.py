"""``make bench``: run every benchmark instance through the real command line.

For each instance: ``minipublic select … --seed bench`` (timed, with peak memory), then
``minipublic certify`` on its output. The table is printed to stdout in Markdown as each row
is done (progress goes to stderr), and written to OUT/bench.json and OUT/bench.md.

With ``--compare PYTHON`` (``make bench-compare``) each instance is also given to
sortition-algorithms' LEXIMIN, run by bench/reference_leximin.py under PYTHON, the
interpreter of the separate comparison virtualenv: extra columns give its time, peak memory,
lowest selection probability and the time ratios (its LEXIMIN seconds / our LEXIMIN
seconds, and / our whole command's seconds), or why it failed. Each reference run is killed
after BENCH_COMPARE_TIMEOUT seconds (default 600); BENCH_COMPARE_SEED (default 1) fixes the
library's random choices, which change its running time a lot from run to run.

The instances are read from BENCH_DIR (default: ../shared/sortition-bench beside the repo).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from instances import BENCH_DIR, BenchInstance, instances

MINIPUBLIC = str(Path(sys.executable).parent / "minipublic")
REFERENCE = Path(__file__).resolve().parent / "reference_leximin.py"
DEFAULT_TIMEOUT = 600.0

Row = dict[str, Any]


@dataclass(frozen=True)
class Finished:
    """How a timed command ended."""

    code: int | None  # None: killed at the timeout
    seconds: float
    memory_mb: float
    stderr: str

    def last_error_line(self) -> str:
        """The last line the command wrote to stderr, for the table."""
        lines = [line for line in self.stderr.strip().splitlines() if line.strip()]
        return lines[-1].strip() if lines else "failed"


def wait_for(
    pid: int, started: float, timeout: float | None
) -> tuple[int | None, float, resource.struct_rusage]:
    """Wait for a child: exit code (None: killed at the timeout), seconds and resource usage."""
    pause = 0.001
    while True:
        done, status, usage = os.wait4(pid, 0 if timeout is None else os.WNOHANG)
        seconds = time.perf_counter() - started
        if done:
            return os.waitstatus_to_exitcode(status), seconds, usage
        if timeout is not None and seconds > timeout:
            os.killpg(pid, signal.SIGKILL)
            _, _, usage = os.wait4(pid, 0)
            return None, seconds, usage
        time.sleep(pause)
        pause = min(pause * 2, 0.05)


def run_timed(command: list[str], timeout: float | None = None) -> Finished:
    """Run a command: exit code, wall seconds, peak memory (MB, from wait4) and stderr."""
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        process = subprocess.Popen(  # noqa: S603 (our own commands)
            command, stdout=subprocess.DEVNULL, stderr=errors, start_new_session=True
        )
        try:
            code, seconds, usage = wait_for(process.pid, started, timeout)
        except BaseException:  # Ctrl-C: the child is in a session of its own, so end it too
            os.killpg(process.pid, signal.SIGKILL)
            raise
        process.returncode = code if code is not None else -signal.SIGKILL
        errors.seek(0)
        stderr = errors.read().decode(errors="replace")
    return Finished(code, seconds, usage.ru_maxrss / 1024, stderr)


def bench_one(instance: BenchInstance, out: Path, algorithm: str) -> Row:
    """Select and certify one instance with our engine; returns its row."""
    directory = out / instance.name
    finished = run_timed(
        [
            MINIPUBLIC,
            "select",
            *instance.select_arguments(),
            "--out",
            str(directory),
            "--algorithm",
            algorithm,
            "--seed",
            "bench",
        ]
    )
    row: Row = {
        "instance": instance.name,
        "k": instance.k,
        "exit": finished.code,
        "seconds": finished.seconds,
        "memory_mb": finished.memory_mb,
        "published": instance.published_minimum,
    }
    if finished.code != 0:
        row["error"] = finished.last_error_line()
        return row
    report = json.loads((directory / "report.json").read_text())
    certify = subprocess.run(  # noqa: S603 (our own command)
        [MINIPUBLIC, "certify", str(directory)], capture_output=True, check=False
    )
    row.update(
        n=report["n"],
        k=report["k"],
        features=len({q["feature"] for q in report["quotas"]}),
        engine_seconds=report["runtime_seconds"],
        min_probability=report["min_probability"],
        certified=certify.returncode == 0,
        gini=report["gini"],
        rounding=report["lottery"]["max_rounding_change"],
        path=report.get("solution_path"),
    )
    return row


def reference_one(instance: BenchInstance, out: Path, python: str, timeout: float) -> Row:
    """Run sortition-algorithms' LEXIMIN on one instance in the comparison venv."""
    result_file = out / "reference" / f"{instance.name}.json"
    result_file.unlink(missing_ok=True)
    command = [python, str(REFERENCE), str(instance.people), str(instance.quotas)]
    command += ["--size", str(instance.k), "--result", str(result_file)]
    command += ["--seed", os.environ.get("BENCH_COMPARE_SEED", "1")]
    if instance.id_column:
        command += ["--id-column", instance.id_column]
    if instance.address_columns:
        command += ["--address-columns", ",".join(instance.address_columns)]
    finished = run_timed(command, timeout)
    (out / "reference" / f"{instance.name}.log").write_text(finished.stderr)
    reference: Row = {"wall_seconds": finished.seconds, "memory_mb": finished.memory_mb}
    if finished.code is None:
        reference.update(status="timeout", error=f"timed out after {timeout:.0f} s")
    elif result_file.exists():
        reference.update(json.loads(result_file.read_text()))
    else:
        reference.update(status="error", error=finished.last_error_line())
    return reference


def cell(text: object) -> str:
    """A Markdown table cell."""
    return str(text).replace("|", "\\|").replace("\n", " ")


def percent(value: object) -> str:
    """A probability as a percentage, or blank."""
    return f"{value:.2%}" if isinstance(value, float) else ""


HEADER = [
    "instance",
    "n",
    "k",
    "features",
    "time s",
    "engine s",
    "mem MB",
    "min prob",
    "certified",
    "Gini",
    "rounding",
    "path",
    "published min",
]
COMPARE_HEADER = [
    "ref LEXIMIN s",
    "ref mem MB",
    "ref min prob",
    "ratio ref/our LEXIMIN",
    "ratio ref/our command",
]


def our_cells(row: Row) -> list[str]:
    """Our columns of a row."""
    published = percent(row.get("published"))
    if row["exit"] != 0:
        failed = f"FAILED (exit {row['exit']}): {row.get('error')}"
        cells = [str(row["instance"]), "", str(row["k"]), "", f"{row['seconds']:.1f}", failed]
        return cells + [""] * (len(HEADER) - len(cells) - 1) + [published]
    return [
        str(row["instance"]),
        str(row["n"]),
        str(row["k"]),
        str(row["features"]),
        f"{row['seconds']:.1f}",
        f"{row['engine_seconds']:.1f}",
        f"{row['memory_mb']:.0f}",
        percent(row["min_probability"]),
        "yes" if row["certified"] else "NO",
        f"{row['gini']:.3f}",
        f"{row['rounding']:.4f}",
        str(row["path"]),
        published,
    ]


def reference_cells(row: Row) -> list[str]:
    """The comparison columns of a row: the reference's time, memory, minimum and the ratio."""
    reference = row["reference"]
    memory = f"{reference['memory_mb']:.0f}"
    ours = row["seconds"] if row["exit"] == 0 else None
    engine = max(float(row.get("engine_seconds") or 0.0), 0.01) if ours else None
    if reference.get("status") == "ok":
        seconds = float(reference["seconds"])
        ratios = [f"{seconds / mine:.1f}x" if mine else "" for mine in (engine, ours)]
        return [f"{seconds:.1f}", memory, percent(reference["min_probability"]), *ratios]
    wall = float(reference["wall_seconds"])
    failed = f"failed after {wall:.0f} s: {reference.get('error')}"
    if reference.get("status") == "timeout":
        ratios = [f"> {wall / mine:.0f}x" if mine else "" for mine in (engine, ours)]
        return [f"> {wall:.0f} (timeout)", memory, "", *ratios]
    return [failed, memory, "", "", ""]


def markdown_row(cells: list[str]) -> str:
    """One line of a Markdown table."""
    return "| " + " | ".join(cell(text) for text in cells) + " |"


def table_header(compare: bool) -> list[str]:
    """The Markdown header lines."""
    header = HEADER + (COMPARE_HEADER if compare else [])
    return [markdown_row(header), "|" + "|".join("---" for _ in header) + "|"]


def table_line(row: Row, compare: bool) -> str:
    """One instance's Markdown line."""
    return markdown_row(our_cells(row) + (reference_cells(row) if compare else []))


def selected(names: list[str] | None) -> list[BenchInstance]:
    """The instances to run: all, or those named (comma or space separated)."""
    every = instances()
    if not names:
        return every
    wanted = [name for text in names for name in text.replace(",", " ").split()]
    unknown = sorted(set(wanted) - {instance.name for instance in every})
    if unknown:
        known = ", ".join(instance.name for instance in every)
        raise SystemExit(f"bench: unknown instance(s) {', '.join(unknown)}; known: {known}")
    return [instance for instance in every if instance.name in wanted]


def parse_arguments() -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("var/bench"))
    parser.add_argument("--algorithm", default="leximin")
    parser.add_argument("--only", nargs="*", help="instance names (comma or space separated)")
    parser.add_argument(
        "--compare",
        metavar="PYTHON",
        help="also run sortition-algorithms' LEXIMIN with this interpreter (its own venv)",
    )
    return parser.parse_args()


def main() -> int:
    """Run the benchmark, print the Markdown table and write bench.json and bench.md."""
    args = parse_arguments()
    if not (BENCH_DIR / "README.md").is_file():
        raise SystemExit(f"bench: no benchmark instances in {BENCH_DIR} (set BENCH_DIR)")
    chosen = selected(args.only)
    timeout = float(os.environ.get("BENCH_COMPARE_TIMEOUT", DEFAULT_TIMEOUT))
    compare = bool(args.compare)
    (args.out / "reference").mkdir(parents=True, exist_ok=True)
    lines = table_header(compare)
    print("\n".join(lines), flush=True)
    rows = []
    for instance in chosen:
        print(f"bench: {instance.name}: minipublic select …", file=sys.stderr, flush=True)
        load = os.getloadavg()[0]  # other work on the machine skews every time below
        row = bench_one(instance, args.out, args.algorithm)
        row["load_average"] = load
        if compare:
            print(f"bench: {instance.name}: sortition-algorithms LEXIMIN …", file=sys.stderr)
            row["reference"] = reference_one(instance, args.out, args.compare, timeout)
        rows.append(row)
        lines.append(table_line(row, compare))
        print(lines[-1], flush=True)
    loads = ", ".join(f"{row['instance']} {row['load_average']:.1f}" for row in rows)
    footer = ["", f"{os.cpu_count()} cores; 1-minute load average before each instance: {loads}."]
    if compare:
        footer += [
            "ratios: sortition-algorithms' LEXIMIN call / our LEXIMIN (engine s), and / our "
            "whole `minipublic select` (start-up, reading, LEXIMIN, rounding, writing, the "
            "self-check and the legacy comparison for the report)."
        ]
    print("\n".join(footer))
    lines += footer
    (args.out / "bench.json").write_text(json.dumps(rows, indent=1))
    (args.out / "bench.md").write_text("\n".join(lines) + "\n")
    return 0 if all(row["exit"] == 0 and row.get("certified") for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
