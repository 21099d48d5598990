"""End to end in a real terminal: the installed `interviewer` driven through tmux.

register -> start an (offline) interview -> answer a question -> quit -> start again -> resume.
Every wait polls `capture-pane` (text, and where the cursor is); nothing sleeps for a fixed time.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.tmux import TMUX, open_terminal
from tests.support.tmux import Terminal as BaseTerminal

pytestmark = [pytest.mark.tmux, pytest.mark.slow]

INTERVIEWER = shutil.which("interviewer", path=str(Path(sys.executable).parent)) or shutil.which(
    "interviewer"
)


class Terminal(BaseTerminal):
    """The shared tmux terminal, plus the pauses and field moves a Textual form needs."""

    def settle(self) -> None:
        """Wait until the app is still: the same screen and cursor on three polls 0.1 s apart.
        Textual focuses a new screen's field a loop turn or two after drawing it; keys sent
        before then would land on the old widget."""
        deadline = time.monotonic() + 30
        seen: list[tuple[str, tuple[int, int]]] = []
        while len(seen) < 3 or len(set(seen[-3:])) > 1:
            if time.monotonic() > deadline:
                raise AssertionError(f"the screen never settled:\n{self.screen()}")
            seen.append((self.screen(), self.cursor()))
            time.sleep(0.1)

    def fill(self, text: str, *, shown: str | None = None, times: int = 1) -> None:
        """Type into the focused field and wait until it shows (passwords show as dots)."""
        self.type(text)
        needle = shown if shown is not None else text
        deadline = time.monotonic() + 15
        while self.screen().count(needle) < times:
            if time.monotonic() > deadline:
                raise AssertionError(f"{needle!r} never appeared {times}x:\n{self.screen()}")
            time.sleep(0.1)

    def next_field(self) -> None:
        """Tab to the next field, and wait until the cursor has moved there."""
        before = self.cursor()
        self.keys("Tab")
        deadline = time.monotonic() + 30
        while self.cursor() == before:
            if time.monotonic() > deadline:
                raise AssertionError(f"Tab never moved the cursor:\n{self.screen()}")
            time.sleep(0.05)


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    if TMUX is None:
        pytest.skip("tmux is not installed (.ci/run installs it)")
    if INTERVIEWER is None:
        pytest.skip("the `interviewer` command is not installed in this environment")
    env = {
        "PATH": f"{Path(INTERVIEWER).parent}:{os.environ.get('PATH', '/usr/bin:/bin')}",
        "HOME": str(tmp_path),
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
        "INTERVIEWER_HOME": str(tmp_path / "home"),
        "INTERVIEWER_OFFLINE": "1",
        "INTERVIEWER_SESSION_STORE": "file",
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
    }
    with open_terminal(
        tmp_path, env, prefix="interviewer-test", width=100, height=32, terminal=Terminal
    ) as term:
        yield term


def run_app(term: Terminal, run: int, *args: str) -> str:
    """Start `interviewer ARGS`; returns the line the shell prints when it exits (code 0)."""
    term.type(" ".join(["interviewer", *args]) + f"; echo EXITED-{run}:$?")
    term.keys("Enter")
    return f"EXITED-{run}:0"


def test_register_answer_quit_and_resume(terminal: Terminal) -> None:
    exited = run_app(terminal, 1)
    terminal.wait_for("Log in", "Register")
    terminal.settle()
    terminal.keys("C-r")
    terminal.wait_for("Repeat password")
    terminal.settle()
    terminal.fill("tmuxuser")
    terminal.next_field()
    terminal.fill("tmux@example.com")
    terminal.next_field()
    terminal.fill("a long passphrase 123", shown="•" * 21)
    terminal.next_field()
    terminal.fill("a long passphrase 123", shown="•" * 21, times=2)
    terminal.keys("Enter")
    terminal.wait_for("Welcome, tmuxuser.")  # first login after registering
    terminal.settle()

    terminal.keys("n")
    terminal.wait_for("Difficulty", "Topics")
    terminal.keys("C-s")
    terminal.wait_for("Interviewer · Q1", "your turn")
    terminal.settle()

    terminal.fill("I would start by measuring, then add an index.")
    terminal.keys("C-j")
    terminal.wait_for("Feedback · Q1", timeout=40)
    # a thin answer earns one probing follow-up at medium difficulty; answer it to reach Q2
    terminal.wait_for("Interviewer · follow-up · Q1", "your turn", timeout=40)
    terminal.settle()
    terminal.fill(
        "The request goes through the load balancer to a stateless API and then Postgres."
    )
    terminal.keys("C-j")
    terminal.wait_for("Interviewer · Q2", "your turn", timeout=40)

    terminal.keys("C-q")
    terminal.wait_for("Leave this interview?", "progress is saved")
    terminal.keys("y")
    terminal.wait_for(exited)

    exited = run_app(terminal, 2)
    terminal.wait_for("Unfinished interview #1", "1/12")
    terminal.settle()
    terminal.keys("c")
    screen = terminal.wait_for("Interviewer · Q2", "your turn")
    assert "Q 2/12" in screen
    terminal.keys("C-q")
    terminal.wait_for("Leave this interview?")
    terminal.keys("y")
    terminal.wait_for(exited)

    # `interviewer resume` on a terminal opens the TUI straight in the interview
    exited = run_app(terminal, 3, "resume")
    screen = terminal.wait_for("Interviewer · Q2", "your turn")
    assert "Welcome back" not in screen
    terminal.keys("C-q")
    terminal.wait_for("Leave this interview?")
    terminal.keys("y")
    terminal.wait_for(exited)
