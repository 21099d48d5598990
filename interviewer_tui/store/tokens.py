"""Repository functions for refresh tokens (grouped in login families) and password-reset codes.

Only SHA-256 digests reach these functions. Lookups by digest need no acting user (the token is
the credential); everything else is scoped to the acting user. Rotation and reset-code use are
conditional UPDATEs checked by row count, so of two concurrent callers exactly one succeeds.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, delete, func, update
from sqlmodel import Session, col, select

from interviewer_tui.store.tables import PasswordReset, RefreshToken, User


@dataclass(frozen=True)
class LiveSession:
    family_id: str
    host: str
    started_at: datetime
    last_used_at: datetime
    expires_at: datetime


def _live(now: Any):  # type: ignore[no-untyped-def]  # a datetime or a bind parameter
    """Conditions that make a token the usable head of a live family."""
    return (
        col(RefreshToken.revoked_at).is_(None),
        col(RefreshToken.rotated_at).is_(None),
        col(RefreshToken.expires_at) > now,
        col(RefreshToken.family_expires_at) > now,
    )


def add_refresh_token(
    session: Session,
    *,
    user_id: int,
    family_id: str,
    token_hash: str,
    host: str,
    now: datetime,
    expires_at: datetime,
    family_expires_at: datetime,
) -> RefreshToken:
    row = RefreshToken(
        user_id=user_id,
        family_id=family_id,
        token_hash=token_hash,
        host=host[:255],
        created_at=now,
        last_used_at=now,
        expires_at=min(expires_at, family_expires_at),
        family_expires_at=family_expires_at,
    )
    session.add(row)
    session.flush()
    return row


def find_refresh_token(
    session: Session, *, token_hash: str, for_update: bool = False
) -> RefreshToken | None:
    query = select(RefreshToken).where(RefreshToken.token_hash == token_hash)
    if for_update:
        query = query.with_for_update()
    return session.exec(query).first()


def rotate_refresh_token(session: Session, *, token_id: int, now: datetime) -> bool:
    """Mark a token used. False when someone else rotated or revoked it first (the race loser)."""
    result = session.execute(
        update(RefreshToken)
        .where(
            col(RefreshToken.id) == token_id,
            col(RefreshToken.rotated_at).is_(None),
            col(RefreshToken.revoked_at).is_(None),
        )
        .values(rotated_at=now, last_used_at=now)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1  # type: ignore[attr-defined, no-any-return]


def revoke_family(
    session: Session, *, acting_user_id: int, family_id: str, now: datetime, reason: str
) -> int:
    """Revoke every not-yet-revoked token of one login; returns how many rows changed."""
    result = session.execute(
        update(RefreshToken)
        .where(
            col(RefreshToken.user_id) == acting_user_id,
            col(RefreshToken.family_id) == family_id,
            col(RefreshToken.revoked_at).is_(None),
        )
        .values(revoked_at=now, revoke_reason=reason)
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


def unrevoked_families(session: Session, *, acting_user_id: int) -> list[str]:
    """The user's logins that still have a token not revoked: those `revoke_all` would end."""
    query = (
        select(RefreshToken.family_id)
        .where(
            col(RefreshToken.user_id) == acting_user_id,
            col(RefreshToken.revoked_at).is_(None),
        )
        .distinct()
    )
    return list(session.exec(query).all())


