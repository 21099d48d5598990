"""DATABASE_URL handling: the accepted spellings, and failures that name host and database but
never the password."""

from __future__ import annotations

from pathlib import Path

import pytest

from interviewer_tui.errors import DatabaseError
from interviewer_tui.store.engine import make_engine, normalise_url
from interviewer_tui.store.migrate import current_revision
from tests.support.net import free_port

PASSWORD = "pw-never-shown-7Qx"


@pytest.mark.parametrize(
    "raw",
    [
        "postgresql://u@h:5432/db",
        "postgres://u@h:5432/db",
        "postgresql+psycopg://u@h:5432/db",
        "postgresql+psycopg2://u@h:5432/db",
        "  postgresql://u@h:5432/db  ",
    ],
)
def test_every_postgres_spelling_uses_psycopg3(raw: str) -> None:
    url = normalise_url(raw)
    assert url.drivername == "postgresql+psycopg"
    assert (url.host, url.port, url.database) == ("h", 5432, "db")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("not a url", "invalid DATABASE_URL"),
        ("mysql://u@h/db", "unsupported database 'mysql'"),
        (f"postgresql://u:p@{PASSWORD}@h/db", "%40"),
    ],
)
def test_bad_urls_are_database_errors(raw: str, expected: str) -> None:
    with pytest.raises(DatabaseError, match=expected) as info:
        make_engine(raw)
    assert info.value.exit_code == 5
    assert PASSWORD not in str(info.value)


def test_a_stopped_server_is_one_line_naming_host_and_database() -> None:
    port = free_port()
    engine = make_engine(f"postgresql://postgres:{PASSWORD}@127.0.0.1:{port}/appdb")
    with pytest.raises(DatabaseError) as info:
        current_revision(engine)
    message = str(info.value)
    assert message == (
        f"cannot use database 'appdb' on 127.0.0.1:{port}: "
        "the server is not reachable (is it running?)"
    )


@pytest.mark.postgres
def test_a_missing_database_is_named(pg_url: str) -> None:
    url = normalise_url(pg_url).set(password=PASSWORD, database="no_such_db_here")
    engine = make_engine(url.render_as_string(hide_password=False))
    with pytest.raises(DatabaseError, match=r"'no_such_db_here'.*does not exist") as info:
        current_revision(engine)
    assert PASSWORD not in str(info.value)
    assert "\n" not in str(info.value)


def test_a_sqlite_file_in_an_impossible_folder(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    with pytest.raises(DatabaseError, match="cannot create the folder"):
        make_engine(f"sqlite:///{blocker}/sub/app.db")


@pytest.mark.postgres
def test_a_pooled_connection_killed_while_idle_costs_nothing_visible(pg_url: str) -> None:
    """No pre-ping on checkout: a connection the server ended (a restart, an idle timeout) fails
    its first statement, and the transaction runs again at once on a fresh one, without waiting
    for reconnects and without a "connected again" notice."""
    from sqlalchemy import text

    from interviewer_tui.store.engine import run_in_session

    engine = make_engine(pg_url)
    notices: list[tuple[int, float, str]] = []
    try:
        pid = run_in_session(engine, lambda s: s.execute(text("SELECT pg_backend_pid()")).scalar())
        killer = make_engine(pg_url, pool=False)
        with killer.connect() as conn:
            assert conn.execute(text("SELECT pg_terminate_backend(:p)"), {"p": pid}).scalar()
        killer.dispose()
        value = run_in_session(
            engine,
            lambda s: s.execute(text("SELECT 41 + 1")).scalar(),
            reconnect_for=0.0,
            on_reconnect=lambda *a: notices.append(a),
        )
        assert value == 42
        assert notices == []
    finally:
        engine.dispose()
