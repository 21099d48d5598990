"""Accounts for remote clients: the use cases behind `interviewer serve`, with explicit identity.

The local use cases in `services/accounts.py` hand their tokens to this computer's shells, whose
edge keeps them (`edge/login.py`). A server keeps nothing of the sort either: it hands the tokens
to the client and learns who is calling from each request's access token, verified with the
server's own secret only. Everything
here takes the acting user (a `Caller`) as an argument; nothing reads "who is logged in here".
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, TypeVar

from interviewer_tui.auth import passwords
from interviewer_tui.auth import tokens as auth_tokens
from interviewer_tui.errors import (
    AppError,
    AuthError,
    ConflictError,
    NotFoundError,
    NotLoggedInError,
    UsageError,
)
from interviewer_tui.services import session_messages
from interviewer_tui.services.account_views import Identity, SessionInfo, UserPublic
from interviewer_tui.services.credentials import BAD_CREDENTIALS, accept_password, check_password
from interviewer_tui.services.logins import end_all_logins, end_login, rotate_to_successor
from interviewer_tui.services.mapping import public_user
from interviewer_tui.services.signing import token_audience, token_secret
from interviewer_tui.store import tokens as token_rows
from interviewer_tui.store import usage as usage_rows
from interviewer_tui.store import users as user_rows

if TYPE_CHECKING:
    from collections.abc import Callable

    from sqlmodel import Session

    from interviewer_tui.services.context import AppContext

T = TypeVar("T")

INVALID_TOKEN = "invalid or expired access token: log in again"
VERIFY_TYP = "verify+jwt"
VERIFY_PURPOSE = "verify_email"
VERIFY_TTL = timedelta(minutes=15)
RESET_TTL = timedelta(minutes=15)
MAX_PENDING_RESETS = 3


class QuotaError(UsageError):
    """The user spent today's allowance of interviews or model tokens (the server pays)."""


@dataclass(frozen=True)
class Caller(Identity):
    """Who a request acts as (the same `Identity` a shell passes: the user and the login, i.e.
    refresh-token family, it belongs to), built from its access token, and until when that
    token holds."""

    expires_at: datetime


@dataclass(frozen=True)
class TokenPair:
    user: UserPublic
    access_token: str
    refresh_token: str
    access_expires_at: datetime
    session_id: str


def _issue(
    ctx: AppContext, user: UserPublic, family_id: str, refresh: str, now: datetime, ttl: int
) -> TokenPair:
    access, expires = auth_tokens.issue_access_token(
        token_secret(ctx),
        user_id=user.id,
        family_id=family_id,
        audience=token_audience(ctx),
        now=now,
        ttl_seconds=ttl,
    )
    return TokenPair(
        user=user,
        access_token=access,
        refresh_token=refresh,
        access_expires_at=expires,
        session_id=family_id,
    )


# -- login, identity, refresh, logout ----------------------------------------------------------


def login(
    ctx: AppContext, *, identifier: str, password: str, client: str, ttl_seconds: int
) -> TokenPair:
    """Check the password (throttled per account) and start a login family for this client."""
    identifier = identifier.strip()
    if not identifier or not password:
        raise AuthError(BAD_CREDENTIALS)
    checked = check_password(
        ctx,
        lambda s: user_rows.find_for_login(s, identifier=identifier, for_update=True),
        password,
        wrong=BAD_CREDENTIALS,
    )
    now = ctx.clock()
    refresh = auth_tokens.new_opaque_token()
    settings = ctx.settings

    def finish(session: Session) -> tuple[UserPublic, str]:
        user = accept_password(session, checked)
        family_id = auth_tokens.new_family_id()
        token_rows.add_refresh_token(
            session,
            user_id=checked.user_id,
            family_id=family_id,
            token_hash=auth_tokens.digest(refresh),
            host=client,
            now=now,
            expires_at=now + timedelta(days=settings.refresh_token_idle_days),
            family_expires_at=now + timedelta(days=settings.refresh_token_ttl_days),
        )
        return public_user(user), family_id

    user, family_id = ctx.tx(finish)
    return _issue(ctx, user, family_id, refresh, now, ttl_seconds)


