"""11. `history`, `show ID`, `whoami` against a minimal Typer app's `--help` (issue 16).

Goal 1 of issue 16: on SQLite, logged in, each costs <= 2x the wall time of the minimal
two-command Typer app's `--help` (Typer's defaults, `bench/fixtures/minimal_typer.py`, the
baseline of `cold_start`); as the client of an `interviewer serve` (INTERVIEWER_SERVER) <= 1.5x,
with no SQLAlchemy, psycopg or argon2 import at all. The same app with Rich help off is printed as
a second, informational baseline.

Set-up (not timed): a fresh INTERVIEWER_HOME with a SQLite database, a user registered and
logged in through the CLI and one offline interview answered to its end; a real
`interviewer serve` on a free port (its own SQLite database, the offline interviewer) with a
second home logged in to it and one interview there. Every command is then run round-robin with
the baselines (medians; wall and CPU time of the child), as a user runs it: the installed
`interviewer` script, the file session store, no keyring, output to a pipe. A last row per mode
lists the libraries the command loaded that it must not (run in-process, `sys.modules` at exit).
"""

from __future__ import annotations

import contextlib
import json
import resource
import subprocess
import tempfile
import time
from pathlib import Path

from bench.common import (
    BENCH,
    Config,
    Row,
    base_env,
    interviewer_serve,
    median,
    ms,
    python,
    scaled,
    script,
)

NAME = "cli reads"
GOAL_SQLITE = 2.0
GOAL_REMOTE = 1.5
PASSWORD = "bench-password-123"
SECRET = "bench-jwt-secret-0123456789abcdef0123456789"  # >= 32 bytes
COMMAND_DEADLINE = 60.0  # seconds for one run of one command on an idle machine
SETUP_DEADLINE = 120.0
# what each mode must never import (goal 1, and STYLE.md 9)
FORBIDDEN = {
    "sqlite": ("psycopg", "openai", "textual", "argon2", "alembic", "httpx", "jwt"),
    "remote": ("sqlalchemy", "sqlmodel", "psycopg", "argon2", "alembic", "openai", "textual"),
}
COMMANDS = (("history",), ("show", "1"), ("whoami",))

_PROBE = """
import json, sys
from interviewer_tui.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print(json.dumps(sorted({name.split(".")[0] for name in sys.modules})), file=sys.stderr)
"""


def imported(argv: list[str], env: dict[str, str]) -> set[str]:
    """The top-level packages loaded by the time `interviewer ARGV` ends (in one process)."""
    proc = subprocess.run(
        [python(), "-c", _PROBE, *argv],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=scaled(COMMAND_DEADLINE),
        check=False,
    )
    lines = proc.stderr.strip().splitlines()
    if proc.returncode != 0 or not lines:
        raise RuntimeError(f"probe of {' '.join(argv)} failed: {proc.stderr[-300:]}")
    return set(json.loads(lines[-1]))


def _run(cmd: list[str], env: dict[str, str], *, stdin: str = "", what: str = "") -> str:
    proc = subprocess.run(
        cmd,
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=scaled(SETUP_DEADLINE),
        check=False,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"{what or ' '.join(cmd[1:])} exited {proc.returncode}: {proc.stderr}")
    return proc.stdout


def _timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall, CPU) seconds of one run of `cmd`; raises if it fails or outlives its deadline."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(
        cmd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        timeout=scaled(COMMAND_DEADLINE),
        check=False,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise RuntimeError(
            f"{' '.join(cmd[-2:])} exited {proc.returncode}: "
            f"{proc.stderr.decode(errors='replace')[-300:]}"
        )
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return wall, cpu


def home_env(home: Path, **extra: str) -> dict[str, str]:
    return base_env(
        INTERVIEWER_HOME=str(home),
        INTERVIEWER_SESSION_STORE="file",
        INTERVIEWER_JWT_SECRET=SECRET,
        INTERVIEWER_OFFLINE="true",
        COLUMNS="100",
        **extra,
    )


