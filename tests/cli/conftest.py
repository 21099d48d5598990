"""Fixtures for the CLI tests: the one subprocess harness of `tests/support/cli.py` on a fresh
INTERVIEWER_HOME, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.cli import Cli, make_cli
from tests.support.users import PASSWORD

__all__ = ["PASSWORD", "Cli"]


@pytest.fixture
def cli(tmp_path: Path, db_url: str) -> Cli:
    """A CLI bound to a fresh INTERVIEWER_HOME on SQLite or PostgreSQL (both, parametrized)."""
    return make_cli(
        tmp_path / "cli-home", tmp_path, None if db_url.startswith("sqlite") else db_url
    )


@pytest.fixture
def sqlite_cli(tmp_path: Path) -> Cli:
    return make_cli(tmp_path / "cli-home", tmp_path)


@pytest.fixture
def logged_in(sqlite_cli: Cli) -> Cli:
    sqlite_cli.login_new_user()
    return sqlite_cli


Factory = Callable[..., Cli]
