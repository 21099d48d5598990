"""Accounts and sessions: the use cases behind register, login, logout, whoami, sessions, password
change/forgot/reset and account deletion. The CLI and the TUI call only these functions.

A login is a refresh-token family (RFC 9700 4.14): every refresh rotates the token, and presenting
one that was already rotated ends the whole family. Argon2 work always happens outside database
transactions so a slow hash never holds a lock.
"""

from __future__ import annotations

import re
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Literal

from interviewer_tui.auth import passwords, throttle
from interviewer_tui.auth import tokens as auth_tokens
from interviewer_tui.auth.session_store import SessionStore, StoredSession, database_key
from interviewer_tui.errors import (
    AuthError,
    ConflictError,
    NotFoundError,
    NotLoggedInError,
    UsageError,
    ValidationError,
)
from interviewer_tui.services.context import AppContext
from interviewer_tui.store import tokens as token_rows
from interviewer_tui.store import users as user_rows

if TYPE_CHECKING:
    from sqlmodel import Session

    from interviewer_tui.store.tables import User

USERNAME_RE = re.compile(r"[A-Za-z0-9_.-]{3,32}")
RESET_TTL = timedelta(minutes=15)
MAX_PENDING_RESETS = 3
# How long a command that lost a refresh race waits for the winner (same computer) to save the
# new session, and how recent a rotation must be for that wait to be worth it.
RACE_WAIT_SECONDS = 1.5
RACE_WINDOW = timedelta(seconds=30)

BAD_CREDENTIALS = "invalid username/email or password"
REUSE_DETECTED = (
    "refresh token reuse detected: this session had already been refreshed by another copy of it, "
    "so the whole login has been ended everywhere to be safe. Run `interviewer login`"
)
_ENDED_BECAUSE = {
    "logout": "this session was logged out",
    "logout_all": "you logged out everywhere",
    "revoked": "this session was revoked with `interviewer sessions --revoke`",
    "reuse": "this session was ended after its refresh token was reused",
    "password_change": "the password was changed, which ends every session",
    "password_reset": "the password was reset, which ends every session",
    "new_login": "a newer login on this computer replaced it",
}


@dataclass(frozen=True)
class UserPublic:
    id: int
    username: str
    email: str
    created_at: datetime


@dataclass(frozen=True)
class LoginResult:
    user: UserPublic
    session_store: str
    access_expires_at: datetime
    notice: str | None


@dataclass(frozen=True)
class WhoAmI:
    user: UserPublic
    session_expires_at: datetime
    session_store: str


@dataclass(frozen=True)
class SessionInfo:
    id: str
    host: str
    created_at: datetime
    last_used_at: datetime
    expires_at: datetime
    current: bool


# -- registration and login ---------------------------------------------------------------------


def register(ctx: AppContext, *, username: str, email: str, password: str) -> UserPublic:
    username = username.strip()
    if not USERNAME_RE.fullmatch(username):
        raise ValidationError(
            "the username must be 3 to 32 characters: letters a-z, digits, '_', '-' or '.'",
            field="username",
        )
    email = _normalise_email(email)
    passwords.check_new_password(password, username=username, email=email)

    def check_free(session: Session) -> None:
        if user_rows.username_taken(session, username=username):
            raise ConflictError(f"the username '{username}' is taken: choose another")
        if user_rows.email_taken(session, email=email):
            raise ConflictError("an account with that email address already exists")

    ctx.tx(check_free)
    password_hash = passwords.hash_password(password)
    now = ctx.clock()
    user = ctx.tx(
        lambda s: _public(
            user_rows.create_user(
                s, username=username, email=email, password_hash=password_hash, now=now
            )
        )
    )
    return user


def login(ctx: AppContext, *, identifier: str, password: str) -> LoginResult:
    identifier = identifier.strip()
    if not identifier:
        raise ValidationError("enter your username or email address", field="username")
    checked = _check_password(
        ctx,
        lambda s: user_rows.find_for_login(s, identifier=identifier, for_update=True),
        password,
        wrong=BAD_CREDENTIALS,
    )
    store = _store(ctx)
    previous = _load_quietly(store)
    now = ctx.clock()
    refresh = auth_tokens.new_opaque_token()

    def finish(session: Session) -> tuple[UserPublic, str]:
        user = _accept_password(session, checked)
        if previous is not None:
            _end_stored_family(session, previous, now, reason="new_login")
        family_id = _start_family(ctx, session, user_id=checked.user_id, refresh=refresh, now=now)
        return _public(user), family_id

    user, family_id = ctx.tx(finish)
    stored, access_expires = _issue(ctx, user, family_id, refresh, now)
    saved = store.save(stored)
    return LoginResult(
        user=user, session_store=saved.store, access_expires_at=access_expires, notice=saved.notice
    )


