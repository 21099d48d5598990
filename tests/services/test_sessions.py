"""Sessions: the cheap path, silent refresh, rotation, reuse detection, expiry, logout and the
session list, on SQLite and PostgreSQL with a controlled clock."""

from __future__ import annotations

import shutil
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import select

from interviewer_tui.errors import AuthError, ExitCode, NotFoundError, NotLoggedInError
from interviewer_tui.store.tables import RefreshToken
from tests.support.clock import FakeClock
from tests.support.contexts import signed
from tests.support.users import OTHER_PASSWORD, PASSWORD, make_user


def _session_file(ctx: Any) -> Path:
    files = list((ctx.settings.paths.state / "sessions").glob("*.json"))
    assert len(files) == 1, files
    return files[0]


def _tokens(ctx: Any) -> list[RefreshToken]:
    return list(ctx.tx(lambda s: s.exec(select(RefreshToken).order_by(RefreshToken.id)).all()))


def _login(ctx: Any, name: str = "alice", password: str = PASSWORD) -> Any:
    return signed(ctx).login(identifier=name, password=password)


@pytest.fixture
def alice(actx: Any) -> Any:
    user = make_user(actx, "alice")
    _login(actx)
    return user


def test_no_session_means_not_logged_in_with_exit_code_3(actx: Any) -> None:
    with pytest.raises(NotLoggedInError) as info:
        signed(actx).current_user()
    assert info.value.message == "not logged in: run `interviewer login`"
    assert info.value.exit_code == ExitCode.AUTH


def test_a_valid_access_token_needs_no_refresh(actx: Any, alice: Any) -> None:
    before = _tokens(actx)
    for _ in range(3):
        assert signed(actx).current_user() == alice
    assert [(t.id, t.rotated_at) for t in _tokens(actx)] == [(t.id, t.rotated_at) for t in before]


def test_the_cheap_path_does_no_password_hashing(actx: Any, alice: Any, monkeypatch: Any) -> None:
    from interviewer_tui.auth import passwords

    def forbidden(*_: object) -> None:
        raise AssertionError("argon2 used on the session path")

    monkeypatch.setattr(passwords, "verify_password", forbidden)
    monkeypatch.setattr(passwords, "hash_password", forbidden)
    assert signed(actx).current_user() == alice


def test_an_expired_access_token_is_refreshed_silently_and_rotated(
    actx: Any, alice: Any, clock: FakeClock
) -> None:
    old_file = _session_file(actx).read_text()
    clock.advance(minutes=15)
    assert signed(actx).current_user() == alice
    rows = _tokens(actx)
    assert len(rows) == 2
    assert rows[0].rotated_at == clock()
    assert rows[1].rotated_at is None
    assert rows[0].family_id == rows[1].family_id
    assert _session_file(actx).read_text() != old_file
    # the new access token is good for another 15 minutes: no further rotation
    clock.advance(minutes=14)
    signed(actx).current_user()
    assert len(_tokens(actx)) == 2


def test_refresh_slides_the_idle_expiry_but_never_past_the_absolute_one(
    actx: Any, alice: Any, clock: FakeClock
) -> None:
    login_time = clock()
    for _ in range(4):  # use it every 6 days: idle expiry (7 days) never hits
        clock.advance(days=6)
        signed(actx).current_user()
    assert clock() - login_time == timedelta(days=24)
    head = _tokens(actx)[-1]
    assert head.expires_at == login_time + timedelta(days=30)  # capped by the family
    clock.advance(days=6)
    with pytest.raises(NotLoggedInError, match="expired"):
        signed(actx).current_user()


def test_idle_expiry_ends_the_session(actx: Any, alice: Any, clock: FakeClock) -> None:
    clock.advance(days=7)
    with pytest.raises(NotLoggedInError) as info:
        signed(actx).current_user()
    assert "expired" in info.value.message
    assert "interviewer login" in info.value.message
    with pytest.raises(NotLoggedInError):  # the stale local copy was forgotten
        signed(actx).current_user()


def test_reusing_a_rotated_refresh_token_revokes_the_whole_family(
    actx: Any, alice: Any, clock: FakeClock, tmp_path: Path
) -> None:
    path = _session_file(actx)
    stolen = tmp_path / "stolen.json"
    shutil.copy(path, stolen)
    clock.advance(minutes=16)
    signed(actx).current_user()  # the owner refreshes: the stolen token is now rotated
    fresh = tmp_path / "fresh.json"
    shutil.copy(path, fresh)

    clock.advance(minutes=1)
    shutil.copy(stolen, path)  # the thief presents the old token
    with pytest.raises(AuthError) as info:
        signed(actx).current_user()
    assert "reuse detected" in info.value.message
    assert info.value.exit_code == ExitCode.AUTH
    assert all(t.revoked_at is not None and t.revoke_reason == "reuse" for t in _tokens(actx))

    shutil.copy(fresh, path)  # the owner's newer session died with the family
    with pytest.raises(NotLoggedInError, match="reused"):
        signed(actx).current_user()


