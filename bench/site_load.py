"""``make bench-site``: a pool of 5,000 registrants selects while the site keeps answering.

For SQLite, and PostgreSQL too when BENCH_DATABASE_URL names a server (a scratch database
is created on it and dropped), in a throwaway VAR_DIR under var/bench/site/: migrate; in a
child process with Django (``prepare``), a public process, four questions with census
shares, 5,000 invented registrants through the real pool import and quotas for a panel of
50 through the real quota actions; then ``minipublic serve`` (2 workers) and ``minipublic
worker``. The practitioner signs in through the login page and starts a LEXIMIN run with
the runs page's form; while the worker computes, clients request real pages in a loop and
each request is timed. The Markdown table (printed, and in OUT/site.md; every number in
OUT/site.json) is described in bench/README.md. Exits non-zero if any request failed (any
answer but 200), or the run did not end "done" within BENCH_SITE_TIMEOUT (default 1800) s.
"""

from __future__ import annotations

import argparse
import csv
import http.cookiejar
import io
import json
import os
import random
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parents[1]
MINIPUBLIC = str(Path(sys.executable).parent / "minipublic")
DEFAULT_TIMEOUT = 1800.0
SLUG = "bench-assembly"
USERNAME = "bench-practitioner"
SEED = "minipublic-bench-site"
CLIENTS = 2  # threads requesting pages at the same time
#: Settings a developer's shell may hold that would change what the children do.
SCRUBBED = {
    "DEBUG",
    "SECRET_KEY",
    "SECRET_KEY_FILE",
    "FIELD_ENCRYPTION_KEYS",
    "ALLOWED_HOSTS",
    "DATABASE_URL",
    "HTTPS",
}
SCRUBBED |= {"VAR_DIR", "SITE_URL", "EMAIL_HOST", "DJANGO_SETTINGS_MODULE"}

QUESTIONS = {
    "age": "How old are you?",
    "gender": "Which of these describes your gender?",
    "area": "Which part of the city do you live in?",
    "education": "What is your highest qualification?",
}
# Census shares (percent), from which the quotas are derived; then the shares among the
# registrants, who lean the way real registrations do: older, more graduates.
CENSUS: dict[str, dict[str, float]] = {
    "age": {"16-24": 13, "25-39": 24, "40-54": 25, "55-69": 22, "70-plus": 16},
    "gender": {"female": 51, "male": 48, "another-gender": 1},
    "area": {"north": 18, "south": 17, "east": 16, "west": 19, "centre": 14, "riverside": 16},
    "education": {"school": 35, "vocational": 31, "degree": 34},
}
POOL: dict[str, dict[str, float]] = {
    "age": {"16-24": 7, "25-39": 17, "40-54": 25, "55-69": 29, "70-plus": 22},
    "gender": {"female": 54, "male": 44.5, "another-gender": 1.5},
    "area": {"north": 20, "south": 15, "east": 13, "west": 21, "centre": 17, "riverside": 14},
    "education": {"school": 24, "vocational": 28, "degree": 48},
}
FIRST = ("Alex", "Sam", "Jo", "Kim", "Robin", "Ali", "Noor", "Mei", "Ola", "Kai", "Ren", "Lee")
LAST = ("Smith", "Khan", "Jones", "Nowak", "Okafor", "Byrne", "Silva", "Chen", "Evans", "Patel")

Row = dict[str, Any]


# ---------------------------------------------------------------- inside Django (children)


def pool_csv(size: int) -> bytes:
    """``size`` invented registrants as the pool import's CSV (fixed seed, unique people)."""
    chance = random.Random(SEED)  # noqa: S311 (invented people, not secrets)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["first_name", "last_name", "email", "phone", "address", "postcode", *POOL])
    for number in range(1, size + 1):
        answers = [
            chance.choices(list(shares), list(shares.values()))[0] for shares in POOL.values()
        ]
        name = [chance.choice(FIRST), chance.choice(LAST), f"registrant{number}@example.org"]
        # A postcode of one's own: nobody is flagged as a duplicate or shares a household.
        where = ["", f"{number} Bench Street", f"BE{number // 10 + 1} {number % 10}XY"]
        writer.writerow([*name, *where, *answers])
    return out.getvalue().encode()


