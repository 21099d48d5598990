"""Accounts: the use cases behind register, login, logout, whoami, sessions, password
change/forgot/reset and account deletion, on this computer's database. Identity is an argument
(`caller`, which the shells' edge resolved from the tokens it keeps); tokens are returned, never
stored here (`edge/login.py` keeps them).

Argon2 work always happens outside database transactions so a slow hash never holds a lock. How a
login is kept on this computer (token families, refresh, reuse detection) lives in
`services/logins.py`; the throttled password check in `services/credentials.py`.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from interviewer_tui.auth import passwords
from interviewer_tui.auth import tokens as auth_tokens
from interviewer_tui.errors import (
    AuthError,
    ConflictError,
    NotFoundError,
    NotLoggedInError,
    UsageError,
    ValidationError,
)
from interviewer_tui.services.account_views import (
    Identity,
    Issued,
    SessionInfo,
    UserPublic,
)
from interviewer_tui.services.credentials import BAD_CREDENTIALS, accept_password, check_password
from interviewer_tui.services.logins import (
    end_all_logins,
    end_login,
    end_stored_family,
    issue,
    start_family,
)
from interviewer_tui.services.mapping import public_user
from interviewer_tui.store import tokens as token_rows
from interviewer_tui.store import users as user_rows

if TYPE_CHECKING:
    from sqlmodel import Session

    from interviewer_tui.auth.login_tokens import LoginTokens
    from interviewer_tui.services.context import AppContext

__all__ = [
    "Identity",
    "Issued",
    "SessionInfo",
    "UserPublic",
    "change_password",
    "delete_account",
    "forgot_password",
    "list_sessions",
    "login",
    "login_expires_at",
    "logout",
    "logout_everywhere",
    "register",
    "reset_password",
    "revoke_session",
]

USERNAME_RE = re.compile(r"[A-Za-z0-9_.-]{3,32}")
RESET_TTL = timedelta(minutes=15)
MAX_PENDING_RESETS = 3


# -- registration and login ---------------------------------------------------------------------


def validate_new_account(
    ctx: AppContext, *, username: str, email: str, password: str
) -> tuple[str, str]:
    """Check a sign-up (name, address, password policy, both free); the clean name and email."""
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
    return username, email


def register(ctx: AppContext, *, username: str, email: str, password: str) -> UserPublic:
    username, email = validate_new_account(ctx, username=username, email=email, password=password)
    password_hash = passwords.hash_password(password)
    user = ctx.tx(
        lambda s: public_user(
            user_rows.create_user(
                s,
                username=username,
                email=email,
                password_hash=password_hash,
                now=ctx.trusted_now(s),
            )
        )
    )
    return user


def login(
    ctx: AppContext, *, identifier: str, password: str, replacing: LoginTokens | None = None
) -> Issued:
    """Check the password and start a login; `replacing` (what this computer kept before) is
    ended in the same transaction, once the password is right. Stores nothing: the shell keeps
    the tokens."""
    from interviewer_tui.core.text import clean_input

    identifier = clean_input(identifier).strip()  # PostgreSQL refuses NUL: same on both backends
    if not identifier:
        raise ValidationError("enter your username or email address", field="username")
    checked = check_password(
        ctx,
        lambda s: user_rows.find_for_login(s, identifier=identifier, for_update=True),
        password,
        wrong=BAD_CREDENTIALS,
    )
    refresh = auth_tokens.new_opaque_token()

    def finish(session: Session) -> tuple[UserPublic, str, datetime]:
        now = ctx.trusted_now(session)
        user = accept_password(session, checked)
        if replacing is not None:
            end_stored_family(session, replacing, now, reason="new_login")
        family_id = start_family(ctx, session, user_id=checked.user_id, refresh=refresh, now=now)
        return public_user(user), family_id, now

    user, family_id, now = ctx.tx(finish)
    return issue(ctx, user, family_id, refresh, now)


def login_expires_at(ctx: AppContext, caller: Identity) -> datetime:
    """Until when the caller's login lasts unless used (each use renews it)."""

    def read(session: Session) -> datetime | None:
        now = ctx.trusted_now(session)
        live = token_rows.live_sessions(session, acting_user_id=caller.user.id, now=now)
        return next((row.expires_at for row in live if row.family_id == caller.login_id), None)

    expires = ctx.tx(read)
    if expires is None:
        raise NotLoggedInError()
    return expires


def logout(ctx: AppContext, tokens: LoginTokens) -> None:
    """End the login these tokens belong to (nothing happens when it has already ended)."""
    ctx.tx(lambda s: end_stored_family(s, tokens, ctx.trusted_now(s), reason="logout"))


def logout_everywhere(ctx: AppContext, caller: Identity) -> None:
    ctx.tx(
        lambda s: end_all_logins(
            s, user_id=caller.user.id, now=ctx.trusted_now(s), reason="logout_all"
        )
    )


def list_sessions(ctx: AppContext, caller: Identity) -> list[SessionInfo]:
    def read(session: Session) -> list[SessionInfo]:
        now = ctx.trusted_now(session)
        return [
            SessionInfo(
                id=live.family_id,
                host=live.host,
                created_at=live.started_at,
                last_used_at=live.last_used_at,
                expires_at=live.expires_at,
                current=live.family_id == caller.login_id,
            )
            for live in token_rows.live_sessions(session, acting_user_id=caller.user.id, now=now)
        ]

    return ctx.tx(read)


