"""`interviewer --help` and `--version` stay fast: they never import the heavy libraries."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.cli import Cli, make_cli
from tests.support.remote import remote_cli, serve
from tests.support.users import PASSWORD

HEAVY = ("textual", "openai", "sqlmodel", "sqlalchemy", "alembic", "psycopg", "argon2", "keyring")
# (plain `pydantic` is not listed: Typer itself loads it to render a sub-command's help)
HEAVY += ("jwt", "pydantic_settings", "rich", "httpx", "httpx2")

PROBE = """
import json, sys
from interviewer_tui.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print(json.dumps(sorted({name.split(".")[0] for name in sys.modules})), file=sys.stderr)
"""


@pytest.mark.parametrize(
    "argv",
    [
        ["--help"],
        ["--version"],
        ["db", "--help"],
        ["config", "--help"],
        ["db", "upgrade", "--help"],
    ],
)
def test_help_and_version_import_no_heavy_library(argv: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *argv],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip(), "the command printed nothing"
    loaded = set(json.loads(result.stderr.strip().splitlines()[-1]))
    assert loaded.isdisjoint(HEAVY), f"imported: {sorted(loaded & set(HEAVY))}"
    assert "interviewer_tui" in loaded  # the probe really ran our CLI


# -- the read commands (issue 16, goal 1) --------------------------------------------------------

READS = (["history"], ["show", "1"], ["whoami"])
# on this computer's SQLite database: no PostgreSQL driver, model SDK, TUI, Alembic or argon2;
# nor PyJWT (auth/tokens verifies HS256 itself), pydantic-settings, or a keyring it was not asked for
NOT_ON_SQLITE = ("psycopg", "openai", "textual", "alembic", "argon2", "httpx", "httpx2")
NOT_ON_SQLITE += ("jwt", "cryptography", "pydantic_settings", "keyring")
# as the client of `interviewer serve`: no database layer at all (nor argon2)
NOT_ON_REMOTE = ("sqlalchemy", "sqlmodel", "psycopg", "alembic", "argon2", "openai", "textual")
NOT_ON_REMOTE += ("jwt", "cryptography", "pydantic_settings", "keyring")
ANSWERS = "An index is a sorted structure the database searches instead of every row.\n" * 6


def _loaded(cli: Cli, argv: list[str]) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *argv],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        env=cli.env,
        cwd=cli.cwd,
        timeout=60,
        check=False,
    )
    lines = result.stderr.strip().splitlines()
    assert lines, result.stderr
    assert result.stdout.strip(), f"{argv} printed nothing: {result.stderr}"
    loaded = set(json.loads(lines[-1]))
    assert "interviewer_tui" in loaded
    return loaded


def _with_an_interview(cli: Cli) -> None:
    made = cli("register", "-u", "pat", "-e", "pat@example.com", "--password-stdin",
               stdin=PASSWORD + "\n")  # fmt: skip
    assert made.returncode == 0, made.stderr
    run = cli("start", "--offline", "--plain", "--questions", "1", stdin=ANSWERS)
    assert "interview 1" in run.stdout + run.stderr, run.stderr


def test_read_commands_on_sqlite_import_no_driver_model_or_tui(tmp_path: Path) -> None:
    cli = make_cli(tmp_path / "home", tmp_path, f"sqlite:///{tmp_path / 'local.db'}")
    _with_an_interview(cli)
    for argv in READS:
        loaded = _loaded(cli, argv)
        assert loaded.isdisjoint(NOT_ON_SQLITE), f"{argv}: {sorted(loaded & set(NOT_ON_SQLITE))}"


@pytest.mark.slow
def test_read_commands_as_a_client_import_no_database_layer(tmp_path: Path) -> None:
    server = serve(tmp_path / "server", f"sqlite:///{tmp_path / 'server.db'}")
    try:
        cli = remote_cli(server, tmp_path / "home", tmp_path)
        _with_an_interview(cli)
        for argv in READS:
            loaded = _loaded(cli, argv)
            bad = sorted(loaded & set(NOT_ON_REMOTE))
            assert not bad, f"{argv} as a client imported {bad}"
    finally:
        server.stop()