def prepare(pool_size: int, panel_size: int, password: str) -> Row:
    """Create the practitioner, the public process, its questions, pool and quotas."""
    from decimal import Decimal

    from minipublic.accounts.models import User
    from minipublic.lifecycle import Phase, Visibility
    from minipublic.processes.access import SYSTEM
    from minipublic.processes.actions import do_change_phase, do_create_process
    from minipublic.recruitment.models import FeatureValue
    from minipublic.recruitment.pool_import import do_import_pool
    from minipublic.recruitment.questions import do_save_feature
    from minipublic.selection.quotas import (
        check_quotas,
        do_save_population_shares,
        do_save_quota_settings,
    )

    lead = User.objects.create_user(username=USERNAME, password=password)
    process = do_create_process(
        SYSTEM,
        slug=SLUG,
        title="Benchmark Citizens' Assembly",
        question="Does the site keep answering while a panel is selected?",
        commissioning_body="The benchmark",
        visibility=Visibility.PUBLIC,
        lead=lead,
    )
    for name, question in QUESTIONS.items():
        choices = [(value, value.capitalize(), False) for value in CENSUS[name]]
        do_save_feature(lead, process, name=name, question=question, values=choices)
    started = time.perf_counter()
    content = pool_csv(pool_size)
    imported = do_import_pool(lead, process, filename="bench-pool.csv", content=content)
    import_seconds = time.perf_counter() - started
    do_change_phase(lead, process, Phase.RECRUITMENT, "Benchmark")
    shares = {
        item.pk: Decimal(str(CENSUS[item.feature.name][item.value]))
        for item in FeatureValue.objects.filter(feature__process=process).select_related("feature")
    }
    do_save_population_shares(lead, process, shares)
    do_save_quota_settings(lead, process, panel_size=panel_size, tolerance=1)
    warnings = check_quotas(process)
    if warnings:
        raise SystemExit("site_load: the quotas have warnings: " + "; ".join(warnings))
    return {"imported": imported, "import_seconds": round(import_seconds, 2)}


def inspect_run(number: int) -> Row:
    """The run's outcome and timestamps, and the engine's own time from its report.json."""
    from minipublic.selection.models import SelectionRun

    run = SelectionRun.objects.get(process__slug=SLUG, number=number)
    found: Row = {key: getattr(run, key) for key in ("status", "error_message", "summary")}
    ended, began = run.finished_at, run.started_at
    found["queued_to_done"] = (ended - run.created_at).total_seconds() if ended else None
    found["queued_to_started"] = (began - run.created_at).total_seconds() if began else None
    report = Path(run.output_dir) / "report.json"
    found["engine_seconds"] = (
        json.loads(report.read_text())["runtime_seconds"]
        if run.output_dir and report.is_file()
        else None
    )
    return found


def child_main(command: str, arguments: list[str]) -> int:
    """Run ``prepare`` or ``inspect`` with Django loaded; print the result as JSON."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "minipublic.config.settings")
    import django

    django.setup()
    if command == "prepare":
        pool_size, panel_size = int(arguments[0]), int(arguments[1])
        result = prepare(pool_size, panel_size, os.environ["BENCH_SITE_PASSWORD"])
    else:
        result = inspect_run(int(arguments[0]))
    print(json.dumps(result))
    return 0


# ---------------------------------------------------------------- the site and its clients


class NoRedirects(urllib.request.HTTPRedirectHandler):
    """Report redirects as they are: a page that should answer 200 and redirects is an error."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        """Never follow."""
        return None


class Browser:
    """One visitor with its own cookies, talking to the site without following redirects."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), NoRedirects()
        )

    def request(self, path: str, form: dict[str, str] | None = None) -> tuple[int, str, str]:
        """Status, body and Location header of GET (or POST ``form`` to) ``path``."""
        data = urllib.parse.urlencode(form).encode() if form is not None else None
        request = urllib.request.Request(self.base + path, data=data)  # noqa: S310 (ours)
        if form is not None:
            request.add_header("Referer", self.base + path)
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.read().decode(errors="replace"), ""
        except urllib.error.HTTPError as error:
            body = error.read().decode(errors="replace")
            return error.code, body, error.headers.get("Location", "")

    def post_form(self, path: str, fields: dict[str, str]) -> tuple[int, str, str]:
        """GET the page for its CSRF token, then POST ``fields`` with it."""
        status, body, _ = self.request(path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body)
        if status != 200 or token is None:
            raise RuntimeError(f"site_load: {path} answered {status} without a form")
        return self.request(path, {"csrfmiddlewaretoken": token.group(1), **fields})


