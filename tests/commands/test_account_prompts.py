"""The interactive prompts in a real terminal (tmux): passwords are asked twice for new accounts,
never shown on screen, and a mistyped confirmation is asked again. Also the keyring fallback as
a person on a headless box sees it."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.cli import Cli
from tests.support.tmux import TMUX, Terminal, open_terminal
from tests.support.users import PASSWORD

INTERVIEWER = Path(sys.executable).parent / "interviewer"


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    if TMUX is None:
        pytest.skip("tmux is not installed")
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
    with open_terminal(tmp_path, env, prefix="interviewer-auth") as term:
        yield term


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


def test_headless_box_falls_back_to_a_0600_file_with_a_one_time_notice(home_cli: Cli) -> None:
    """No keyring backend at all (PYTHON_KEYRING_BACKEND=keyring.backends.fail.Keyring) in auto
    mode: the session goes to a file only its owner can read, and the user is told once."""
    home_cli.env["INTERVIEWER_SESSION_STORE"] = "auto"
    first = home_cli(
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
    (path,) = (home_cli.home / "state" / "sessions").glob("*.json")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    again = home_cli("login", "-u", "alice", "--password-stdin", stdin=PASSWORD + "\n")
    assert again.returncode == 0
    assert "keyring" not in again.stderr
    who = home_cli("whoami")
    assert "session store: file" in who.stdout
    assert os.environ.get("PYTHON_KEYRING_BACKEND") == "keyring.backends.fail.Keyring"
