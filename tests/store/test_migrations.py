"""Migrations on both backends: up from empty, no drift from the models, down to base and up again,
and the rule that SQLite migrates itself while PostgreSQL refuses an out-of-date schema."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Column, Connection, Engine, Integer, MetaData, Table, inspect, text
from sqlmodel import SQLModel

import interviewer_tui.store.tables  # noqa: F401  (registers the tables on SQLModel.metadata)
from interviewer_tui.config import load_settings
from interviewer_tui.errors import DatabaseError, ExitCode, SchemaOutOfDateError
from interviewer_tui.services.context import AppContext
from interviewer_tui.store import migrate
from interviewer_tui.store.engine import make_engine

APP_TABLES = {
    "users",
    "refresh_tokens",
    "password_resets",
    "interviews",
    "conversations",
    "questions",
    "messages",
    "daily_usage",
    "regrades",
    "review_items",
}


def _drift(engine: Engine, metadata: MetaData) -> list[object]:
    with engine.connect() as conn:
        mc = MigrationContext.configure(
            conn, opts={"compare_type": True, "compare_server_default": True}
        )
        return list(compare_metadata(mc, metadata))


def _tables(engine: Engine) -> set[str]:
    return set(inspect(engine).get_table_names()) - {"alembic_version"}


def test_upgrade_check_drift_downgrade_upgrade(db_url: str) -> None:
    engine = make_engine(db_url)
    try:
        assert migrate.current_revision(engine) is None
        assert _tables(engine) == set()

        migrate.upgrade(engine)
        head = migrate.head_revision(engine)
        assert head is not None
        assert migrate.current_revision(engine) == head
        assert _tables(engine) == APP_TABLES
        assert _drift(engine, SQLModel.metadata) == [], "models and migrations disagree"

        migrate.downgrade(engine, "base")
        assert migrate.current_revision(engine) is None
        assert _tables(engine) == set()

        migrate.upgrade(engine)
        assert migrate.current_revision(engine) == head
        assert _drift(engine, SQLModel.metadata) == []
    finally:
        engine.dispose()


def test_drift_check_notices_a_model_the_migrations_lack(sqlite_url: str) -> None:
    """Guards the test above: the comparison really does report a difference."""
    engine = make_engine(sqlite_url)
    try:
        migrate.upgrade(engine)
        extended = MetaData()
        for table in SQLModel.metadata.tables.values():
            table.to_metadata(extended)
        Table("not_migrated", extended, Column("id", Integer, primary_key=True))
        diffs = _drift(engine, extended)
        assert any(d[0] == "add_table" and d[1].name == "not_migrated" for d in diffs)  # type: ignore[index]
    finally:
        engine.dispose()


def test_every_foreign_key_is_indexed(engine: Engine) -> None:
    insp = inspect(engine)
    for table in APP_TABLES:
        indexed = {tuple(ix["column_names"]) for ix in insp.get_indexes(table)}
        indexed |= {tuple(uq["column_names"]) for uq in insp.get_unique_constraints(table)}
        indexed.add(tuple(insp.get_pk_constraint(table)["constrained_columns"]))  # leads an index
        for fk in insp.get_foreign_keys(table):
            cols = tuple(fk["constrained_columns"])
            assert any(ix[: len(cols)] == cols for ix in indexed), f"{table}.{cols} not indexed"


def test_interviews_indexed_by_user_and_creation_time(engine: Engine) -> None:
    indexes = {tuple(ix["column_names"]) for ix in inspect(engine).get_indexes("interviews")}
    assert ("user_id", "created_at") in indexes


def test_sqlite_migrates_itself_on_first_use(sqlite_url: str) -> None:
    engine = make_engine(sqlite_url)
    try:
        migrate.ensure_schema(engine)
        assert migrate.current_revision(engine) == migrate.head_revision(engine)
        assert _tables(engine) == APP_TABLES
    finally:
        engine.dispose()


def test_app_context_creates_and_migrates_the_default_sqlite_file() -> None:
    context = AppContext(settings=load_settings())
    try:
        engine = context.engine
        assert migrate.current_revision(engine) == migrate.head_revision(engine)
    finally:
        context.close()
    assert (Path(os.environ["INTERVIEWER_HOME"]) / "data" / "interviewer.db").is_file()


@pytest.mark.postgres
def test_postgres_refuses_an_out_of_date_schema(pg_url: str) -> None:
    engine = make_engine(pg_url)
    try:
        with pytest.raises(SchemaOutOfDateError) as info:
            migrate.ensure_schema(engine)
        assert info.value.exit_code == ExitCode.DATABASE == 5
        assert "interviewer db upgrade" in info.value.message
        assert migrate.current_revision(engine) is None, "PostgreSQL must not be migrated silently"
        assert _tables(engine) == set()

        migrate.upgrade(engine)
        migrate.ensure_schema(engine)  # up to date: no error
    finally:
        engine.dispose()


@pytest.mark.postgres
def test_app_context_on_empty_postgres_says_to_upgrade(
    pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", pg_url)
    context = AppContext(settings=load_settings())
    try:
        with pytest.raises(SchemaOutOfDateError, match="interviewer db upgrade"):
            _ = context.engine
    finally:
        context.close()


def test_downgrade_to_an_unknown_revision_is_a_clear_database_error(engine: Engine) -> None:
    with pytest.raises(DatabaseError, match="cannot downgrade to 'nope'") as info:
        migrate.downgrade(engine, "nope")
    assert info.value.exit_code == 5
    assert migrate.current_revision(engine) == migrate.head_revision(engine)


def test_downgrade_below_base_says_the_schema_is_empty(sqlite_url: str) -> None:
    engine = make_engine(sqlite_url)
    try:
        with pytest.raises(DatabaseError, match="already empty"):
            migrate.downgrade(engine, "-1")
    finally:
        engine.dispose()


def test_migrations_dir_prefers_the_copy_shipped_inside_the_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In a checkout the top-level folder is used; a wheel carries `interviewer_tui/_migrations`."""
    repo_copy = migrate.migrations_dir()
    assert (repo_copy / "env.py").is_file()
    assert any((repo_copy / "versions").glob("*.py"))

    package = tmp_path / "site" / "interviewer_tui"
    (package / "store").mkdir(parents=True)
    (package / "_migrations").mkdir()
    (package / "_migrations" / "env.py").write_text("")
    monkeypatch.setattr(migrate, "__file__", str(package / "store" / "migrate.py"))
    assert migrate.migrations_dir() == (package / "_migrations").resolve()

    (package / "_migrations" / "env.py").unlink()
    with pytest.raises(DatabaseError, match="reinstall"):
        migrate.migrations_dir()


