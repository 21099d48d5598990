"""Who drives an interview: the lease owner record, how to tell that its process is gone, and the
heartbeat that keeps a live owner's lease fresh.

The owner is written into `interviews.lease_owner` as `host:pid:boot:holder`. On the same host a
dead owner is recognised at once (its pid is gone, or the machine rebooted since: another boot
id). From another host nothing can be checked, so the lease is short (LEASE_TTL) and a live owner
renews it every HEARTBEAT, even while the candidate is thinking: a crashed client on another
machine blocks its interview for at most LEASE_TTL, a live one never loses it.

`holder` is `login.nonce`: the login (refresh-token family) the interview is driven for, and a
nonce per open runner, so two windows of one login still exclude each other (issue 13). The
login is what owns the lease: a server request writes its caller's family, never anything of
its own, and ending a login (logout, revocation, logout everywhere, a password change or
reset) releases every lease it holds. host:pid:boot only tells whether the runner that wrote
the record is still alive.
"""

from __future__ import annotations

import contextlib
import os
import socket
import threading
import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from interviewer_tui.services.context import AppContext

LEASE_TTL = timedelta(seconds=30)
HEARTBEAT_SECONDS = 10.0
OWNER_MAX = 64  # the column's width
LOGIN_MAX = 24
NO_LOGIN = "-"
_HOST = socket.gethostname()


def _boot_id() -> str:
    """This machine's boot id (Linux), so a pid from before a reboot is never taken as alive."""
    try:
        with open("/proc/sys/kernel/random/boot_id", encoding="ascii") as fh:
            return fh.read().strip().replace("-", "")[:8]
    except OSError:
        return "-"


_BOOT = _boot_id()


@dataclass(frozen=True)
class LeaseOwner:
    host: str
    pid: int
    boot: str
    holder: str

    @property
    def login(self) -> str | None:
        """The login (token family) this lease is held for; None: none (a tool, older records)."""
        login, dot, _nonce = self.holder.partition(".")
        return login if dot and login != NO_LOGIN else None

    def format(self) -> str:
        tail = f":{self.pid}:{self.boot}:{self.holder}"
        return self.host[: OWNER_MAX - len(tail)] + tail

    @classmethod
    def parse(cls, text: str) -> LeaseOwner | None:
        """The record, or None for a value this version cannot read (then only expiry frees it).
        Reads the older `host:pid:holder` form as well (no boot id)."""
        parts = text.rsplit(":", 3)
        if len(parts) == 4 and parts[1].isdigit():
            return cls(parts[0], int(parts[1]), parts[2], parts[3])
        old = text.rsplit(":", 2)
        if len(old) == 3 and old[1].isdigit():
            return cls(old[0], int(old[1]), "", old[2])
        return None


def _this_host_as_written(record: LeaseOwner) -> str:
    """Our host name cut as `format` would cut it in a record like this one."""
    return LeaseOwner(_HOST, record.pid, record.boot, record.holder).format().rsplit(":", 3)[0]


def new_lease_owner(login: str | None = None) -> str:
    """A record for a runner opened on behalf of `login` (a token family id, at most 24 chars)."""
    holder = f"{(login or NO_LOGIN)[:LOGIN_MAX]}.{uuid.uuid4().hex[:6]}"
    return LeaseOwner(_HOST, os.getpid(), _BOOT, holder).format()


def holder_pattern(login: str) -> str:
    """A SQL LIKE pattern matching every record held for `login` (family ids are hex: no
    wildcard characters to escape)."""
    return f"%:{login}.%"


def owner_is_dead(owner: str | None) -> bool:
    """A lease held by a process on this host that no longer exists can be taken over at once."""
    record = LeaseOwner.parse(owner) if owner else None
    if record is None or record.host != _this_host_as_written(record):
        return False
    if record.boot and _BOOT != "-" and record.boot != _BOOT:
        return True  # written before this machine last booted: that process is gone
    if record.pid == os.getpid():
        return False
    try:
        os.kill(record.pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


class Heartbeat:
    """Renews the lease every HEARTBEAT_SECONDS from a daemon thread until stopped.

    It only moves `lease_expires_at` of a row we still own; a failed renewal (database down) is
    skipped quietly: the next commit or heartbeat tries again, and the runner's own commits
    report real failures.
    """

    def __init__(self, ctx: AppContext, *, interview_id: int, owner: str) -> None:
        self._ctx = ctx
        self._interview_id = interview_id
        self._owner = owner
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="lease-heartbeat", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join(timeout=5)

    def _run(self) -> None:
        from interviewer_tui.errors import AppError
        from interviewer_tui.store import interviews as repo
        from interviewer_tui.store.engine import run_in_session

        while not self._stop.wait(HEARTBEAT_SECONDS):
            with contextlib.suppress(AppError, Exception):
                run_in_session(
                    self._ctx.engine,
                    lambda s: repo.extend_lease(
                        s,
                        interview_id=self._interview_id,
                        owner=self._owner,
                        expires_at=self._ctx.lease_clock(s) + LEASE_TTL,
                    ),
                )
