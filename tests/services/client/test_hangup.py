"""SIGHUP of a remote client (the SSH session to the box running it dropped) with an interview
open, in line mode and in the TUI (a real pseudo-terminal): the interview is left paused on the
server, or, with the server away, paused here with the unsent answer kept in the outbox, and
`interviewer resume` continues from there. Local mode does the same (tests/resilience)."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import queue
import signal
import sqlite3
import struct
import subprocess
import termios
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from interviewer_tui.core.text import sanitize_terminal
from tests.resilience.helpers import read_transcript, wait_for
from tests.server.conftest import Server, server_env, start_server
from tests.support.cli import Cli, interviewer_exe, make_cli
from tests.support.net import free_port
from tests.support.remote import candidate_messages
from tests.support.users import PASSWORD

ANSWER = "I keep a token bucket per key in Redis and refill it lazily in a Lua script."


def _server_and_cli(tmp_path: Path, **client_env: str) -> tuple[Server, dict[str, str], Cli]:
    url = f"sqlite:///{tmp_path / 'server.db'}"
    env = server_env(tmp_path / "srv", url)
    server = start_server(env, tmp_path / "server.log", port=free_port())
    cli = make_cli(tmp_path / "home", tmp_path, INTERVIEWER_SERVER=server.base, **client_env)
    reg = cli("register", "-u", "hup", "-e", "hup@example.com", "--password-stdin", stdin=PASSWORD)
    assert reg.returncode == 0, reg.stderr
    return server, env, cli


class _Lines:
    """The JSON events a child writes, read in a thread so a test can wait for one."""

    def __init__(self, proc: subprocess.Popen[bytes]) -> None:
        self.seen: list[dict[str, Any]] = []
        self._queue: queue.Queue[bytes] = queue.Queue()
        assert proc.stdout is not None
        out = proc.stdout
        threading.Thread(target=lambda: [self._queue.put(x) for x in out], daemon=True).start()

    def until(self, event: str, timeout: float = 60) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while True:
            line = self._queue.get(timeout=max(0.1, deadline - time.monotonic()))
            self.seen.append(json.loads(line))
            if self.seen[-1]["event"] == event:
                return self.seen[-1]


def _served(server: Server, path: str) -> int:
    """How many requests for `path` the server's access log shows."""
    return sum(f'"path":"{path}"' in line for line in server.access_log().splitlines())


def _hang_up(proc: subprocess.Popen[bytes]) -> int:
    proc.send_signal(signal.SIGHUP)
    try:
        return proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()


def _outbox(cli: Cli) -> tuple[list[str], list[int]]:
    """(unsent answers, interviews paused here) in the client's local store."""
    with sqlite3.connect(cli.home / "state" / "client" / "outbox.db") as db:
        answers = [str(r[0]) for r in db.execute("SELECT text FROM answers")]
        paused = [int(r[0]) for r in db.execute("SELECT interview_id FROM paused")]
    return answers, paused


def test_sighup_in_line_mode_leaves_the_interview_paused_on_the_server(tmp_path: Path) -> None:
    server, _, cli = _server_and_cli(tmp_path)
    try:
        proc = cli.popen("start", "--json", "--offline", "--questions", "2")
        lines = _Lines(proc)
        interview_id = int(lines.until("question")["interview_id"])
        assert read_transcript(server.database_url, interview_id)[0] == "in_progress"
        assert _hang_up(proc) == 130
        assert read_transcript(server.database_url, interview_id)[0] == "paused"
        assert _outbox(cli) == ([], [])
        again = cli("resume", "--json")  # continues it; end of input pauses it again
        assert again.returncode == 0, again.stderr
        assert f'"interview_id":{interview_id}' in again.stdout
    finally:
        server.stop()


def test_sighup_in_line_mode_with_the_server_away_keeps_the_answer_for_resume(
    tmp_path: Path,
) -> None:
    """The server gone, an answer typed (kept in the outbox, being re-sent), then the hang-up:
    the interview is paused here with the answer, and resume sends it once the server is back."""
    server, env, cli = _server_and_cli(tmp_path, INTERVIEWER_SERVER_RETRY_SECONDS="60")
    port = int(server.base.rsplit(":", 1)[1])
    proc = cli.popen("start", "--json", "--offline", "--questions", "1")
    lines = _Lines(proc)
    interview_id = int(lines.until("question")["interview_id"])
    # the turn is read to its end and the interview re-read (its second export): the client is
    # at the prompt, so the answer below is taken while the server is away
    wait_for(lambda: _served(server, f"/v1/interviews/{interview_id}/export") >= 2, timeout=30)
    server.stop(signal.SIGKILL)
    assert proc.stdin is not None
    proc.stdin.write(f"{ANSWER}\n.\n".encode())
    proc.stdin.flush()
    lines.until("reconnecting")
    assert _hang_up(proc) == 130
    assert _outbox(cli) == ([ANSWER], [interview_id]), lines.seen

    server = start_server(env, tmp_path / "server.log", port=port)
    try:
        again = cli("resume", "--json")
        assert again.returncode == 0, again.stderr
        assert '"event":"report"' in again.stdout
        assert candidate_messages(server.database_url, interview_id) == [("answer", ANSWER)]
        assert _outbox(cli) == ([], [])
    finally:
        server.stop()


