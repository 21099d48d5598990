"""The interactive prompts in a real terminal (tmux): passwords are asked twice for new accounts,
never shown on screen, and a mistyped confirmation is asked again. Also the keyring fallback as
a person on a headless box sees it."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.auth.conftest import PASSWORD, Cli

TMUX = shutil.which("tmux")
INTERVIEWER = Path(sys.executable).parent / "interviewer"


class Terminal:
    def __init__(self, socket: str) -> None:
        self.socket = socket

    def tmux(self, *args: str) -> str:
        return subprocess.run(
            [TMUX or "tmux", "-L", self.socket, *args],
            check=True,
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "main")

    def line(self, text: str) -> None:
        self.tmux("send-keys", "-t", "main", "-l", text)
        self.tmux("send-keys", "-t", "main", "Enter")

    def wait_for(self, needle: str, *, count: int = 1, timeout: float = 60) -> str:
        deadline = time.monotonic() + timeout
        while True:
            text = self.screen()
            if text.count(needle) >= count:
                return text
            if time.monotonic() > deadline:
                raise AssertionError(f"never saw {needle!r} x{count}; the screen was:\n{text}")
            time.sleep(0.05)


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    if TMUX is None:
        pytest.skip("tmux is not installed")
    socket = f"interviewer-auth-{uuid.uuid4().hex[:8]}"
    env = {
        "PATH": f"{INTERVIEWER.parent}:/usr/bin:/bin",
        "HOME": str(tmp_path),
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
        "INTERVIEWER_HOME": str(tmp_path / "home"),
        "INTERVIEWER_SESSION_STORE": "file",
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        "PS1": "$ ",
    }
    exports = " ".join(f"{k}='{v}'" for k, v in env.items())
    subprocess.run(
        [
            TMUX,
            "-L",
            socket,
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-s",
            "main",
            "-x",
            "120",
            "-y",
            "40",
            f"env -i {exports} bash --norc --noprofile",
        ],
        check=True,
        cwd=tmp_path,
        timeout=10,
    )
    try:
        yield Terminal(socket)
    finally:
        subprocess.run([TMUX, "-L", socket, "kill-server"], capture_output=True, timeout=10)


@pytest.mark.tmux
def test_register_and_login_prompts_hide_the_password(terminal: Terminal) -> None:
    terminal.line("interviewer register; echo STATUS=$?")
    terminal.wait_for("Username:")
    terminal.line("alice")
    terminal.wait_for("Email:")
    terminal.line("alice@example.com")
    terminal.wait_for("Password:")
    terminal.line(PASSWORD)
    terminal.wait_for("Repeat for confirmation:")
    terminal.line("a-different-password-9")  # mistyped: asked again
    terminal.wait_for("do not match")
    terminal.wait_for("Password:", count=2)
    terminal.line(PASSWORD)
    terminal.wait_for("Repeat for confirmation:", count=2)
    terminal.line(PASSWORD)
    screen = terminal.wait_for("STATUS=0")
    assert "registered alice <alice@example.com> and logged in" in screen

    terminal.line(
        "interviewer logout && interviewer login --email alice@example.com; echo STATUS=$?"
    )
    terminal.wait_for("Password:", count=3)
    terminal.line(PASSWORD)
    screen = terminal.wait_for("STATUS=0", count=2)
    assert "logged in as alice" in screen
    assert PASSWORD not in screen
    assert "a-different-password-9" not in screen


def test_headless_box_falls_back_to_a_0600_file_with_a_one_time_notice(cli: Cli) -> None:
    """No keyring backend at all (PYTHON_KEYRING_BACKEND=keyring.backends.fail.Keyring) in auto
    mode: the session goes to a file only its owner can read, and the user is told once."""
    cli.env["INTERVIEWER_SESSION_STORE"] = "auto"
    first = cli(
        "register",
        "-u",
        "alice",
        "-e",
        "alice@example.com",
        "--password-stdin",
        stdin=PASSWORD + "\n",
    )
    assert first.returncode == 0, first.stderr
    assert "note: no OS keyring is available" in first.stderr
    (path,) = (cli.home / "state" / "sessions").glob("*.json")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    again = cli("login", "-u", "alice", "--password-stdin", stdin=PASSWORD + "\n")
    assert again.returncode == 0
    assert "keyring" not in again.stderr
    who = cli("whoami")
    assert "session store: file" in who.stdout
    assert os.environ.get("PYTHON_KEYRING_BACKEND") == "keyring.backends.fail.Keyring"
