"""SIGHUP of the terminal app (tmux window closed, SSH dropped) with an interview open: the row
ends `paused` with its lease released, not `in_progress` under a dead owner. The app runs in a
real pseudo-terminal, as a user's shell would run it."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import signal
import struct
import termios
import threading
import time

from sqlalchemy import create_engine, text

from interviewer_tui.core.text import sanitize_terminal
from tests.support.cli import Cli, interviewer_exe

from .helpers import wait_for


def _row(db_url: str, interview_id: int) -> tuple[str, str | None]:
    engine = create_engine(db_url)
    try:
        with engine.connect() as conn:
            status, owner = conn.execute(
                text("SELECT status, lease_owner FROM interviews WHERE id = :i"),
                {"i": interview_id},
            ).one()
    finally:
        engine.dispose()
    return str(status), owner


def test_sighup_of_the_tui_leaves_the_interview_paused(sqlite_rcli: Cli) -> None:
    first = sqlite_rcli.run("start", "--questions", "2", "--offline", "--json", input="")
    assert first.returncode == 0, first.stderr
    lines = [json.loads(line) for line in first.stdout.splitlines()]
    interview_id = int(lines[0]["interview_id"])
    asked = next(e["text"] for e in lines if e["event"] == "question")
    word = max(asked.split(), key=len).strip("?,.")
    db_url = sqlite_rcli.env["DATABASE_URL"]
    assert _row(db_url, interview_id) == ("paused", None)

    env = {**sqlite_rcli.env, "TERM": "xterm-256color", "COLUMNS": "100", "LINES": "30"}
    pid, fd = pty.fork()
    if pid == 0:  # the child: the app on the pseudo-terminal
        os.chdir(sqlite_rcli.cwd)
        argv = [*interviewer_exe(), "resume", str(interview_id)]
        os.execve(argv[0], argv, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    stop = threading.Event()
    screen = bytearray()

    def drain() -> None:  # keep reading, as a terminal does, so the app never blocks on output
        while not stop.is_set():
            try:
                chunk = os.read(fd, 65536)
                if not chunk:
                    return
                screen.extend(chunk)
            except OSError:
                return

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    try:
        wait_for(
            lambda: (
                _row(db_url, interview_id)[0] == "in_progress"
                and f":{pid}:" in (_row(db_url, interview_id)[1] or "")
            ),
            timeout=60,
            interval=0.2,
        )
        # the question is on screen: the interview is open in the app, not only leased
        wait_for(
            lambda: word in sanitize_terminal(screen.decode("utf-8", "replace")),
            timeout=60,
            interval=0.2,
        )
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
    assert _row(db_url, interview_id) == ("paused", None)