@dataclass
class Timings:
    """Every request made during the run: (path, status or 0 for no answer, seconds)."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    requests: list[tuple[str, int, float]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def record(self, path: str, status: int, seconds: float, problem: str = "") -> None:
        """Add one request (and what went wrong, if anything)."""
        with self.lock:
            self.requests.append((path, status, seconds))
            if status != 200:
                self.problems.append(f"{path}: {problem or status}")


def timed(browser: Browser, path: str, timings: Timings) -> tuple[int, str]:
    """Request ``path``, record its latency and status, return the status and body."""
    started = time.perf_counter()
    try:
        status, body, _ = browser.request(path)
    except OSError as error:  # refused, reset, timed out: the site did not answer
        timings.record(path, 0, time.perf_counter() - started, f"no answer ({error})")
        return 0, ""
    timings.record(path, status, time.perf_counter() - started)
    return status, body


def visitor(base: str, paths: list[str], timings: Timings, stop: threading.Event) -> None:
    """An anonymous visitor reading the public pages in a loop until ``stop``."""
    browser = Browser(base)
    while not stop.is_set():
        for path in paths:
            timed(browser, path, timings)


def sign_in(base: str, password: str) -> Browser:
    """The practitioner, signed in through the real login page."""
    browser = Browser(base)
    fields = {"username": USERNAME, "password": password}
    status, _, _ = browser.post_form("/accounts/login/", fields)
    if status != 302:
        raise RuntimeError(f"site_load: signing in answered {status}, not a redirect")
    return browser


def start_run(practitioner: Browser, pool_size: int) -> int:
    """Start a LEXIMIN run through the runs page's form; returns the run's number."""
    reason = f"Benchmark: LEXIMIN on {pool_size:,} registrants while the site is in use."
    path = f"/p/{SLUG}/manage/runs/"
    status, body, location = practitioner.post_form(
        path, {"reason": reason, "algorithm": "leximin"}
    )
    found = re.search(r"/manage/runs/(\d+)/$", location)
    if status != 302 or found is None:
        raise RuntimeError(f"site_load: starting the run answered {status}: {body[-2000:]}")
    return int(found.group(1))


def peak_memory_mb(pid: int) -> float | None:
    """A process's peak resident memory (VmHWM) in MB, if /proc tells it."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    found = re.search(r"^VmHWM:\s+(\d+) kB", status, re.M)
    return int(found.group(1)) / 1024 if found else None