def authenticate(ctx: AppContext, access_token: str) -> Caller:
    """The caller of a request, from its access token; AuthError for anything else.

    The signature is checked with this server's secret only (HS256, `typ` at+jwt), so a token
    signed anywhere else, an `alg: none` token or a refresh token never passes; the login must
    still be live (logout and revocation take effect at once).
    """
    now = ctx.clock()
    try:
        claims = auth_tokens.verify_access_token(
            token_secret(ctx), access_token, audience=token_audience(ctx), now=now
        )
    except auth_tokens.InvalidAccessToken:
        raise AuthError(INVALID_TOKEN) from None
    row = ctx.read(  # every request does this: a read, never waiting for a writer
        lambda s: token_rows.user_with_live_family(
            s, acting_user_id=claims.user_id, family_id=claims.family_id, now=now
        )
    )
    if row is None:
        raise AuthError(INVALID_TOKEN)
    return Caller(user=public_user(row), login_id=claims.family_id, expires_at=claims.expires_at)


def refresh(
    ctx: AppContext, *, refresh_token: str, ttl_seconds: int, user_id: int | None = None
) -> TokenPair:
    """Rotate a refresh token (RFC 9700 4.14): presenting a rotated one ends its whole login."""
    now = ctx.clock()
    new_refresh = auth_tokens.new_opaque_token()
    old_digest = auth_tokens.digest(refresh_token.strip())
    settings = ctx.settings

    def rotate(session: Session) -> tuple[UserPublic, str] | str:
        row = token_rows.find_refresh_token(session, token_hash=old_digest)
        if row is None or row.id is None or (user_id is not None and row.user_id != user_id):
            return "unknown"
        if row.revoked_at is not None:
            return f"revoked:{row.revoke_reason or ''}"
        if row.rotated_at is not None:
            token_rows.revoke_family(
                session,
                acting_user_id=row.user_id,
                family_id=row.family_id,
                now=now,
                reason="reuse",
            )
            return "reuse"
        if row.expires_at <= now or row.family_expires_at <= now:
            return "expired"
        user = rotate_to_successor(
            session,
            row,
            new_refresh=new_refresh,
            now=now,
            idle_days=settings.refresh_token_idle_days,
        )
        if user == "rotated":
            return "reuse"
        if user == "unknown":
            return "unknown"
        return public_user(user), row.family_id

    result = ctx.tx(rotate)
    if isinstance(result, str):
        # the same words as a local session's (services/session_messages.py), so the terminal
        # app says the same thing whether it talks to a database or to this server
        if result == "reuse":
            raise AuthError(session_messages.REUSE_DETECTED)
        if result.startswith("revoked:"):
            raise NotLoggedInError(session_messages.ended(result.partition(":")[2]))
        if result == "expired":
            raise NotLoggedInError(session_messages.EXPIRED)
        raise AuthError("invalid, expired or revoked refresh token: log in again")
    user, family_id = result
    return _issue(ctx, user, family_id, new_refresh, now, ttl_seconds)


def logout(ctx: AppContext, caller: Caller, *, everywhere: bool = False) -> None:
    now = ctx.clock()
    uid = caller.user.id
    if everywhere:
        ctx.tx(lambda s: end_all_logins(s, user_id=uid, now=now, reason="logout_all"))
        return
    ctx.tx(lambda s: end_login(s, user_id=uid, family_id=caller.login_id, now=now, reason="logout"))


def list_sessions(ctx: AppContext, caller: Caller) -> list[SessionInfo]:
    now = ctx.clock()
    live = ctx.tx(lambda s: token_rows.live_sessions(s, acting_user_id=caller.user.id, now=now))
    return [
        SessionInfo(
            id=row.family_id,
            host=row.host,
            created_at=row.started_at,
            last_used_at=row.last_used_at,
            expires_at=row.expires_at,
            current=row.family_id == caller.login_id,
        )
        for row in live
    ]


