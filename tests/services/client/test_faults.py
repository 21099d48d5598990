"""Network faults with real server processes: killed mid-stream and restarted, unreachable, slow,
a connection cut half way through a response, and TLS with a throwaway CA."""

from __future__ import annotations

import json
import signal
import socket
import ssl
import threading
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from interviewer_tui.services.events import MessageSaved, TurnDelta, TurnRetry
from tests.fakes.openai_server import FakeOpenAIServer
from tests.server.conftest import server_env, start_server
from tests.support.cli import make_cli
from tests.support.contexts import Shell
from tests.support.net import free_port
from tests.support.remote import candidate_messages, serve
from tests.support.tcp_proxy import TcpProxy
from tests.support.users import PASSWORD

FIRST = "I keep a token bucket per key in Redis and refill it lazily in a Lua script."
SECOND = "A B-tree keeps keys sorted so a range scan walks neighbouring leaf pages."


def _client_app(
    monkeypatch: pytest.MonkeyPatch, home: Path, server: str, *, retry_seconds: int = 60
) -> Any:
    from interviewer_tui.config import load_settings
    from interviewer_tui.services.context import AppContext
    from interviewer_tui.services.select import build

    for name, value in {
        "INTERVIEWER_HOME": str(home),
        "INTERVIEWER_SERVER": server,
        "INTERVIEWER_SESSION_STORE": "file",
        "INTERVIEWER_SERVER_RETRY_SECONDS": str(retry_seconds),
    }.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    ctx = AppContext(load_settings())
    return Shell(build(ctx), ctx)


def test_server_killed_mid_stream_and_restarted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SIGKILL while the next question streams, a new server on the same port and database: the
    client says it is reconnecting, the interview completes, each answer is stored once."""
    with FakeOpenAIServer(chunk_chars=4, chunk_delay=0.02) as model:
        url = f"sqlite:///{tmp_path / 'server.db'}"
        env = server_env(
            tmp_path / "srv",
            url,
            INTERVIEWER_OFFLINE="false",
            OPENAI_API_KEY="test-key",
            OPENAI_BASE_URL=model.base_url,
        )
        port = free_port()
        server = start_server(env, tmp_path / "server.log", port=port)
        app = _client_app(monkeypatch, tmp_path / "client", server.base)
        told: list[int] = []
        reached: set[tuple[str, str]] = set()

        def watch(attempt: int, delay: float, where: Any) -> None:
            told.append(attempt)
            reached.add((where.target, where.label))

        app.watch_connection(watch)
        from interviewer_tui.core.plan import normalise_options

        user = app.register_and_login(username="kim", email="kim@example.com", password=PASSWORD)
        runner = app.start_interview(
            user_id=user.user.id, options=normalise_options(questions=2), offline=False
        )
        list(runner.advance())
        assert runner.awaiting_answer and runner.question_number == 1
        assert runner.answer(FIRST).seq > 0

        restarted: list[Any] = []
        seen: list[Any] = []
        for event in runner.advance():
            seen.append(event)
            if isinstance(event, TurnDelta) and not restarted:
                server.stop(signal.SIGKILL)  # mid-stream: the question is half shown
                restarted.append(None)

                def again() -> None:
                    restarted[0] = start_server(env, tmp_path / "server.log", port=port)

                threading.Thread(target=again, daemon=True).start()
        assert any(isinstance(e, TurnRetry) for e in seen), "the partial text was dropped"
        assert told and told[0] == 1 and told[-1] == 0, told  # reconnecting… then back
        # what it reconnects to, in the port's neutral field: the server's URL
        assert reached == {(server.base, f"the interviewer server at {server.base}")}
        questions = [
            e for e in seen if isinstance(e, MessageSaved) and e.message.kind == "question"
        ]
        assert [q.message.question_number for q in questions] == [2]  # shown once
        assert runner.awaiting_answer and runner.question_number == 2
        runner.answer(SECOND)
        list(runner.advance())
        assert runner.finished and runner.report() is not None
        runner.close()
        app.close()
        restarted[0].stop()
    stored = candidate_messages(url, runner.interview_id)
    assert stored == [("answer", FIRST), ("answer", SECOND)]


def test_answer_outbox_survives_a_server_away_then_resume_sends_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The server gone before an answer is sent, for longer than the retry window: the command
    stops (exit 6 in a shell), the interview is paused here with the answer in the outbox, and
    resume sends it once the server is back."""
    url = f"sqlite:///{tmp_path / 'server.db'}"
    port = free_port()
    env = server_env(tmp_path / "srv", url)
    server = start_server(env, tmp_path / "server.log", port=port)
    app = _client_app(monkeypatch, tmp_path / "client", server.base, retry_seconds=1)
    from interviewer_tui.core.plan import normalise_options
    from interviewer_tui.errors import ServerUnreachableError

    user = app.register_and_login(username="lee", email="lee@example.com", password=PASSWORD)
    runner = app.start_interview(
        user_id=user.user.id, options=normalise_options(questions=1), offline=True
    )
    list(runner.advance())
    server.stop(signal.SIGKILL)
    pending = runner.answer(FIRST)
    assert pending.seq == 0  # kept here, not confirmed
    with pytest.raises(ServerUnreachableError, match="kept on this computer"):
        list(runner.advance())
    runner.close()  # paused here: the server is away
    assert app.outbox.paused_here(user_id=user.user.id) == [runner.interview_id]

    server = start_server(env, tmp_path / "server.log", port=port)
    again = app.resume_interview(user_id=user.user.id)
    assert again.interview_id == runner.interview_id
    list(again.advance())
    assert again.finished
    again.close()
    app.close()
    server.stop()
    assert candidate_messages(url, runner.interview_id) == [("answer", FIRST)]
    assert app.outbox.pending(user_id=user.user.id) == []


