"""The store-at-scale data set: 10,000 interviews and 1,000,000 messages (quick: 500 / 50,000).

Generated once per database and reused: a `bench_meta` row records what was loaded, and a run that
finds the same fingerprint skips the load. PostgreSQL is filled with COPY, SQLite with
executemany in one transaction; both through the tables our migrations create.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

GENERATOR_VERSION = 1
HEAVY_USER = 1  # the user whose newest 50 interviews we list
T0 = datetime(2025, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Shape:
    interviews: int
    messages: int
    users: int
    heavy_interviews: int  # interviews of HEAVY_USER
    big_transcript: int = 1000  # messages of the interview whose transcript we load
    questions_per_interview: int = 10

    @property
    def fingerprint(self) -> str:
        return json.dumps({"v": GENERATOR_VERSION, **self.__dict__}, sort_keys=True)

    @property
    def big_interview_id(self) -> int:
        return self.heavy_interviews // 2  # an older interview: not in the newest 50


FULL = Shape(interviews=10_000, messages=1_000_000, users=200, heavy_interviews=2_000)
QUICK = Shape(interviews=500, messages=50_000, users=20, heavy_interviews=200)

_TOPICS = ["introduction", "coding", "system_design", "databases", "behavioral", "backend_general"]
_LOREM = (
    "The service keeps a write-ahead log and replicates it to two followers; reads go to the "
    "leader unless the client accepts stale data, and retries use idempotency keys."
)


def user_of(interview_id: int, shape: Shape) -> int:
    if interview_id <= shape.heavy_interviews:
        return HEAVY_USER
    return 2 + (interview_id % (shape.users - 1))


def message_counts(shape: Shape) -> Iterator[tuple[int, int]]:
    """(interview id, number of messages), summing to exactly `shape.messages`."""
    others = shape.interviews - 1
    rest = shape.messages - shape.big_transcript
    per, extra = divmod(rest, others)
    n = 0
    for iid in range(1, shape.interviews + 1):
        if iid == shape.big_interview_id:
            yield iid, shape.big_transcript
        else:
            yield iid, per + (1 if n < extra else 0)
            n += 1


def rows(shape: Shape, fmt_ts: Any, fmt_json: Any) -> dict[str, Iterator[dict[str, Any]]]:
    """Per table, an iterator of column dicts (timestamps and JSON formatted for the backend)."""

    def users() -> Iterator[dict[str, Any]]:
        for uid in range(1, shape.users + 1):
            yield {
                "id": uid,
                "username": f"user{uid}",
                "username_key": f"user{uid}",
                "email": f"user{uid}@bench.io",
                "password_hash": "x",
                "failed_logins": 0,
                "created_at": fmt_ts(T0),
                "updated_at": fmt_ts(T0),
            }

    def created(iid: int) -> datetime:
        return T0 + timedelta(minutes=37 * iid)

    def interviews() -> Iterator[dict[str, Any]]:
        for iid in range(1, shape.interviews + 1):
            when = created(iid)
            done = iid % 5 != 0
            yield {
                "id": iid,
                "user_id": user_of(iid, shape),
                "status": "completed" if done else "paused",
                "difficulty": "medium",
                "number_questions": shape.questions_per_interview,
                "topics": fmt_json(_TOPICS),
                "provider": "openai",
                "model": "gpt-5-mini",
                "score": 50 + iid % 50 if done else None,
                "prompt_tokens": 30000,
                "completion_tokens": 4000,
                "created_at": fmt_ts(when),
                "updated_at": fmt_ts(when + timedelta(minutes=30)),
                "completed_at": fmt_ts(when + timedelta(minutes=30)) if done else None,
            }

    def conversations() -> Iterator[dict[str, Any]]:
        for iid in range(1, shape.interviews + 1):
            when = created(iid)
            yield {
                "id": iid,
                "interview_id": iid,
                "current_topic": "databases",
                "current_question": shape.questions_per_interview,
                "next_seq": 1,
                "state": fmt_json({}),
                "created_at": fmt_ts(when),
                "updated_at": fmt_ts(when),
            }

    qpi = shape.questions_per_interview

    def questions() -> Iterator[dict[str, Any]]:
        for iid in range(1, shape.interviews + 1):
            when = created(iid)
            for n in range(1, qpi + 1):
                yield {
                    "id": (iid - 1) * qpi + n,
                    "conversation_id": iid,
                    "question_number": n,
                    "topic": _TOPICS[n % len(_TOPICS)],
                    "prompt": f"Question {n}: how would you design it?",
                    "status": "answered",
                    "score": (iid + n) % 11,
                    "feedback": "Good; name a trade-off next time.",
                    "covered": fmt_json(["mechanism"]),
                    "missed": fmt_json(["failure mode"]),
                    "followups": 0,
                    "created_at": fmt_ts(when),
                    "evaluated_at": fmt_ts(when),
                }

    def messages() -> Iterator[dict[str, Any]]:
        mid = 0
        for iid, count in message_counts(shape):
            when = created(iid)
            for seq in range(1, count + 1):
                mid += 1
                qn = min(qpi, 1 + (seq - 1) * qpi // count)
                author = ("interviewer", "candidate", "interviewer")[seq % 3]
                kind = ("feedback", "question", "answer")[seq % 3]
                yield {
                    "id": mid,
                    "client_id": str(uuid.UUID(int=mid)),
                    "conversation_id": iid,
                    "question_id": (iid - 1) * qpi + qn,
                    "seq": seq,
                    "author": author,
                    "kind": kind,
                    "content": f"{seq}. {_LOREM}",
                    "score": 7 if kind == "feedback" else None,
                    "prompt_tokens": 900,
                    "completion_tokens": 80,
                    "created_at": fmt_ts(when + timedelta(seconds=seq)),
                }

    return {
        "users": users(),
        "interviews": interviews(),
        "conversations": conversations(),
        "questions": questions(),
        "messages": messages(),
    }


def _columns(table: str) -> list[str]:
    from interviewer_tui.store import tables

    for model in (
        tables.User,
        tables.Interview,
        tables.Conversation,
        tables.Question,
        tables.Message,
    ):
        if model.__tablename__ == table:
            return [c.name for c in model.__table__.columns]  # type: ignore[attr-defined]
    raise KeyError(table)


def _ordered(table: str, data: Iterator[dict[str, Any]]) -> Iterator[tuple[Any, ...]]:
    cols = _columns(table)
    from interviewer_tui.store import tables

    required = {
        c.name
        for m in (
            tables.User,
            tables.Interview,
            tables.Conversation,
            tables.Question,
            tables.Message,
        )
        if m.__tablename__ == table
        for c in m.__table__.columns  # type: ignore[attr-defined]
        if not c.nullable
    }
    first = True
    for row in data:
        if first:
            missing = required - row.keys()
            if missing:
                raise RuntimeError(
                    f"the generator does not fill {table}.{', '.join(missing)}: "
                    "update bench/scale_data.py for the new schema"
                )
            first = False
        yield tuple(row.get(c) for c in cols)


def load_postgres(url: str, shape: Shape) -> None:
    import psycopg

    from bench.common import _libpq

    with psycopg.connect(_libpq(url)) as conn:
        with conn.cursor() as cur:
            for table, data in rows(shape, lambda d: d, json.dumps).items():
                cols = ", ".join(_columns(table))
                with cur.copy(f"COPY {table} ({cols}) FROM STDIN") as copy:
                    for row in _ordered(table, data):
                        copy.write_row(row)
                cur.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT max(id) FROM {table}))"
                )
            _mark(cur, shape, "%s")
        conn.commit()
        conn.autocommit = True
        conn.execute("VACUUM ANALYZE")  # what autovacuum does after a bulk load


def load_sqlite(path: str, shape: Shape) -> None:
    import sqlite3

    def fmt(d: datetime) -> str:
        return d.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")

    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=OFF")
        conn.execute("BEGIN")
        for table, data in rows(shape, fmt, json.dumps).items():
            cols = _columns(table)
            marks = ", ".join("?" for _ in cols)
            conn.executemany(
                f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({marks})", _ordered(table, data)
            )
        _mark(conn, shape, "?")
        conn.execute("COMMIT")
        # no ANALYZE: the app never runs it, so the planner must do without statistics
    finally:
        conn.close()


def _mark(cur: Any, shape: Shape, mark: str) -> None:
    cur.execute("CREATE TABLE IF NOT EXISTS bench_meta (key TEXT PRIMARY KEY, value TEXT)")
    cur.execute(
        f"INSERT INTO bench_meta (key, value) VALUES ('shape', {mark})", (shape.fingerprint,)
    )


def loaded_shape(engine: Any) -> str | None:
    from sqlalchemy import text

    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT value FROM bench_meta WHERE key = 'shape'")).scalar()
    except Exception:
        return None