def revoke_session(ctx: AppContext, caller: Caller, *, session_id: str) -> None:
    now = ctx.clock()
    uid = caller.user.id

    def revoke(session: Session) -> None:
        if not token_rows.family_is_live(
            session, acting_user_id=uid, family_id=session_id, now=now
        ):
            raise NotFoundError(f"no active session '{session_id}'")
        end_login(session, user_id=uid, family_id=session_id, now=now, reason="revoked")

    ctx.tx(revoke)


def change_password(
    ctx: AppContext, caller: Caller, *, current_password: str, new_password: str
) -> None:
    """Change the password and end every login of the account (this one included)."""
    user = caller.user
    passwords.check_new_password(new_password, username=user.username, email=user.email)
    checked = check_password(
        ctx,
        lambda s: user_rows.get_user(s, user_id=user.id, acting_user_id=user.id, for_update=True),
        current_password,
        wrong="the current password is wrong",
    )
    new_hash = passwords.hash_password(new_password)
    now = ctx.clock()

    def change(session: Session) -> None:
        row = accept_password(session, checked)
        row.password_hash = new_hash
        row.updated_at = now
        end_all_logins(session, user_id=user.id, now=now, reason="password_change")
        token_rows.void_password_resets(session, acting_user_id=user.id, now=now)

    ctx.tx(change)


def delete_account(ctx: AppContext, caller: Caller, *, password: str | None) -> None:
    """Delete the caller's account with everything in it; `password=None` only where the
    reference client sends none (its Bearer token is the proof)."""
    uid = caller.user.id
    if password is not None:
        check_password(
            ctx,
            lambda s: user_rows.get_user(s, user_id=uid, acting_user_id=uid, for_update=True),
            password,
            wrong="the password is wrong",
        )
    if not ctx.tx(lambda s: user_rows.delete_user(s, user_id=uid, acting_user_id=uid)):
        raise NotFoundError("account not found")


# -- registration with email verification -------------------------------------------------------


def email_exists(ctx: AppContext, *, email: str) -> bool:
    address = email.strip().lower()
    return ctx.tx(lambda s: user_rows.email_taken(s, email=address))


def verification_required(ctx: AppContext) -> bool:
    mode = ctx.settings.server_email_verification
    return mode == "on" or (mode == "auto" and ctx.settings.smtp_configured)


def register(ctx: AppContext, *, username: str, email: str, password: str) -> UserPublic:
    from interviewer_tui.services import accounts

    return accounts.register(ctx, username=username, email=email, password=password)


def request_verification(ctx: AppContext, *, username: str, email: str, password: str) -> None:
    """Validate a sign-up and mail a link that creates the account once opened.

    Like the reference product, no row exists until the link is used; the signed token carries
    the argon2 hash, never the password (it expires after 15 minutes).
    """
    import jwt

    from interviewer_tui.services import accounts, mailer

    if not ctx.settings.smtp_configured:
        raise UsageError(mailer.SMTP_HELP)
    name, address = accounts.validate_new_account(
        ctx, username=username, email=email, password=password
    )
    now = ctx.clock()
    claims: dict[str, Any] = {
        "iss": auth_tokens.ISSUER,
        "aud": token_audience(ctx),
        "purpose": VERIFY_PURPOSE,
        "username": name,
        "email": address,
        "password_hash": passwords.hash_password(password),
        "iat": int(now.timestamp()),
        "exp": int((now + VERIFY_TTL).timestamp()),
    }
    token = jwt.encode(claims, token_secret(ctx), algorithm="HS256", headers={"typ": VERIFY_TYP})
    link = f"{ctx.settings.frontend_url}verify-email?token={token}"
    body = (
        f"Hello {name},\n\nopen this link within 15 minutes to create your interviewer account:\n\n"
        f"    {link}\n\nIf you did not sign up, ignore this message.\n"
    )
    mailer.send_mail(ctx.settings, to=address, subject="Verify your interviewer account", body=body)


