"""Starting the local OpenAI-compatible test server (tests/fakes) for benchmarks.

The server runs in its own process so it does not share our interpreter. We start it through
`bench.fake_model` itself to switch Nagle's algorithm off on its sockets: without TCP_NODELAY a
reply written in two pieces on a kept-alive connection waits for the client's delayed ACK (about
40 ms), which would bury the few milliseconds we measure. Real providers send with TCP_NODELAY.
"""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

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
        [sys.executable, "-m", "bench.fake_model", "--port", "0", *args],
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


def _serve(argv: list[str]) -> int:
    from tests.fakes import openai_server as fs

    setup = fs._Handler.setup

    def setup_nodelay(self: Any) -> None:
        setup(self)
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    fs._Handler.setup = setup_nodelay  # type: ignore[method-assign]
    return fs.main(argv)


if __name__ == "__main__":
    sys.exit(_serve(sys.argv[1:]))
