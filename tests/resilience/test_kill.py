"""Process faults: SIGKILL of a scripted `interviewer start --json` at random points of a
50-answer interview, on SQLite and PostgreSQL. After `interviewer resume`, every acknowledged
answer (an `answer` event seen before the kill) is saved exactly once, every answer lands once
and in order, and no interviewer turn is duplicated or half-saved.

The kill points come from the run's seed (the pytest header and every assertion message name it:
INTERVIEWER_TEST_SEED=N replays them).
"""

from __future__ import annotations

import random
import subprocess
import time

import pytest

from tests.conftest import run_seed
from tests.fakes.openai_server import FakeOpenAIServer
from tests.support.cli import Cli

from .conftest import unique_turns
from .helpers import answer_block, answers_saved, assert_sound, events, kill_group, read_transcript

QUESTIONS = 25  # with one follow-up each: 50 answers
KILLS = 8
ANSWERS = [
    f"Answer {k}: idempotency keys, retries with jittered backoff, and a circuit breaker."
    for k in range(1, 2 * QUESTIONS + 1)
]


def _run_until_killed(
    proc: subprocess.Popen[bytes], rng: random.Random, *, first: bool
) -> list[dict[str, object]]:
    """Read a random number of events, wait a random moment, SIGKILL; all events it wrote."""
    assert proc.stdout is not None
    wanted = rng.randint(1, 10)
    if not first and rng.random() < 0.25:
        wanted = 0  # sometimes kill during start-up: settings, lease, resume
    lines: list[bytes] = []
    while len(lines) < wanted:
        line = proc.stdout.readline()
        if not line:
            break
        lines.append(line)
    time.sleep(rng.uniform(0.0, 0.25 if wanted == 0 else 0.04))
    kill_group(proc)
    rest = proc.stdout.read()
    proc.stdout.close()
    return events(b"".join(lines) + rest)


@pytest.mark.slow
@pytest.mark.parametrize(
    "db_url", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)], indirect=True
)
def test_sigkill_at_random_points_loses_no_acknowledged_answer(
    rcli: Cli, fake: FakeOpenAIServer, db_url: str, rng: random.Random
) -> None:
    why = f"(INTERVIEWER_TEST_SEED={run_seed()})"
    texts = unique_turns()
    # every answer earns one follow-up; small delayed chunks so kills land mid-stream too
    fake.configure(turn_texts=texts, follow_up=True, score=6, chunk_chars=12, chunk_delay=0.002)
    db = rcli.env["DATABASE_URL"]
    acked: list[str] = []
    interview_id: int | None = None
    kills = 0
    final: subprocess.CompletedProcess[bytes] | None = None
    while final is None:
        saved = answers_saved(db, interview_id) if interview_id else []
        assert saved == ANSWERS[: len(saved)], f"answers lost, repeated or reordered {why}"
        remaining = ANSWERS[len(saved) :]
        if interview_id is None:
            args = ["start", "--questions", str(QUESTIONS), "--json"]
        else:
            args = ["resume", str(interview_id), "--json"]
        proc = rcli.popen(*args)
        script = "".join(answer_block(a) for a in remaining).encode()
        if kills < KILLS:
            assert proc.stdin is not None and proc.stderr is not None
            proc.stdin.write(script)
            proc.stdin.close()
            got = _run_until_killed(proc, rng, first=interview_id is None)
            proc.stderr.close()
            kills += 1
        else:
            out, err = proc.communicate(script, timeout=180)
            assert proc.returncode == 0, f"{err.decode(errors='replace')} {why}"
            final = subprocess.CompletedProcess(args, 0, out, err)
            got = events(out)
        if got and interview_id is None:
            interview_id = int(got[0]["interview_id"])  # type: ignore[arg-type]
        assert interview_id is not None, f"killed before the interview was created {why}"
        # the k-th `answer` event of this run acknowledges the k-th answer we sent it
        acks = [e for e in got if e["event"] == "answer"]
        acked.extend(remaining[: len(acks)])
        if read_transcript(db, interview_id)[0] == "completed":
            break

    status, rows = read_transcript(db, interview_id)
    assert status == "completed", why
    assert kills == KILLS
    assert_sound(rows, acked=acked, full_texts=texts)
    assert answers_saved(db, interview_id) == ANSWERS, f"not every answer exactly once {why}"
    utterances = [r.content for r in rows if r.author == "interviewer" and r.kind != "feedback"]
    assert len(utterances) == len(set(utterances)), f"an interviewer turn was duplicated {why}"
    assert [r.kind for r in rows].count("feedback") == len(ANSWERS), why
    if final is not None:
        assert events(final.stdout)[-1]["event"] == "report", why
