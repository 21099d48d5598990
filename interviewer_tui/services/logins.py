"""Logins on this computer's database: issuing tokens, refreshing them, ending them.

One name per concept (issue 13): a *login* is a refresh-token family (RFC 9700 4.14; what
`interviewer sessions` lists, the word users see there stays); every refresh rotates its token,
and presenting one that was already rotated ends the whole family. The *session store*
(`auth/session_store.py`) is where this computer keeps a login's tokens (keyring or 0600 file);
a SQLAlchemy `Session` is a database transaction, nothing else. Nothing here keeps tokens: the
shells' edge (`edge/login.py`) holds the session store, asks `authenticate` who its stored
tokens say acts, and `refresh` for the next ones, and saves what `issue` hands out.
"""

from __future__ import annotations

import socket
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Literal

from interviewer_tui.auth import tokens as auth_tokens
from interviewer_tui.auth.login_tokens import LoginTokens
from interviewer_tui.errors import AuthError, NotLoggedInError
from interviewer_tui.services.account_views import Identity, Issued, UserPublic
from interviewer_tui.services.mapping import public_user
from interviewer_tui.services.session_messages import EXPIRED, REUSE_DETECTED, ended
from interviewer_tui.services.signing import token_audience, token_secret
from interviewer_tui.store import tokens as token_rows
from interviewer_tui.store import users as user_rows

if TYPE_CHECKING:
    from sqlmodel import Session

    from interviewer_tui.services.context import AppContext
    from interviewer_tui.store.tables import RefreshToken, User


def issue(ctx: AppContext, user: UserPublic, family_id: str, refresh: str, now: datetime) -> Issued:
    """An access token for the login `family_id` beside its refresh token: what the shell keeps."""
    access, expires = auth_tokens.issue_access_token(
        token_secret(ctx),
        user_id=user.id,
        family_id=family_id,
        audience=token_audience(ctx),
        now=now,
        ttl_seconds=ctx.settings.access_token_ttl,
    )
    tokens = LoginTokens(
        user_id=user.id,
        username=user.username,
        refresh_token=refresh,
        access_token=access,
        access_expires_at=expires,
    )
    return Issued(identity=Identity(user=user, login_id=family_id), tokens=tokens)


def authenticate(ctx: AppContext, tokens: LoginTokens) -> Identity | None:
    """Who the access token says acts, when it is valid by the database's clock and its login
    is live (one query); None sends the shell to `refresh`."""
    ctx.check_database()  # a database that is down must not read as "not logged in"
    if not tokens.access_token:
        return None
    found = _from_access_token(ctx, tokens)
    return None if found is None else Identity(user=found[0], login_id=found[1])


def _from_access_token(ctx: AppContext, stored: LoginTokens) -> tuple[UserPublic, str] | None:
    """The user and their login's family, if the cached access token is valid by the
    database's clock and its login is live; None sends the caller to the refresh path."""
    assert stored.access_token is not None
    token = stored.access_token
    secret, audience = token_secret(ctx), token_audience(ctx)

    family: list[str] = []

    def check(session: Session) -> User | None:
        now = ctx.trusted_now(session)
        try:
            claims = auth_tokens.verify_access_token(secret, token, audience=audience, now=now)
        except auth_tokens.InvalidAccessToken:
            return None  # expired, tampered or signed with another key: the refresh token decides
        if claims.user_id != stored.user_id:
            return None
        family[:] = [claims.family_id]
        return token_rows.user_with_live_family(
            session, acting_user_id=claims.user_id, family_id=claims.family_id, now=now
        )

    row = ctx.read(check)
    if row is None:
        return None  # revoked or deleted: let the refresh path explain why
    return public_user(row), family[0]


@dataclass(frozen=True)
class _Refreshed:
    outcome: Literal["ok", "unknown", "revoked", "rotated", "expired"]
    now: datetime
    user: UserPublic | None = None
    family_id: str | None = None
    user_id: int | None = None
    reason: str | None = None


def refresh(ctx: AppContext, tokens: LoginTokens) -> Issued:
    """Rotate the refresh token: the login's next tokens, or why it cannot go on (AuthError: the
    shell forgets what it keeps). The shell calls this holding its refresh lock, so on this
    computer a token that the database says was already rotated was rotated by something that
    does not share the lock (a copy of the tokens elsewhere): the whole login is ended (RFC 9700
    4.14.2)."""
    new_refresh = auth_tokens.new_opaque_token()
    old_digest = auth_tokens.digest(tokens.refresh_token)
    result = ctx.tx(lambda s: _rotate(ctx, s, old_digest, new_refresh, tokens.user_id))
    if result.outcome == "ok":
        assert result.user is not None
        assert result.family_id is not None
        return issue(ctx, result.user, result.family_id, new_refresh, result.now)
    if result.outcome == "rotated":
        _end_family_for_reuse(ctx, result)
        raise AuthError(REUSE_DETECTED)
    if result.outcome == "revoked":
        raise NotLoggedInError(ended(result.reason))
    if result.outcome == "expired":
        raise NotLoggedInError(EXPIRED)
    raise NotLoggedInError()


