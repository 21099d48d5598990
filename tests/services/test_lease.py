"""The lease on SQLite and PostgreSQL: short, kept alive by a heartbeat while its runner is open
(a candidate thinking for longer than the lease keeps it), and so free within one lease of the
owner's death even for a client on another host, which cannot check the owner's pid."""

from __future__ import annotations

import os
import time
from datetime import timedelta

import pytest

from interviewer_tui.core.models import InterviewOptions
from interviewer_tui.errors import ConflictError
from interviewer_tui.services import interviews as svc
from interviewer_tui.services import lease

from .conftest import ScriptedModel


def _opts() -> InterviewOptions:
    return InterviewOptions(difficulty="easy", topics=("caching",), questions=1)  # type: ignore[arg-type]


@pytest.fixture
def short_lease(monkeypatch: pytest.MonkeyPatch) -> timedelta:
    """The production lease (30 s) scaled down so the test takes seconds, not minutes."""
    ttl = timedelta(seconds=1.5)
    monkeypatch.setattr(lease, "LEASE_TTL", ttl)
    monkeypatch.setattr(lease, "HEARTBEAT_SECONDS", 0.25)
    return ttl


def test_a_live_owner_keeps_its_lease_and_a_dead_one_frees_it_within_one_lease(
    ctx, user_id, short_lease: timedelta
) -> None:
    holder = svc.start_interview(ctx, user_id=user_id, options=_opts(), model=ScriptedModel())
    list(holder.advance())  # now waiting for the candidate, who thinks...
    time.sleep(short_lease.total_seconds() * 2.5)  # ...for longer than the lease
    with pytest.raises(ConflictError, match="open elsewhere"):
        svc.resume_interview(
            ctx, user_id=user_id, interview_id=holder.interview_id, model=ScriptedModel()
        )

    holder._heartbeat.stop()  # the owner dies: no pause, no release, no more heartbeats
    deadline = time.monotonic() + short_lease.total_seconds() * 3
    while True:
        try:
            taker = svc.resume_interview(
                ctx, user_id=user_id, interview_id=holder.interview_id, model=ScriptedModel()
            )
            break
        except ConflictError:
            assert time.monotonic() < deadline, "the dead owner's lease was never freed"
            time.sleep(0.1)
    taker.answer("taken over and answered")
    taker.close()


def test_owner_records_are_read_for_pid_and_boot() -> None:
    me = lease.LeaseOwner.parse(lease.new_lease_owner())
    assert me is not None and me.pid == os.getpid()
    assert not lease.owner_is_dead(lease.new_lease_owner())  # this process: alive
    gone = lease.LeaseOwner(me.host, 2**22 + 12345, me.boot, "x").format()
    assert lease.owner_is_dead(gone)  # no such pid on this host
    rebooted = lease.LeaseOwner(me.host, 1, "0ldb00t0", "x").format()
    assert lease.owner_is_dead(rebooted) or me.boot == "-"  # from before the last boot
    assert not lease.owner_is_dead(lease.LeaseOwner("elsewhere", 1, me.boot, "x").format())
    old_style = f"{me.host}:{2**22 + 12345}:abcdef012345"  # written by an older version
    assert lease.owner_is_dead(old_style)
    assert len(lease.LeaseOwner("h" * 100, 99999, me.boot, "x" * 12).format()) <= 64
