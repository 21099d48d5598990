"""Repository functions for the `users` table: keyword-only, session first.

A read by id always names the acting user too, and returns nothing when they differ: no code path
can load or change another person's account by passing the wrong id.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from interviewer_tui.errors import ConflictError
from interviewer_tui.store.tables import User


def username_key(username: str) -> str:
    """Usernames are ASCII, so lower-casing is the whole of "unique ignoring case"."""
    return username.lower()


def username_taken(session: Session, *, username: str) -> bool:
    query = (
        select(func.count()).select_from(User).where(User.username_key == username_key(username))
    )
    return session.exec(query).one() > 0


def email_taken(session: Session, *, email: str) -> bool:
    query = select(func.count()).select_from(User).where(User.email == email.lower())
    return session.exec(query).one() > 0


def create_user(
    session: Session, *, username: str, email: str, password_hash: str, now: datetime
) -> User:
    """Insert a user; ConflictError if the name or email was taken meanwhile (unique keys)."""
    user = User(
        username=username,
        username_key=username_key(username),
        email=email.lower(),
        password_hash=password_hash,
        created_at=now,
        updated_at=now,
    )
    try:
        with session.begin_nested():
            session.add(user)
            session.flush()
    except IntegrityError:
        raise ConflictError(
            "that username or email address was just taken: choose another"
        ) from None
    return user


def find_for_login(session: Session, *, identifier: str, for_update: bool = False) -> User | None:
    """The account named by a username (any case) or an email address."""
    if "@" in identifier:
        query = select(User).where(User.email == identifier.strip().lower())
    else:
        query = select(User).where(User.username_key == username_key(identifier.strip()))
    if for_update:
        query = query.with_for_update()
    return session.exec(query).first()


def find_by_email(session: Session, *, email: str, for_update: bool = False) -> User | None:
    query = select(User).where(User.email == email.strip().lower())
    if for_update:
        query = query.with_for_update()
    return session.exec(query).first()


def get_user(
    session: Session, *, user_id: int, acting_user_id: int, for_update: bool = False
) -> User | None:
    if user_id != acting_user_id:
        return None
    query = select(User).where(User.id == user_id)
    if for_update:
        query = query.with_for_update()
    return session.exec(query).first()


def delete_user(session: Session, *, user_id: int, acting_user_id: int) -> bool:
    """Delete the account; interviews, sessions and reset codes go with it (ON DELETE CASCADE)."""
    if user_id != acting_user_id:
        return False
    result = session.execute(delete(User).where(User.id == user_id))  # type: ignore[arg-type]
    return bool(result.rowcount)  # type: ignore[attr-defined]
