"""A real terminal for tests: the installed `interviewer` driven through tmux (send-keys /
capture-pane). Waits poll the screen for text instead of sleeping."""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

TMUX = shutil.which("tmux")


class Terminal:
    def __init__(self, socket: str, session: str = "main") -> None:
        self.socket, self.session = socket, session

    def tmux(self, *args: str) -> str:
        return subprocess.run(
            [TMUX or "tmux", "-u", "-L", self.socket, *args],
            check=True,
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", self.session)

    def cursor(self) -> tuple[int, int]:
        """Where the terminal's cursor is: Textual keeps it (hidden) at the focused input's
        caret, so it moves when focus does."""
        out = self.tmux("display-message", "-p", "-t", self.session, "#{cursor_x} #{cursor_y}")
        x, y = out.split()
        return int(x), int(y)

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", self.session, *keys)

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-t", self.session, "-l", text)

    def line(self, text: str) -> None:
        self.type(text)
        self.keys("Enter")

    def wait_for(self, *needles: str, count: int = 1, timeout: float = 60) -> str:
        """The screen once every needle shows at least `count` times."""
        deadline = time.monotonic() + timeout
        while True:
            text = self.screen()
            if all(text.count(n) >= count for n in needles):
                return text
            if time.monotonic() > deadline:
                raise AssertionError(f"never saw {needles!r} x{count}; the screen was:\n{text}")
            time.sleep(0.05)


@contextlib.contextmanager
def open_terminal(
    cwd: Path,
    env: dict[str, str],
    *,
    prefix: str,
    width: int = 120,
    height: int = 40,
    terminal: type[Terminal] = Terminal,
) -> Iterator[Terminal]:
    """A tmux server of its own running a clean bash with exactly `env`; killed afterwards."""
    socket = f"{prefix}-{uuid.uuid4().hex[:8]}"
    exports = " ".join(f"{k}='{v}'" for k, v in env.items())
    term = terminal(socket)
    subprocess.run(
        [
            TMUX or "tmux",
            "-u",
            "-L",
            socket,
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-s",
            term.session,
            "-x",
            str(width),
            "-y",
            str(height),
            f"env -i {exports} bash --norc --noprofile",
        ],
        check=True,
        cwd=cwd,
        timeout=10,
    )
    term.tmux("set-option", "-g", "escape-time", "10")
    try:
        yield term
    finally:
        subprocess.run(
            [TMUX or "tmux", "-L", socket, "kill-server"], capture_output=True, timeout=10
        )