def current_user(ctx: AppContext) -> UserPublic:
    """Who is logged in on this computer, for this database; refreshes an expired access token."""
    return _active_session(ctx)[0]


def whoami(ctx: AppContext) -> WhoAmI:
    user, stored, store = _active_session(ctx)
    digest = auth_tokens.digest(stored.refresh_token)
    row = ctx.tx(lambda s: token_rows.find_refresh_token(s, token_hash=digest))
    if row is None:
        raise NotLoggedInError()
    return WhoAmI(user=user, session_expires_at=row.expires_at, session_store=store.location())


def logout(ctx: AppContext, *, everywhere: bool = False) -> None:
    store = _store(ctx)
    if everywhere:
        user, _stored, store = _active_session(ctx)
        now = ctx.clock()
        ctx.tx(
            lambda s: token_rows.revoke_all(s, acting_user_id=user.id, now=now, reason="logout_all")
        )
        store.clear()
        return
    stored = store.load()
    if stored is None:
        raise NotLoggedInError()
    now = ctx.clock()
    ctx.tx(lambda s: _end_stored_family(s, stored, now, reason="logout"))
    store.clear()


def list_sessions(ctx: AppContext) -> list[SessionInfo]:
    user, stored, _ = _active_session(ctx)
    now = ctx.clock()
    digest = auth_tokens.digest(stored.refresh_token)

    def read(session: Session) -> list[SessionInfo]:
        mine = token_rows.find_refresh_token(session, token_hash=digest)
        current = mine.family_id if mine is not None else None
        return [
            SessionInfo(
                id=live.family_id,
                host=live.host,
                created_at=live.started_at,
                last_used_at=live.last_used_at,
                expires_at=live.expires_at,
                current=live.family_id == current,
            )
            for live in token_rows.live_sessions(session, acting_user_id=user.id, now=now)
        ]

    return ctx.tx(read)


def revoke_session(ctx: AppContext, *, session_id: str) -> None:
    user, stored, store = _active_session(ctx)
    now = ctx.clock()
    family_id = session_id.strip()
    digest = auth_tokens.digest(stored.refresh_token)

    def revoke(session: Session) -> bool:
        if not token_rows.family_is_live(
            session, acting_user_id=user.id, family_id=family_id, now=now
        ):
            raise NotFoundError(f"no active session '{family_id}': see `interviewer sessions`")
        token_rows.revoke_family(
            session, acting_user_id=user.id, family_id=family_id, now=now, reason="revoked"
        )
        mine = token_rows.find_refresh_token(session, token_hash=digest)
        return mine is not None and mine.family_id == family_id

    if ctx.tx(revoke):
        store.clear()


# -- passwords ----------------------------------------------------------------------------------


def change_password(ctx: AppContext, *, current_password: str, new_password: str) -> None:
    """Change the password, end every session, and start a fresh one here."""
    user, _stored, store = _active_session(ctx)
    passwords.check_new_password(new_password, username=user.username, email=user.email)
    checked = _check_password(
        ctx,
        lambda s: user_rows.get_user(s, user_id=user.id, acting_user_id=user.id, for_update=True),
        current_password,
        wrong="the current password is wrong",
    )
    new_hash = passwords.hash_password(new_password)
    now = ctx.clock()
    refresh = auth_tokens.new_opaque_token()

    def change(session: Session) -> str:
        row = _accept_password(session, checked)
        row.password_hash = new_hash
        row.updated_at = now
        token_rows.revoke_all(session, acting_user_id=user.id, now=now, reason="password_change")
        token_rows.void_password_resets(session, acting_user_id=user.id, now=now)
        return _start_family(ctx, session, user_id=user.id, refresh=refresh, now=now)

    family_id = ctx.tx(change)
    stored, _expires = _issue(ctx, user, family_id, refresh, now)
    store.save(stored)


