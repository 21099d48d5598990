"""Alembic environment wired to the SQLModel metadata.

The app passes its engine in `config.attributes["engine"]`; the `alembic` command line builds one
from the app's settings (DATABASE_URL or the default SQLite file). SQLite uses batch mode so
ALTERs become table rebuilds.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine
from sqlmodel import SQLModel

import interviewer_tui.store.tables  # noqa: F401  (registers the tables)

config = context.config
target_metadata = SQLModel.metadata


def _engine() -> Engine:
    engine = config.attributes.get("engine")
    if engine is not None:
        return engine  # type: ignore[no-any-return]
    from interviewer_tui.config import load_settings
    from interviewer_tui.store.engine import make_engine

    return make_engine(load_settings().effective_database_url)


def run_migrations_offline() -> None:
    from interviewer_tui.config import load_settings

    context.configure(
        url=load_settings().effective_database_url,
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    engine = _engine()
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