def test_unreachable_and_slow_servers_are_one_line_with_the_url(tmp_path: Path) -> None:
    closed = f"http://127.0.0.1:{free_port()}"
    cli = make_cli(tmp_path / "home", tmp_path, INTERVIEWER_SERVER=closed)
    down = cli("login", "-u", "x", "--password-stdin", stdin=PASSWORD + "\n")
    assert down.returncode == 6, down.stderr
    assert down.stderr.strip().splitlines() == [
        f"error: cannot reach the interviewer server at {closed}: connection refused "
        "(is `interviewer serve` running there?)"
    ]
    with socket.socket() as silent:  # accepts, never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        slow = f"http://127.0.0.1:{silent.getsockname()[1]}"
        started = time.monotonic()
        late = cli(
            "login",
            "-u",
            "x",
            "--password-stdin",
            stdin=PASSWORD + "\n",
            INTERVIEWER_SERVER=slow,
            INTERVIEWER_SERVER_TIMEOUT="1",
        )
        assert late.returncode == 6, late.stderr
        assert f"{slow}: no answer within 1 s" in late.stderr
        assert time.monotonic() - started < 20
    plain = cli(
        "login",
        "--server",
        "http://interviews.example.com",
        "-u",
        "x",
        "--password-stdin",
        stdin=PASSWORD + "\n",
    )
    assert plain.returncode == 2 and "refusing plain http://" in plain.stderr
    assert "Traceback" not in cli.output()


def test_connection_cut_half_way_through_responses(tmp_path: Path) -> None:
    """A proxy that breaks the next connections after 1500 bytes of the server's reply: the
    interview still completes in line mode, every answer stored once."""
    url = f"sqlite:///{tmp_path / 'server.db'}"
    server = serve(tmp_path / "srv", url)
    try:
        host, port = server.base.removeprefix("http://").split(":")
        with TcpProxy((host, int(port))) as proxy:
            cli = make_cli(
                tmp_path / "home", tmp_path, INTERVIEWER_SERVER=f"http://127.0.0.1:{proxy.port}"
            )
            reg = cli(
                "register",
                "-u",
                "cut",
                "-e",
                "cut@example.com",
                "--password-stdin",
                stdin=PASSWORD + "\n",
            )
            assert reg.returncode == 0, reg.stderr
            proxy.drop_next(3, after_bytes=1500)
            run = cli(
                "start",
                "--json",
                "--offline",
                "--questions",
                "2",
                stdin=f"{FIRST}\n.\n{SECOND}\n.\n",
            )
            assert run.returncode == 0, run.stderr
            assert '"event":"report"' in run.stdout
            events = [json.loads(line) for line in run.stdout.splitlines()]
            again = [e for e in events if e["event"] in ("reconnecting", "reconnected")]
            assert again and again[0]["event"] == "reconnecting", events
            # `target` names the server (as `"database"` names a local one); no `database` here
            proxied = f"http://127.0.0.1:{proxy.port}"
            assert all(e["target"] == proxied and "database" not in e for e in again), again
        interview_id = int(run.stdout.split('"interview_id":')[1].split(",")[0])
        stored = [c for k, c in candidate_messages(url, interview_id) if k == "answer"]
        assert stored.count(FIRST) == 1 and stored.count(SECOND) == 1, stored
    finally:
        server.stop()


