"""Stateless replicas on one PostgreSQL database, with a slow model (the local OpenAI-compatible
server streaming in small, delayed chunks): kill replica A mid-stream and continue through B;
SIGTERM waits for the running turn and leaves the interview paused."""

from __future__ import annotations

import json
import signal
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from tests.fakes.openai_server import FakeOpenAIServer
from tests.server.conftest import Server, parse_sse, server_env, start_server

pytestmark = [pytest.mark.postgres, pytest.mark.slow]
ANSWER = "Consistent hashing spreads keys over nodes; adding a node moves only about 1/n of keys."


@pytest.fixture
def slow_model() -> Iterator[FakeOpenAIServer]:
    with FakeOpenAIServer(chunk_chars=3, chunk_delay=0.04) as fake:
        yield fake


def _env(tmp_path: Path, name: str, url: str, fake: FakeOpenAIServer) -> dict[str, str]:
    env = server_env(
        tmp_path / name,
        url,
        OPENAI_API_KEY="test-key",
        OPENAI_BASE_URL=fake.base_url,
        INTERVIEWER_MODEL="fake-model",
        INTERVIEWER_OPENAI_TIMEOUT="20",
    )
    env.pop("INTERVIEWER_OFFLINE")
    return env


def _first_events(
    server: Server, path: str, token: str, body: dict[str, str], until: Callable[[list[str]], bool]
) -> list[dict[str, object]]:
    """POST and read the SSE stream only until `until(event names)`; then drop the connection."""
    seen: list[dict[str, object]] = []
    names: list[str] = []
    lines: list[str] = []
    with (
        httpx.Client(base_url=server.base, timeout=60) as c,
        c.stream("POST", path, json=body, headers={"Authorization": f"Bearer {token}"}) as r,
    ):
        assert r.status_code == 200
        for line in r.iter_lines():
            lines.append(line)
            if line == "":
                for event in parse_sse(iter(lines)):
                    seen.append({"event": event.event, "id": event.id, **event.data})
                    names.append(event.event)
                lines = []
                if until(names):
                    break
    return seen


def _interview(server: Server, token: str) -> int:
    with server.client(token) as c:
        r = c.post("/v1/interviews", json={"questions": 2})
    assert r.status_code == 201, r.text
    iid = int(r.json()["id"])
    first = server.stream("GET", f"/v1/interviews/{iid}/events", token)
    assert first[-1].event == "question"
    return iid


def test_kill_a_mid_stream_and_continue_through_b(
    tmp_path: Path, pg_database: Callable[[], str], slow_model: FakeOpenAIServer
) -> None:
    url = pg_database()
    a = start_server(_env(tmp_path, "a", url, slow_model), tmp_path / "a.log")
    b = start_server(_env(tmp_path, "b", url, slow_model), tmp_path / "b.log")
    try:
        token, _ = a.user()
        iid = _interview(a, token)
        seen = _first_events(
            a,
            f"/v1/interviews/{iid}/answers?deltas=true",
            token,
            {"id": "answer-1", "text": ANSWER},
            until=lambda names: "delta" in names,  # the model is mid-turn
        )
        answer = next(e for e in seen if e["event"] == "answer")
        assert a.stop(signal.SIGKILL) == -signal.SIGKILL

        # the client reconnects to B with the last event id it saw
        resumed = b.stream(
            "GET",
            f"/v1/interviews/{iid}/events",
            token,
            headers={"Last-Event-ID": str(answer["id"])},
        )
        names = [e.event for e in resumed]
        assert names[0] == "feedback" and names[-1] in ("question", "followup"), names
        assert all(int(e.id) > int(str(answer["id"])) for e in resumed if e.id)

        # the client also retries its answer (it never saw the result): the stored one comes back
        retry = b.stream(
            "POST", f"/v1/interviews/{iid}/answers", token, json={"id": "answer-1", "text": ANSWER}
        )
        assert retry[0].event == "answer" and retry[0].id == str(answer["id"])
        assert [e.id for e in retry[1:]] == [e.id for e in resumed]

        with b.client(token) as c:
            messages = c.get(f"/v1/interviews/{iid}/transcript").json()["messages"]
        assert [m["seq"] for m in messages] == list(range(1, len(messages) + 1))
        answers = [m for m in messages if m["author"] == "candidate"]
        assert [m["content"] for m in answers] == [ANSWER]  # exactly once
        feedback = [m for m in messages if m["kind"] == "feedback"]
        assert len(feedback) == 1
        # and the interview goes on through B
        turn = b.stream(
            "POST", f"/v1/interviews/{iid}/answers", token, json={"id": "answer-2", "text": ANSWER}
        )
        assert turn[0].event == "answer"
    finally:
        a.stop()
        b.stop()


def test_sigterm_drains_the_running_turn_and_pauses_the_interview(
    tmp_path: Path, pg_database: Callable[[], str], slow_model: FakeOpenAIServer
) -> None:
    url = pg_database()
    a = start_server(_env(tmp_path, "a", url, slow_model), tmp_path / "a.log")
    try:
        token, _ = a.user()
        iid = _interview(a, token)
        _first_events(
            a,
            f"/v1/interviews/{iid}/answers?deltas=true",
            token,
            {"id": "answer-1", "text": ANSWER},
            until=lambda names: "delta" in names,
        )
        # uvicorn re-raises the signal once it has shut down cleanly
        assert a.stop(signal.SIGTERM) in (0, -signal.SIGTERM)
        log = a.access_log()
        assert "Application shutdown complete" in log, log[-2000:]
        assert "Traceback" not in log
    finally:
        a.stop()
    b = start_server(_env(tmp_path, "b", url, slow_model), tmp_path / "b.log")
    try:
        with b.client(token) as c:
            detail = c.get(f"/v1/interviews/{iid}").json()
            transcript = c.get(f"/v1/interviews/{iid}/transcript").json()["messages"]
        assert detail["summary"]["status"] == "paused"
        kinds = [m["kind"] for m in transcript]
        assert kinds.count("answer") == 1
        assert "feedback" in kinds  # the turn that was running finished before the exit
        events = b.stream("POST", f"/v1/interviews/{iid}/resume", token)
        assert events[-1].event in ("question", "followup", "report")
        assert json.dumps([e.data for e in events])
    finally:
        b.stop()