def test_a_database_from_a_newer_version_is_refused_clearly(engine: Engine) -> None:
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'fromthefuture'"))
    for attempt in (migrate.ensure_schema, migrate.upgrade):
        with pytest.raises(DatabaseError, match="newer version") as info:
            attempt(engine)
        assert "revision fromthefuture" in info.value.message
        assert info.value.exit_code == 5
    assert migrate.current_revision(engine) == "fromthefuture"


def test_head_revision_constant_matches_the_scripts(sqlite_url: str) -> None:
    """ensure_schema's fast path trusts HEAD_REVISION: a new migration must update it."""
    from interviewer_tui.store import migrate
    from interviewer_tui.store.engine import make_engine

    engine = make_engine(sqlite_url)
    try:
        assert migrate.head_revision(engine) == migrate.HEAD_REVISION
    finally:
        engine.dispose()


def _insert_interview(conn: Connection, user_id: int) -> int:
    now = "2026-12-01 10:00:00"
    interview_id = conn.execute(
        text(
            "INSERT INTO interviews (user_id, status, difficulty, number_questions, topics, "
            "provider, model, prompt_tokens, completion_tokens, created_at, updated_at) VALUES "
            "(:u, 'completed', 'easy', 1, '[]', 'offline', 'offline', 0, 0, :t, :t) RETURNING id"
        ),
        {"u": user_id, "t": now},
    ).scalar_one()
    conversation_id = conn.execute(
        text(
            "INSERT INTO conversations (interview_id, current_question, next_seq, state, "
            "created_at, updated_at) VALUES (:i, 1, 2, '{}', :t, :t) RETURNING id"
        ),
        {"i": interview_id, "t": now},
    ).scalar_one()
    conn.execute(
        text(
            "INSERT INTO messages (client_id, conversation_id, seq, author, kind, content, "
            "prompt_tokens, completion_tokens, created_at) VALUES "
            "(:c, :conv, 1, 'candidate', 'answer', 'my answer', 0, 0, :t)"
        ),
        {"c": f"client-{interview_id}", "conv": conversation_id, "t": now},
    )
    return int(interview_id)


def test_an_interview_id_never_names_two_interviews(db_url: str) -> None:
    """Upgrading a database with data keeps every row (no cascade from the table rebuild), and
    afterwards deleting the newest interview does not hand its id to the next one."""
    engine = make_engine(db_url)
    try:
        migrate.upgrade(engine, "0001")
        with engine.begin() as conn:
            user_id = conn.execute(
                text(
                    "INSERT INTO users (username, username_key, email, password_hash, "
                    "failed_logins, created_at, updated_at) VALUES ('ann', 'ann', "
                    "'ann@example.com', 'x', 0, '2026-12-01', '2026-12-01') RETURNING id"
                )
            ).scalar_one()
            first = _insert_interview(conn, user_id)
            second = _insert_interview(conn, user_id)
        migrate.upgrade(engine)
        with engine.begin() as conn:
            kept = conn.execute(text("SELECT count(*) FROM messages")).scalar_one()
            assert kept == 2, "the upgrade lost rows"
            assert conn.execute(text("SELECT id FROM interviews ORDER BY id")).scalars().all() == [
                first,
                second,
            ]
            conn.execute(text("DELETE FROM interviews WHERE id = :i"), {"i": second})
            assert conn.execute(text("SELECT count(*) FROM messages")).scalar_one() == 1
            third = _insert_interview(conn, user_id)
        assert third > second, f"id {second} was handed out again"
        assert _drift(engine, SQLModel.metadata) == []

        migrate.downgrade(engine, "0001")  # and back: the rows survive the rebuild down too
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM messages")).scalar_one() == 2
    finally:
        engine.dispose()
