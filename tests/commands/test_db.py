"""`interviewer --version` and `interviewer db ...` as a user runs them, on SQLite (the default)
and on PostgreSQL, including every way the database can be unusable: one line, exit code 5, and
never the password."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from interviewer_tui import __version__
from interviewer_tui.store.engine import normalise_url
from interviewer_tui.store.migrate import HEAD_REVISION as HEAD
from tests.support.net import free_port
from tests.support.settings import Run

PASSWORD = "s3cret-Pw-9Zq"


def test_version(run: Run) -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout == f"interviewer {__version__}\n"
    assert result.stderr == ""


def test_python_dash_m_runs_the_same_cli() -> None:
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "interviewer_tui", "--version"],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
        check=False,
    )
    assert (result.returncode, result.stdout) == (0, f"interviewer {__version__}\n")


def test_db_commands_on_the_default_sqlite_file(run: Run) -> None:
    db_file = Path(os.environ["INTERVIEWER_HOME"]) / "data" / "interviewer.db"

    result = run("db", "current")
    assert result.returncode == 0, result.stderr
    assert "revision (empty)" in result.stdout
    assert f"out of date, head is {HEAD}" in result.stdout

    result = run("db", "upgrade")
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"SQLite file {db_file} is at revision {HEAD}\n"
    assert db_file.is_file()

    result = run("db", "current")
    assert result.stdout == f"SQLite file {db_file}: revision {HEAD} (up to date)\n"

    result = run("db", "downgrade", "base")
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"SQLite file {db_file} is at revision (empty)\n"

    result = run("db", "downgrade", "-1")
    assert result.returncode == 5
    assert result.stderr == "error: cannot downgrade to '-1': the schema is already empty (base)\n"


def _host_port(pg_url: str) -> str:
    """How the app names the test server: wherever INTERVIEWER_TEST_DATABASE_URL puts it."""
    url = normalise_url(pg_url)
    return f"{url.host}:{url.port}" if url.port else str(url.host)


@pytest.mark.postgres
def test_db_commands_on_postgres(run: Run, pg_url: str) -> None:
    url = normalise_url(pg_url).set(drivername="postgresql").render_as_string(hide_password=False)
    name = normalise_url(pg_url).database
    where = _host_port(pg_url)

    result = run("db", "current", DATABASE_URL=url)
    assert result.returncode == 0, result.stderr
    assert f"database '{name}' on {where}: revision (empty)" in result.stdout

    result = run("db", "upgrade", DATABASE_URL=url)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"database '{name}' on {where} is at revision {HEAD}\n"

    result = run("db", "current", DATABASE_URL=url)
    assert f"revision {HEAD} (up to date)" in result.stdout

    result = run("db", "downgrade", "base", DATABASE_URL=url)
    assert result.returncode == 0, result.stderr
    assert result.stdout.endswith("is at revision (empty)\n")


@pytest.mark.postgres
@pytest.mark.parametrize("scheme", ["postgresql+psycopg", "postgres"])
def test_other_postgres_url_spellings_work(run: Run, pg_url: str, scheme: str) -> None:
    url = normalise_url(pg_url).set(drivername=scheme).render_as_string(hide_password=False)
    result = run("db", "current", DATABASE_URL=url)
    assert result.returncode == 0, result.stderr
    assert f"on {_host_port(pg_url)}: revision (empty)" in result.stdout


def _assert_one_line_exit_5(result: object, *expected: str) -> None:
    from subprocess import CompletedProcess

    assert isinstance(result, CompletedProcess)
    assert result.returncode == 5, (result.stdout, result.stderr)
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ")
    for text in expected:
        assert text in lines[0]
    assert PASSWORD not in result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def test_db_current_against_a_stopped_server(run: Run) -> None:
    port = free_port()
    url = f"postgresql://postgres:{PASSWORD}@127.0.0.1:{port}/interviews"
    result = run("db", "current", DATABASE_URL=url)
    _assert_one_line_exit_5(result, "'interviews'", f"127.0.0.1:{port}", "not reachable")


@pytest.mark.postgres
def test_db_current_with_a_missing_database(run: Run, pg_url: str) -> None:
    url = normalise_url(pg_url).set(password=PASSWORD, database="no_such_database")
    result = run("db", "current", DATABASE_URL=url.render_as_string(hide_password=False))
    _assert_one_line_exit_5(result, "'no_such_database'", _host_port(pg_url), "does not exist")


@pytest.mark.postgres
def test_db_current_with_a_wrong_user_and_password(run: Run, pg_url: str) -> None:
    # The test server trusts loopback connections, so a wrong password alone is accepted there;
    # an unknown role is the credential failure it does report.
    url = normalise_url(pg_url).set(username="no_such_role", password=PASSWORD)
    result = run("db", "current", DATABASE_URL=url.render_as_string(hide_password=False))
    _assert_one_line_exit_5(
        result, _host_port(pg_url), "authentication failed for user 'no_such_role'"
    )


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("definitely not a url", "invalid DATABASE_URL"),
        (f"mysql://root:{PASSWORD}@localhost/app", "unsupported database 'mysql'"),
        (f"postgresql://me:x@{PASSWORD}@localhost/app", "%40"),
        (f"postgresql://me:{PASSWORD}@localhost:notaport/app", "invalid DATABASE_URL"),
    ],
)
def test_a_bad_database_url(run: Run, url: str, expected: str) -> None:
    _assert_one_line_exit_5(run("db", "current", DATABASE_URL=url), expected)


def test_an_unwritable_data_dir_is_one_clear_line(run: Run, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("")
    result = run("db", "upgrade", INTERVIEWER_HOME=str(blocker / "home"))
    _assert_one_line_exit_5(result, "cannot create the folder", str(blocker))


def test_downgrade_to_an_unknown_revision(run: Run) -> None:
    assert run("db", "upgrade").returncode == 0
    result = run("db", "downgrade", "abc123")
    _assert_one_line_exit_5(result, "cannot downgrade to 'abc123'", f"at {HEAD}")
    assert "up to date" in run("db", "current").stdout


@pytest.mark.postgres
def test_the_app_refuses_an_out_of_date_postgres_schema(run: Run, pg_url: str) -> None:
    """Any command that needs the data says to run `interviewer db upgrade`; `db` itself works."""
    import subprocess
    import sys

    code = (
        "from interviewer_tui.cli import app\n"
        "from interviewer_tui.commands.common import build_context, run_cli\n"
        "@app.command('probe-schema')\n"
        "def probe() -> None:\n"
        "    build_context().engine\n"
        "raise SystemExit(run_cli(app, ['probe-schema']))\n"
    )
    env = {**os.environ, "DATABASE_URL": pg_url, "CI": "true"}
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=60,
        check=False,
    )
    assert result.returncode == 5, result.stderr
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert "out of date" in result.stderr
    assert "run `interviewer db upgrade`" in result.stderr
    assert run("db", "upgrade", DATABASE_URL=pg_url).returncode == 0


def test_a_database_from_a_newer_version(run: Run) -> None:
    import sqlite3

    assert run("db", "upgrade").returncode == 0
    db_file = Path(os.environ["INTERVIEWER_HOME"]) / "data" / "interviewer.db"
    with sqlite3.connect(db_file) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'fromthefuture'")
    result = run("db", "current")
    assert result.returncode == 0
    assert "revision fromthefuture (unknown to this version of interviewer" in result.stdout
    _assert_one_line_exit_5(run("db", "upgrade"), "fromthefuture", "newer version")


def test_first_runs_in_parallel_migrate_the_sqlite_file_once() -> None:
    """Two terminals opened at once on a new machine: both succeed, the schema is made once."""
    import subprocess

    from tests.support.settings import interviewer_script

    procs = [
        subprocess.Popen(
            [interviewer_script(), "db", "upgrade"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    results = [(p.wait(timeout=60), *p.communicate()) for p in procs]
    assert all(code == 0 and err == "" for code, _out, err in results), results
    assert all(out.endswith(f"is at revision {HEAD}\n") for _code, out, _err in results)
