"""5. Store at scale: 10,000 interviews / 1,000,000 messages in PostgreSQL and in SQLite.

Two reads through the services a user triggers: the newest 50 interviews of one user (`history`)
and one 1,000-message transcript (`show`). Goal: under 20 ms each. The baseline is the same SQL
run with the bare driver on a reused connection, so the ratio is our ORM + mapping overhead; the
statement count per call shows there is no N+1.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.common import DATA, Config, Row, median, ms, pg_available, pg_database
from bench.scale_data import (
    FULL,
    HEAVY_USER,
    QUICK,
    Shape,
    load_postgres,
    load_sqlite,
    loaded_shape,
)

NAME = "store at scale"
GOAL_MS = 20.0

RAW_LIST = """
SELECT i.id, i.status, i.difficulty, i.topics, i.number_questions, i.score, i.provider, i.model,
       i.created_at, i.updated_at,
       (SELECT count(q.id) FROM questions q JOIN conversations c ON c.id = q.conversation_id
        WHERE c.interview_id = i.id AND q.score IS NOT NULL)
FROM interviews i WHERE i.user_id = {p} ORDER BY i.created_at DESC, i.id DESC LIMIT 50"""
RAW_TRANSCRIPT = """
SELECT m.*, q.question_number FROM messages m LEFT JOIN questions q ON q.id = m.question_id
WHERE m.conversation_id = {p} ORDER BY m.seq"""


def _fresh_sqlite(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(f"{path}{suffix}")


def prepare_sqlite(shape: Shape, label: str) -> tuple[str, bool]:
    from interviewer_tui.store.engine import make_engine
    from interviewer_tui.store.migrate import current_revision, head_revision, upgrade

    DATA.mkdir(parents=True, exist_ok=True)
    path = DATA / f"store-{label}.db"
    url = f"sqlite:///{path}"
    if path.exists():
        engine = make_engine(url)
        try:
            if loaded_shape(engine) == shape.fingerprint and current_revision(
                engine
            ) == head_revision(engine):
                return url, True
        finally:
            engine.dispose()
    _fresh_sqlite(path)
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    load_sqlite(str(path), shape)
    return url, False


def prepare_postgres(shape: Shape, label: str) -> tuple[str, bool]:
    from sqlalchemy import text

    from interviewer_tui.store.engine import make_engine
    from interviewer_tui.store.migrate import current_revision, head_revision, upgrade

    with pg_database(f"interviewer_bench_store_{label}", keep=True) as url:
        engine = make_engine(url)
        try:
            if loaded_shape(engine) == shape.fingerprint and current_revision(
                engine
            ) == head_revision(engine):
                return url, True
            with engine.begin() as conn:
                conn.execute(text("DROP SCHEMA public CASCADE"))
                conn.execute(text("CREATE SCHEMA public"))
            upgrade(engine)
        finally:
            engine.dispose()
        load_postgres(url, shape)
        return url, False


def _timed(fn: Callable[[], Any], runs: int) -> tuple[float, float]:
    """(first call, median of the warm calls) in ms."""
    t0 = time.perf_counter()
    fn()
    first = ms(time.perf_counter() - t0)
    samples = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        samples.append(ms(time.perf_counter() - t0))
    return first, median(samples)


def _raw(url: str) -> tuple[Callable[[str, Any], Any], Callable[[], None]]:
    if url.startswith("sqlite"):
        import sqlite3

        conn = sqlite3.connect(url.removeprefix("sqlite:///"))
        return (lambda sql, arg: conn.execute(sql.format(p="?"), (arg,)).fetchall()), conn.close
    import psycopg

    from bench.common import _libpq

    pconn = psycopg.connect(_libpq(url), autocommit=True)
    return (lambda sql, arg: pconn.execute(sql.format(p="%s"), (arg,)).fetchall()), pconn.close


def measure(url: str, backend: str, shape: Shape, runs: int, reused: bool) -> list[Row]:
    from sqlalchemy import event

    from bench.appctx import make_ctx
    from interviewer_tui.services import interviews as svc

    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="bench-store-") as tmp:
        ctx = make_ctx(url, Path(tmp), migrate=False)
        statements: list[str] = []
        try:
            event.listen(ctx.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
            big = shape.big_interview_id

            def history() -> Any:
                got = svc.list_interviews(ctx, user_id=HEAVY_USER, limit=50)
                assert len(got) == 50
                return got

            def show() -> Any:
                detail = svc.get_interview(ctx, user_id=HEAVY_USER, interview_id=big)
                assert len(detail.messages) == shape.big_transcript
                return detail

            raw, close = _raw(url)
            try:
                for label, fn, sql, arg in (
                    ("newest 50 interviews of a user", history, RAW_LIST, HEAVY_USER),
                    (
                        f"open a {shape.big_transcript:,}-message transcript",
                        show,
                        RAW_TRANSCRIPT,
                        big,
                    ),
                ):
                    statements.clear()
                    fn()
                    count = len(
                        [
                            s
                            for s in statements
                            if not s.lstrip()
                            .upper()
                            .startswith(("BEGIN", "COMMIT", "ROLLBACK", "SELECT 1"))
                        ]
                    )
                    first, warm = _timed(fn, runs)
                    _, raw_ms = _timed(lambda sql=sql, arg=arg: raw(sql, arg), runs)
                    rows.append(
                        Row(
                            NAME,
                            f"{backend}: {label}",
                            warm,
                            baseline_name="same SQL, bare driver",
                            baseline=raw_ms,
                            goal=f"< {GOAL_MS:g} ms",
                            ok=warm < GOAL_MS,
                            note=f"{count} SQL statements; first call {first:.1f} ms"
                            f"{'' if reused else ' (data just loaded)'}",
                        )
                    )
            finally:
                close()
        finally:
            ctx.close()
    return rows


def run(cfg: Config) -> list[Row]:
    shape, label = (QUICK, "quick") if cfg.quick else (FULL, "full")
    runs = cfg.n(30, 10)
    rows: list[Row] = []
    size = f"{shape.interviews:,} interviews / {shape.messages:,} messages"
    t0 = time.perf_counter()
    url, reused = prepare_sqlite(shape, label)
    load = "reused" if reused else f"generated in {time.perf_counter() - t0:.0f} s"
    rows.append(Row(NAME, f"SQLite data set: {size}", None, ok=None, note=load))
    rows += measure(url, "SQLite", shape, runs, reused)
    if cfg.postgres:
        reason = pg_available()
        if reason:
            rows.append(Row(NAME, "PostgreSQL", None, ok=None, note=f"skipped: {reason}"))
        else:
            t0 = time.perf_counter()
            url, reused = prepare_postgres(shape, label)
            load = "reused" if reused else f"generated in {time.perf_counter() - t0:.0f} s"
            rows.append(Row(NAME, f"PostgreSQL data set: {size}", None, note=load))
            rows += measure(url, "PostgreSQL", shape, runs, reused)
    return rows
