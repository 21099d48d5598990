"""2. TUI time to first frame, headless, against a bare Textual "hello" app.

Both run in a fresh process (cold imports), headless at 100x30, and report the moment of
Textual's Ready event (the first frame has been displayed); the figure is that moment minus the
moment we started the process. Ours is the installed `interviewer` console script with no
arguments, run as a user runs it (entry.py -> AppContext -> run_tui -> InterviewerApp) with a
fresh INTERVIEWER_HOME, so it shows the splash while the session check runs in a worker; the
probe only patches Textual's `App` (headless, quit at Ready), the same way for both apps.
Goal: within 1.3x. A second probe parks that worker to list the heavy libraries the first frame
itself needed (goal: none). A third runs past the splash to the first frame of the screen a user
can act on, logged in (the home screen, after the session check and the home screen's reads)
and as a new user (the log-in screen): issue 16 goal 2, within 1.5x of the bare app's first frame.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
import time

from bench.common import BENCH, Config, Row, base_env, median, ms, python, scaled, script

NAME = "TUI first frame"
GOAL = 1.3
USABLE_GOAL = 1.5
PASSWORD = "bench-passphrase-123"
PROBE = str(BENCH / "fixtures" / "tui_probe.py")


def probe(mode: str, env: dict[str, str]) -> tuple[float, dict[str, object]]:
    started = time.time()
    out = subprocess.run(
        [python(), PROBE, mode],
        env=env,
        capture_output=True,
        text=True,
        timeout=scaled(120),
        check=False,
    )
    lines = [line for line in out.stdout.splitlines() if line.startswith("{")]
    if out.returncode != 0 or not lines:
        raise RuntimeError(f"probe {mode} failed: {out.stderr.strip()[-300:]}")
    data = json.loads(lines[-1])
    return float(data["ready"]) - started, data


def run(cfg: Config) -> list[Row]:
    runs = cfg.n(15, 5)
    with (
        tempfile.TemporaryDirectory(prefix="bench-tui-") as home,
        tempfile.TemporaryDirectory(prefix="bench-tui-user-") as user_home,
    ):
        # both run on a pseudo-terminal with a real TERM, as in a user's shell: without one,
        # `interviewer` prints a usage note instead of opening the TUI (issue 11)
        env = base_env(
            INTERVIEWER_HOME=home, INTERVIEWER_SESSION_STORE="file", TERM="xterm-256color"
        )
        user_env = {**env, "INTERVIEWER_HOME": user_home}
        subprocess.run(
            [script("interviewer"), "register", "-u", "bench", "-e", "b@x.io", "--password-stdin"],
            input=PASSWORD + "\n",
            env=user_env,
            capture_output=True,
            text=True,
            timeout=scaled(120),
            check=True,
        )
        for mode in ("hello", "app"):
            probe(mode, env)  # warm the file cache
        probe("app-usable", user_env)
        hello: list[float] = []
        ours: list[float] = []
        home_screen: list[float] = []
        login_screen: list[float] = []
        for _ in range(runs):
            hello.append(probe("hello", env)[0])
            ours.append(probe("app", env)[0])
            home_screen.append(probe("app-usable", user_env)[0])
            login_screen.append(probe("app-usable", env)[0])
        _, parked = probe("app-imports", env)
    ratio = median(ours) / median(hello)
    heavy = list(parked.get("heavy") or [])
    usable = [
        Row(
            NAME,
            f"`interviewer` to the first usable screen: {what}",
            ms(median(times)),
            baseline_name='bare Textual "hello" app',
            baseline=ms(median(hello)),
            goal=f"<= {USABLE_GOAL}x",
            ok=median(times) / median(hello) <= USABLE_GOAL,
            note=f"{runs} runs each; from process start to the first frame of that screen",
        )
        for what, times in (
            ("home, logged in", home_screen),
            ("log-in screen, new user", login_screen),
        )
    ]
    return [
        Row(
            NAME,
            "`interviewer` script, no args (splash; session check in a worker)",
            ms(median(ours)),
            baseline_name='bare Textual "hello" app',
            baseline=ms(median(hello)),
            goal=f"<= {GOAL}x",
            ok=ratio <= GOAL,
            note=f"{runs} runs each, headless 100x30",
        ),
        Row(
            NAME,
            "heavy imports before the first frame",
            float(len(heavy)),
            unit="modules",
            goal="0",
            ok=not heavy,
            note=", ".join(heavy)
            or "none (sqlalchemy, openai, argon2, keyring load in the worker)",
        ),
        *usable,
    ]