def complete_verification(ctx: AppContext, *, token: str) -> UserPublic:
    import jwt

    invalid = AuthError("the verification link is invalid or expired: sign up again")
    try:
        if jwt.get_unverified_header(token).get("typ") != VERIFY_TYP:
            raise invalid
        claims = jwt.decode(
            token,
            token_secret(ctx),
            algorithms=["HS256"],
            audience=token_audience(ctx),
            issuer=auth_tokens.ISSUER,
            options={"require": ["exp", "iat", "purpose", "email", "username", "password_hash"]},
        )
    except jwt.PyJWTError:
        raise invalid from None
    if claims.get("purpose") != VERIFY_PURPOSE:
        raise invalid
    now = ctx.clock()
    username, email = str(claims["username"]), str(claims["email"])
    password_hash = str(claims["password_hash"])
    if datetime.fromtimestamp(int(claims["exp"]), UTC) <= now:
        raise invalid

    def create(session: Session) -> UserPublic:
        if user_rows.email_taken(session, email=email):
            raise ConflictError("Email already exists: log in instead")
        if user_rows.username_taken(session, username=username):
            raise ConflictError(f"the username '{username}' is taken: sign up with another")
        return public_user(
            user_rows.create_user(
                session, username=username, email=email, password_hash=password_hash, now=now
            )
        )

    return ctx.tx(create)


def issue_for_new_user(ctx: AppContext, user: UserPublic, *, client: str, ttl: int) -> TokenPair:
    """Log a just-verified user in (the reference client expects a token from verification)."""
    now = ctx.clock()
    refresh_value = auth_tokens.new_opaque_token()
    settings = ctx.settings

    def start(session: Session) -> str:
        family_id = auth_tokens.new_family_id()
        token_rows.add_refresh_token(
            session,
            user_id=user.id,
            family_id=family_id,
            token_hash=auth_tokens.digest(refresh_value),
            host=client,
            now=now,
            expires_at=now + timedelta(days=settings.refresh_token_idle_days),
            family_expires_at=now + timedelta(days=settings.refresh_token_ttl_days),
        )
        return family_id

    return _issue(ctx, user, ctx.tx(start), refresh_value, now, ttl)


# -- password reset by emailed link -------------------------------------------------------------


def request_reset_link(ctx: AppContext, *, email: str) -> None:
    """Mail a single-use reset link; silent whether or not the address is known."""
    from interviewer_tui.services import mailer

    if not ctx.settings.smtp_configured:
        raise UsageError(mailer.SMTP_HELP)
    address = email.strip().lower()
    if "@" not in address or len(address) > 320:
        return
    code = auth_tokens.new_opaque_token()
    now = ctx.clock()

    def record(session: Session) -> tuple[str, str] | None:
        user = user_rows.find_by_email(session, email=address)
        if user is None or user.id is None:
            return None
        if token_rows.pending_password_resets(session, acting_user_id=user.id, now=now) >= (
            MAX_PENDING_RESETS
        ):
            return None
        token_rows.add_password_reset(
            session,
            user_id=user.id,
            token_hash=auth_tokens.digest(code),
            now=now,
            expires_at=now + RESET_TTL,
        )
        return user.username, user.email

    target = ctx.tx(record)
    if target is None:
        return
    username, to = target
    link = f"{ctx.settings.frontend_url}reset-password?token={code}"
    body = (
        f"Hello {username},\n\nsomeone (hopefully you) asked to reset the password of your "
        f"interviewer account. Open this link within 15 minutes to choose a new one:\n\n"
        f"    {link}\n\nIf you did not ask for it, ignore this message.\n"
    )
    mailer.send_mail(ctx.settings, to=to, subject="Reset your interviewer password", body=body)


def reset_password(ctx: AppContext, *, token: str, new_password: str) -> None:
    from interviewer_tui.services import accounts

    accounts.reset_password(ctx, token=token, new_password=new_password)


# -- the daily quota ---------------------------------------------------------------------------


