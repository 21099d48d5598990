"""The database's clock: what lock-outs, reset codes and session expiry are measured against.

A client's clock can be wrong or moved on purpose (libfaketime, a VM a year ahead); the rows it
judges are shared with everyone else using the database. PostgreSQL's `now()` is the server's
clock, which no client can move. SQLite runs inside this process, so its clock is this computer's
(julianday('now') reads the OS clock, not Python's); anyone who can use a shared SQLite file can
also write it directly, so there the database file itself is the trust boundary.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, text
from sqlmodel import Session

_SQLITE_NOW = text("SELECT strftime('%Y-%m-%d %H:%M:%f', 'now')")
_POSTGRES_NOW = text("SELECT now()")


def database_clock(session: Session, local: datetime) -> Any:
    """The database's clock as a SQL expression to compare and store lease times with, so
    clients on several hosts agree on when a lease ran out even when their clocks do not: `now()`
    on PostgreSQL (no round trip: it is evaluated inside the statement). SQLite is one host's
    file, whose clock is this process's: there `local` is returned as is."""
    if session.get_bind().dialect.name == "sqlite":
        return local
    return func.now()


def database_now(session: Session) -> datetime:
    """The database's current time (UTC, aware). On PostgreSQL the transaction's start time."""
    if session.get_bind().dialect.name == "sqlite":
        raw = session.execute(_SQLITE_NOW).scalar_one()
        return datetime.fromisoformat(str(raw)).replace(tzinfo=UTC)
    value = session.execute(_POSTGRES_NOW).scalar_one()
    if not isinstance(value, datetime):
        raise TypeError(f"now() returned {type(value).__name__}")
    return value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)
