"""Registration, login, throttling and rehashing through `services.accounts`, on SQLite and
PostgreSQL."""

from __future__ import annotations

import time
from typing import Any

import pytest

from interviewer_tui.errors import AuthError, ConflictError, ExitCode, ValidationError
from interviewer_tui.services import accounts
from tests.support.clock import FakeClock
from tests.support.contexts import signed
from tests.support.users import OTHER_PASSWORD, PASSWORD, make_user


def _user_row(ctx: Any, username: str) -> Any:
    from interviewer_tui.store import users

    return ctx.tx(lambda s: users.find_for_login(s, identifier=username))


# -- registration -------------------------------------------------------------------------------


def test_register_returns_the_public_user_without_any_secret(actx: Any) -> None:
    user = make_user(actx, "Alice")
    assert (user.username, user.email) == ("Alice", "alice@example.com")
    assert not hasattr(user, "password_hash")
    row = _user_row(actx, "alice")
    assert row.password_hash.startswith("$argon2id$")
    assert PASSWORD not in row.password_hash


@pytest.mark.parametrize("name", ["al", "x" * 33, "bad name", "semi;colon", "josé", "a@b", ""])
def test_username_rules(actx: Any, name: str) -> None:
    with pytest.raises(ValidationError) as info:
        accounts.register(actx, username=name, email="x@example.com", password=PASSWORD)
    assert info.value.field == "username"


@pytest.mark.parametrize("name", ["bob", "Bob.Smith", "a_b-c.d", "x" * 32, "123"])
def test_usernames_that_are_fine(actx: Any, name: str) -> None:
    assert accounts.register(actx, username=name, email="x@example.com", password=PASSWORD)


def test_usernames_are_unique_ignoring_case(actx: Any) -> None:
    make_user(actx, "Alice")
    with pytest.raises(ConflictError, match="taken"):
        accounts.register(actx, username="aLiCe", email="other@example.com", password=PASSWORD)


@pytest.mark.parametrize("email", ["not-an-email", "a@", "@example.com", "a b@example.com"])
def test_email_is_validated(actx: Any, email: str) -> None:
    with pytest.raises(ValidationError) as info:
        accounts.register(actx, username="carol", email=email, password=PASSWORD)
    assert info.value.field == "email"


def test_email_is_unique_ignoring_case(actx: Any) -> None:
    make_user(actx, "alice")
    with pytest.raises(ConflictError, match="email"):
        accounts.register(actx, username="alice2", email="ALICE@Example.COM", password=PASSWORD)


def test_weak_password_is_refused_at_registration_and_nothing_is_stored(actx: Any) -> None:
    with pytest.raises(ValidationError) as info:
        accounts.register(actx, username="dave", email="dave@example.com", password="password1")
    assert info.value.field == "password"
    with pytest.raises(ValidationError):
        accounts.register(
            actx, username="dave", email="dave@example.com", password="dave@example.com"
        )
    assert _user_row(actx, "dave") is None


# -- login --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "identifier", ["alice", "ALICE", "alice@example.com", " Alice@Example.com "]
)
def test_login_by_username_or_email_any_case(actx: Any, identifier: str) -> None:
    make_user(actx, "alice")
    result = signed(actx).login(identifier=identifier, password=PASSWORD)
    assert result.user.username == "alice"
    assert result.session_store == "file"
    assert result.access_expires_at == actx.clock() + __import__("datetime").timedelta(minutes=15)
    assert signed(actx).current_user() == result.user


def test_unknown_user_and_wrong_password_get_the_same_message(actx: Any) -> None:
    make_user(actx, "alice")
    with pytest.raises(AuthError) as wrong:
        signed(actx).login(identifier="alice", password=OTHER_PASSWORD)
    with pytest.raises(AuthError) as unknown:
        signed(actx).login(identifier="nobody", password=OTHER_PASSWORD)
    with pytest.raises(AuthError) as unknown_email:
        signed(actx).login(identifier="nobody@example.com", password=OTHER_PASSWORD)
    assert wrong.value.message == unknown.value.message == unknown_email.value.message
    assert wrong.value.message == "invalid username/email or password"
    assert wrong.value.exit_code == ExitCode.AUTH


def test_unknown_user_costs_as_much_work_as_a_wrong_password(actx: Any) -> None:
    """Without the dummy verification an unknown name answers in ~2 ms instead of ~70 ms."""
    make_user(actx, "alice")

    def timed(identifier: str) -> float:
        best = float("inf")
        for _ in range(3):
            started = time.perf_counter()
            with pytest.raises(AuthError):
                signed(actx).login(identifier=identifier, password=OTHER_PASSWORD)
            best = min(best, time.perf_counter() - started)
        return best

    timed("nobody")  # warm-up: the dummy hash is computed once
    known, unknown = timed("alice"), timed("nobody")
    assert unknown > 0.5 * known


def test_login_rehashes_a_hash_made_with_old_parameters(actx: Any) -> None:
    from argon2 import PasswordHasher, Type

    from interviewer_tui.auth import passwords

    make_user(actx, "alice")
    old = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=2, type=Type.ID).hash(PASSWORD)

    def downgrade(session: Any) -> None:
        row = _user_row_in(session, "alice")
        row.password_hash = old

    actx.tx(downgrade)
    signed(actx).login(identifier="alice", password=PASSWORD)
    upgraded = _user_row(actx, "alice").password_hash
    assert upgraded != old
    assert not passwords.needs_rehash(upgraded)
    assert passwords.verify_password(upgraded, PASSWORD)


def _user_row_in(session: Any, username: str) -> Any:
    from interviewer_tui.store import users

    return users.find_for_login(session, identifier=username)