def test_a_revoked_family_is_noticed_even_while_the_access_token_is_valid(
    actx: Any, alice: Any, second_computer: Any
) -> None:
    _login(second_computer)
    signed(second_computer).logout(everywhere=True)
    with pytest.raises(NotLoggedInError, match="logged out everywhere"):
        signed(actx).current_user()


def test_a_forged_access_token_never_changes_who_you_are(actx: Any, alice: Any) -> None:
    import jwt

    from interviewer_tui.auth.session_store import StoredSession

    bob = make_user(actx, "bob", OTHER_PASSWORD)
    path = _session_file(actx)
    stored = StoredSession.from_json(path.read_text())
    assert stored is not None
    claims = jwt.decode(stored.access_token, options={"verify_signature": False})
    claims["sub"] = str(bob.id)
    for forged in (
        jwt.encode(claims, "a-guessed-secret-that-is-long-enough!!", headers={"typ": "at+jwt"}),
        jwt.encode(claims, None, algorithm="none", headers={"typ": "at+jwt"}),
    ):
        path.write_text(
            path.read_text().replace(stored.access_token, forged)  # type: ignore[arg-type]
        )
        assert signed(actx).current_user() == alice
        stored = StoredSession.from_json(path.read_text())
        assert stored is not None


def test_a_new_signing_secret_only_costs_a_silent_refresh(actx: Any, alice: Any) -> None:
    (actx.settings.paths.data / "jwt_secret").unlink()
    assert signed(actx).current_user() == alice
    assert len(_tokens(actx)) == 2


def test_a_jwt_secret_shorter_than_32_bytes_is_refused(
    actx: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from interviewer_tui.errors import UsageError
    from tests.support.contexts import context_like

    make_user(actx, "alice")
    short = context_like(actx, jwt_secret=__import__("pydantic").SecretStr("x" * 31))
    with pytest.raises(UsageError, match="INTERVIEWER_JWT_SECRET is too short"):
        _login(short)
    short.close()


# -- logout and the session list ----------------------------------------------------------------


def test_logout_revokes_this_login_only(actx: Any, alice: Any, second_computer: Any) -> None:
    _login(second_computer)
    signed(actx).logout()
    with pytest.raises(NotLoggedInError):
        signed(actx).current_user()
    assert signed(second_computer).current_user().username == "alice"
    here, there = {t.family_id: t.revoke_reason for t in _tokens(actx)}.values()
    assert (here, there) == ("logout", None)


def test_logout_without_a_session_says_not_logged_in(actx: Any) -> None:
    with pytest.raises(NotLoggedInError):
        signed(actx).logout()


def test_logout_all_ends_every_session_everywhere(
    actx: Any, alice: Any, second_computer: Any
) -> None:
    _login(second_computer)
    signed(actx).logout(everywhere=True)
    for ctx in (actx, second_computer):
        with pytest.raises(NotLoggedInError):
            signed(ctx).current_user()
    assert all(t.revoked_at is not None for t in _tokens(actx))


def test_sessions_lists_only_live_logins_of_this_user(
    actx: Any, alice: Any, second_computer: Any, clock: FakeClock
) -> None:
    started = clock()
    make_user(second_computer, "bob", OTHER_PASSWORD)
    _login(second_computer, "bob", OTHER_PASSWORD)
    clock.advance(minutes=20)
    signed(actx).current_user()  # refresh: "last used" moves, "started" does not
    rows = signed(actx).list_sessions()
    assert len(rows) == 1
    (row,) = rows
    assert row.current
    assert row.created_at == started
    assert row.last_used_at == clock()
    assert row.expires_at == clock() + timedelta(days=7)
    assert row.host


def test_revoke_another_of_my_sessions(actx: Any, alice: Any, second_computer: Any) -> None:
    _login(second_computer)
    other = next(s for s in signed(actx).list_sessions() if not s.current)
    signed(actx).revoke_session(session_id=other.id)
    assert [s.current for s in signed(actx).list_sessions()] == [True]
    with pytest.raises(NotLoggedInError, match="revoked"):
        signed(second_computer).current_user()
    with pytest.raises(NotFoundError):
        signed(actx).revoke_session(session_id=other.id)


def test_revoking_my_current_session_logs_me_out_here(actx: Any, alice: Any) -> None:
    (mine,) = signed(actx).list_sessions()
    signed(actx).revoke_session(session_id=mine.id)
    with pytest.raises(NotLoggedInError):
        signed(actx).current_user()


def test_whoami_reports_user_expiry_and_store(actx: Any, alice: Any, clock: FakeClock) -> None:
    info = signed(actx).whoami()
    assert info.user == alice
    assert info.session_expires_at == clock() + timedelta(days=7)
    assert info.session_store == "file"
