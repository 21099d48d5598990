"""Security decisions take the database's time, not the client's (issue 11, item 16).

In-process, on both backends: the app's own clock (`store.types.utcnow`, which every timestamp
of ours comes from) is moved while the services run against a real database; SQLite's
julianday('now') and PostgreSQL's now() are not moved. Then, on PostgreSQL, the real CLI runs
under libfaketime, which moves the whole process clock (Python's and SQLite's alike, which is why
SQLite cannot be tested that way: there the database's clock *is* the process clock).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import update
from sqlmodel import select

from interviewer_tui.auth import throttle
from interviewer_tui.errors import AuthError, NotLoggedInError
from interviewer_tui.services import accounts
from interviewer_tui.store.clock import database_now
from interviewer_tui.store.tables import PasswordReset, RefreshToken, User
from tests.support.cli import Cli
from tests.support.contexts import signed
from tests.support.mail import Mailbox, reset_code
from tests.support.users import OTHER_PASSWORD, PASSWORD, make_user

NEW_PASSWORD = "lantern-meadow-copper-19"


@pytest.fixture
def real(db_url: str, monkeypatch: pytest.MonkeyPatch) -> Any:
    """An AppContext as the CLI builds it (no injected clock) on a migrated database."""
    from interviewer_tui.config import load_settings
    from interviewer_tui.services.context import AppContext
    from interviewer_tui.store.engine import make_engine
    from interviewer_tui.store.migrate import upgrade

    monkeypatch.setenv("DATABASE_URL", db_url)
    engine = make_engine(db_url)
    upgrade(engine)
    engine.dispose()
    context = AppContext(settings=load_settings())
    yield context
    context.close()


def _fresh(ctx: Any) -> Any:
    from interviewer_tui.config import load_settings
    from interviewer_tui.services.context import AppContext

    return AppContext(settings=load_settings())


@pytest.fixture
def move_clock(monkeypatch: pytest.MonkeyPatch) -> Callable[[timedelta], None]:
    """Move the app's clock by an offset from real time."""
    import interviewer_tui.store.types as types

    real_now = types.utcnow

    def move(offset: timedelta) -> None:
        monkeypatch.setattr(types, "utcnow", lambda: real_now() + offset)

    return move


def _user(ctx: Any) -> User:
    return ctx.tx(lambda s: s.exec(select(User).where(User.username == "alice")).one())


def _db_now(ctx: Any) -> datetime:
    return ctx.tx(database_now)


def _age_reset_codes(ctx: Any, by: timedelta) -> None:
    def age(session: Any) -> None:
        for row in session.exec(select(PasswordReset)).all():
            row.created_at -= by
            row.expires_at -= by

    ctx.tx(age)


def _fail(ctx: Any, times: int) -> None:
    for _ in range(times):
        with pytest.raises(AuthError):
            signed(ctx).login(identifier="alice", password=OTHER_PASSWORD)


def test_a_client_a_year_ahead_locks_for_30_seconds_not_a_year(
    real: Any, move_clock: Callable[[timedelta], None]
) -> None:
    make_user(real, "alice")
    move_clock(timedelta(days=365))
    _fail(real, 5)
    locked = _user(real).locked_until
    assert locked is not None
    assert locked - _db_now(real) <= timedelta(seconds=throttle.FIRST_LOCK_SECONDS)
    move_clock(timedelta(0))
    with pytest.raises(AuthError, match=r"try again in (2\d|30|1\d|\d) seconds"):
        signed(real).login(identifier="alice", password=PASSWORD)


def test_moving_the_clock_past_a_lock_does_not_lift_it(
    real: Any, move_clock: Callable[[timedelta], None]
) -> None:
    make_user(real, "alice")
    _fail(real, 5)
    move_clock(timedelta(hours=2))
    with pytest.raises(AuthError, match="too many failed attempts"):
        signed(real).login(identifier="alice", password=PASSWORD)
    # and guesses with the clock moved keep being refused without being checked
    for _ in range(12):
        with pytest.raises(AuthError, match="too many failed attempts"):
            signed(real).login(identifier="alice", password=OTHER_PASSWORD)
    assert _user(real).failed_logins == 5


def test_a_stored_lock_longer_than_15_minutes_is_capped(real: Any) -> None:
    """A lock written by an older client with a wrong clock (or by hand) is never honoured for
    longer than the documented maximum."""
    make_user(real, "alice")
    far = _db_now(real) + timedelta(days=365)
    real.tx(
        lambda s: s.execute(
            update(User).where(User.username == "alice").values(failed_logins=9, locked_until=far)
        )
    )
    with pytest.raises(AuthError) as info:
        signed(real).login(identifier="alice", password=PASSWORD)
    assert "try again in 15 minutes" in info.value.message
    locked = _user(real).locked_until
    assert locked is not None
    assert locked - _db_now(real) <= timedelta(seconds=throttle.MAX_LOCK_SECONDS)


def test_an_expired_reset_code_stays_expired_with_the_clock_set_back(
    real: Any, move_clock: Callable[[timedelta], None], smtp_server: Mailbox
) -> None:
    make_user(real, "alice")
    ctx = _fresh(real)
    accounts.forgot_password(ctx, email="alice@example.com")
    code = reset_code(smtp_server.bodies()[0])
    # the code was made 16 minutes ago, as far as the database can tell
    _age_reset_codes(ctx, timedelta(minutes=16))
    move_clock(-timedelta(hours=1))
    with pytest.raises(AuthError, match="expired"):
        signed(ctx).reset_password(token=code, new_password=NEW_PASSWORD)
    ctx.close()