def test_a_new_login_on_this_computer_ends_the_previous_session(actx: Any) -> None:
    make_user(actx, "alice")
    make_user(actx, "bob", OTHER_PASSWORD)
    signed(actx).login(identifier="alice", password=PASSWORD)
    signed(actx).login(identifier="bob", password=OTHER_PASSWORD)
    assert signed(actx).current_user().username == "bob"
    assert [s for s in _families(actx, "alice") if s[1] is None] == []


def _families(ctx: Any, username: str) -> list[tuple[str, Any]]:
    from sqlmodel import select

    from interviewer_tui.store.tables import RefreshToken

    user_id = _user_row(ctx, username).id
    rows = ctx.tx(
        lambda s: s.exec(select(RefreshToken).where(RefreshToken.user_id == user_id)).all()
    )
    return [(r.family_id, r.revoked_at) for r in rows]


# -- throttling ---------------------------------------------------------------------------------


def _fail(ctx: Any, times: int, identifier: str = "alice") -> list[str]:
    messages = []
    for _ in range(times):
        with pytest.raises(AuthError) as info:
            signed(ctx).login(identifier=identifier, password=OTHER_PASSWORD)
        messages.append(info.value.message)
    return messages


def test_four_failures_are_free_the_fifth_locks_for_30_seconds(actx: Any, clock: FakeClock) -> None:
    make_user(actx, "alice")
    assert set(_fail(actx, 5)) == {"invalid username/email or password"}
    with pytest.raises(AuthError) as locked:
        signed(actx).login(identifier="alice", password=PASSWORD)  # even the right password
    assert "too many failed attempts" in locked.value.message
    assert "30 seconds" in locked.value.message
    assert "password forgot" in locked.value.message
    clock.advance(seconds=29)
    with pytest.raises(AuthError, match="too many"):
        signed(actx).login(identifier="alice", password=PASSWORD)
    clock.advance(seconds=1)
    assert signed(actx).login(identifier="alice", password=PASSWORD).user.username == "alice"
    row = _user_row(actx, "alice")
    assert (row.failed_logins, row.locked_until) == (0, None)


def test_attempts_during_a_lock_do_not_extend_it(actx: Any, clock: FakeClock) -> None:
    make_user(actx, "alice")
    _fail(actx, 5)
    for _ in range(20):
        with pytest.raises(AuthError, match="too many"):
            signed(actx).login(identifier="alice", password=OTHER_PASSWORD)
    assert _user_row(actx, "alice").failed_logins == 5
    clock.advance(seconds=30)
    signed(actx).login(identifier="alice", password=PASSWORD)


def test_the_lock_grows_but_never_beyond_15_minutes(actx: Any, clock: FakeClock) -> None:
    make_user(actx, "alice")
    _fail(actx, 4)
    waits = []
    for _ in range(8):
        _fail(actx, 1)
        row = _user_row(actx, "alice")
        waits.append((row.locked_until - clock()).total_seconds())
        clock.now = row.locked_until
    assert waits == [30, 60, 120, 240, 480, 900, 900, 900]
    assert signed(actx).login(identifier="alice", password=PASSWORD)


def test_the_lock_is_per_account(actx: Any) -> None:
    make_user(actx, "alice")
    make_user(actx, "bob")
    _fail(actx, 6, identifier="bob")
    assert signed(actx).login(identifier="alice", password=PASSWORD)


def test_unknown_accounts_are_never_reported_as_locked(actx: Any) -> None:
    assert set(_fail(actx, 8, identifier="ghost")) == {"invalid username/email or password"}


def test_a_correct_password_before_the_threshold_resets_the_count(actx: Any) -> None:
    make_user(actx, "alice")
    _fail(actx, 4)
    signed(actx).login(identifier="alice", password=PASSWORD)
    _fail(actx, 4)
    assert signed(actx).login(identifier="alice", password=PASSWORD)


def test_lock_schedule_arithmetic() -> None:
    from interviewer_tui.auth.throttle import describe_wait, lock_seconds

    assert [lock_seconds(n) for n in range(1, 12)] == [0, 0, 0, 0, 30, 60, 120, 240, 480, 900, 900]
    assert lock_seconds(10_000) == 900
    assert describe_wait(1) == "1 second"
    assert describe_wait(30) == "30 seconds"
    assert describe_wait(900) == "15 minutes"


# -- identity in, tokens out (issue 13) -----------------------------------------------------------


def test_the_port_issues_tokens_and_keeps_none_the_edge_keeps_them(actx: Any) -> None:
    """Logging in through the port leaves nothing on this computer; the tokens it hands back
    say who acts, and a refresh rotates them (the old ones then end the login). Only the
    shells' edge writes the session store."""
    from interviewer_tui.errors import NotLoggedInError
    from tests.support.contexts import application

    alice = make_user(actx, "alice")
    app = application(actx)
    sessions = actx.settings.paths.state / "sessions"

    issued = app.login(identifier="alice", password=PASSWORD)
    assert not sessions.exists() or not list(sessions.glob("*.json"))
    assert issued.identity.user == alice
    assert app.authenticate(issued.tokens) == issued.identity

    renewed = app.refresh(issued.tokens)
    assert renewed.identity == issued.identity  # the same login, rotated
    assert renewed.tokens.refresh_token != issued.tokens.refresh_token
    with pytest.raises(AuthError, match="reuse"):
        app.refresh(issued.tokens)  # a rotated token presented again ends the login
    with pytest.raises(NotLoggedInError):
        app.refresh(renewed.tokens)
    assert not sessions.exists() or not list(sessions.glob("*.json"))

    signed(actx).login(identifier="alice", password=PASSWORD)
    assert len(list(sessions.glob("*.json"))) == 1
    assert signed(actx).identity().user == alice
