"""What every benchmark shares: the result row, timing helpers, statistics and the machine facts.

The machine is shared and noisy, so every figure is a median over several runs measured side by
side with its baseline in the same run, and the ratio between the two is what we judge.
"""

from __future__ import annotations

import contextlib
import os
import platform
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
RESULTS = BENCH / "results"
DATA = RESULTS / "data"  # generated data sets reused between runs (gitignored with results/)
PG_ADMIN_URL = os.environ.get(
    "INTERVIEWER_BENCH_DATABASE_URL",
    os.environ.get(
        "INTERVIEWER_TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
    ),
)


@dataclass
class Config:
    quick: bool = False
    runs: int = 0  # 0: the benchmark's own default (fewer with --quick)
    postgres: bool = True
    verbose: bool = False

    def n(self, full: int, quick: int) -> int:
        """How many repetitions: --runs wins, else the benchmark's full or quick count."""
        if self.runs:
            return self.runs
        return quick if self.quick else full


@dataclass
class Row:
    """One line of the table: a figure, its baseline measured in the same run, and the verdict."""

    bench: str
    name: str
    value: float | None
    unit: str = "ms"
    baseline_name: str | None = None
    baseline: float | None = None
    goal: str = ""
    ok: bool | None = None  # None: informational, or not measured
    note: str = ""
    pending: bool = False  # not measured yet (a part of the app is not ready)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        if self.value is None or not self.baseline:
            return None
        return self.value / self.baseline

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["ratio"] = self.ratio
        return data


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def percentile(values: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile (p95 of 20 values is the 19th smallest)."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(pct / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def ms(seconds: float) -> float:
    return seconds * 1000.0


def time_command(
    cmd: Sequence[str], *, env: dict[str, str] | None = None, cwd: Path | None = None
) -> float:
    """Wall time of one run of `cmd` in seconds; raises if it fails."""
    start = time.perf_counter()
    proc = subprocess.run(
        cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False
    )
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(
            f"{' '.join(cmd)} exited {proc.returncode}: "
            f"{proc.stderr.decode(errors='replace')[-300:]}"
        )
    return elapsed


def interleaved(
    commands: dict[str, Sequence[str]],
    runs: int,
    *,
    warmup: int = 1,
    env: dict[str, str] | None = None,
) -> dict[str, list[float]]:
    """Run each command `runs` times, round-robin, so that noise hits all of them alike."""
    for cmd in commands.values():
        for _ in range(warmup):
            time_command(cmd, env=env)
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, cmd in commands.items():
            samples[name].append(time_command(cmd, env=env))
    return samples


SCALE_VAR = "INTERVIEWER_BENCH_TIMEOUT_SCALE"


def timeout_scale() -> float:
    """How much longer than on an idle machine every deadline may take:
    INTERVIEWER_BENCH_TIMEOUT_SCALE, else the 1-minute load per core (at least 1), so a benchmark
    started on a busy machine still finishes instead of timing out. Deadlines stop a run that
    hangs; they never judge a figure."""
    given = os.environ.get(SCALE_VAR, "")
    with contextlib.suppress(ValueError):
        if float(given) > 0:
            return float(given)
    try:
        load = os.getloadavg()[0] / (os.cpu_count() or 1)
    except OSError:
        load = 1.0
    return max(1.0, round(load, 1))


def scaled(seconds: float) -> float:
    """`seconds` of an idle machine, scaled to this one (see timeout_scale)."""
    return seconds * timeout_scale()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_port(port: int, timeout: float = 15.0) -> None:
    timeout = scaled(timeout)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            return
        time.sleep(0.02)
    raise TimeoutError(f"nothing listens on 127.0.0.1:{port} after {timeout:g} s")


def python() -> str:
    return sys.executable


def script(name: str) -> str:
    """A console script of this virtualenv (the way a user starts it)."""
    candidate = Path(sys.executable).parent / name
    return str(candidate) if candidate.exists() else name


def base_env(**extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("OPENAI_", "INTERVIEWER_", "DATABASE_URL"))
    }
    env.update(
        {
            "PYTHONDONTWRITEBYTECODE": "0",
            "NO_COLOR": "1",
            "TERM": "dumb",
            "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        }
    )
    env.update(extra)
    return env


def machine() -> dict[str, Any]:
    mem_kb = 0
    with contextlib.suppress(OSError), open("/proc/meminfo", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("MemTotal:"):
                mem_kb = int(line.split()[1])
    cpu = platform.processor() or ""
    with contextlib.suppress(OSError), open("/proc/cpuinfo", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    commit = ""
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
    return {
        "cores": os.cpu_count(),
        "ram_gib": round(mem_kb / 1024 / 1024, 1),
        "cpu": cpu,
        "python": platform.python_version(),
        "os": f"{platform.system()} {platform.release()}",
        "commit": commit,
    }


def rss_kib(pid: int) -> tuple[int, int]:
    """(current RSS, peak RSS) of a process in KiB, from /proc."""
    cur = peak = 0
    with open(f"/proc/{pid}/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                cur = int(line.split()[1])
            elif line.startswith("VmHWM:"):
                peak = int(line.split()[1])
    return cur, peak


@contextlib.contextmanager
def pg_database(name: str, *, keep: bool = False) -> Iterator[str]:
    """A database on the benchmark PostgreSQL server (created if missing); dropped unless `keep`."""
    import psycopg

    admin = psycopg.connect(_libpq(PG_ADMIN_URL), autocommit=True, connect_timeout=5)
    try:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if not exists:
            admin.execute(f'CREATE DATABASE "{name}"')
        yield with_database(PG_ADMIN_URL, name)
    finally:
        if not keep:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def pg_available() -> str | None:
    """None when the benchmark PostgreSQL answers, else why not."""
    try:
        import psycopg

        with psycopg.connect(_libpq(PG_ADMIN_URL), connect_timeout=3):
            return None
    except Exception as exc:
        return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def with_database(url: str, name: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).set(database=name).render_as_string(hide_password=False)


def _libpq(url: str) -> str:
    """postgresql+psycopg://... -> postgresql://... (what libpq accepts)."""
    from sqlalchemy.engine import make_url

    u = make_url(url).set(drivername="postgresql")
    return u.render_as_string(hide_password=False)


@contextlib.contextmanager
def interviewer_serve(work: Path, *, deadline: float = 60.0, **env: str) -> Iterator[str]:
    """A real `interviewer serve` on a free loopback port, on SQLite in `work` (its own home,
    database and log there) with `env` on top: its base URL, once /readyz answers. `deadline`
    is for an idle machine (scaled here); SIGTERM at the end, as an operator stops it."""
    import urllib.request

    port = free_port()
    full_env = base_env(
        INTERVIEWER_HOME=str(work / "server-home"),
        DATABASE_URL=f"sqlite:///{work / 'server.db'}",
        INTERVIEWER_OFFLINE="true",
    )
    full_env.update(env)
    log = (work / "server.log").open("ab")
    proc = subprocess.Popen(
        [script("interviewer"), "serve", "--port", str(port)],
        env=full_env,
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        cwd=work,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        until = time.monotonic() + scaled(deadline)
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"interviewer serve exited {proc.returncode}: see {log.name}")
            with (
                contextlib.suppress(OSError),
                urllib.request.urlopen(f"{base}/readyz", timeout=1) as reply,
            ):
                if reply.status == 200:
                    break
            if time.monotonic() > until:
                raise TimeoutError(f"interviewer serve not ready after {scaled(deadline):.0f} s")
            time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=scaled(30))
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
