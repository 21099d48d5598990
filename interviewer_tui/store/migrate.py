"""Alembic, driven from code: where the scripts are, upgrade/downgrade/current, and the check that
refuses to run against an out-of-date PostgreSQL schema."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine

from interviewer_tui.errors import DatabaseError, SchemaOutOfDateError
from interviewer_tui.store.engine import db_errors, engine_label, reading

if TYPE_CHECKING:
    from alembic.config import Config

HEAD_REVISION = "0005"
"""The newest migration. Kept here so the every-command schema check is one SELECT and does not
import Alembic or parse the scripts; a test fails when a new migration forgets to update it."""


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
    from alembic.util.exc import CommandError

    with db_errors(engine):
        try:
            command.upgrade(alembic_config(engine), revision)
        except CommandError as exc:
            raise DatabaseError(_failure(engine, "upgrade", revision, exc)) from None


def downgrade(engine: Engine, revision: str) -> None:
    from alembic import command
    from alembic.util.exc import CommandError

    with db_errors(engine):
        try:
            command.downgrade(alembic_config(engine), revision)
        except CommandError as exc:
            if current_revision(engine) is None:
                raise DatabaseError(
                    f"cannot downgrade to {revision!r}: the schema is already empty (base)"
                ) from None
            raise DatabaseError(_failure(engine, "downgrade", revision, exc)) from None


def known_revisions(engine: Engine) -> set[str]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config(engine))
    return {rev.revision for rev in script.walk_revisions()}


def _failure(engine: Engine, verb: str, revision: str, exc: Exception | None) -> str:
    current = current_revision(engine)
    if current is not None and current not in known_revisions(engine):
        return (
            f"{engine_label(engine)} is at revision {current}, which this version of interviewer "
            "does not know (was it migrated by a newer version?)"
        )
    return f"cannot {verb} to {revision!r}: {exc} (the database is at {current or 'base'})"


def _stored_revision(engine: Engine) -> str | None:
    """The revision in alembic_version, read with one query; None when it cannot be read (no
    table yet, say), in which case the full Alembic path decides what to do."""
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    with db_errors(engine), reading(engine).connect() as conn:
        try:
            rows = conn.execute(text("SELECT version_num FROM alembic_version")).all()
        except DBAPIError as exc:
            if _is_connection_error(exc):
                raise
            return None
    return str(rows[0][0]) if len(rows) == 1 else None


def _is_connection_error(exc: Exception) -> bool:
    return bool(getattr(exc, "connection_invalidated", False))


def ensure_schema(engine: Engine) -> None:
    """SQLite migrates itself; a shared PostgreSQL is only migrated on purpose."""
    if _stored_revision(engine) == HEAD_REVISION:
        return  # the common case: no Alembic import at all
    current = current_revision(engine)
    head = head_revision(engine)
    if current == head:
        return
    if current is not None and current not in known_revisions(engine):
        raise DatabaseError(_failure(engine, "upgrade", "head", None))
    if engine.url.get_backend_name() == "sqlite":
        upgrade(engine)
        return
    raise SchemaOutOfDateError(
        f"the schema of {engine_label(engine)} is out of date "
        f"(at {current or 'empty'}, need {head}): run `interviewer db upgrade`"
    )
