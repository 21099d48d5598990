"""Application contexts (and the port over them) on a real, migrated database."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest


def make_context(
    db_url: str,
    monkeypatch: pytest.MonkeyPatch,
    *,
    clock: Callable[[], datetime] | None = None,
    migrate: bool = True,
    session_store: str | None = None,
) -> Any:
    """An AppContext on `db_url` (DATABASE_URL set for the test), migrated first unless asked not
    to (SQLite then migrates itself on first use)."""
    from interviewer_tui.config import load_settings
    from interviewer_tui.services.context import AppContext

    monkeypatch.setenv("DATABASE_URL", db_url)
    if session_store is not None:
        monkeypatch.setenv("INTERVIEWER_SESSION_STORE", session_store)
    if migrate:
        from interviewer_tui.store.engine import make_engine
        from interviewer_tui.store.migrate import upgrade

        engine = make_engine(db_url)
        upgrade(engine)
        engine.dispose()
    settings = load_settings()
    return AppContext(settings=settings) if clock is None else AppContext(settings, clock=clock)


def context_like(ctx: Any, **overrides: Any) -> Any:
    """Another client of the same database: same settings and clock, with `overrides` (e.g. its
    own `home`, a second computer)."""
    from interviewer_tui.services.context import AppContext

    settings = ctx.settings.model_copy(update=overrides) if overrides else ctx.settings
    return AppContext(settings=settings, clock=ctx.clock)


def application(ctx: Any, model_factory: Any = None) -> Any:
    """The application port over `ctx`: what every shell is given."""
    from interviewer_tui.services.local import LocalApplication

    return LocalApplication(ctx, model_factory)


class Shell:
    """What a shell holds: the application port and this computer's login for it
    (`edge/login.py`). Account use cases (login, whoami, logout, ...) go through the login, as
    the shells call them; everything else is the port's."""

    def __init__(self, app: Any, ctx: Any) -> None:
        from interviewer_tui.edge.login import StoredLogin

        self.app = app
        self.edge = StoredLogin(app, ctx)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        if hasattr(type(self.edge), name):
            return getattr(self.edge, name)
        return getattr(self.app, name)


def signed(ctx: Any, model_factory: Any = None) -> Any:
    """The port over `ctx` with this computer's login for it (`Shell`), keeping the tokens in
    the session store of `ctx`'s settings."""
    return Shell(application(ctx, model_factory), ctx)
