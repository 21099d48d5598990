"""Two refreshes of one token at the same moment: exactly one wins (RFC 9700 4.14.2)."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from sqlmodel import Session, select

from interviewer_tui.auth import tokens as auth_tokens
from interviewer_tui.errors import AuthError
from interviewer_tui.store import tokens as token_rows
from interviewer_tui.store.tables import RefreshToken
from tests.support.clock import FakeClock
from tests.support.contexts import context_like, signed
from tests.support.users import PASSWORD, make_user


def _run_together(workers: list[Callable[[], Any]]) -> list[Any]:
    """Start all workers at once; each result is a value or the exception it raised."""
    barrier = threading.Barrier(len(workers))
    results: list[Any] = [None] * len(workers)

    def run(i: int) -> None:
        barrier.wait()
        try:
            results[i] = workers[i]()
        except Exception as exc:
            results[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(workers))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert not any(t.is_alive() for t in threads)
    return results


def _rows(ctx: Any) -> list[RefreshToken]:
    return list(ctx.tx(lambda s: s.exec(select(RefreshToken).order_by(RefreshToken.id)).all()))


@pytest.mark.postgres
def test_conditional_rotation_lets_exactly_one_transaction_win_on_postgres(
    pg_url: str, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both transactions read the token as unrotated before either writes; PostgreSQL then
    serialises the UPDATEs on the row lock and the second one matches no row."""
    from interviewer_tui.config import load_settings
    from interviewer_tui.services.context import AppContext
    from interviewer_tui.store.engine import make_engine
    from interviewer_tui.store.migrate import upgrade

    monkeypatch.setenv("DATABASE_URL", pg_url)
    engine = make_engine(pg_url)
    upgrade(engine)
    ctx = AppContext(settings=load_settings(), clock=clock)
    make_user(ctx, "alice")
    signed(ctx).login(identifier="alice", password=PASSWORD)
    (token,) = _rows(ctx)
    assert token.id is not None
    token_id = token.id

    both_read = threading.Barrier(2)

    def refresh() -> bool:
        with Session(engine) as session, session.begin():
            row = token_rows.find_refresh_token(session, token_hash=token.token_hash)
            assert row is not None
            assert row.rotated_at is None
            both_read.wait(10)
            return token_rows.rotate_refresh_token(session, token_id=token_id, now=clock())

    results = _run_together([refresh, refresh])
    assert sorted(results) == [False, True]
    ctx.close()
    engine.dispose()


def test_two_commands_on_one_computer_refreshing_at_once_both_keep_working(
    actx: Any, clock: FakeClock
) -> None:
    """The losers find the winner's new session in the shared store instead of crying theft."""
    user = make_user(actx, "alice")
    signed(actx).login(identifier="alice", password=PASSWORD)
    clock.advance(minutes=16)
    commands = [context_like(actx) for _ in range(4)]
    results = _run_together([lambda c=c: signed(c).current_user() for c in commands])
    assert results == [user] * 4
    rows = _rows(actx)
    assert len(rows) == 2  # one rotation, one new token: exactly one refresh won
    assert all(r.revoked_at is None for r in rows)
    assert signed(actx).current_user() == user
    for c in commands:
        c.close()


def test_a_copy_racing_the_owner_wins_nothing_and_ends_the_login(
    actx: Any, second_computer: Any, clock: FakeClock
) -> None:
    """Two stores with the same token (a stolen copy): one refresh succeeds, the other is reuse,
    which ends the family, so the thief is left with nothing either way."""
    make_user(actx, "alice")
    signed(actx).login(identifier="alice", password=PASSWORD)
    here = next((actx.settings.paths.state / "sessions").glob("*.json"))
    there = second_computer.settings.paths.state / "sessions" / here.name
    there.parent.mkdir(parents=True, mode=0o700)
    shutil.copy(here, there)
    clock.advance(minutes=16)

    results = _run_together(
        [lambda: signed(actx).current_user(), lambda: signed(second_computer).current_user()]
    )
    winners = [r for r in results if not isinstance(r, Exception)]
    losers = [r for r in results if isinstance(r, AuthError)]
    assert len(winners) == 1
    assert len(losers) == 1
    assert "reuse detected" in losers[0].message
    rows = _rows(actx)
    assert len(rows) == 2
    assert all(r.revoked_at is not None for r in rows)


def test_a_reset_code_can_be_spent_only_once_even_concurrently(actx: Any, clock: FakeClock) -> None:
    user = make_user(actx, "alice")
    code = auth_tokens.new_opaque_token()
    digest = auth_tokens.digest(code)
    reset = actx.tx(
        lambda s: token_rows.add_password_reset(
            s,
            user_id=user.id,
            token_hash=digest,
            now=clock(),
            expires_at=clock() + timedelta(minutes=15),
        )
    )
    reset_id = reset.id
    results = _run_together(
        [
            lambda: actx.tx(
                lambda s: token_rows.use_password_reset(s, reset_id=reset_id, now=clock())
            )
        ]
        * 3
    )
    assert sorted(results) == [False, False, True]
