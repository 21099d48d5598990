"""Shared fixtures: a throwaway PostgreSQL database per test session, SQLite files per test, and an
isolated INTERVIEWER_HOME so no test touches the real user's data or keyring."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

PG_ADMIN_URL = os.environ.get(
    "INTERVIEWER_TEST_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)


def _pg_reachable() -> str | None:
    """None when reachable, else the reason."""
    import psycopg

    from interviewer_tui.store.engine import normalise_url

    url = normalise_url(PG_ADMIN_URL)
    try:
        with psycopg.connect(
            host=url.host,
            port=url.port or 5432,
            user=url.username,
            password=url.password,
            dbname=url.database or "postgres",
            connect_timeout=3,
        ):
            return None
    except Exception as exc:
        return str(exc).splitlines()[0]


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own INTERVIEWER_HOME and never sees the developer's settings."""
    home = tmp_path / "home"
    monkeypatch.setenv("INTERVIEWER_HOME", str(home))
    from interviewer_tui.config import Settings

    for field in Settings.model_fields.values():  # every setting, not only the common ones
        for var in getattr(field.validation_alias, "choices", ()):
            if var != "INTERVIEWER_HOME":
                monkeypatch.delenv(str(var), raising=False)
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    monkeypatch.chdir(tmp_path)
    return home


@pytest.fixture(scope="session")
def pg_server_url() -> Iterator[str]:
    """A fresh database on the test PostgreSQL server, dropped at the end of the session."""
    reason = _pg_reachable()
    if reason is not None:
        if os.environ.get("INTERVIEWER_REQUIRE_POSTGRES"):
            pytest.fail(f"PostgreSQL is required but unreachable: {reason}")
        pytest.skip(f"!!! PostgreSQL unreachable, PostgreSQL tests SKIPPED: {reason}")
    from sqlalchemy import create_engine, text

    from interviewer_tui.store.engine import normalise_url

    admin = normalise_url(PG_ADMIN_URL)
    name = f"interviewer_test_{uuid.uuid4().hex[:10]}"
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield admin.set(database=name).render_as_string(hide_password=False)
    finally:
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()


@pytest.fixture
def pg_url(pg_server_url: str) -> str:
    """The session's PostgreSQL database, emptied (schema dropped) before each test."""
    from sqlalchemy import create_engine, text

    engine = create_engine(pg_server_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return pg_server_url


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'test.db'}"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Run the test once on a SQLite file and once on PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'test.db'}"
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture
def ctx(db_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    """An AppContext on a migrated database (both backends), offline model."""
    from tests.support.contexts import make_context

    context = make_context(db_url, monkeypatch)
    yield context
    context.close()