def test_an_expired_session_stays_expired_with_the_clock_set_back(
    real: Any, move_clock: Callable[[timedelta], None]
) -> None:
    make_user(real, "alice")
    signed(real).login(identifier="alice", password=PASSWORD)
    past = _db_now(real) - timedelta(minutes=1)
    real.tx(lambda s: s.execute(update(RefreshToken).values(expires_at=past)))
    move_clock(-timedelta(days=3))
    with pytest.raises(NotLoggedInError, match="expired"):
        signed(real).current_user()


def test_session_rows_and_locks_are_written_in_database_time(
    real: Any, move_clock: Callable[[timedelta], None]
) -> None:
    """A client a year ahead cannot mint a login that lasts a year longer."""
    make_user(real, "alice")
    move_clock(timedelta(days=365))
    signed(real).login(identifier="alice", password=PASSWORD)
    (row,) = real.tx(lambda s: s.exec(select(RefreshToken)).all())
    now = _db_now(real)
    assert row.family_expires_at - now <= timedelta(days=real.settings.refresh_token_ttl_days)
    assert abs(row.created_at - now) < timedelta(minutes=1)


# -- the real CLI under libfaketime (PostgreSQL: its clock is the server's) ----------------------


def _faketime() -> str:
    found = shutil.which("faketime")
    if found is None:
        if os.environ.get("INTERVIEWER_REQUIRE_POSTGRES"):
            pytest.fail("faketime is not installed (apt-get install faketime; .ci/run does it)")
        pytest.skip("!!! faketime not installed: apt-get install faketime")
    return found


@pytest.mark.postgres
def test_cli_under_faketime_cannot_bypass_or_stretch_a_lockout_or_revive_a_code(
    home_cli: Cli, pg_url: str, smtp_server: Mailbox
) -> None:
    faketime = _faketime()

    def run(offset: str | None, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        cmd = [faketime, "-f", offset, cli_exe, *args] if offset else [cli_exe, *args]
        return subprocess.run(
            cmd,
            input=stdin,
            capture_output=True,
            text=True,
            env=home_cli.env,
            timeout=60,
            check=False,
        )

    from tests.support.cli import interviewer_script

    cli_exe = interviewer_script()
    home_cli.env["DATABASE_URL"] = pg_url
    home_cli.env.update(SMTP_HOST=smtp_server.host, SMTP_PORT=str(smtp_server.port))
    home_cli.env["SMTP_STARTTLS"] = "false"
    assert run(None, "db", "upgrade").returncode == 0
    db = _context_for(pg_url)
    made = run(None, "register", "-u", "alice", "-e", "alice@example.com", "--password-stdin",
               stdin=PASSWORD + "\n")  # fmt: skip
    assert made.returncode == 0, made.stderr

    # five failures from a client a year ahead: a 30-second lock, not 525,601 minutes
    for _ in range(5):
        assert run("+365d", "login", "-u", "alice", "--password-stdin",
                   stdin=OTHER_PASSWORD + "\n").returncode == 3  # fmt: skip
    now = run(None, "login", "-u", "alice", "--password-stdin", stdin=PASSWORD + "\n")
    assert now.returncode == 3
    assert "seconds" in now.stderr
    assert "minutes" not in now.stderr.split("or reset")[0]

    # the clock moved two hours on does not lift it
    ahead = run("+2h", "login", "-u", "alice", "--password-stdin", stdin=PASSWORD + "\n")
    assert ahead.returncode == 3
    assert "too many failed attempts" in ahead.stderr

    # a reset code that expired (as far as the database knows) stays expired with the clock back
    assert run(None, "password", "forgot", "--email", "alice@example.com").returncode == 0
    code = reset_code(smtp_server.bodies()[-1])
    _age_reset_codes(db, timedelta(minutes=16))
    back = run("-1h", "password", "reset", "--password-stdin", stdin=f"{code}\n{NEW_PASSWORD}\n")
    assert back.returncode == 3
    assert "invalid, already used or expired" in back.stderr
    db.close()


def _context_for(url: str) -> Any:
    from interviewer_tui.config import load_settings
    from interviewer_tui.services.context import AppContext

    return AppContext(settings=load_settings(database_url=url))


@pytest.mark.postgres
def test_a_client_whose_clock_runs_ahead_cannot_take_a_live_clients_interview(
    pg_url: str, monkeypatch: pytest.MonkeyPatch, move_clock: Callable[[timedelta], None]
) -> None:
    """Leases expire by PostgreSQL's now(): a second client (another host, say) whose clock is a
    minute ahead sees the first client's 30-second lease as live, not long expired."""
    from interviewer_tui.core.models import InterviewOptions
    from interviewer_tui.errors import ConflictError
    from interviewer_tui.services import interviews as svc
    from tests.services.conftest import ScriptedModel

    monkeypatch.setenv("DATABASE_URL", pg_url)
    from interviewer_tui.store.engine import make_engine
    from interviewer_tui.store.migrate import upgrade

    engine = make_engine(pg_url)
    upgrade(engine)
    engine.dispose()
    first = _fresh(None)
    user = make_user(first)
    options = InterviewOptions(difficulty="easy", topics=("caching",), questions=1)  # type: ignore[arg-type]
    holder = svc.start_interview(first, user_id=user.id, options=options, model=ScriptedModel())
    try:
        list(holder.advance())  # waiting for the candidate; the lease is live
        move_clock(timedelta(seconds=60))
        ahead = _fresh(None)
        try:
            with pytest.raises(ConflictError, match="open elsewhere"):
                svc.resume_interview(
                    ahead, user_id=user.id, interview_id=holder.interview_id, model=ScriptedModel()
                )
        finally:
            ahead.close()
        holder.answer("still mine: the answer is saved")
    finally:
        holder.close()
        first.close()
