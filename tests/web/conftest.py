"""A real `interviewer web` process on a free port, started the way a user starts it: the venv's
console script by its full path, with the venv's bin directory NOT on PATH (so the app command it
spawns for each tab must not depend on PATH)."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.support.cli import interviewer_script, isolated_env
from tests.support.net import free_port


@dataclass
class WebProcess:
    url: str
    port: int
    proc: subprocess.Popen[bytes]
    log: Path

    env: dict[str, str]

    def output(self) -> str:
        return self.log.read_text("utf-8", "replace")

    def interviews(self) -> list[dict[str, Any]]:
        """`interviewer history --json` as the logged-in user of this server's environment."""
        result = subprocess.run(
            [interviewer_script(), "history", "--json"],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=30,
            stdin=subprocess.DEVNULL,
        )
        assert result.returncode == 0, result.stderr
        return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def wait_listening(
    port: int, proc: subprocess.Popen[bytes], log: Path, timeout: float = 20
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"interviewer web exited {proc.returncode}:\n{log.read_text()}")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise AssertionError(f"interviewer web never listened on {port}:\n{log.read_text()}")


def web_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """The test's own isolated home, the offline interviewer, and a PATH without the venv."""
    env = isolated_env(tmp_path / "home", INTERVIEWER_OFFLINE="1", **extra)
    env["PATH"] = "/usr/local/bin:/usr/bin:/bin"
    return env


@contextlib.contextmanager
def start_web(tmp_path: Path, *args: str) -> Iterator[WebProcess]:
    """`interviewer web --port FREE ARGS` until the block ends; its output must hold no
    traceback."""
    port = free_port()
    log = tmp_path / "web.log"
    env = web_env(tmp_path, DATABASE_URL=f"sqlite:///{tmp_path / 'web.db'}")
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [interviewer_script(), "web", "--port", str(port), *args],
            env=env,
            cwd=tmp_path,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_listening(port, proc, log)
        yield WebProcess(f"http://127.0.0.1:{port}", port, proc, log, env)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        assert "Traceback" not in log.read_text("utf-8", "replace"), log.read_text()


@pytest.fixture
def web_server(tmp_path: Path) -> Iterator[WebProcess]:
    with start_web(tmp_path) as server:
        yield server


def chromium_or_skip() -> str:
    """Debian's Chromium (.ci/run installs it); in CI its absence is a failure, not a skip."""
    for path in ("/usr/bin/chromium", "/usr/bin/chromium-browser"):
        if os.access(path, os.X_OK):
            return path
    if os.environ.get("INTERVIEWER_REQUIRE_POSTGRES"):
        pytest.fail("chromium is not installed (apt-get install chromium; .ci/run does it)")
    pytest.skip("!!! chromium not installed: apt-get install chromium chromium-driver")
