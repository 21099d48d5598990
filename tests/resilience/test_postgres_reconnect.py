"""Our own PostgreSQL cluster (never the shared one) stopped mid-interview: the client keeps
reconnecting, says so ("reconnecting" events), and carries on with nothing lost once the server
is back; the pause at end of input reaches the database (the row ends `paused`, not
`in_progress`). Down for longer than INTERVIEWER_DB_RECONNECT_SECONDS, it gives up with exit 5,
claims nothing it did not save, and the next process takes the interview over at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fakes.openai_server import FakeOpenAIServer

from .conftest import OwnPostgres, make_cli, unique_turns
from .helpers import answer_block, answers_saved, assert_sound, events, read_transcript

ANSWERS = [
    "Cache-aside with a TTL, and delete on write so readers refill it from the database.",
    "Optimistic locking with a version column; the loser retries with the fresh row.",
]


def _read_until(proc: object, name: str) -> list[dict[str, object]]:
    stdout = proc.stdout  # type: ignore[attr-defined]
    seen: list[dict[str, object]] = []
    while not seen or seen[-1]["event"] != name:
        line = stdout.readline()
        assert line, f"the client stopped before a {name!r} event"
        seen += events(line)
    return seen


@pytest.mark.slow
def test_server_down_for_a_while_the_run_reconnects_and_the_pause_is_durable(
    own_postgres: OwnPostgres, own_pg_url: str, fake: FakeOpenAIServer, tmp_path: Path
) -> None:
    cli = make_cli(tmp_path, own_pg_url, fake, timeout=5.0)
    fake.configure(turn_texts=(texts := unique_turns()))
    client = cli.popen("start", "--questions", "2", "--json")
    assert client.stdin is not None
    seen = _read_until(client, "question")
    interview_id = int(seen[0]["interview_id"])  # type: ignore[arg-type]
    own_postgres.stop("fast")  # every connection dropped, and no server to reconnect to
    try:
        client.stdin.write(answer_block(ANSWERS[0]).encode())
        client.stdin.flush()
        seen += _read_until(client, "reconnecting")  # visible, and not acknowledged yet
        assert "answer" not in [e["event"] for e in seen]
    finally:
        own_postgres.start()
    seen += _read_until(client, "answer")  # saved once the server is back
    names = [e["event"] for e in seen]
    assert "reconnected" in names[: names.index("answer")], names
    again = [e for e in seen if e["event"] in ("reconnecting", "reconnected")]
    # the same neutral field as a remote client's (the server's URL there), and which database
    assert all(e["target"] == "database" and "database '" in str(e["database"]) for e in again)
    out, err = client.communicate(b"", timeout=120)  # end of input: pause
    assert client.returncode == 0, err.decode(errors="replace")
    names = [e["event"] for e in seen + events(out)]
    assert names[-1] == "paused", names
    status, rows = read_transcript(own_pg_url, interview_id)
    assert status == "paused"  # the row says what the stream said
    assert_sound(rows, acked=ANSWERS[:1], full_texts=texts)
    assert answers_saved(own_pg_url, interview_id) == ANSWERS[:1]


@pytest.mark.slow
def test_server_down_past_the_budget_exits_5_and_the_next_run_takes_over(
    own_postgres: OwnPostgres, own_pg_url: str, fake: FakeOpenAIServer, tmp_path: Path
) -> None:
    cli = make_cli(tmp_path, own_pg_url, fake, timeout=5.0)
    fake.configure(turn_texts=(texts := unique_turns()))
    client = cli.popen(
        "start", "--questions", "1", "--json", env={"INTERVIEWER_DB_RECONNECT_SECONDS": "2"}
    )
    seen = _read_until(client, "question")
    interview_id = int(seen[0]["interview_id"])  # type: ignore[arg-type]
    own_postgres.stop("fast")
    try:
        out, err = client.communicate(answer_block(ANSWERS[0]).encode(), timeout=60)
    finally:
        own_postgres.start()
    message = err.decode(errors="replace")
    names = [e["event"] for e in events(out)]
    assert client.returncode == 5, message
    assert "reconnecting" in names and names[-1] == "error", names
    assert "answer" not in names and "paused" not in names, names  # nothing claimed
    lines = message.strip().splitlines()
    assert len(lines) == 1 and "not reachable" in lines[0] and "Traceback" not in message

    again = cli.run("resume", str(interview_id), "--json", input=answer_block(ANSWERS[0]))
    assert again.returncode == 0, again.stderr  # the dead process's lease did not block it
    status, rows = read_transcript(own_pg_url, interview_id)
    assert status == "completed"
    assert_sound(rows, acked=ANSWERS[:1], full_texts=texts)
