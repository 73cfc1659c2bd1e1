"""``make bench``: run every benchmark instance through the real command line.

For each instance: ``minipublic select … --seed bench`` (timed, with peak memory), then
``minipublic certify`` on its output. Prints one table row per instance.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from instances import BenchInstance, instances

MINIPUBLIC = str(Path(sys.executable).parent / "minipublic")


def run_timed(command: list[str]) -> tuple[int, float, float, str]:
    """Exit code, wall seconds, peak memory (MB) and stderr of a command."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # noqa: S603
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    stderr = process.stderr.read().decode() if process.stderr else ""
    return os.waitstatus_to_exitcode(status), seconds, usage.ru_maxrss / 1024, stderr


def bench_one(instance: BenchInstance, out: Path, algorithm: str) -> dict[str, object]:
    """Select and certify one instance; returns its table row."""
    directory = out / instance.name
    code, seconds, memory, stderr = run_timed(
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
    row: dict[str, object] = {
        "instance": instance.name,
        "exit": code,
        "seconds": seconds,
        "memory_mb": memory,
    }
    if code != 0:
        row["error"] = stderr.strip().splitlines()[-1] if stderr.strip() else "failed"
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
        published=instance.published_minimum,
    )
    return row


def main() -> int:
    """Run the benchmark and print the table (and write bench.json)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("var/bench"))
    parser.add_argument("--algorithm", default="leximin")
    parser.add_argument("--only", nargs="*", help="instance names to run")
    args = parser.parse_args()
    rows = []
    header = (
        f"{'instance':16} {'n':>5} {'k':>4} {'feat':>4} {'time s':>8} {'engine s':>8} "
        f"{'mem MB':>7} {'min prob':>9} {'cert':>5} {'gini':>6} {'round':>7}  path"
    )
    print(header)
    print("-" * len(header))
    for instance in instances():
        if args.only and instance.name not in args.only:
            continue
        row = bench_one(instance, args.out, args.algorithm)
        rows.append(row)
        if row["exit"] != 0:
            print(f"{instance.name:16} FAILED (exit {row['exit']}): {row.get('error')}")
            continue
        print(
            f"{instance.name:16} {row['n']:>5} {row['k']:>4} {row['features']:>4} "
            f"{row['seconds']:>8.1f} {row['engine_seconds']:>8.1f} {row['memory_mb']:>7.0f} "
            f"{row['min_probability']:>9.4%} {'yes' if row['certified'] else 'NO':>5} "
            f"{row['gini']:>6.3f} {row['rounding']:>7.4f}  {row['path']}",
            flush=True,
        )
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "bench.json").write_text(json.dumps(rows, indent=1))
    return 0 if all(row["exit"] == 0 and row.get("certified") for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
