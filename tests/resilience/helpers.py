"""Checks shared by the resilience tests: read an interview's rows straight from the database and
assert that its transcript is sound (no duplicated or half-saved turn, every acknowledged answer
exactly once)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import create_engine, text

from interviewer_tui.store.engine import normalise_url

UTTERANCES = ("question", "followup", "clarification")


@dataclass(frozen=True)
class Row:
    seq: int
    author: str
    kind: str
    content: str
    question_number: int | None


def read_transcript(db_url: str, interview_id: int) -> tuple[str, list[Row]]:
    """(status, messages in order) of one interview, read with plain SQL."""
    engine = create_engine(normalise_url(db_url))
    try:
        with engine.connect() as conn:
            status = conn.execute(
                text("SELECT status FROM interviews WHERE id = :i"), {"i": interview_id}
            ).scalar_one()
            rows = conn.execute(
                text(
                    "SELECT m.seq, m.author, m.kind, m.content, q.question_number "
                    "FROM messages m JOIN conversations c ON c.id = m.conversation_id "
                    "LEFT JOIN questions q ON q.id = m.question_id "
                    "WHERE c.interview_id = :i ORDER BY m.seq"
                ),
                {"i": interview_id},
            ).all()
    finally:
        engine.dispose()
    return str(status), [Row(*r) for r in rows]


def answers_saved(db_url: str, interview_id: int) -> list[str]:
    _, rows = read_transcript(db_url, interview_id)
    return [r.content for r in rows if r.author == "candidate" and r.kind != "skip"]


def assert_sound(
    rows: list[Row],
    *,
    acked: Iterable[str] = (),
    full_texts: Iterable[str] | None = None,
) -> None:
    """The transcript follows the interview's grammar and holds nothing twice or half.

    - sequence numbers run 1..n with no gap;
    - an interviewer utterance is followed by one candidate message; a graded answer by exactly
      one feedback; never two candidate messages or two utterances in a row;
    - each question number has exactly one `question` message;
    - every acknowledged answer is present exactly once;
    - if `full_texts` is given, every utterance is one of them (a cut stream never saved half).
    """
    assert [r.seq for r in rows] == list(range(1, len(rows) + 1)), "gap or reorder in seq"
    previous: Row | None = None
    questions: dict[int | None, int] = {}
    for row in rows:
        if row.author == "interviewer" and row.kind in UTTERANCES:
            assert (
                previous is None
                or previous.kind == "feedback"
                or (previous.author == "candidate" and previous.kind in ("clarification", "skip"))
            ), f"utterance after {previous}: {row}"
            if row.kind == "question":
                questions[row.question_number] = questions.get(row.question_number, 0) + 1
        elif row.author == "candidate":
            assert (
                previous is not None
                and previous.author == "interviewer"
                and (previous.kind in UTTERANCES)
            ), f"candidate message without an utterance before it: {row}"
        elif row.kind == "feedback":
            assert (
                previous is not None
                and previous.author == "candidate"
                and (previous.kind == "answer")
            ), f"feedback not right after an answer: {row} after {previous}"
        previous = row
    duplicated = {n: c for n, c in questions.items() if c != 1}
    assert not duplicated, f"questions asked more than once: {duplicated}"
    answers = [r.content for r in rows if r.author == "candidate"]
    for answer in acked:
        assert answers.count(answer) == 1, f"acknowledged answer saved {answers.count(answer)}x"
    if full_texts is not None:
        allowed = set(full_texts)
        for row in rows:
            if row.author == "interviewer" and row.kind in UTTERANCES:
                assert row.content in allowed, f"half-saved or unknown utterance: {row.content!r}"


def events(stdout: str | bytes) -> list[dict[str, object]]:
    if isinstance(stdout, bytes):
        stdout = stdout.decode("utf-8", "replace")
    out = []
    for line in stdout.splitlines():
        if line.strip():
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError:  # the last line of a killed process may be cut
                break
    return out


def answer_block(text: str) -> str:
    """One answer in the scripted input format: lines, then a line holding only '.'."""
    return f"{text}\n.\n"


def kill_group(proc: subprocess.Popen[bytes]) -> None:
    """SIGKILL and reap a child (the way a crash or `kill -9` ends it)."""
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)


def wait_for(predicate: object, timeout: float = 10.0, interval: float = 0.01) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():  # type: ignore[operator]
            return
        time.sleep(interval)
    raise AssertionError(f"condition not met within {timeout} s")