def _sign_up_and_interview(env: dict[str, str], user: str) -> None:
    exe = script("interviewer")
    _run(
        [exe, "register", "--username", user, "--email", f"{user}@bench.io", "--password-stdin"],
        env,
        stdin=PASSWORD + "\n",
        what=f"register {user}",
    )
    answers = "An index is a sorted structure the database searches instead of every row.\n" * 8
    proc = subprocess.run(
        [exe, "start", "--offline", "--plain", "--questions", "2"],
        input=answers,
        capture_output=True,
        text=True,
        env=env,
        timeout=scaled(SETUP_DEADLINE),
        check=False,
    )
    if "interview 1" not in proc.stdout + proc.stderr:
        raise RuntimeError(f"the offline interview did not run: {proc.stderr[-300:]}")


def server(root: Path) -> contextlib.AbstractContextManager[str]:
    """A real `interviewer serve` on a free port (offline, SQLite): its base URL."""
    return interviewer_serve(root, deadline=SETUP_DEADLINE, INTERVIEWER_JWT_SECRET=SECRET)


def run(cfg: Config) -> list[Row]:
    runs = cfg.n(15, 3)
    exe = script("interviewer")
    with tempfile.TemporaryDirectory(prefix="interviewer-bench-reads-") as tmp:
        root = Path(tmp)
        local = home_env(root / "local")
        _sign_up_and_interview(local, "reader")
        with server(root) as base:
            remote = home_env(root / "remote", INTERVIEWER_SERVER=base)
            _sign_up_and_interview(remote, "remote")
            cmds: dict[str, tuple[list[str], dict[str, str]]] = {
                "typer": (
                    [python(), str(BENCH / "fixtures" / "minimal_typer.py"), "--help"],
                    local,
                ),
                "typer-plain": (
                    [python(), str(BENCH / "fixtures" / "minimal_typer_plain.py"), "--help"],
                    local,
                ),
            }
            for mode, env in (("sqlite", local), ("remote", remote)):
                for argv in COMMANDS:
                    cmds[f"{mode}: {' '.join(argv)}"] = ([exe, *argv], env)
            for cmd, env in cmds.values():  # warm-up: the page cache, .pyc files
                _timed(cmd, env)
            wall: dict[str, list[float]] = {k: [] for k in cmds}
            cpu: dict[str, list[float]] = {k: [] for k in cmds}
            for _ in range(runs):
                for key, (cmd, env) in cmds.items():
                    w, c = _timed(cmd, env)
                    wall[key].append(w)
                    cpu[key].append(c)
            loaded = {"sqlite": imported(["history"], local)}
            loaded["remote"] = imported(["history"], remote)
    return _rows(wall, cpu, loaded, runs)


def _rows(
    wall: dict[str, list[float]],
    cpu: dict[str, list[float]],
    loaded: dict[str, set[str]],
    runs: int,
) -> list[Row]:
    med = {k: ms(median(v)) for k, v in wall.items()}
    cpu_med = {k: ms(median(v)) for k, v in cpu.items()}
    base, plain = med["typer"], med["typer-plain"]
    rows = [
        Row(
            NAME,
            "minimal Typer app --help (the baseline)",
            base,
            note=f"{runs} runs each, round-robin; CPU {cpu_med['typer']:.0f} ms",
        ),
        Row(
            NAME,
            "minimal Typer app, Rich help off",
            plain,
            baseline_name="minimal Typer app --help",
            baseline=base,
            note=f"informational; CPU {cpu_med['typer-plain']:.0f} ms",
        ),
    ]
    for mode, goal, label in (
        ("sqlite", GOAL_SQLITE, "SQLite"),
        ("remote", GOAL_REMOTE, "remote (interviewer serve)"),
    ):
        for argv in COMMANDS:
            key = f"{mode}: {' '.join(argv)}"
            ratio = med[key] / base
            rows.append(
                Row(
                    NAME,
                    f"{label}: interviewer {' '.join(argv)}",
                    med[key],
                    baseline_name="minimal Typer app --help",
                    baseline=base,
                    goal=f"<= {goal}x",
                    ok=ratio <= goal,
                    note=f"CPU {cpu_med[key]:.0f} ms ({cpu_med[key] / cpu_med['typer']:.2f}x); "
                    f"{med[key] / plain:.2f}x the Rich-off app",
                )
            )
        bad = sorted(loaded[mode] & set(FORBIDDEN[mode]))
        rows.append(
            Row(
                NAME,
                f"{label}: forbidden imports on history",
                float(len(bad)),
                unit="modules",
                goal="0",
                ok=not bad,
                note=", ".join(bad) or "none of " + "/".join(FORBIDDEN[mode]),
            )
        )
    return rows
