"""How long an account is locked after repeated failed logins (pure arithmetic, no I/O).

The first few failures cost nothing; from then on each failure locks the account for twice as
long as the previous one, capped at 15 minutes, so a stranger guessing passwords can at worst keep
an account in 15-minute windows, and the owner's existing sessions are never touched.
"""

from __future__ import annotations

FREE_FAILURES = 4
FIRST_LOCK_SECONDS = 30
MAX_LOCK_SECONDS = 15 * 60


def lock_seconds(failures: int) -> int:
    """Seconds to lock the account once it has `failures` consecutive failed attempts."""
    if failures <= FREE_FAILURES:
        return 0
    doublings = min(failures - FREE_FAILURES - 1, 16)
    return min(MAX_LOCK_SECONDS, FIRST_LOCK_SECONDS << doublings)


def describe_wait(seconds: float) -> str:
    seconds = max(1, round(seconds))
    if seconds < 90:
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    minutes = -(-seconds // 60)
    return f"{minutes} minutes"
