"""Database faults: SQLite locked by another process (we wait, then say so clearly: exit 5), and
our own PostgreSQL cluster restarted mid-interview (the app reconnects, or stops cleanly and
`resume` finishes with nothing lost). The shared test server on 5432 is never touched."""

from __future__ import annotations

import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from interviewer_tui.store.engine import SQLITE_BUSY_TIMEOUT_MS
from tests.fakes.openai_server import FakeOpenAIServer
from tests.support.cli import Cli

from .conftest import OwnPostgres, make_cli, unique_turns
from .helpers import answer_block, answers_saved, assert_sound, events, read_transcript

ANSWERS = [
    "Cache-aside with a TTL, and delete on write so readers refill it from the database.",
    "Optimistic locking with a version column; the loser retries with the fresh row.",
    "Trace IDs in every log line, RED metrics per endpoint, and SLO-based alerts.",
]

# Holds SQLite's write lock (BEGIN IMMEDIATE) from another process until told to let go.
LOCK_HOLDER = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=30)
conn.execute("BEGIN IMMEDIATE")
print("LOCKED", flush=True)
sys.stdin.readline()
conn.execute("ROLLBACK")
"""


def _hold_lock(db_file: str) -> subprocess.Popen[str]:
    holder = subprocess.Popen(
        [sys.executable, "-c", LOCK_HOLDER, db_file],
        text=True,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "LOCKED"
    return holder


def _release(holder: subprocess.Popen[str]) -> None:
    assert holder.stdin is not None
    holder.stdin.write("go\n")
    holder.stdin.close()
    holder.wait(timeout=10)


def _read_until(proc: subprocess.Popen[bytes], event: str) -> list[dict[str, object]]:
    assert proc.stdout is not None
    seen: list[dict[str, object]] = []
    while not seen or seen[-1]["event"] != event:
        line = proc.stdout.readline()
        assert line, f"the client stopped before a {event!r} event"
        seen += events(line)
    return seen


def test_sqlite_lock_released_within_the_busy_timeout_the_answer_just_waits(
    sqlite_rcli: Cli, fake: FakeOpenAIServer
) -> None:
    fake.configure(turn_texts=(texts := unique_turns()))
    db = sqlite_rcli.env["DATABASE_URL"]
    client = sqlite_rcli.popen("start", "--questions", "1", "--json")
    assert client.stdin is not None and client.stdout is not None
    seen = _read_until(client, "question")
    interview_id = int(seen[0]["interview_id"])  # type: ignore[arg-type]
    holder = _hold_lock(db.removeprefix("sqlite:///"))
    try:
        client.stdin.write(answer_block(ANSWERS[0]).encode())
        client.stdin.flush()
        # for a second the commit waits on the lock: no acknowledgement, and no error either
        ready, _, _ = select.select([client.stdout], [], [], 1.0)
        assert not ready, client.stdout.readline()
    finally:
        _release(holder)
    out, err = client.communicate(b"", timeout=60)
    assert client.returncode == 0, err.decode(errors="replace")
    assert [e["event"] for e in events(out)][:2] == ["answer", "feedback"]
    status, rows = read_transcript(db, interview_id)
    assert status == "completed"
    assert_sound(rows, acked=ANSWERS[:1], full_texts=texts)


@pytest.mark.slow
def test_sqlite_locked_mid_interview_waits_then_exits_5_and_resume_continues(
    sqlite_rcli: Cli, fake: FakeOpenAIServer
) -> None:
    fake.configure(turn_texts=(texts := unique_turns()))
    db = sqlite_rcli.env["DATABASE_URL"]
    client = sqlite_rcli.popen("start", "--questions", "2", "--json")
    seen = _read_until(client, "question")
    interview_id = int(seen[0]["interview_id"])  # type: ignore[arg-type]
    holder = _hold_lock(db.removeprefix("sqlite:///"))
    try:
        started = time.monotonic()
        out, err = client.communicate(answer_block(ANSWERS[0]).encode(), timeout=60)
        waited = time.monotonic() - started
    finally:
        _release(holder)
    message = err.decode(errors="replace")
    assert client.returncode == 5, message
    assert waited >= SQLITE_BUSY_TIMEOUT_MS / 1000 * 0.9  # it waited before giving up
    assert "locked by another process" in message and "Traceback" not in message
    assert "answer" not in [e["event"] for e in events(out)]  # never acknowledged
    assert answers_saved(db, interview_id) == []  # and indeed not saved

    again = sqlite_rcli.run(
        "resume",
        str(interview_id),
        "--json",
        input=answer_block(ANSWERS[0]) + answer_block(ANSWERS[1]),
    )
    assert again.returncode == 0, again.stderr
    status, rows = read_transcript(db, interview_id)
    assert status == "completed"
    assert_sound(rows, acked=ANSWERS[:2], full_texts=texts)
    assert answers_saved(db, interview_id) == ANSWERS[:2]


@pytest.mark.slow
@pytest.mark.parametrize("when", ["between answers", "during a model call"])
def test_postgres_restart_mid_interview_loses_nothing(
    own_postgres: OwnPostgres,
    own_pg_url: str,
    fake: FakeOpenAIServer,
    tmp_path: Path,
    when: str,
) -> None:
    cli = make_cli(tmp_path, own_pg_url, fake, timeout=5.0)
    fake.configure(turn_texts=(texts := unique_turns()))
    client = cli.popen("start", "--questions", "3", "--json")
    assert client.stdin is not None
    seen = _read_until(client, "question")
    interview_id = int(seen[0]["interview_id"])  # type: ignore[arg-type]
    if when == "between answers":
        own_postgres.restart()  # every connection the client holds is dropped
        script = "".join(answer_block(a) for a in ANSWERS)
        out, err = client.communicate(script.encode(), timeout=120)
    else:
        fake.inject("slow", on="structured", delay=2.0)  # grading takes 2 s
        client.stdin.write(answer_block(ANSWERS[0]).encode())
        client.stdin.flush()
        seen += _read_until(client, "answer")  # committed and acknowledged
        own_postgres.restart()  # while the grader is thinking
        script = "".join(answer_block(a) for a in ANSWERS[1:])
        out, err = client.communicate(script.encode(), timeout=120)
    message = err.decode(errors="replace")
    acked = [e for e in seen + events(out) if e["event"] == "answer"]
    if client.returncode != 0:
        # stopped cleanly: one line, exit 5, and resume finishes with nothing lost
        assert client.returncode == 5, message
        assert "Traceback" not in message and "error:" in message
        done = answers_saved(own_pg_url, interview_id)
        rest = "".join(answer_block(a) for a in ANSWERS[len(done) :])
        again = cli.run("resume", str(interview_id), "--json", input=rest)
        assert again.returncode == 0, again.stderr
    status, rows = read_transcript(own_pg_url, interview_id)
    assert status == "completed", message
    assert_sound(rows, acked=ANSWERS[: len(acked)], full_texts=texts)
    assert answers_saved(own_pg_url, interview_id) == ANSWERS
