"""An exclusive lock between processes of this computer, held on a file (flock / LockFileEx).

Used around a session refresh so that commands started together take turns: the first rotates
the refresh token and saves the new session; the others, once they hold the lock, find that
session already saved and use it instead of presenting the old token again.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

POLL_SECONDS = 0.02


class LockError(Exception):
    """The lock could not be taken (raised before the block runs, never from inside it)."""


class LockTimeout(LockError):
    """The lock stayed taken for the whole timeout."""


@contextlib.contextmanager
def exclusive(path: Path, *, timeout: float) -> Iterator[None]:
    """Hold an exclusive lock on `path` (created 0600) for the duration of the block."""
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as exc:
        raise LockError(f"cannot open {path}: {exc.strerror}") from None
    try:
        deadline = time.monotonic() + timeout
        while not _try_lock(fd):
            if time.monotonic() >= deadline:
                raise LockTimeout(str(path))
            time.sleep(POLL_SECONDS)
        try:
            yield
        finally:
            _unlock(fd)
    finally:
        os.close(fd)


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
