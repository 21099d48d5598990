"""Password checks under the per-account throttle, split in two around the slow argon2 work.

`check_password` counts the attempt and verifies the password outside any long transaction;
`accept_password` runs inside the caller's finishing transaction to clear the count and upgrade
an old hash, so a slow hash never holds a lock.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from interviewer_tui.auth import passwords, throttle
from interviewer_tui.errors import AuthError
from interviewer_tui.store import users as user_rows

if TYPE_CHECKING:
    from sqlmodel import Session

    from interviewer_tui.services.context import AppContext
    from interviewer_tui.store.tables import User

BAD_CREDENTIALS = "invalid username/email or password"


@dataclass(frozen=True)
class CheckedPassword:
    user_id: int
    password_hash: str
    new_hash: str | None


@dataclass(frozen=True)
class _Locked:
    until: datetime
    now: datetime


def check_password(
    ctx: AppContext,
    find: Callable[[Session], User | None],
    password: str,
    *,
    wrong: str,
) -> CheckedPassword:
    """Verify a password under the per-account throttle.

    The attempt is counted *before* the (slow) verification, in its own transaction, so many
    guesses sent at once cannot all slip in before the lock is written. A success clears it
    later (see `accept_password`). An unknown account costs the same argon2 work. Input no
    password can be is refused first, without counting a failure.
    """
    passwords.refuse_oversized(password)

    def begin(session: Session) -> tuple[int, str] | _Locked | None:
        now = ctx.trusted_now(session)  # the database's clock: a client cannot move it
        user = find(session)
        if user is None or user.id is None:
            return None
        if user.locked_until is not None and user.locked_until > now:
            longest = now + timedelta(seconds=throttle.MAX_LOCK_SECONDS)
            if user.locked_until > longest:
                # never honour more than the documented maximum, whoever wrote the row
                user.locked_until = longest
            return _Locked(user.locked_until, now)  # refused during a lock, never extending it
        user.failed_logins += 1
        seconds = throttle.lock_seconds(user.failed_logins)
        user.locked_until = now + timedelta(seconds=seconds) if seconds else None
        return user.id, user.password_hash

    attempt = ctx.tx(begin)
    if attempt is None:
        passwords.burn_verification(password)
        raise AuthError(wrong)
    if isinstance(attempt, _Locked):
        wait = throttle.describe_wait((attempt.until - attempt.now).total_seconds())
        raise AuthError(
            f"too many failed attempts for this account: try again in {wait}, or reset the "
            "password with `interviewer password forgot`"
        )
    user_id, password_hash = attempt
    if not passwords.verify_password(password_hash, password):
        raise AuthError(wrong)
    new_hash = passwords.hash_password(password) if passwords.needs_rehash(password_hash) else None
    return CheckedPassword(user_id=user_id, password_hash=password_hash, new_hash=new_hash)


def accept_password(session: Session, checked: CheckedPassword) -> User:
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
