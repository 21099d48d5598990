"""6. Concurrency: 20 scripted interviews at once (separate processes, separate users) against one
PostgreSQL, 10 questions each, with the local test model answering instantly.

Checks that all complete with zero lost or duplicated messages, and reports the turn time (the
`answer` acknowledgement -> the next `question` event, read by this process) p50/p95 under load,
against the same interview run alone, and the turn overhead: turn time minus the two model calls
made directly with the SDK (measured alone).
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.common import (
    Config,
    Row,
    base_env,
    median,
    ms,
    percentile,
    pg_available,
    pg_database,
    scaled,
)
from bench.fake_model import fake_server, model_env

NAME = "concurrency"
PASSWORD = "bench horse battery staple 42"
ANSWER = "Partition by tenant, replicate each shard, and route reads to followers when stale is ok."


@dataclass
class Client:
    user: str
    home: Path
    lines: list[tuple[float, dict[str, Any]]] = field(default_factory=list)
    code: int | None = None
    stderr: str = ""


def _register(url: str, user: str, home: Path, extra: dict[str, str]) -> None:
    from interviewer_tui.config import load_settings
    from interviewer_tui.services import accounts
    from interviewer_tui.services.context import AppContext

    ctx = AppContext(
        settings=load_settings(
            DATABASE_URL=url, INTERVIEWER_HOME=str(home), INTERVIEWER_SESSION_STORE="file", **extra
        )
    )
    try:
        accounts.register(ctx, username=user, email=f"{user}@bench.io", password=PASSWORD)
        _stored_login(ctx).login(identifier=user, password=PASSWORD)
    finally:
        ctx.close()


def _drive(client: Client, env: dict[str, str], questions: int) -> None:
    import json

    from bench.common import script

    proc = subprocess.Popen(
        [script("interviewer"), "start", "--questions", str(questions), "--json"],
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdin is not None
    assert proc.stdout is not None
    assert proc.stderr is not None
    proc.stdin.write(f"{ANSWER}\n.\n" * questions)
    proc.stdin.close()
    for line in proc.stdout:
        client.lines.append((time.perf_counter(), json.loads(line)))
    client.stderr = proc.stderr.read()
    client.code = proc.wait()


def _turns(client: Client) -> list[float]:
    """Seconds from each answer's acknowledgement to the next question's event."""
    out, acked = [], None
    for when, event in client.lines:
        if event["event"] == "answer":
            acked = when
        elif event["event"] == "question" and acked is not None:
            out.append(when - acked)
            acked = None
    return out


def _round(
    url: str, n: int, questions: int, control: Any, root: Path, tag: str, jwt: dict[str, str]
) -> tuple[list[Client], float]:
    clients = [Client(f"{tag}{i:02d}", root / f"{tag}{i:02d}") for i in range(n)]
    for c in clients:
        _register(url, c.user, c.home, jwt)
    threads = []
    started = time.perf_counter()
    for c in clients:
        env = base_env(
            INTERVIEWER_HOME=str(c.home),
            INTERVIEWER_SESSION_STORE="file",
            DATABASE_URL=url,
            **model_env(control.base_url),
            **jwt,
        )
        t = threading.Thread(target=_drive, args=(c, env, questions))
        t.start()
        threads.append(t)
    for t in threads:
        t.join(timeout=scaled(600))
    return clients, time.perf_counter() - started


def _audit(url: str, clients: list[Client], questions: int) -> tuple[int, int, int]:
    """(completed, lost, duplicated) over the interviews of `clients`, read with plain SQL."""
    from sqlalchemy import create_engine, text

    from interviewer_tui.store.engine import normalise_url

    engine = create_engine(normalise_url(url))
    completed = lost = duplicated = 0
    expected = ["question", "answer", "feedback"] * questions
    try:
        with engine.connect() as conn:
            for c in clients:
                iid = next((e["interview_id"] for _, e in c.lines), None)
                if iid is None:
                    lost += len(expected)
                    continue
                status = conn.execute(
                    text("SELECT status FROM interviews WHERE id = :i"), {"i": iid}
                ).scalar()
                completed += status == "completed"
                rows = conn.execute(
                    text(
                        "SELECT m.seq, m.kind, m.content FROM messages m JOIN conversations c "
                        "ON c.id = m.conversation_id WHERE c.interview_id = :i ORDER BY m.seq"
                    ),
                    {"i": iid},
                ).all()
                kinds = [r[1] for r in rows]
                lost += max(0, len(expected) - len(kinds))
                duplicated += max(0, len(kinds) - len(expected))
                if kinds != expected[: len(kinds)] or [r[0] for r in rows] != list(
                    range(1, len(rows) + 1)
                ):
                    duplicated += 1  # out of order counts as damage too
    finally:
        engine.dispose()
    return completed, lost, duplicated


def _direct_pair(control: Any, runs: int) -> float:
    """The two model calls of a turn (grade + streamed question) straight through the SDK."""
    import openai

    from bench.turn_overhead import replay

    bodies = [r.body for r in control.requests[-2:]]
    client = openai.OpenAI(base_url=control.base_url, api_key="bench-key", max_retries=0)
    try:
        return median([replay(client, bodies) for _ in range(runs)])
    finally:
        client.close()


def run(cfg: Config) -> list[Row]:
    n, questions = (5, 4) if cfg.quick else (20, 10)
    reason = pg_available() if cfg.postgres else "--no-postgres"
    if reason:
        return [Row(NAME, "concurrent interviews", None, note=f"skipped: {reason}")]
    jwt = {"INTERVIEWER_JWT_SECRET": "bench-secret-" + "x" * 40}
    with (
        fake_server("--instant") as control,
        pg_database("interviewer_bench_concurrency") as url,
        tempfile.TemporaryDirectory(prefix="bench-conc-") as tmp,
    ):
        root = Path(tmp)
        subprocess.run(
            # this interpreter's app, as `interviewer db upgrade` (the venv need not be on PATH)
            [sys.executable, "-m", "interviewer_tui", "db", "upgrade"],
            check=True,
            capture_output=True,
            env=base_env(DATABASE_URL=url, INTERVIEWER_HOME=str(root)),
        )
        alone, _ = _round(url, 1, questions, control, root, "solo", jwt)
        direct = _direct_pair(control, 15)
        control.reset()
        cpu0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        clients, wall = _round(url, n, questions, control, root, "user", jwt)
        cpu1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        client_cpu = (cpu1.ru_utime + cpu1.ru_stime) - (cpu0.ru_utime + cpu0.ru_stime)
        completed, lost, duplicated = _audit(url, clients, questions)
    turns = [t for c in clients for t in _turns(c)]
    solo = _turns(alone[0])
    failed = [c for c in clients if c.code != 0]
    p50, p95 = ms(median(turns)), ms(percentile(turns, 95))
    return [
        Row(
            NAME,
            f"{n} interviews x {questions} questions at once: completed",
            completed,
            unit=f"/ {n}",
            goal=f"{n}/{n}",
            ok=completed == n and not failed,
            note=f"wall {wall:.1f} s incl. start-up; the {n} clients alone used "
            f"{client_cpu:.0f} CPU-s of the {wall * (os.cpu_count() or 1):.0f} the machine had; "
            "failed exits: "
            f"{', '.join(f'{c.user}={c.code}' for c in failed) or 'none'}",
        ),
        Row(
            NAME,
            "lost or duplicated messages",
            lost + duplicated,
            unit="",
            goal="0",
            ok=lost + duplicated == 0,
            note=f"lost {lost}, duplicated/out of order {duplicated}",
        ),
        Row(
            NAME,
            f"turn time p50 with {n} at once",
            p50,
            baseline_name="same interview alone",
            baseline=ms(median(solo)),
            note=f"p95 {p95:.1f} ms; {len(turns)} turns",
        ),
        Row(
            NAME,
            f"turn overhead p95 with {n} at once",
            p95 - ms(direct),
            baseline_name="model calls, direct SDK",
            baseline=ms(direct),
            note=f"p50 {p50 - ms(direct):.1f} ms; alone p95 "
            f"{ms(percentile(solo, 95)) - ms(direct):.1f} ms",
        ),
    ]


def _stored_login(ctx: Any) -> Any:
    """This computer's login over the database, as a shell keeps it (`edge/login.py`)."""
    from interviewer_tui.edge.login import StoredLogin
    from interviewer_tui.services.local import LocalApplication

    return StoredLogin(LocalApplication(ctx), ctx)