def test_a_create_whose_response_is_cut_is_sent_again_and_makes_one_interview(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The server creates the interview but the network breaks before its answer arrives: the
    client sends the request again with the same id and gets that interview, not a second."""
    url = f"sqlite:///{tmp_path / 'server.db'}"
    server = serve(tmp_path / "srv", url)
    try:
        host, port = server.base.removeprefix("http://").split(":")
        with TcpProxy((host, int(port))) as proxy:
            app = _client_app(monkeypatch, tmp_path / "client", f"http://127.0.0.1:{proxy.port}")
            from interviewer_tui.core.plan import normalise_options

            user = app.register_and_login(
                username="twice", email="twice@example.com", password=PASSWORD
            )
            app.conn.close()  # the create goes on a new connection: the one the proxy cuts
            proxy.drop_next(1, after_bytes=20)
            runner = app.start_interview(
                user_id=user.user.id, options=normalise_options(questions=1), offline=True
            )
            list(runner.advance())
            assert runner.awaiting_answer
            runner.close()
            app.close()
        with server.client(_token(server, "twice")) as c:
            items = c.get("/v1/interviews").json()["items"]
        assert [i["id"] for i in items] == [runner.interview_id]
    finally:
        server.stop()


def _token(server: Any, username: str) -> str:
    with server.client() as c:
        r = c.post("/v1/sessions", json={"identifier": username, "password": PASSWORD})
    assert r.status_code == 200, r.text
    return str(r.json()["access_token"])


def test_tls_with_a_private_ca_accepted_and_a_wrong_ca_refused(tmp_path: Path) -> None:
    import trustme

    ca, other = trustme.CA(), trustme.CA()
    cert = ca.issue_cert("127.0.0.1", "localhost")
    cert.private_key_and_cert_chain_pem.write_to_path(str(tmp_path / "server.pem"))
    ca.cert_pem.write_to_path(str(tmp_path / "ca.pem"))
    other.cert_pem.write_to_path(str(tmp_path / "other.pem"))
    port = free_port()
    env = server_env(tmp_path / "srv", f"sqlite:///{tmp_path / 'server.db'}")
    import subprocess

    from tests.support.cli import interviewer_script

    proc = subprocess.Popen(
        [
            interviewer_script(),
            "serve",
            "--port",
            str(port),
            "--ssl-certfile",
            str(tmp_path / "server.pem"),
            "--ssl-keyfile",
            str(tmp_path / "server.pem"),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"https://127.0.0.1:{port}"
    try:
        context = ssl.create_default_context(cafile=str(tmp_path / "ca.pem"))
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/readyz", verify=context, timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                assert time.monotonic() < deadline and proc.poll() is None
                time.sleep(0.1)
        cli = make_cli(tmp_path / "home", tmp_path)
        good = cli(
            "register",
            "--server",
            base,
            "--ca-bundle",
            str(tmp_path / "ca.pem"),
            "-u",
            "tls",
            "-e",
            "tls@example.com",
            "--password-stdin",
            stdin=PASSWORD + "\n",
        )
        assert good.returncode == 0, good.stderr
        who = cli("whoami")  # the server and its CA bundle were remembered
        assert who.returncode == 0 and f"server: {base}" in who.stdout
        wrong = cli(
            "login",
            "--server",
            base,
            "--ca-bundle",
            str(tmp_path / "other.pem"),
            "-u",
            "tls",
            "--password-stdin",
            stdin=PASSWORD + "\n",
        )
        assert wrong.returncode == 6
        assert (
            f"cannot reach the interviewer server at {base}: its TLS certificate is not "
            "trusted" in wrong.stderr
        )
        public = cli("history", INTERVIEWER_CA_BUNDLE="", SSL_CERT_FILE="")
        assert public.returncode in (0, 6)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
