"""Starting the local OpenAI-compatible test server (tests/fakes) for benchmarks.

The server runs in its own process so it does not share our interpreter (it sends with
TCP_NODELAY, as real providers do, so no delayed-ACK stalls bury the milliseconds we measure).
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING

from bench.common import ROOT

if TYPE_CHECKING:
    from tests.fakes.openai_server import FakeServerControl


@contextlib.contextmanager
def fake_server(*args: str, timeout: float = 15.0) -> Iterator[FakeServerControl]:
    """Run the fake server (`args` are its CLI options) and yield its control handle."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from tests.fakes.openai_server import FakeServerControl

    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.fakes.openai_server", "--port", "0", *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        deadline = time.monotonic() + timeout
        line = ""
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if line.startswith("READY ") or not line:
                break
        if not line.startswith("READY "):
            raise RuntimeError(f"the fake OpenAI server did not start (exit {proc.poll()})")
        yield FakeServerControl(line.split()[1])
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def model_env(base_url: str) -> dict[str, str]:
    """Settings that point the app at the fake server."""
    return {
        "OPENAI_API_KEY": "bench-key",
        "OPENAI_BASE_URL": base_url,
        "INTERVIEWER_MODEL": "fake-model",
        "INTERVIEWER_OPENAI_MAX_RETRIES": "4",
    }