def revoke_all(session: Session, *, acting_user_id: int, now: datetime, reason: str) -> int:
    result = session.execute(
        update(RefreshToken)
        .where(
            col(RefreshToken.user_id) == acting_user_id,
            col(RefreshToken.revoked_at).is_(None),
        )
        .values(revoked_at=now, revoke_reason=reason)
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


def family_is_live(session: Session, *, acting_user_id: int, family_id: str, now: datetime) -> bool:
    query = (
        select(func.count())
        .select_from(RefreshToken)
        .where(
            col(RefreshToken.user_id) == acting_user_id,
            col(RefreshToken.family_id) == family_id,
            *_live(now),
        )
    )
    return session.exec(query).one() > 0


def user_with_live_family(
    session: Session, *, acting_user_id: int, family_id: str, now: datetime
) -> User | None:
    """One query for the cheap path: the user, if this login is still live (every server
    request runs it: the statement is built once, with bind parameters)."""
    params = {"user_id": acting_user_id, "family_id": family_id, "now": now}
    result = session.exec(_user_with_live_family(), params=params)
    return result.first()  # type: ignore[no-any-return]


@functools.cache
def _user_with_live_family() -> Any:
    expires = RefreshToken.__table__.c.expires_at  # type: ignore[attr-defined]
    now = bindparam("now", type_=expires.type)
    live = (
        select(RefreshToken.id)
        .where(
            col(RefreshToken.user_id) == bindparam("user_id"),
            col(RefreshToken.family_id) == bindparam("family_id"),
            *_live(now),
        )
        .exists()
    )
    return select(User).where(col(User.id) == bindparam("user_id"), live)


def live_sessions(session: Session, *, acting_user_id: int, now: datetime) -> list[LiveSession]:
    heads = session.exec(
        select(RefreshToken)
        .where(col(RefreshToken.user_id) == acting_user_id, *_live(now))
        .order_by(col(RefreshToken.last_used_at).desc(), col(RefreshToken.id).desc())
    ).all()
    if not heads:
        return []
    families = [head.family_id for head in heads]
    starts = dict(
        session.exec(
            select(RefreshToken.family_id, func.min(RefreshToken.created_at))
            .where(
                col(RefreshToken.user_id) == acting_user_id,
                col(RefreshToken.family_id).in_(families),
            )
            .group_by(col(RefreshToken.family_id))
        ).all()
    )
    return [
        LiveSession(
            family_id=head.family_id,
            host=head.host,
            started_at=_aware(starts.get(head.family_id)) or head.created_at,
            last_used_at=head.last_used_at,
            expires_at=head.expires_at,
        )
        for head in heads
    ]


def _aware(value: object) -> datetime | None:
    """func.min() bypasses the column type on SQLite, so mark the result as UTC ourselves."""
    from datetime import UTC

    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if not isinstance(value, datetime):
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


# -- password-reset codes -----------------------------------------------------------------------


def add_password_reset(
    session: Session, *, user_id: int, token_hash: str, now: datetime, expires_at: datetime
) -> PasswordReset:
    row = PasswordReset(
        user_id=user_id, token_hash=token_hash, created_at=now, expires_at=expires_at
    )
    session.add(row)
    session.flush()
    return row


def pending_password_resets(session: Session, *, acting_user_id: int, now: datetime) -> int:
    query = (
        select(func.count())
        .select_from(PasswordReset)
        .where(
            col(PasswordReset.user_id) == acting_user_id,
            col(PasswordReset.used_at).is_(None),
            col(PasswordReset.expires_at) > now,
        )
    )
    return session.exec(query).one()


def find_password_reset(session: Session, *, token_hash: str) -> PasswordReset | None:
    return session.exec(select(PasswordReset).where(PasswordReset.token_hash == token_hash)).first()


def use_password_reset(session: Session, *, reset_id: int, now: datetime) -> bool:
    """Spend a code once: False if it was already used or has expired."""
    result = session.execute(
        update(PasswordReset)
        .where(
            col(PasswordReset.id) == reset_id,
            col(PasswordReset.used_at).is_(None),
            col(PasswordReset.expires_at) > now,
        )
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1  # type: ignore[attr-defined, no-any-return]


def drop_password_reset(session: Session, *, reset_id: int) -> None:
    """Forget a code that was never delivered, so it does not count against the limit."""
    session.execute(
        delete(PasswordReset)
        .where(col(PasswordReset.id) == reset_id, col(PasswordReset.used_at).is_(None))
        .execution_options(synchronize_session=False)
    )


def void_password_resets(session: Session, *, acting_user_id: int, now: datetime) -> int:
    """After a password change, codes sent earlier must not work any more."""
    result = session.execute(
        update(PasswordReset)
        .where(col(PasswordReset.user_id) == acting_user_id, col(PasswordReset.used_at).is_(None))
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]
