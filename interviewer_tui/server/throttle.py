"""Login attempts per client address, in a sliding window kept in this process's memory.

Every login and reset request counts; a token refresh counts only when it fails. A refresh token
is 256 random bits, so only a wrong one can be an attack, and a web client behind one office NAT
refreshing every few minutes must never lock its colleagues out of logging in.

The per-account throttle lives in the database (services/credentials.py) and is exact across
replicas; this one only slows one address spraying many accounts, so a per-process count is
enough (with N replicas an address gets at most N times the limit). Nothing depends on it for
correctness: a restart forgets it.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager

from interviewer_tui.errors import AppError, AuthError, ExitCode

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
        return self._attempt(address, count=True)

    def blocked(self, address: str) -> bool:
        """True when the address used up its attempts; counts nothing."""
        return not self._attempt(address, count=False)

    def record(self, address: str) -> None:
        """Count one failed attempt that `blocked` let through."""
        with self._lock:
            self._recent(address, time.monotonic()).append(time.monotonic())

    def _attempt(self, address: str, *, count: bool) -> bool:
        now = time.monotonic()
        with self._lock:
            hits = self._recent(address, now)
            if len(hits) >= self.limit:
                return False
            if count:
                hits.append(now)
            return True

    def _recent(self, address: str, now: float) -> deque[float]:
        if len(self._hits) > MAX_ADDRESSES:
            self._hits.clear()  # bounded memory beats perfect counts under a flood
        hits = self._hits.setdefault(address, deque())
        while hits and hits[0] <= now - self.window:
            hits.popleft()
        return hits


class TooManyAttempts(AppError):
    """429 on every route: this address made too many login attempts."""

    exit_code = ExitCode.AUTH


TOO_MANY = "too many login attempts from this address: wait a few minutes"


def check(throttle: AddressThrottle, address: str) -> None:
    if not throttle.allow(address):
        raise TooManyAttempts(TOO_MANY)


@contextmanager
def failures_counted(throttle: AddressThrottle, address: str) -> Iterator[None]:
    """For token refresh: refused once the address is throttled; only a refused token counts."""
    if throttle.blocked(address):
        raise TooManyAttempts(TOO_MANY)
    try:
        yield
    except AuthError:
        throttle.record(address)
        raise