def revoke_session(ctx: AppContext, caller: Identity, *, session_id: str) -> bool:
    """End one of the caller's logins; True when it was the caller's own (the shell then forgets
    the tokens it keeps)."""
    user = caller.user
    family_id = session_id.strip()

    def revoke(session: Session) -> None:
        now = ctx.trusted_now(session)
        if not token_rows.family_is_live(
            session, acting_user_id=user.id, family_id=family_id, now=now
        ):
            raise NotFoundError(f"no active session '{family_id}': see `interviewer sessions`")
        end_login(session, user_id=user.id, family_id=family_id, now=now, reason="revoked")

    ctx.tx(revoke)
    return family_id == caller.login_id


# -- passwords ----------------------------------------------------------------------------------


def change_password(
    ctx: AppContext, caller: Identity, *, current_password: str, new_password: str
) -> Issued:
    """Change the password, end every login of the account, and start a fresh one for the
    caller (whose shell keeps its tokens)."""
    user = caller.user
    passwords.check_new_password(new_password, username=user.username, email=user.email)
    checked = check_password(
        ctx,
        lambda s: user_rows.get_user(s, user_id=user.id, acting_user_id=user.id, for_update=True),
        current_password,
        wrong="the current password is wrong",
    )
    new_hash = passwords.hash_password(new_password)
    refresh = auth_tokens.new_opaque_token()

    def change(session: Session) -> tuple[str, datetime]:
        now = ctx.trusted_now(session)
        row = accept_password(session, checked)
        row.password_hash = new_hash
        row.updated_at = now
        end_all_logins(session, user_id=user.id, now=now, reason="password_change")
        token_rows.void_password_resets(session, acting_user_id=user.id, now=now)
        return start_family(ctx, session, user_id=user.id, refresh=refresh, now=now), now

    family_id, now = ctx.tx(change)
    return issue(ctx, user, family_id, refresh, now)


def forgot_password(ctx: AppContext, *, email: str) -> str:
    """Email a single-use reset code; nothing in the answer depends on whether the address has an
    account (issue 11, item 18).

    The mail server is asked to accept the envelope first, for every address: if it is down or
    refuses us, every request fails the same way (UsageError, exit 2) and no code is recorded,
    so failed sends never use up the limit. Only then is a code recorded and sent, for a known
    account under the limit. Should the server refuse that one message, the code is dropped, the
    reply is logged for the operator (`mail.log`, no address in it) and the answer stays the
    neutral one every other request gets.
    """
    from interviewer_tui.services import mailer

    if not ctx.settings.smtp_configured:
        raise UsageError(mailer.SMTP_HELP)
    address = email.strip().lower()
    if "@" not in address or len(address) > 320:
        raise ValidationError("enter the email address of your account", field="email")
    code = auth_tokens.new_opaque_token()
    digest = auth_tokens.digest(code)
    minutes = int(RESET_TTL.total_seconds() // 60)

    def record(session: Session) -> tuple[int, str] | None:
        now = ctx.trusted_now(session)
        user = user_rows.find_by_email(session, email=address, for_update=True)
        if user is None or user.id is None:
            return None
        pending = token_rows.pending_password_resets(session, acting_user_id=user.id, now=now)
        if pending >= MAX_PENDING_RESETS:
            return None  # enough codes are on their way; don't let anyone flood the mailbox
        reset = token_rows.add_password_reset(
            session, user_id=user.id, token_hash=digest, now=now, expires_at=now + RESET_TTL
        )
        assert reset.id is not None
        return reset.id, user.username  # user.email == address: the probe's recipient

    with mailer.probe(ctx.settings, to=address) as conversation:
        target = ctx.tx(record)
        if target is not None:
            reset_id, username = target
            subject, body = mailer.reset_message(username=username, code=code, minutes=minutes)
            try:
                conversation.send(subject=subject, body=body)
            except UsageError as exc:
                ctx.tx(lambda s: token_rows.drop_password_reset(s, reset_id=reset_id))
                mailer.record_failure(
                    ctx.settings.paths.state, f"password-reset mail not delivered: {exc.message}"
                )
    return (
        f"if an account uses {address}, a reset code has been sent to it (at most "
        f"{MAX_PENDING_RESETS} codes are sent per {minutes} minutes); a code works once, within "
        f"{minutes} minutes: run `interviewer password reset`"
    )


def reset_password(ctx: AppContext, *, token: str, new_password: str) -> None:
    """Set a new password with an emailed code; ends every session of that account."""
    invalid = (
        "the reset code is invalid, already used or expired: "
        "ask for a new one with `interviewer password forgot`"
    )
    digest = auth_tokens.digest(token.strip())

    def look_up(session: Session) -> tuple[int, int, str, str] | None:
        now = ctx.trusted_now(session)
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

    def apply(session: Session) -> None:
        now = ctx.trusted_now(session)
        if not token_rows.use_password_reset(session, reset_id=reset_id, now=now):
            raise AuthError(invalid)
        user = user_rows.get_user(session, user_id=user_id, acting_user_id=user_id, for_update=True)
        if user is None:
            raise AuthError(invalid)
        user.password_hash = new_hash
        user.failed_logins = 0
        user.locked_until = None
        user.updated_at = now
        end_all_logins(session, user_id=user_id, now=now, reason="password_reset")
        token_rows.void_password_resets(session, acting_user_id=user_id, now=now)

    ctx.tx(apply)


def delete_account(ctx: AppContext, caller: Identity, *, password: str) -> None:
    """Delete the caller's account with all their interviews, after checking the password again."""
    user = caller.user
    checked = check_password(
        ctx,
        lambda s: user_rows.get_user(s, user_id=user.id, acting_user_id=user.id, for_update=True),
        password,
        wrong="the password is wrong",
    )
    ctx.tx(lambda s: user_rows.delete_user(s, user_id=checked.user_id, acting_user_id=user.id))


# -- small helpers ------------------------------------------------------------------------------


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
