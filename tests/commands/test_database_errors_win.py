"""A database that cannot be used is reported as such by every command that needs one, even when
nobody is logged in: exit 5 naming the database and its host, never "not logged in" (exit 3),
which would send the user to `interviewer login` against a server that is down."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.net import free_port
from tests.support.settings import Run

COMMANDS = [
    ("history",),
    ("show", "1"),
    ("whoami",),
    ("start", "--plain", "--offline", "--questions", "1"),
    ("resume", "--plain"),
    ("export", "1"),
]


def _assert_database_error(result: object, *expected: str) -> None:
    from subprocess import CompletedProcess

    assert isinstance(result, CompletedProcess)
    assert result.returncode == 5, (result.args, result.stdout, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert "not logged in" not in lines[0]
    for text in expected:
        assert text in lines[0], lines[0]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_an_unreachable_server_is_exit_5_with_its_name_and_host(
    run: Run, command: tuple[str, ...]
) -> None:
    port = free_port()
    url = f"postgresql://postgres@127.0.0.1:{port}/interviews"
    result = run(*command, DATABASE_URL=url)
    _assert_database_error(result, "'interviews'", f"127.0.0.1:{port}", "not reachable")


@pytest.mark.parametrize("command", COMMANDS[:4], ids=lambda c: c[0])
def test_an_unknown_host_is_exit_5_with_its_name(run: Run, command: tuple[str, ...]) -> None:
    url = "postgresql://postgres@no-such-host.invalid:5432/interviews"
    result = run(*command, DATABASE_URL=url)
    _assert_database_error(result, "'interviews'", "no-such-host.invalid", "cannot be resolved")


@pytest.mark.parametrize("command", COMMANDS[:4], ids=lambda c: c[0])
def test_a_malformed_database_url_is_exit_5(run: Run, command: tuple[str, ...]) -> None:
    result = run(*command, DATABASE_URL="postgresql://me@localhost:notaport/app")
    _assert_database_error(result, "invalid DATABASE_URL")


@pytest.mark.parametrize("command", COMMANDS[:4], ids=lambda c: c[0])
def test_an_unopenable_sqlite_file_is_exit_5_with_its_path(
    run: Run, command: tuple[str, ...], tmp_path: Path
) -> None:
    folder = tmp_path / "is-a-folder.db"
    folder.mkdir()
    result = run(*command, DATABASE_URL=f"sqlite:///{folder}")
    _assert_database_error(result, f"SQLite file {folder}")


@pytest.mark.postgres
def test_a_missing_database_on_a_live_server_is_exit_5(run: Run, pg_url: str) -> None:
    from interviewer_tui.store.engine import normalise_url

    url = normalise_url(pg_url).set(database="no_such_database")
    result = run("history", DATABASE_URL=url.render_as_string(hide_password=False))
    _assert_database_error(result, "'no_such_database'", "127.0.0.1:5432", "does not exist")
