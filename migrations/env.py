"""Alembic environment wired to the SQLModel metadata.

The app passes its engine in `config.attributes["engine"]`; the `alembic` command line builds one
from the app's settings (DATABASE_URL or the default SQLite file). SQLite uses batch mode so
ALTERs become table rebuilds.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from alembic import context
from sqlalchemy import Connection, Engine
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


@contextlib.contextmanager
def _sqlite_foreign_keys_off(connection: Connection) -> Iterator[None]:
    """Batch mode rebuilds a table by dropping it; with foreign keys on, SQLite's DROP TABLE first
    deletes every row, and ON DELETE CASCADE would empty the tables that reference it. The pragma
    is ignored inside a transaction, so it is set on the driver connection before ours begins,
    and the references are checked before the migration commits."""
    if connection.dialect.name != "sqlite":
        yield
        return
    raw = connection.connection.driver_connection
    assert raw is not None
    raw.execute("PRAGMA foreign_keys=OFF")
    try:
        yield
    finally:
        raw.execute("PRAGMA foreign_keys=ON")


def _check_references(connection: Connection) -> None:
    if connection.dialect.name == "sqlite":
        broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
        if broken:
            raise RuntimeError(f"the migration left broken references: {broken[:5]}")


def run_migrations_online() -> None:
    engine = _engine()
    with engine.connect() as connection, _sqlite_foreign_keys_off(connection):
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()
            _check_references(connection)
        connection.commit()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
