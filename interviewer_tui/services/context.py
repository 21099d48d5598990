"""The application context: settings, a lazily built engine, and a clock, passed to every service.

Two notions of "now": `clock()` stamps ordinary rows (when an interview started); `trusted_now`,
inside a transaction, is what security decisions use (lock-outs, reset codes, session expiry):
the database's own clock, which a client cannot move (see store/clock.py). A test that injects a
clock controls both, so it can move time without waiting.

Built once by `cli.py` (the composition root) or by tests; nothing here is a module-level singleton.
Everything is lazy: creating a context imports neither pydantic-settings nor SQLAlchemy, so the
TUI can paint its first frame before any of that is loaded (in a worker).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlmodel import Session

    from interviewer_tui.config import Settings

T = TypeVar("T")


def _utcnow() -> datetime:
    from interviewer_tui.store.types import utcnow

    return utcnow()


class AppContext:
    def __init__(
        self,
        settings: Settings | None = None,
        *,
        clock: Callable[[], datetime] = _utcnow,
        check_schema: bool = True,
    ) -> None:
        self._settings = settings
        self.clock = clock
        self._clock_injected = clock is not _utcnow
        self.check_schema = check_schema
        self._engine: Engine | None = None
        # the shell's way to show "reconnecting…" (stderr, a JSON event); None: wait silently
        self.on_reconnect: Callable[[int, float, str], None] | None = None
        self._lock = threading.RLock()

    @property
    def settings(self) -> Settings:
        """Loaded on first use (UsageError, exit 2, for an invalid configuration)."""
        with self._lock:
            if self._settings is None:
                from interviewer_tui.config import load_settings

                self._settings = load_settings()
            return self._settings

    @property
    def engine(self) -> Engine:
        """Connect (and, on SQLite, migrate) on first use, never at import or startup."""
        with self._lock:
            if self._engine is None:
                from interviewer_tui.store.engine import make_engine
                from interviewer_tui.store.migrate import ensure_schema

                settings = self.settings
                engine = make_engine(
                    settings.effective_database_url,
                    sqlite_synchronous=settings.sqlite_synchronous,
                )
                if self.check_schema:
                    try:
                        ensure_schema(engine)
                    except BaseException:
                        engine.dispose()
                        raise
                self._engine = engine
            return self._engine

    def check_database(self) -> None:
        """Connect now, so that a database that cannot be used is reported as such (exit 5,
        naming it) before anything that would misread its absence, such as "not logged in"."""
        from sqlalchemy import text

        from interviewer_tui.store.engine import db_errors, reading

        engine = self.engine  # with the schema check, this has already queried the database
        if not self.check_schema:
            with db_errors(engine), reading(engine).connect() as conn:
                conn.execute(text("SELECT 1"))

    def trusted_now(self, session: Session) -> datetime:
        """The time for security decisions, read in the caller's transaction: the database's
        `now()` (PostgreSQL) or julianday('now') (SQLite); an injected test clock replaces it."""
        if self._clock_injected:
            return self.clock()
        from interviewer_tui.store.clock import database_now

        return database_now(session)

    def lease_clock(self, session: Session) -> Any:
        """The clock leases expire by, for use inside SQL (`lease_expires_at < clock`, `clock +
        ttl`): the database's `now()` on PostgreSQL, so a client whose clock runs ahead cannot
        take over a live client's interview on another host; this process's clock on SQLite or
        when a test injected one."""
        if self._clock_injected:
            return self.clock()
        from interviewer_tui.store.clock import database_clock

        return database_clock(session, self.clock())

    def tx(self, fn: Callable[[Session], T]) -> T:
        """Run `fn(session)` in one committed transaction (DatabaseError on driver failure)."""
        from interviewer_tui.store.engine import run_in_session

        return run_in_session(
            self.engine,
            fn,
            reconnect_for=self.settings.db_reconnect_seconds,
            on_reconnect=self.on_reconnect,
        )

    def read(self, fn: Callable[[Session], T]) -> T:
        """Like `tx` for work that only reads: on SQLite it neither takes nor waits for the
        write lock, so many commands at once do not queue behind each other."""
        from interviewer_tui.store.engine import reading, run_in_session

        return run_in_session(
            reading(self.engine),
            fn,
            reconnect_for=self.settings.db_reconnect_seconds,
            on_reconnect=self.on_reconnect,
        )

    def close(self) -> None:
        with self._lock:
            if self._engine is not None:
                self._engine.dispose()
                self._engine = None