def forgot_password(ctx: AppContext, *, email: str) -> str:
    """Email a single-use reset code; the answer is the same whether or not the address is known."""
    from interviewer_tui.services import mailer

    if not ctx.settings.smtp_configured:
        raise UsageError(mailer.SMTP_HELP)
    address = email.strip().lower()
    if "@" not in address or len(address) > 320:
        raise ValidationError("enter the email address of your account", field="email")
    code = auth_tokens.new_opaque_token()
    digest = auth_tokens.digest(code)
    now = ctx.clock()

    def record(session: Session) -> tuple[str, str] | None:
        user = user_rows.find_by_email(session, email=address)
        if user is None or user.id is None:
            return None
        pending = token_rows.pending_password_resets(session, acting_user_id=user.id, now=now)
        if pending >= MAX_PENDING_RESETS:
            return None  # enough codes are on their way; don't let anyone flood the mailbox
        token_rows.add_password_reset(
            session, user_id=user.id, token_hash=digest, now=now, expires_at=now + RESET_TTL
        )
        return user.username, user.email

    target = ctx.tx(record)
    minutes = int(RESET_TTL.total_seconds() // 60)
    if target is not None:
        username, to = target
        mailer.send_password_reset(
            ctx.settings, to=to, username=username, code=code, minutes=minutes
        )
    return (
        f"if an account uses {address}, a reset code is on its way to it; it works once, within "
        f"{minutes} minutes: run `interviewer password reset`"
    )


def reset_password(ctx: AppContext, *, token: str, new_password: str) -> None:
    """Set a new password with an emailed code; ends every session of that account."""
    invalid = (
        "the reset code is invalid, already used or expired: "
        "ask for a new one with `interviewer password forgot`"
    )
    digest = auth_tokens.digest(token.strip())
    now = ctx.clock()

    def look_up(session: Session) -> tuple[int, int, str, str] | None:
        reset = token_rows.find_password_reset(session, token_hash=digest)
        if (
            reset is None
            or reset.id is None
            or reset.used_at is not None
            or reset.expires_at <= now
        ):
            return None
        user = user_rows.get_user(session, user_id=reset.user_id, acting_user_id=reset.user_id)
        if user is None:
            return None
        return reset.id, reset.user_id, user.username, user.email

    found = ctx.tx(look_up)
    if found is None:
        raise AuthError(invalid)
    reset_id, user_id, username, email = found
    passwords.check_new_password(new_password, username=username, email=email)
    new_hash = passwords.hash_password(new_password)
    now = ctx.clock()

    def apply(session: Session) -> None:
        if not token_rows.use_password_reset(session, reset_id=reset_id, now=now):
            raise AuthError(invalid)
        user = user_rows.get_user(session, user_id=user_id, acting_user_id=user_id, for_update=True)
        if user is None:
            raise AuthError(invalid)
        user.password_hash = new_hash
        user.failed_logins = 0
        user.locked_until = None
        user.updated_at = now
        token_rows.revoke_all(session, acting_user_id=user_id, now=now, reason="password_reset")
        token_rows.void_password_resets(session, acting_user_id=user_id, now=now)

    ctx.tx(apply)


def delete_account(ctx: AppContext, *, password: str) -> None:
    """Delete the logged-in user with all their interviews, after checking the password again."""
    user, _stored, store = _active_session(ctx)
    checked = _check_password(
        ctx,
        lambda s: user_rows.get_user(s, user_id=user.id, acting_user_id=user.id, for_update=True),
        password,
        wrong="the password is wrong",
    )
    ctx.tx(lambda s: user_rows.delete_user(s, user_id=checked.user_id, acting_user_id=user.id))
    store.clear()


# -- the local session --------------------------------------------------------------------------


def _store(ctx: AppContext) -> SessionStore:
    settings = ctx.settings
    return SessionStore(
        mode=settings.session_store,
        database_key=database_key(settings.effective_database_url),
        state_dir=settings.paths.state,
    )


def _load_quietly(store: SessionStore) -> StoredSession | None:
    try:
        return store.load()
    except UsageError:
        return None


def _secret(ctx: AppContext) -> bytes:
    configured = ctx.settings.jwt_secret
    return auth_tokens.load_secret(
        configured.get_secret_value() if configured is not None else None, ctx.settings.paths.data
    )


def _audience(ctx: AppContext) -> str:
    return auth_tokens.audience_for(database_key(ctx.settings.effective_database_url))


def _issue(
    ctx: AppContext, user: UserPublic, family_id: str, refresh: str, now: datetime
) -> tuple[StoredSession, datetime]:
    access, expires = auth_tokens.issue_access_token(
        _secret(ctx),
        user_id=user.id,
        family_id=family_id,
        audience=_audience(ctx),
        now=now,
        ttl_seconds=ctx.settings.access_token_ttl,
    )
    stored = StoredSession(
        user_id=user.id,
        username=user.username,
        refresh_token=refresh,
        access_token=access,
        access_expires_at=expires,
    )
    return stored, expires


def _active_session(ctx: AppContext) -> tuple[UserPublic, StoredSession, SessionStore]:
    """The validated session: the cheap path (valid access token, one query) or a refresh."""
    store = _store(ctx)
    stored = store.load()
    if stored is None:
        raise NotLoggedInError()
    if stored.access_token:
        user = _from_access_token(ctx, store, stored)
        if user is not None:
            return user, stored, store
    return _refresh(ctx, store, stored)


def _from_access_token(
    ctx: AppContext, store: SessionStore, stored: StoredSession
) -> UserPublic | None:
    assert stored.access_token is not None
    now = ctx.clock()
    try:
        claims = auth_tokens.verify_access_token(
            _secret(ctx), stored.access_token, audience=_audience(ctx), now=now
        )
    except auth_tokens.InvalidAccessToken:
        return None  # expired, tampered or signed with another secret: the refresh token decides
    if claims.user_id != stored.user_id:
        return None
    row = ctx.tx(
        lambda s: token_rows.user_with_live_family(
            s, acting_user_id=claims.user_id, family_id=claims.family_id, now=now
        )
    )
    if row is None:
        return None  # revoked or deleted: let the refresh path explain why
    return _public(row)


@dataclass(frozen=True)
class _Refreshed:
    outcome: Literal["ok", "unknown", "revoked", "rotated", "race", "expired"]
    user: UserPublic | None = None
    family_id: str | None = None
    user_id: int | None = None
    reason: str | None = None
    rotated_at: datetime | None = None


def _refresh(
    ctx: AppContext, store: SessionStore, stored: StoredSession
) -> tuple[UserPublic, StoredSession, SessionStore]:
    for _attempt in range(3):  # a lost race retries with the winner's session, not forever
        now = ctx.clock()
        new_refresh = auth_tokens.new_opaque_token()
        old_digest = auth_tokens.digest(stored.refresh_token)
        result = ctx.tx(lambda s: _rotate(ctx, s, old_digest, new_refresh, now, stored.user_id))  # noqa: B023
        if result.outcome == "ok":
            assert result.user is not None
            assert result.family_id is not None
            fresh, _expires = _issue(ctx, result.user, result.family_id, new_refresh, now)
            store.save(fresh)
            return result.user, fresh, store
        if result.outcome in ("rotated", "race"):
            newer = _wait_for_newer(store, stored, result, now)
            if newer is not None:
                stored = newer  # another command on this computer won the race: use its session
                if newer.access_token:
                    user = _from_access_token(ctx, store, newer)
                    if user is not None:
                        return user, newer, store
                continue
            _end_family_for_reuse(ctx, result, now)
            store.clear()
            raise AuthError(REUSE_DETECTED)
        store.clear()
        if result.outcome == "revoked":
            why = _ENDED_BECAUSE.get(result.reason or "", "this session was ended")
            raise NotLoggedInError(f"not logged in ({why}): run `interviewer login`")
        if result.outcome == "expired":
            raise NotLoggedInError("not logged in (the session expired): run `interviewer login`")
        raise NotLoggedInError()
    raise AuthError("the session kept changing under this command: run it again")


def _rotate(
    ctx: AppContext,
    session: Session,
    old_digest: str,
    new_refresh: str,
    now: datetime,
    expected_user: int,
) -> _Refreshed:
    row = token_rows.find_refresh_token(session, token_hash=old_digest)
    if row is None or row.id is None or row.user_id != expected_user:
        return _Refreshed("unknown")
    if row.revoked_at is not None:
        return _Refreshed("revoked", reason=row.revoke_reason)
    if row.rotated_at is not None:
        return _Refreshed(
            "rotated", family_id=row.family_id, user_id=row.user_id, rotated_at=row.rotated_at
        )
    if row.expires_at <= now or row.family_expires_at <= now:
        return _Refreshed("expired")
    if not token_rows.rotate_refresh_token(session, token_id=row.id, now=now):
        return _Refreshed("race", family_id=row.family_id, user_id=row.user_id, rotated_at=now)
    user = user_rows.get_user(session, user_id=row.user_id, acting_user_id=row.user_id)
    if user is None:
        return _Refreshed("unknown")
    token_rows.add_refresh_token(
        session,
        user_id=row.user_id,
        family_id=row.family_id,
        token_hash=auth_tokens.digest(new_refresh),
        host=row.host,
        now=now,
        expires_at=now + timedelta(days=ctx.settings.refresh_token_idle_days),
        family_expires_at=row.family_expires_at,
    )
    return _Refreshed("ok", user=_public(user), family_id=row.family_id)


def _wait_for_newer(
    store: SessionStore, stored: StoredSession, result: _Refreshed, now: datetime
) -> StoredSession | None:
    """A session saved on this computer after `stored`, if one shows up soon.

    Two commands run at once may both refresh with the same token; the loser finds the winner's
    session here instead of treating its own stale copy as a stolen token. A thief holding only
    the old copy never gets a newer one, so reuse is still detected.
    """
    if result.rotated_at is None or result.rotated_at < now - RACE_WINDOW:
        return _different(store, stored)
    deadline = time.monotonic() + RACE_WAIT_SECONDS
    while True:
        newer = _different(store, stored)
        if newer is not None or time.monotonic() >= deadline:
            return newer
        time.sleep(0.05)


def _different(store: SessionStore, stored: StoredSession) -> StoredSession | None:
    current = _load_quietly(store)
    if current is None or current.refresh_token == stored.refresh_token:
        return None
    return current


def _end_family_for_reuse(ctx: AppContext, result: _Refreshed, now: datetime) -> None:
    assert result.user_id is not None
    assert result.family_id is not None
    user_id, family_id = result.user_id, result.family_id
    ctx.tx(
        lambda s: token_rows.revoke_family(
            s, acting_user_id=user_id, family_id=family_id, now=now, reason="reuse"
        )
    )


def _end_stored_family(
    session: Session, stored: StoredSession, now: datetime, *, reason: str
) -> None:
    row = token_rows.find_refresh_token(
        session, token_hash=auth_tokens.digest(stored.refresh_token)
    )
    if row is not None:
        token_rows.revoke_family(
            session, acting_user_id=row.user_id, family_id=row.family_id, now=now, reason=reason
        )


def _start_family(
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


# -- password checks with throttling ------------------------------------------------------------


@dataclass(frozen=True)
class _Checked:
    user_id: int
    password_hash: str
    new_hash: str | None


def _check_password(
    ctx: AppContext,
    find: Callable[[Session], User | None],
    password: str,
    *,
    wrong: str,
) -> _Checked:
    """Verify a password under the per-account throttle.

    The attempt is counted *before* the (slow) verification, in its own transaction, so many
    guesses sent at once cannot all slip in before the lock is written. A success clears it
    later (see `_accept_password`). An unknown account costs the same argon2 work.
    """
    now = ctx.clock()

    def begin(session: Session) -> tuple[int, str] | datetime | None:
        user = find(session)
        if user is None or user.id is None:
            return None
        if user.locked_until is not None and user.locked_until > now:
            return user.locked_until  # attempts during a lock are refused and never extend it
        user.failed_logins += 1
        seconds = throttle.lock_seconds(user.failed_logins)
        user.locked_until = now + timedelta(seconds=seconds) if seconds else None
        return user.id, user.password_hash

    attempt = ctx.tx(begin)
    if attempt is None:
        passwords.burn_verification(password)
        raise AuthError(wrong)
    if isinstance(attempt, datetime):
        wait = throttle.describe_wait((attempt - now).total_seconds())
        raise AuthError(
            f"too many failed attempts for this account: try again in {wait}, or reset the "
            "password with `interviewer password forgot`"
        )
    user_id, password_hash = attempt
    if not passwords.verify_password(password_hash, password):
        raise AuthError(wrong)
    new_hash = passwords.hash_password(password) if passwords.needs_rehash(password_hash) else None
    return _Checked(user_id=user_id, password_hash=password_hash, new_hash=new_hash)


def _accept_password(session: Session, checked: _Checked) -> User:
    """Within the finishing transaction: clear the failure count and upgrade an old hash."""
    user = user_rows.get_user(
        session, user_id=checked.user_id, acting_user_id=checked.user_id, for_update=True
    )
    if user is None or user.password_hash != checked.password_hash:
        raise AuthError(BAD_CREDENTIALS)  # deleted or password changed since we checked it
    user.failed_logins = 0
    user.locked_until = None
    if checked.new_hash is not None:
        user.password_hash = checked.new_hash
    return user


# -- small helpers ------------------------------------------------------------------------------


def _public(user: User) -> UserPublic:
    assert user.id is not None
    return UserPublic(
        id=user.id, username=user.username, email=user.email, created_at=user.created_at
    )


def _normalise_email(email: str) -> str:
    from email_validator import EmailNotValidError, validate_email

    try:
        info = validate_email(email.strip(), check_deliverability=False)
    except EmailNotValidError as exc:
        raise ValidationError(f"invalid email address: {exc}", field="email") from None
    normalised = info.normalized.lower()
    if len(normalised) > 320:
        raise ValidationError("the email address is too long", field="email")
    return normalised
