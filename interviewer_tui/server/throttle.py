"""Login attempts per client address, in a sliding window kept in this process's memory.

The per-account throttle lives in the database (services/credentials.py) and is exact across
replicas; this one only slows one address spraying many accounts, so a per-process count is
enough (with N replicas an address gets at most N times the limit). Nothing depends on it for
correctness: a restart forgets it.
"""

from __future__ import annotations

import threading
import time
from collections import deque

from interviewer_tui.errors import AppError, ExitCode

WINDOW_SECONDS = 300.0
MAX_ADDRESSES = 100_000


class AddressThrottle:
    def __init__(self, limit: int, window: float = WINDOW_SECONDS) -> None:
        self.limit = limit
        self.window = window
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def allow(self, address: str) -> bool:
        """Count one attempt; False once the address made `limit` attempts in the window."""
        now = time.monotonic()
        with self._lock:
            if len(self._hits) > MAX_ADDRESSES:
                self._hits.clear()  # bounded memory beats perfect counts under a flood
            hits = self._hits.setdefault(address, deque())
            while hits and hits[0] <= now - self.window:
                hits.popleft()
            if len(hits) >= self.limit:
                return False
            hits.append(now)
            return True


class TooManyAttempts(AppError):
    """429 on every route: this address made too many login attempts."""

    exit_code = ExitCode.AUTH


def check(throttle: AddressThrottle, address: str) -> None:
    if not throttle.allow(address):
        raise TooManyAttempts("too many login attempts from this address: wait a few minutes")