def children_of(pid: int) -> list[int]:
    """The direct children of ``pid`` (gunicorn's workers), from /proc."""
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(child) for child in text.split()]


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def started(
    command: list[str], env: dict[str, str], log: Path
) -> Iterator[subprocess.Popen[bytes]]:
    """Run ``command`` (in a session of its own, output to ``log``) until the block ends."""
    with log.open("wb") as output:
        process = subprocess.Popen(  # noqa: S603 (our own command)
            command, env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            yield process
        finally:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait()


def wait_until_up(base: str, server: subprocess.Popen[bytes], log: Path) -> None:
    """Wait (up to a minute) until the site answers its home page."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"site_load: minipublic serve exited early:\n{log.read_text()}")
        try:
            if Browser(base).request("/")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"site_load: minipublic serve did not answer at {base}:\n{log.read_text()}")


def child_env(var_dir: Path, database_url: str, port: int, password: str) -> dict[str, str]:
    """The environment of every child: production settings (DEBUG off) on plain HTTP."""
    env = {key: value for key, value in os.environ.items() if key not in SCRUBBED}
    env.update(
        VAR_DIR=str(var_dir),
        DATABASE_URL=database_url,
        DEBUG="0",
        HTTPS="0",
        SECRET_KEY=secrets.token_urlsafe(48),
        FIELD_ENCRYPTION_KEYS=Fernet.generate_key().decode(),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SITE_URL=f"http://127.0.0.1:{port}",
        LOG_LEVEL="WARNING",
        BENCH_SITE_PASSWORD=password,
    )
    return env


def run_child(arguments: list[str], env: dict[str, str], what: str) -> Row:
    """Run this script's ``prepare`` or ``inspect`` in a child with Django; its JSON answer."""
    done = subprocess.run(  # noqa: S603 (our own script)
        [sys.executable, __file__, *arguments], env=env, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise RuntimeError(f"site_load: {what} failed:\n{done.stdout}\n{done.stderr}")
    result: Row = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def percentile(values: list[float], share: float) -> float:
    """The ``share`` quantile of ``values`` (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def during_run(
    base: str, practitioner: Browser, number: int, timeout: float, timings: Timings
) -> str:
    """Load the site until the run ends (or ``timeout``); the run's last status, or "timeout"."""
    public = ["/", f"/p/{SLUG}/", f"/p/{SLUG}/selection/"]
    stop = threading.Event()
    threads = [
        threading.Thread(target=visitor, args=(base, public, timings, stop), daemon=True)
        for _ in range(CLIENTS - 1)
    ]
    for thread in threads:
        thread.start()
    run_page = f"/p/{SLUG}/manage/runs/{number}/"
    deadline = time.monotonic() + timeout
    outcome = "timeout"
    try:
        while time.monotonic() < deadline:
            timed(practitioner, run_page, timings)
            status, body = timed(practitioner, run_page + "status.json", timings)
            if status == 200 and json.loads(body)["status"] not in ("queued", "running"):
                outcome = json.loads(body)["status"]
                break
            for path in public:
                timed(practitioner, path, timings)
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=120)
    return outcome


def bench_database(label: str, database_url: str, out: Path, args: argparse.Namespace) -> Row:
    """The whole benchmark on one database; returns its row."""
    var_dir = (out / "site" / label.lower()).resolve()
    shutil.rmtree(var_dir, ignore_errors=True)
    var_dir.mkdir(parents=True)
    database_url = database_url or f"sqlite:///{var_dir / 'site.sqlite3'}"
    port = free_port()
    password = secrets.token_urlsafe(16)
    env = child_env(var_dir, database_url, port, password)
    say(f"{label}: migrating and creating {args.pool:,} registrants …")
    migrated = subprocess.run(  # noqa: S603 (our own command)
        [MINIPUBLIC, "migrate"], env=env, capture_output=True, text=True
    )
    if migrated.returncode != 0:
        raise RuntimeError(f"site_load: migrate failed:\n{migrated.stdout}\n{migrated.stderr}")
    prepared = run_child(["prepare", str(args.pool), str(args.panel)], env, "prepare")
    base = f"http://127.0.0.1:{port}"
    serve = [MINIPUBLIC, "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "2"]
    timings = Timings()
    with (
        started(serve, env, var_dir / "serve.log") as server,
        started([MINIPUBLIC, "worker"], env, var_dir / "worker.log") as worker,
    ):
        wait_until_up(base, server, var_dir / "serve.log")
        say(f"{label}: site up at {base}; starting the run and loading the site …")
        load_before = os.getloadavg()
        practitioner = sign_in(base, password)
        number = start_run(practitioner, args.pool)
        outcome = during_run(base, practitioner, number, args.timeout, timings)
        load_after = os.getloadavg()
        worker_mb = peak_memory_mb(worker.pid)
        web = [peak_memory_mb(pid) for pid in children_of(server.pid)]
    run = run_child(["inspect", str(number)], env, "inspect")
    latencies = [seconds for _path, _status, seconds in timings.requests]
    row: Row = {
        "database": label,
        "pool": prepared["imported"],
        "panel": args.panel,
        "import_seconds": prepared["import_seconds"],
        "outcome": outcome,
        "run": run,
        "wall_seconds": run["queued_to_done"],
        "engine_seconds": run["engine_seconds"],
        "worker_peak_mb": worker_mb,
        "web_worker_peak_mb": max((mb for mb in web if mb is not None), default=None),
        "requests": len(latencies),
        "p50": statistics.median(latencies) if latencies else None,
        "p95": percentile(latencies, 0.95) if latencies else None,
        "max": max(latencies, default=None),
        "errors": len(timings.problems),
        "first_errors": timings.problems[:10],
        "load_before": [round(x, 2) for x in load_before],
        "load_after": [round(x, 2) for x in load_after],
        "cpus": os.cpu_count(),
        "per_page": per_page(timings),
    }
    return row


def per_page(timings: Timings) -> dict[str, Row]:
    """Requests, median and max latency of each page."""
    pages: dict[str, list[float]] = {}
    for path, _status, seconds in timings.requests:
        pages.setdefault(path, []).append(seconds)
    return {
        path: {"requests": len(values), "p50": statistics.median(values), "max": max(values)}
        for path, values in pages.items()
    }


# ---------------------------------------------------------------- the table


def say(text: str) -> None:
    """Progress, on stderr."""
    print(f"bench-site: {text}", file=sys.stderr, flush=True)


def number(value: object, digits: int = 1, scale: float = 1.0) -> str:
    """A number for the table, or a dash."""
    return f"{float(value) * scale:.{digits}f}" if isinstance(value, int | float) else "-"


HEADER = (
    "| database | pool | panel | run wall s (queued→done) | engine s | worker peak MB "
    "| requests during run | p50 ms | p95 ms | max ms | errors "
    "| load 1/5/15 min (before → after) | CPUs |"
)


def table_line(row: Row) -> str:
    """One database's line of the Markdown table."""
    wall = number(row["wall_seconds"])
    if row["outcome"] != "done":
        wall = f"{row['outcome'].upper()} ({wall})"
    load = " ".join(f"{x:.1f}" for x in row["load_before"])
    load += " → " + " ".join(f"{x:.1f}" for x in row["load_after"])
    cells = [
        row["database"],
        f"{row['pool']:,}",
        str(row["panel"]),
        wall,
        number(row["engine_seconds"]),
        number(row["worker_peak_mb"], 0),
        str(row["requests"]),
        *(number(row[key], 0, 1000) for key in ("p50", "p95", "max")),
        str(row["errors"]),
        load,
        str(row["cpus"]),
    ]
    return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"


def footer(rows: list[Row]) -> list[str]:
    """Notes under the table: what was requested, and the first errors."""
    lines = [
        "",
        f"Pages requested in a loop by {CLIENTS} clients while the worker computed: `/`, "
        f"`/p/{SLUG}/`, `/p/{SLUG}/selection/` (one anonymous, one signed in as the "
        "practitioner, who also requests the run page and its status.json). Site: `minipublic "
        "serve` with 2 workers (DEBUG off); selection: `minipublic worker`.",
    ]
    imports = ", ".join(f"{row['database']} {row['import_seconds']:.1f} s" for row in rows)
    lines.append(f"Before the run, the pool import (one CSV file) took: {imports}.")
    for row in rows:
        if row["outcome"] == "timeout":
            lines.append(f"{row['database']}: the run had not ended after BENCH_SITE_TIMEOUT.")
        elif row["run"]["status"] != "done":
            message = row["run"].get("error_message")
            lines.append(f"{row['database']}: the run ended {row['run']['status']}: {message}")
        for problem in row["first_errors"]:
            lines.append(f"{row['database']}: {problem}")
    return lines


def parse_arguments() -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--out", type=Path, default=ROOT / "var" / "bench")
    parser.add_argument("--pool", type=int, default=5000, help="registrants (default 5000)")
    parser.add_argument("--panel", type=int, default=50, help="panel size (default 50)")
    args = parser.parse_args()
    args.timeout = float(os.environ.get("BENCH_SITE_TIMEOUT") or DEFAULT_TIMEOUT)
    return args


def main() -> int:
    """Run the benchmark on each database, print the table, write site.md and site.json."""
    if len(sys.argv) > 1 and sys.argv[1] in ("prepare", "inspect"):
        return child_main(sys.argv[1], sys.argv[2:])
    args = parse_arguments()
    args.out.mkdir(parents=True, exist_ok=True)
    databases = [("SQLite", "")]  # a file in its VAR_DIR
    server = os.environ.get("BENCH_DATABASE_URL", "").strip()
    rows = []
    with scratch_postgres(server) as postgres:
        if postgres:
            databases.append(("PostgreSQL", postgres))
        for label, url in databases:
            rows.append(bench_database(label, url, args.out, args))
    lines = [HEADER, "|" + "---|" * (HEADER.count("|") - 1)]
    lines += [table_line(row) for row in rows] + footer(rows)
    print("\n".join(lines))
    (args.out / "site.md").write_text("\n".join(lines) + "\n")
    (args.out / "site.json").write_text(json.dumps(rows, indent=1))
    failed = [row for row in rows if row["errors"] or row["run"]["status"] != "done"]
    return 1 if failed else 0


@contextmanager
def scratch_postgres(server: str) -> Iterator[str]:
    """A new database on the BENCH_DATABASE_URL server for the run, dropped afterwards."""
    if not server:
        yield ""
        return
    if not server.startswith(("postgres:", "postgresql:")):
        raise SystemExit(f"bench-site: BENCH_DATABASE_URL={server!r} is not a postgres:// URL")
    import psycopg

    name = f"minipublic_bench_{secrets.token_hex(4)}"
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield server.rsplit("/", 1)[0] + "/" + name
    finally:
        with psycopg.connect(server, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    sys.exit(main())
