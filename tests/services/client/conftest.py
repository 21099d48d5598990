"""Fixtures for the remote port: one real `interviewer serve` per backend for a whole module
(started on first use), and `port_cli`, the same flows through the local database or a server."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.server.conftest import pg_database  # noqa: F401  (fresh PostgreSQL databases)
from tests.support.cli import Cli, make_cli
from tests.support.remote import Servers, remote_cli


@pytest.fixture(scope="module")
def servers(
    tmp_path_factory: pytest.TempPathFactory,
    pg_database: Callable[[], str],  # noqa: F811
) -> Iterator[Servers]:
    # access tokens live 1 s: every client command refreshes over HTTP
    found = Servers(
        tmp_path_factory.mktemp("servers"), pg_database, INTERVIEWER_ACCESS_TOKEN_TTL="1"
    )
    yield found
    found.stop()


PORTS = ["local", "remote-sqlite", pytest.param("remote-postgres", marks=pytest.mark.postgres)]


@pytest.fixture(params=PORTS)
def port_cli(request: pytest.FixtureRequest, tmp_path: Path, servers: Servers) -> Cli:
    """`interviewer` on this computer's SQLite database, or a client of a real server."""
    home, cwd = tmp_path / "home", tmp_path
    if request.param == "local":
        return make_cli(
            home, cwd, f"sqlite:///{tmp_path / 'local.db'}", INTERVIEWER_ACCESS_TOKEN_TTL="1"
        )
    return remote_cli(servers.get(request.param.split("-")[1]), home, cwd)
