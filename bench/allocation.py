"""``make bench`` (and ``make bench-allocation``): time the table allocation engine.

Rooms are the first 50, 100 and 160 people of the demo pool (src/minipublic/demo/selection/
people.csv: five features, gender, age, area, tenure and climate concern), at tables of at
most eight, over six sessions; ``room-160-rules`` adds what a real room has: two pins, a
hearing-loop group of three who sit together, two people kept apart and three absences.
Each room is allocated in a child process (``--one NAME``) with seed ``bench``, timed with
its peak memory (from ``wait4``). The Markdown table is printed and written to
OUT/allocation.md, every figure to OUT/allocation.json (OUT: var/bench).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import run_timed

REPO = Path(__file__).resolve().parents[1]
POOL = REPO / "src/minipublic/demo/selection/people.csv"
FEATURES = ("gender", "age", "area", "tenure", "climate_concern")
SESSIONS, SEATS = 6, 8
ROOMS = ("room-50", "room-100", "room-160", "room-160-rules")


def problem(name: str) -> Any:
    """The allocation problem called ``name`` (see the module docstring)."""
    from minipublic.room.allocation import Attendee, Pin, Problem, SessionPlan

    size = int(name.split("-")[1])
    with POOL.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))[:size]
    people = tuple(Attendee(row["id"], {f: row[f] for f in FEATURES}) for row in rows)
    tables = -(-size // SEATS)
    plans = tuple(SessionPlan(str(s + 1), tables=tables) for s in range(SESSIONS))
    room = Problem(people, FEATURES, plans)
    if not name.endswith("rules"):
        return room
    keys = [p.key for p in people]
    plans = tuple(replace(p, absent=tuple(keys[40:43])) if p.key == "4" else p for p in plans)
    return replace(
        room,
        sessions=plans,
        pins=(Pin(keys[0], "1", 1), Pin(keys[1], "3", 2)),
        together=((keys[10], keys[11], keys[12]),),
        apart=((keys[20], keys[21]),),
    )


def allocate_one(name: str, out: Path) -> None:
    """Allocate one room and write its report (in the child process)."""
    from minipublic.room.allocation import allocate

    allocation = allocate(problem(name), seed="bench")
    out.write_text(json.dumps(allocation.report.to_dict()))


def row_of(name: str, report: dict[str, Any], seconds: float, memory: float) -> dict[str, Any]:
    """The figures of one room for the table."""
    sessions = report["sessions"]
    return {
        "room": name,
        "attendees": report["attendees"],
        "tables": report["tables"] // len(sessions),
        "sessions": len(sessions),
        "wall_seconds": round(seconds, 2),
        "engine_seconds": report["seconds"],
        "memory_mb": round(memory, 1),
        "balance": report["score"]["balance"],
        "people_outside": sum(s["people_outside"] for s in sessions),
        "balance_proven_best": report["balance_best_possible"],
        "mixing": report["score"]["mixing"],
        "distinct_pairs": report["mixing"]["distinct_pairs"],
        "upper_bound": report["mixing"]["upper_bound"],
        "repeated_pairs": report["mixing"]["repeated_pairs"],
        "most_meetings": report["mixing"]["most_meetings"],
        "fewest_met": report["mixing"]["fewest_met"],
        "steps": report["steps"],
        "pins_honoured": f"{report['pins_honoured']}/{report['pins']}",
    }


HEADER = [
    "| room | people | tables x sessions | wall s | engine s | peak MB | balance % | outside "
    "| proven best | mixing % | distinct pairs / bound | repeated pairs | most meetings "
    "| fewest met | steps |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|",
]


def line(row: dict[str, Any]) -> str:
    """One Markdown table line."""
    if "error" in row:
        return f"| {row['room']} | failed: {row['error']} |"
    return (
        f"| {row['room']} | {row['attendees']} | {row['tables']} x {row['sessions']} "
        f"| {row['wall_seconds']:.2f} | {row['engine_seconds']:.2f} | {row['memory_mb']:.0f} "
        f"| {row['balance']:.1f} | {row['people_outside']} "
        f"| {'yes' if row['balance_proven_best'] else 'no'} | {row['mixing']:.1f} "
        f"| {row['distinct_pairs']} / {row['upper_bound']} | {row['repeated_pairs']} "
        f"| {row['most_meetings']} | {row['fewest_met']} | {row['steps']} |"
    )


def main() -> int:
    """Allocate every room in a child process; print and write the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--one", choices=ROOMS, help="allocate this room only (the child)")
    parser.add_argument("--report", type=Path, help="where the child writes its report")
    parser.add_argument("--out", type=Path, default=REPO / "var" / "bench")
    args = parser.parse_args()
    if args.one:
        allocate_one(args.one, args.report)
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    print("\n".join(HEADER), flush=True)
    lines, rows = list(HEADER), []
    for name in ROOMS:
        load = os.getloadavg()[0]
        with tempfile.TemporaryDirectory() as scratch:
            report_path = Path(scratch) / "report.json"
            command = [sys.executable, __file__, "--one", name, "--report", str(report_path)]
            finished = run_timed(command)
            if finished.code == 0:
                report = json.loads(report_path.read_text())
                row = row_of(name, report, finished.seconds, finished.memory_mb)
            else:
                row = {"room": name, "error": finished.last_error_line()}
        row["load_average"] = load
        rows.append(row)
        lines.append(line(row))
        print(lines[-1], flush=True)
    loads = ", ".join(f"{row['room']} {row['load_average']:.1f}" for row in rows)
    footer = [
        "",
        f"Seed `bench`; tables of at most {SEATS}; five features balanced. wall s: the child "
        "process (Python start-up and imports included); engine s: `allocate` itself. "
        f"{os.cpu_count()} cores; 1-minute load average before each room: {loads}.",
    ]
    print("\n".join(footer))
    lines += footer
    (args.out / "allocation.json").write_text(json.dumps(rows, indent=1))
    (args.out / "allocation.md").write_text("\n".join(lines) + "\n")
    return 0 if all("error" not in row for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
