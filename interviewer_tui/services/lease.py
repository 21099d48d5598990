"""The lease protocol: who may drive an interview, and the one transaction every step runs in.

One client drives an interview at a time: a lease (owner, expiry) on the interview row, renewed
by the conditional UPDATE that every commit starts with. A commit whose UPDATE matches no row
(the lease was taken over) raises ConflictError and saves nothing. A lease left by a killed
process on this host is taken over at once; elsewhere it expires after LEASE_TTL.

`services/runner.py` drives the interview on top of this; it never writes outside `Lease.commit`.
"""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, TypeVar

from interviewer_tui.core.models import Usage
from interviewer_tui.errors import ConflictError

if TYPE_CHECKING:
    from sqlmodel import Session

    from interviewer_tui.services.context import AppContext

LEASE_TTL = timedelta(minutes=2)
T = TypeVar("T")
_HOST = socket.gethostname()


def new_lease_owner() -> str:
    return f"{_HOST}:{os.getpid()}:{uuid.uuid4().hex[:12]}"


def owner_is_dead(owner: str | None) -> bool:
    """A lease held by a process on this host that no longer exists can be taken over."""
    if not owner:
        return False
    host, _, rest = owner.partition(":")
    pid_text = rest.partition(":")[0]
    if host != _HOST or not pid_text.isdigit():
        return False
    pid = int(pid_text)
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


@dataclass(frozen=True)
class Lease:
    """The lease one runner holds on one user's interview."""

    ctx: AppContext
    user_id: int
    interview_id: int
    owner: str

    def commit(
        self,
        write: Callable[[Session, datetime], T],
        *,
        values: dict[str, Any] | None = None,
        usage: Usage | None = None,
        release: bool = False,
    ) -> T:
        """One transaction: renew the lease while updating the interview row with `values` (and
        the tokens spent), then `write(session, now)`; `release` lets the lease go instead."""
        from interviewer_tui.store import interviews as repo

        spent = usage or Usage()

        def work(session: Session) -> T:
            now = self.ctx.clock()
            if not repo.renew_and_update(
                session,
                user_id=self.user_id,
                interview_id=self.interview_id,
                owner=self.owner,
                now=now,
                ttl=LEASE_TTL,
                values=values or {},
                add_prompt_tokens=spent.prompt_tokens,
                add_completion_tokens=spent.completion_tokens,
                release=release,
            ):
                raise ConflictError(
                    f"interview {self.interview_id} was taken over by another client; "
                    "nothing was saved here"
                )
            return write(session, now)

        return self.ctx.tx(work)