def _rotate(
    ctx: AppContext,
    session: Session,
    old_digest: str,
    new_refresh: str,
    expected_user: int,
) -> _Refreshed:
    now = ctx.trusted_now(session)  # expiry by the database's clock, not this computer's
    # FOR UPDATE (PostgreSQL; SQLite's BEGIN IMMEDIATE already serialises writers): a second
    # refresh of the same row waits for the first to commit and then sees it rotated.
    row = token_rows.find_refresh_token(session, token_hash=old_digest, for_update=True)
    if row is None or row.id is None or row.user_id != expected_user:
        return _Refreshed("unknown", now)
    if row.revoked_at is not None:
        return _Refreshed("revoked", now, reason=row.revoke_reason)
    if row.rotated_at is not None:
        return _Refreshed("rotated", now, family_id=row.family_id, user_id=row.user_id)
    if row.expires_at <= now or row.family_expires_at <= now:
        return _Refreshed("expired", now)
    user = rotate_to_successor(
        session,
        row,
        new_refresh=new_refresh,
        now=now,
        idle_days=ctx.settings.refresh_token_idle_days,
    )
    if user == "rotated":
        return _Refreshed("rotated", now, family_id=row.family_id, user_id=row.user_id)
    if user == "unknown":
        return _Refreshed("unknown", now)
    return _Refreshed("ok", now, user=public_user(user), family_id=row.family_id)


def rotate_to_successor(
    session: Session, row: RefreshToken, *, new_refresh: str, now: datetime, idle_days: int
) -> User | Literal["rotated", "unknown"]:
    """The one rotation step of a checked, live refresh token (this computer's login and the
    server's alike): mark `row` rotated and add `new_refresh` as its successor in the family.
    "rotated" when another refresh rotated it first (a reuse), "unknown" when the user is gone."""
    assert row.id is not None
    if not token_rows.rotate_refresh_token(session, token_id=row.id, now=now):
        return "rotated"
    user = user_rows.get_user(session, user_id=row.user_id, acting_user_id=row.user_id)
    if user is None:
        return "unknown"
    token_rows.add_refresh_token(
        session,
        user_id=row.user_id,
        family_id=row.family_id,
        token_hash=auth_tokens.digest(new_refresh),
        host=row.host,
        now=now,
        expires_at=now + timedelta(days=idle_days),
        family_expires_at=row.family_expires_at,
    )
    return user


def _end_family_for_reuse(ctx: AppContext, result: _Refreshed) -> None:
    assert result.user_id is not None
    assert result.family_id is not None
    user_id, family_id = result.user_id, result.family_id
    ctx.tx(
        lambda s: token_rows.revoke_family(
            s, acting_user_id=user_id, family_id=family_id, now=ctx.trusted_now(s), reason="reuse"
        )
    )


def end_login(
    session: Session, *, user_id: int, family_id: str, now: datetime, reason: str
) -> None:
    """End one login (its refresh-token family) and release the interview leases it holds: a
    lease belongs to the login, so another login of the user's may resume at once."""
    from interviewer_tui.services import lease
    from interviewer_tui.store import interviews as interview_rows

    token_rows.revoke_family(
        session, acting_user_id=user_id, family_id=family_id, now=now, reason=reason
    )
    interview_rows.release_leases_like(
        session, user_id=user_id, pattern=lease.holder_pattern(family_id)
    )


def end_all_logins(session: Session, *, user_id: int, now: datetime, reason: str) -> None:
    """End every login of the user (logout everywhere, a password change or reset) and release
    the leases they hold, as `end_login` does for one: an interview left open on another
    computer can be resumed at once, not only once its lease runs out."""
    from interviewer_tui.services import lease
    from interviewer_tui.store import interviews as interview_rows

    families = token_rows.unrevoked_families(session, acting_user_id=user_id)
    token_rows.revoke_all(session, acting_user_id=user_id, now=now, reason=reason)
    for family_id in families:
        interview_rows.release_leases_like(
            session, user_id=user_id, pattern=lease.holder_pattern(family_id)
        )


def end_stored_family(session: Session, stored: LoginTokens, now: datetime, *, reason: str) -> None:
    row = token_rows.find_refresh_token(
        session, token_hash=auth_tokens.digest(stored.refresh_token)
    )
    if row is not None:
        end_login(session, user_id=row.user_id, family_id=row.family_id, now=now, reason=reason)


def start_family(
    ctx: AppContext, session: Session, *, user_id: int, refresh: str, now: datetime
) -> str:
    settings = ctx.settings
    family_id = auth_tokens.new_family_id()
    token_rows.add_refresh_token(
        session,
        user_id=user_id,
        family_id=family_id,
        token_hash=auth_tokens.digest(refresh),
        host=_host(),
        now=now,
        expires_at=now + timedelta(days=settings.refresh_token_idle_days),
        family_expires_at=now + timedelta(days=settings.refresh_token_ttl_days),
    )
    return family_id


def _host() -> str:
    try:
        return socket.gethostname() or "unknown"
    except OSError:
        return "unknown"