def test_sighup_of_the_tui_leaves_the_interview_paused_on_the_server(tmp_path: Path) -> None:
    server, _, cli = _server_and_cli(tmp_path)
    try:
        screen = _tui_until_hangup(
            cli,
            ["start", "--questions", "2", "--offline"],
            shown=lambda text: "Question 1" in text or "Q1" in text,
            opened=lambda: _status(server) == "in_progress",
        )
        assert _status(server) == "paused", screen[-2000:]
    finally:
        server.stop()


def _status(server: Server) -> str | None:
    """The status of the one interview on the server (None before it exists)."""
    from sqlalchemy import create_engine, text

    engine = create_engine(server.database_url)
    try:
        with engine.connect() as conn:
            found = conn.execute(text("SELECT status FROM interviews")).scalars().all()
    finally:
        engine.dispose()
    return str(found[0]) if found else None


def _tui_until_hangup(cli: Cli, args: list[str], *, shown: Any, opened: Any) -> str:
    """Run the TUI on a pseudo-terminal until `shown(screen text)` and `opened()`, then SIGHUP
    it and wait for it to end; the screen's text."""
    env = {**cli.env, "TERM": "xterm-256color", "COLUMNS": "100", "LINES": "30"}
    pid, fd = pty.fork()
    if pid == 0:  # the child: the app on the pseudo-terminal
        os.chdir(cli.cwd)
        argv = [*interviewer_exe(), *args]
        os.execve(argv[0], argv, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    stop = threading.Event()
    screen = bytearray()

    def drain() -> None:  # keep reading, as a terminal does, so the app never blocks on output
        while not stop.is_set():
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                return
            if not chunk:
                return
            screen.extend(chunk)

    threading.Thread(target=drain, daemon=True).start()

    def text() -> str:
        return sanitize_terminal(screen.decode("utf-8", "replace"))

    try:
        wait_for(lambda: shown(text()) and opened(), timeout=60, interval=0.2)
        os.kill(pid, signal.SIGHUP)
        deadline = time.monotonic() + 30
        while os.waitpid(pid, os.WNOHANG) == (0, 0):
            assert time.monotonic() < deadline, "the app did not end after SIGHUP"
            time.sleep(0.05)
    finally:
        stop.set()
        try:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        os.close(fd)
    return text()


def test_a_hang_up_with_the_server_away_pauses_here_and_keeps_the_outbox(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the TUI's SIGHUP handler runs (services.select.pause_all_open), with the server
    gone and an answer not confirmed yet: within its short budget, paused on this computer with
    the answer kept; resume sends it when the server is back."""
    from interviewer_tui.core.plan import normalise_options
    from interviewer_tui.services.select import pause_all_open
    from tests.services.client.test_faults import _client_app

    url = f"sqlite:///{tmp_path / 'server.db'}"
    port = free_port()
    env = server_env(tmp_path / "srv", url)
    server = start_server(env, tmp_path / "server.log", port=port)
    app = _client_app(monkeypatch, tmp_path / "client", server.base)
    user = app.register_and_login(username="gone", email="gone@example.com", password=PASSWORD)
    runner = app.start_interview(
        user_id=user.user.id, options=normalise_options(questions=1), offline=True
    )
    list(runner.advance())
    server.stop(signal.SIGKILL)
    assert runner.answer(ANSWER).seq == 0  # kept here, not confirmed
    started = time.monotonic()
    pause_all_open()
    assert time.monotonic() - started < 10
    assert app.outbox.paused_here(user_id=user.user.id) == [runner.interview_id]
    assert [a.text for a in app.outbox.pending(user_id=user.user.id)] == [ANSWER]

    server = start_server(env, tmp_path / "server.log", port=port)
    try:
        again = app.resume_interview(user_id=user.user.id)
        assert again.interview_id == runner.interview_id
        list(again.advance())
        assert again.finished
        again.close()
        app.close()
        assert candidate_messages(url, runner.interview_id) == [("answer", ANSWER)]
    finally:
        server.stop()
