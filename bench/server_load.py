"""10. Server load: simulated candidates running interviews through nginx in front of 1 or 3
`interviewer serve` replicas on one PostgreSQL database (issue 14's benchmark).

Set-up (not timed): the local OpenAI-compatible test server with 200 ms before every reply (a
provider's time to first token), a fresh PostgreSQL database, three `interviewer serve`
processes on it, and one nginx (Debian's, started here with its own config in a temporary
directory) with two listeners: one proxying to replica 1 only, one round-robin over all three.
The candidates are registered and logged in once, up front, so argon2 is not what is measured.

Each scenario runs N candidates at once (50 and 200), each in its own asyncio task with its own
HTTP connection pool (aiohttp): create a 10-question interview, read the first question from its
SSE stream, then for each question POST an answer with a fresh client id and read the stream to
the next question (or the report). A scenario stops starting new answers at its deadline; the
answers in flight finish. Figures:

- completed interviews, answers confirmed (the stream's `answer` event), **lost** (confirmed but
  not in the database) and **duplicated** (stored more than once), from the database afterwards;
- requests/s (every HTTP request the candidates made, over the scenario's wall time), and turns/s;
- **answer -> first SSE event** p50/p95: the answer is committed before the model is called,
  and that event says so, so this is the server's own latency with no model time in it;
- **answer -> feedback minus the model**: to the first event that needs the model (the grade),
  minus the model's own latency, measured in the same run by calling the test server directly.

Those candidates answer the moment the next question arrives (no think time): a stress test that
shows where the machine saturates, not how people use it. The think-time scenarios that follow
(50 candidates, 1 and 3 replicas) have each candidate pause THINK_MIN-THINK_MAX seconds (uniform,
seeded) before every answer, as a fast typist still would; the latency goal is evaluated, and
labelled, on both kinds of rows. Each scenario also reports PostgreSQL's own count of
transactions per answer (pg_stat_database), so a regression in what one answer costs shows even
when the machine is too busy for the latencies to mean much.

3 replicas vs 1 shows how the API scales on this machine. Every replica, nginx, PostgreSQL, the
model server and the candidates share its cores (2 on the reference machine): more replicas cannot
add CPU there, so expect a ratio near 1; on more cores the replicas are what spreads the load.
Needs PostgreSQL and nginx (`apt-get install nginx`); without either it reports why and skips.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.common import (
    Config,
    Row,
    base_env,
    free_port,
    median,
    percentile,
    pg_available,
    pg_database,
    scaled,
    script,
)
from bench.fake_model import fake_server, model_env

NAME = "server load"
MODEL_LATENCY = 0.2  # seconds before the test model's every reply
PASSWORD = "bench horse battery staple 42"
SECRET = "b" * 48
ANSWER = (
    "I would add a covering index on (tenant_id, created_at), check the plan with EXPLAIN "
    "ANALYZE, and cache the hot page for a minute behind a version key."
)
GOALS = {"p50": 15.0, "p95": 50.0}  # ms, answer -> first SSE event, 50 candidates, 1 replica
STEP_TIMEOUT = scaled(60.0)  # seconds for one HTTP request or stream (scaled: bench/common)
SETUP_DEADLINE = scaled(180.0)  # seconds for users to be registered and logged in
RETRIES = 3  # per answer, as a client should: same id, so never a second answer
THINK_MIN, THINK_MAX = 2.0, 4.0  # seconds a candidate of the think-time scenarios pauses


@dataclass
class Candidate:
    index: int
    token: str
    interview_id: int | None = None
    submitted: int = 0
    confirmed: int = 0
    completed: bool = False
    requests: int = 0
    errors: list[str] = field(default_factory=list)
    first_event: list[float] = field(default_factory=list)  # seconds
    to_feedback: list[float] = field(default_factory=list)
    turns: int = 0
    retries: int = 0  # answers sent again (same id) after a 5xx from the proxy or a cut


@dataclass
class Scenario:
    replicas: int
    candidates: int
    questions: int
    think: bool = False  # pause THINK_MIN-THINK_MAX s before every answer
    wall: float = 0.0
    results: list[Candidate] = field(default_factory=list)
    stored: dict[int, int] = field(default_factory=dict)  # interview id -> answers in the DB
    duplicated: int = 0
    server_cpu: float = 0.0  # CPU seconds the replicas used during the scenario
    transactions: int = 0  # PostgreSQL's commits + rollbacks in the benchmark's database
    load: tuple[float, float] = (0.0, 0.0)  # the machine's 1-minute load average, before/after

    @property
    def label(self) -> str:
        think = f", think {THINK_MIN:g}-{THINK_MAX:g} s" if self.think else ""
        plural = "s" if self.replicas > 1 else ""
        return f"{self.replicas} replica{plural}, {self.candidates}{think}"


# ---- processes ---------------------------------------------------------------------------------

REPLICA_PIDS: list[int] = []  # of the running replicas, for their CPU time


def _nginx() -> str | None:
    return shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx",) if os.access(p, os.X_OK)), None
    )


NGINX_CONF = """
{user}
worker_processes 1;
daemon off;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 8192; }}
http {{
    access_log off;
    client_body_temp_path {prefix}/body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    # idle upstream connections close before uvicorn's own 5 s keep-alive timeout does: else
    # nginx can send a request on a connection uvicorn is closing, and answer it with a 502
    upstream one {{ server 127.0.0.1:{r1}; keepalive 64; keepalive_timeout 4s; }}
    upstream three {{
        server 127.0.0.1:{r1}; server 127.0.0.1:{r2}; server 127.0.0.1:{r3};
        keepalive 64; keepalive_timeout 4s;
    }}
    proxy_http_version 1.1;
    proxy_set_header Connection "";
    proxy_set_header Host $host;
    proxy_set_header X-Forwarded-For $remote_addr;
    proxy_buffering off;            # Server-Sent Events reach the client as they are written
    proxy_read_timeout 120s;
    server {{ listen 127.0.0.1:{one}; location / {{ proxy_pass http://one; }} }}
    server {{ listen 127.0.0.1:{three}; location / {{ proxy_pass http://three; }} }}
}}
"""


@contextlib.contextmanager
def nginx(binary: str, workdir: Path, replicas: list[int]) -> Iterator[tuple[int, int]]:
    """nginx in front of the replicas: (port to replica 1 only, port round-robin over all)."""
    prefix = workdir / "nginx"
    prefix.mkdir()
    one, three = free_port(), free_port()
    conf = prefix / "nginx.conf"
    conf.write_text(
        NGINX_CONF.format(
            user="user root;" if os.geteuid() == 0 else "",  # temp dirs are ours, not nobody's
            prefix=prefix,
            r1=replicas[0],
            r2=replicas[1],
            r3=replicas[2],
            one=one,
            three=three,
        )
    )
    proc = subprocess.Popen(
        [binary, "-p", str(prefix), "-c", str(conf)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        _wait_http(f"http://127.0.0.1:{three}/healthz", proc, what="nginx")
        _wait_http(f"http://127.0.0.1:{one}/healthz", proc, what="nginx")
        yield one, three
    finally:
        _stop(proc)


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time of these processes so far (Linux /proc)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        with contextlib.suppress(OSError), open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / tick


@contextlib.contextmanager
def replicas(count: int, env: dict[str, str], workdir: Path) -> Iterator[list[int]]:
    """`count` serve processes: their ports (their pids go to REPLICA_PIDS)."""
    ports = [free_port() for _ in range(count)]
    procs: list[subprocess.Popen[bytes]] = []
    try:
        for i, port in enumerate(ports):
            log = (workdir / f"replica{i + 1}.log").open("wb")
            procs.append(
                subprocess.Popen(
                    [script("interviewer"), "serve", "--port", str(port)],
                    env=env,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    stdin=subprocess.DEVNULL,
                    cwd=workdir,
                )
            )
        for proc, port in zip(procs, ports, strict=True):
            _wait_http(f"http://127.0.0.1:{port}/readyz", proc, what="interviewer serve")
        REPLICA_PIDS[:] = [p.pid for p in procs]
        yield ports
    finally:
        for proc in procs:
            _stop(proc)


def _wait_http(url: str, proc: subprocess.Popen[Any], *, what: str, timeout: float = 60) -> None:
    import urllib.request

    timeout = scaled(timeout)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            err = proc.stderr.read().decode(errors="replace")[-300:] if proc.stderr else ""
            raise RuntimeError(f"{what} exited {proc.returncode} before answering: {err}")
        with contextlib.suppress(OSError), urllib.request.urlopen(url, timeout=1) as reply:
            if reply.status == 200:
                return
        time.sleep(0.1)
    raise TimeoutError(f"{what} did not answer {url} within {timeout:g} s")


def _stop(proc: subprocess.Popen[Any]) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=scaled(40))
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


# ---- the candidates ----------------------------------------------------------------------------


async def _events(response: Any) -> Any:
    """(seconds since the request was sent is the caller's business) each SSE event's name."""
    name = None
    async for raw in response.content:
        line = raw.decode("utf-8", "replace").rstrip("\r\n")
        if not line:
            if name is not None:
                yield name
            name = None
        elif line.startswith("event:"):
            name = line[6:].strip()
        elif line.startswith("data:") and name is None:
            name = "message"


async def _register_all(base: str, count: int, concurrency: int = 4) -> list[str]:
    """`count` users registered and logged in through /v1 (a few at a time: argon2 is CPU)."""
    import aiohttp

    tokens: list[str] = [""] * count
    gate = asyncio.Semaphore(concurrency)
    run = uuid.uuid4().hex[:6]

    async def one(session: aiohttp.ClientSession, i: int) -> None:
        name = f"load{run}{i}"
        async with gate:
            async with session.post(
                f"{base}/v1/accounts",
                json={"username": name, "email": f"{name}@bench.io", "password": PASSWORD},
            ) as r:
                if r.status != 201:
                    raise RuntimeError(f"register {name}: {r.status} {await r.text()}")
            async with session.post(
                f"{base}/v1/sessions", json={"identifier": name, "password": PASSWORD}
            ) as r:
                if r.status != 200:
                    raise RuntimeError(f"login {name}: {r.status} {await r.text()}")
                tokens[i] = (await r.json())["access_token"]

    timeout = aiohttp.ClientTimeout(total=STEP_TIMEOUT)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        await asyncio.wait_for(
            asyncio.gather(*(one(session, i) for i in range(count))), SETUP_DEADLINE
        )
    return tokens


async def _candidate(
    base: str, c: Candidate, questions: int, deadline: float, think: bool = False
) -> None:
    import random

    import aiohttp

    rng = random.Random(c.index)  # the same pauses in every run

    headers = {"Authorization": f"Bearer {c.token}"}
    timeout = aiohttp.ClientTimeout(total=STEP_TIMEOUT)
    async with aiohttp.ClientSession(base, headers=headers, timeout=timeout) as http:
        try:
            c.requests += 1
            async with http.post("/v1/interviews", json={"questions": questions}) as r:
                if r.status != 201:
                    c.errors.append(f"start {r.status}")
                    return
                c.interview_id = int((await r.json())["id"])
            c.requests += 1
            async with http.get(f"/v1/interviews/{c.interview_id}/events") as r:
                seen = [name async for name in _events(r)]
            if "question" not in seen:
                c.errors.append(f"no first question: {seen}")
                return
            for number in range(1, 10 * questions):  # follow-ups could add turns
                if think:
                    await asyncio.sleep(rng.uniform(THINK_MIN, THINK_MAX))
                if time.monotonic() > deadline:
                    return
                body = {"id": str(uuid.uuid4()), "text": f"{ANSWER} [c{c.index} a{number}]"}
                c.submitted += 1
                names: list[str] = []
                for attempt in range(RETRIES + 1):  # the same id: the server's idempotency
                    c.requests += 1
                    sent = time.perf_counter()
                    first = feedback = None
                    names = []
                    try:
                        async with http.post(
                            f"/v1/interviews/{c.interview_id}/answers", json=body
                        ) as r:
                            if r.status in (502, 503, 504) and attempt < RETRIES:
                                c.retries += 1
                                continue
                            if r.status != 200:
                                c.errors.append(f"answer {r.status}")
                                return
                            async for name in _events(r):
                                now = time.perf_counter()
                                if first is None:
                                    first = now - sent
                                if name == "feedback" and feedback is None:
                                    feedback = now - sent
                                names.append(name)
                    except aiohttp.ClientError:
                        if attempt == RETRIES:
                            raise
                        c.retries += 1
                        continue
                    break
                if "answer" in names:
                    c.confirmed += 1
                if first is not None:
                    c.first_event.append(first)
                if feedback is not None:
                    c.to_feedback.append(feedback)
                c.turns += 1
                if "report" in names:
                    c.completed = True
                    return
                if "error" in names:
                    c.errors.append("error event")
                    return
        except (aiohttp.ClientError, TimeoutError) as exc:
            c.errors.append(type(exc).__name__)


async def _run_scenario(base: str, scenario: Scenario, tokens: list[str], seconds: float) -> None:
    cands = [Candidate(i, tokens[i]) for i in range(scenario.candidates)]
    started = time.monotonic()
    deadline = started + seconds
    await asyncio.wait_for(
        asyncio.gather(
            *(_candidate(base, c, scenario.questions, deadline, scenario.think) for c in cands)
        ),
        seconds + 2 * STEP_TIMEOUT,
    )
    scenario.wall = time.monotonic() - started
    scenario.results = cands


async def _model_alone(base_url: str, runs: int) -> list[float]:
    """The model's own latency as the server sees it: the grading call's shape, straight to the
    test server, one at a time."""
    import aiohttp

    body = {
        "model": "fake-model",
        "messages": [{"role": "user", "content": f"<candidate_answer>{ANSWER}</candidate_answer>"}],
        "response_format": {
            "type": "json_schema",
            "json_schema": {"name": "grade", "schema": {"type": "object"}},
        },
    }
    samples = []
    async with aiohttp.ClientSession(headers={"Authorization": "Bearer bench-key"}) as http:
        for _ in range(runs):
            sent = time.perf_counter()
            async with http.post(f"{base_url}/chat/completions", json=body) as r:
                await r.read()
            samples.append(time.perf_counter() - sent)
    return samples


def _transactions(url: str) -> int:
    """Commits and rollbacks PostgreSQL has counted in this database so far (its statistics
    are flushed within a second or so of a transaction's end: read them after a pause)."""
    import psycopg

    from bench.common import _libpq

    with psycopg.connect(_libpq(url), autocommit=True) as conn:
        conn.execute("SELECT pg_stat_clear_snapshot()")
        row = conn.execute(
            "SELECT xact_commit + xact_rollback FROM pg_stat_database "
            "WHERE datname = current_database()"
        ).fetchone()
    return int(row[0]) if row else 0


def _check_database(url: str, scenario: Scenario) -> None:
    """Answers per interview, and texts stored more than once, straight from PostgreSQL."""
    import psycopg

    from bench.common import _libpq

    ids = [c.interview_id for c in scenario.results if c.interview_id is not None]
    with psycopg.connect(_libpq(url)) as conn:
        rows = conn.execute(
            "SELECT c.interview_id, count(*), count(DISTINCT m.content) FROM messages m "
            "JOIN conversations c ON c.id = m.conversation_id "
            "WHERE m.author = 'candidate' AND m.kind = 'answer' AND c.interview_id = ANY(%s) "
            "GROUP BY c.interview_id",
            (ids,),
        ).fetchall()
    scenario.stored = {int(r[0]): int(r[1]) for r in rows}
    scenario.duplicated = sum(int(r[1]) - int(r[2]) for r in rows)


# ---- the benchmark -----------------------------------------------------------------------------


def run(cfg: Config) -> list[Row]:
    if not cfg.postgres:
        return [Row(NAME, "skipped (--no-postgres)", None, ok=None)]
    reason = pg_available()
    if reason is not None:
        return [Row(NAME, "skipped: PostgreSQL unreachable", None, ok=None, note=reason)]
    binary = _nginx()
    if binary is None:
        return [Row(NAME, "skipped: nginx not installed", None, note="apt-get install nginx")]
    sizes = (10, 40) if cfg.quick else (50, 200)
    questions = 3 if cfg.quick else 10
    seconds = 20.0 if cfg.quick else 45.0  # per scenario, then answers in flight finish
    with (
        tempfile.TemporaryDirectory(prefix="interviewer-bench-serve-") as tmp,
        fake_server("--instant", "--no-record", "--latency", str(MODEL_LATENCY)) as model,
        pg_database(f"interviewer_bench_serve_{uuid.uuid4().hex[:8]}") as url,
    ):
        workdir = Path(tmp)
        env = base_env(
            DATABASE_URL=url,
            INTERVIEWER_HOME=str(workdir / "home"),
            INTERVIEWER_JWT_SECRET=SECRET,
            INTERVIEWER_ACCESS_TOKEN_TTL="7200",
            INTERVIEWER_SERVER_LOGIN_ATTEMPTS="100000",
            INTERVIEWER_SERVER_DAILY_INTERVIEWS="100000",
            INTERVIEWER_SERVER_DAILY_TOKENS="1000000000",
            **model_env(model.base_url),
        )
        subprocess.run(
            [script("interviewer"), "db", "upgrade"],
            env=env,
            check=True,
            capture_output=True,
            timeout=scaled(120),
        )
        with replicas(3, env, workdir) as ports, nginx(binary, workdir, ports) as (one, three):
            tokens = asyncio.run(_register_all(f"http://127.0.0.1:{ports[0]}", max(sizes)))
            model_samples = asyncio.run(_model_alone(model.base_url, cfg.n(20, 8)))
            done: list[Scenario] = []
            plan = [  # 1 and 3 replicas back to back: they share the machine's noise
                Scenario(replica_count, size, questions, think=think)
                for size, think in ((sizes[0], False), (sizes[1], False), (sizes[0], True))
                for replica_count in (1, 3)
            ]
            for scenario in plan:
                port = one if scenario.replicas == 1 else three
                time.sleep(1.5)  # the last scenario's statistics reach pg_stat_database
                cpu, xacts = cpu_seconds(REPLICA_PIDS), _transactions(url)
                before = os.getloadavg()[0]
                asyncio.run(_run_scenario(f"http://127.0.0.1:{port}", scenario, tokens, seconds))
                scenario.server_cpu = cpu_seconds(REPLICA_PIDS) - cpu
                scenario.load = (before, os.getloadavg()[0])
                time.sleep(1.5)
                scenario.transactions = _transactions(url) - xacts
                _check_database(url, scenario)
                done.append(scenario)
    return _rows(done, model_samples, seconds)


def _ms(values: list[float], pct: float) -> float | None:
    return percentile(values, pct) * 1000 if values else None


def _rows(done: list[Scenario], model_samples: list[float], seconds: float) -> list[Row]:
    model_ms = median(model_samples) * 1000
    rows: list[Row] = []
    for sc in done:
        res = sc.results
        confirmed = sum(c.confirmed for c in res)
        stored = sum(sc.stored.values())
        lost = sum(
            max(0, c.confirmed - sc.stored.get(c.interview_id or -1, 0))
            for c in res
            if c.interview_id is not None
        )
        requests = sum(c.requests for c in res)
        turns = sum(c.turns for c in res)
        errors = [e for c in res for e in c.errors]
        first = [x for c in res for x in c.first_event]
        feedback = [x for c in res for x in c.to_feedback]
        rps = requests / sc.wall if sc.wall else 0.0
        completed = sum(c.completed for c in res)
        rows.append(
            Row(
                NAME,
                f"{sc.label}: interviews completed",
                float(completed),
                unit=f"/ {sc.candidates}",
                note=f"{sc.questions} questions each; {turns} answers in {sc.wall:.0f} s "
                f"(new answers stop after {seconds:g} s)"
                + (f"; errors: {_summary(errors)}" if errors else ""),
            )
        )
        rows.append(
            Row(
                NAME,
                f"{sc.label}: lost / duplicated answers",
                float(lost + sc.duplicated),
                unit="",
                goal="0 and 0",
                ok=lost == 0 and sc.duplicated == 0,
                note=f"lost {lost}, duplicated {sc.duplicated}; {confirmed} confirmed, "
                f"{stored} stored; {sum(c.retries for c in res)} sent again after a 5xx or a cut",
            )
        )
        one_rps = next(
            (
                requests_per_s(o)
                for o in done
                if o.replicas == 1 and o.candidates == sc.candidates and o.think == sc.think
            ),
            None,
        )
        rows.append(
            Row(
                NAME,
                f"{sc.label}: requests/s",
                rps,
                unit="req/s",
                baseline_name="1 replica, same candidates" if sc.replicas > 1 else None,
                baseline=one_rps if sc.replicas > 1 else None,
                note=f"{turns / sc.wall:.1f} answers/s" if sc.wall else "",
            )
        )
        rows.append(
            Row(
                NAME,
                f"{sc.label}: replicas' CPU per answer",
                sc.server_cpu * 1000 / turns if turns else None,
                note=f"{sc.server_cpu:.1f} CPU-s over {sc.wall:.0f} s wall: the whole turn "
                "(answer, grade, next question, SSE), all replicas; load average "
                f"{sc.load[0]:.1f} -> {sc.load[1]:.1f}",
            )
        )
        rows.append(
            Row(
                NAME,
                f"{sc.label}: PostgreSQL transactions per answer",
                sc.transactions / turns if turns else None,
                unit="",
                note=f"{sc.transactions} in the scenario (pg_stat_database), interview starts "
                "and first questions included",
            )
        )
        p50, p95 = _ms(first, 50), _ms(first, 95)
        goal_row = sc.replicas == 1 and sc.candidates == 50  # stress and think time alike
        rows.append(
            Row(
                NAME,
                f"{sc.label}: answer -> first SSE event, p50",
                p50,
                goal=f"< {GOALS['p50']:g} ms" if goal_row else "",
                ok=(p50 is not None and p50 < GOALS["p50"]) if goal_row else None,
                note=f"p95 {p95:.1f} ms (goal < {GOALS['p95']:g} ms)" if p95 is not None else "",
            )
        )
        if goal_row:
            rows.append(
                Row(
                    NAME,
                    f"{sc.label}: answer -> first SSE event, p95",
                    p95,
                    goal=f"< {GOALS['p95']:g} ms",
                    ok=p95 is not None and p95 < GOALS["p95"],
                )
            )
        f50, f95 = _ms(feedback, 50), _ms(feedback, 95)
        rows.append(
            Row(
                NAME,
                f"{sc.label}: answer -> feedback, p50",
                f50,
                baseline_name="the model alone (grading call, direct)",
                baseline=model_ms,
                note=(
                    f"minus the model: p50 {f50 - model_ms:.1f} ms, p95 {f95 - model_ms:.1f} ms"
                    if f50 is not None and f95 is not None
                    else ""
                ),
            )
        )
    return rows


def requests_per_s(sc: Scenario) -> float:
    return sum(c.requests for c in sc.results) / sc.wall if sc.wall else 0.0


def _summary(errors: list[str]) -> str:
    counts: dict[str, int] = {}
    for e in errors:
        counts[e] = counts.get(e, 0) + 1
    return ", ".join(f"{k} x{v}" for k, v in sorted(counts.items(), key=lambda kv: -kv[1])[:4])