@dataclass(frozen=True)
class UsageToday:
    interviews: int
    tokens: int
    interviews_left: int
    tokens_left: int


def _day(ctx: AppContext) -> str:
    return ctx.clock().astimezone(UTC).strftime("%Y-%m-%d")


def usage_today(ctx: AppContext, *, user_id: int) -> UsageToday:
    settings = ctx.settings
    day = _day(ctx)
    interviews, tokens = ctx.read(lambda s: usage_rows.usage_on(s, user_id=user_id, day=day))
    return UsageToday(
        interviews=interviews,
        tokens=tokens,
        interviews_left=max(0, settings.server_daily_interviews - interviews),
        tokens_left=max(0, settings.server_daily_tokens - tokens),
    )


def check_quota(ctx: AppContext, *, user_id: int) -> None:
    """Refuse a model step once today's token allowance is spent."""
    refuse_if_spent(usage_today(ctx, user_id=user_id).tokens_left)


def refuse_if_spent(tokens_left: int) -> None:
    if tokens_left <= 0:
        raise QuotaError(
            "you have used today's model token allowance on this server: try again tomorrow (UTC)"
        )


@dataclass(frozen=True)
class AnswerCheck:
    """What an answer request needs to know before it stores anything: the answer already
    stored under the client's id (a retry), and today's tokens left."""

    stored_seq: int | None
    tokens_left: int


def answer_check(
    ctx: AppContext, *, user_id: int, client_id: str
) -> Callable[[Session, int], AnswerCheck]:
    """Those two reads, for the transaction that takes the interview's lease (one round of
    reads per answer instead of a transaction each; see server/port.py)."""
    day = _day(ctx)
    allowance = ctx.settings.server_daily_tokens

    def read(session: Session, interview_id: int) -> AnswerCheck:
        seq, tokens = usage_rows.answer_seq_and_tokens(
            session, user_id=user_id, interview_id=interview_id, client_id=client_id, day=day
        )
        return AnswerCheck(seq, max(0, allowance - tokens))

    return read


def token_charger(ctx: AppContext, *, user_id: int) -> Callable[[Session, int], None]:
    """Adds a model step's tokens to the user's ledger for today, inside that step's own
    transaction (services/runner.py), so what was spent is counted with what it bought."""

    def charge(session: Session, tokens: int) -> None:
        usage_rows.add_tokens(session, user_id=user_id, day=_day(ctx), tokens=tokens)

    return charge


def take_interview(ctx: AppContext, *, user_id: int) -> None:
    """Count a new interview against today's allowance, or refuse it (QuotaError)."""
    check_quota(ctx, user_id=user_id)
    limit = ctx.settings.server_daily_interviews
    day = _day(ctx)
    if not ctx.tx(lambda s: usage_rows.take_interview(s, user_id=user_id, day=day, limit=limit)):
        raise QuotaError(
            f"you have started {limit} interviews today, the most this server allows: "
            "try again tomorrow (UTC)"
        )


def charged_interview(ctx: AppContext, *, user_id: int, create: Callable[[], T]) -> T:
    """`create()` with one interview taken off today's allowance first (QuotaError when none
    is left), and given back when it creates nothing: a twin request with the same client id
    that committed first (AlreadyCreated) or a failure."""
    take_interview(ctx, user_id=user_id)
    try:
        return create()
    except BaseException:
        day = _day(ctx)
        with contextlib.suppress(AppError):
            ctx.tx(lambda s: usage_rows.give_back_interview(s, user_id=user_id, day=day))
        raise


def record_tokens(ctx: AppContext, *, user_id: int, tokens: int) -> None:
    day = _day(ctx)
    ctx.tx(lambda s: usage_rows.add_tokens(s, user_id=user_id, day=day, tokens=tokens))


def answer_seq(ctx: AppContext, *, user_id: int, interview_id: int, client_id: str) -> int | None:
    return ctx.read(
        lambda s: usage_rows.answer_seq_by_client_id(
            s, user_id=user_id, interview_id=interview_id, client_id=client_id
        )
    )
