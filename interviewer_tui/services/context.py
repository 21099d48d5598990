"""The application context: settings, a lazily built engine, and a clock, passed to every service.

Built once by `cli.py` (the composition root) or by tests; nothing here is a module-level singleton.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, TypeVar

from interviewer_tui.config import Settings

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlmodel import Session

T = TypeVar("T")


def _utcnow() -> datetime:
    from interviewer_tui.store.types import utcnow

    return utcnow()


@dataclass
class AppContext:
    settings: Settings
    clock: Callable[[], datetime] = _utcnow
    check_schema: bool = True
    _engine: Engine | None = field(default=None, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def engine(self) -> Engine:
        """Connect (and, on SQLite, migrate) on first use, never at import or startup."""
        with self._lock:
            if self._engine is None:
                from interviewer_tui.store.engine import make_engine
                from interviewer_tui.store.migrate import ensure_schema

                engine = make_engine(self.settings.effective_database_url)
                if self.check_schema:
                    ensure_schema(engine)
                self._engine = engine
            return self._engine

    def tx(self, fn: Callable[[Session], T]) -> T:
        """Run `fn(session)` in one committed transaction (DatabaseError on driver failure)."""
        from interviewer_tui.store.engine import run_in_session

        return run_in_session(self.engine, fn)

    def close(self) -> None:
        with self._lock:
            if self._engine is not None:
                self._engine.dispose()
                self._engine = None
