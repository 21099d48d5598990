"""Alembic, driven from code: where the scripts are, upgrade/downgrade/current, and the check that
refuses to run against an out-of-date PostgreSQL schema."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine

from interviewer_tui.errors import DatabaseError, SchemaOutOfDateError
from interviewer_tui.store.engine import db_errors, engine_label

if TYPE_CHECKING:
    from alembic.config import Config


def migrations_dir() -> Path:
    """Top-level `migrations/` in a checkout; `interviewer_tui/_migrations` inside a wheel."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "_migrations", here.parent / "migrations"):
        if (candidate / "env.py").is_file():
            return candidate
    raise DatabaseError("the migration scripts are missing from this installation; reinstall it")


def alembic_config(engine: Engine) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    cfg.attributes["engine"] = engine
    return cfg


def head_revision(engine: Engine) -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config(engine)).get_current_head()


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with db_errors(engine), engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    from alembic import command

    with db_errors(engine):
        command.upgrade(alembic_config(engine), revision)


def downgrade(engine: Engine, revision: str) -> None:
    from alembic import command
    from alembic.util.exc import CommandError

    with db_errors(engine):
        try:
            command.downgrade(alembic_config(engine), revision)
        except CommandError as exc:
            current = current_revision(engine)
            if current is None:
                reason = "the schema is already empty (base)"
            else:
                reason = f"{exc} (the database is at {current}; try -1 or base)"
            raise DatabaseError(f"cannot downgrade to {revision!r}: {reason}") from None


def ensure_schema(engine: Engine) -> None:
    """SQLite migrates itself; a shared PostgreSQL is only migrated on purpose."""
    current = current_revision(engine)
    head = head_revision(engine)
    if current == head:
        return
    if engine.url.get_backend_name() == "sqlite":
        upgrade(engine)
        return
    raise SchemaOutOfDateError(
        f"the schema of {engine_label(engine)} is out of date "
        f"(at {current or 'empty'}, need {head}): run `interviewer db upgrade`"
    )
