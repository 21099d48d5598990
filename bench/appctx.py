"""Building an application context on a given database, with users, for in-process benchmarks."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from interviewer_tui.services.context import AppContext


def make_ctx(url: str, home: Path, *, migrate: bool = True, **settings: str) -> AppContext:
    from interviewer_tui.config import load_settings
    from interviewer_tui.services.context import AppContext
    from interviewer_tui.store.engine import make_engine
    from interviewer_tui.store.migrate import upgrade

    if migrate:
        engine = make_engine(url)
        upgrade(engine)
        engine.dispose()
    return AppContext(
        settings=load_settings(DATABASE_URL=url, INTERVIEWER_HOME=str(home), **settings)
    )


def add_user(ctx: AppContext, name: str) -> int:
    """A user row written directly (password hashing is not what these benchmarks measure)."""
    from sqlmodel import Session

    from interviewer_tui.store.tables import User

    def make(session: Session) -> int:
        user = User(
            username=name,
            username_key=name.lower(),
            email=f"{name.lower()}@bench.io",
            password_hash="x",
        )
        session.add(user)
        session.flush()
        assert user.id is not None
        return user.id

    return ctx.tx(make)
