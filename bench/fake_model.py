"""Starting the local OpenAI-compatible test server (tests/fakes) for benchmarks.

The server runs in its own process so it does not share our interpreter (it sends with
TCP_NODELAY, as real providers do, so no delayed-ACK stalls bury the milliseconds we measure).
"""

from __future__ import annotations

import contextlib
import sys
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
    from bench.common import scaled
    from tests.fakes.openai_server import spawn_server

    with spawn_server(*args, timeout=scaled(timeout)) as control:
        yield control


def model_env(base_url: str) -> dict[str, str]:
    """Settings that point the app at the fake server."""
    return {
        "OPENAI_API_KEY": "bench-key",
        "OPENAI_BASE_URL": base_url,
        "INTERVIEWER_MODEL": "fake-model",
        "INTERVIEWER_OPENAI_MAX_RETRIES": "4",
    }
