"""Fixtures for the resilience tests: the fake OpenAI server, a logged-in CLI pointed at it, and a
throwaway PostgreSQL cluster of our own that the tests may restart (never the shared server)."""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.fakes.openai_server import FakeOpenAIServer
from tests.support import cli as support_cli
from tests.support.cli import Cli
from tests.support.net import free_port

UNIQUE_TURNS = 400


def unique_turns(prefix: str = "Turn") -> list[str]:
    """Distinct interviewer utterances, one per model turn call (retries consume one each), so
    a duplicated turn shows up as a repeated text."""
    return [
        f"{prefix} {n}: how would you keep the service correct when a dependency fails?"
        for n in range(1, UNIQUE_TURNS + 1)
    ]


@pytest.fixture
def fake() -> Iterator[FakeOpenAIServer]:
    """The local OpenAI-compatible server, instant replies, in this process."""
    with FakeOpenAIServer(instant=True) as server:
        yield server


def model_env(base_url: str, *, retries: int = 2, timeout: float = 2.0) -> dict[str, str]:
    return {
        "OPENAI_API_KEY": "test-key",
        "OPENAI_BASE_URL": base_url,
        "INTERVIEWER_MODEL": "fake-model",
        "INTERVIEWER_OPENAI_MAX_RETRIES": str(retries),
        "INTERVIEWER_OPENAI_TIMEOUT": str(timeout),
    }


def make_cli(tmp_path: Path, db_url: str, fake: FakeOpenAIServer, **model: float) -> Cli:
    """A logged-in CLI on `db_url` whose model is the fake server."""
    cli = support_cli.make_cli(
        tmp_path / "cli-home",
        tmp_path,
        db_url,
        **model_env(fake.base_url, **model),  # type: ignore[arg-type]
    )
    cli.login_new_user("casey")
    return cli


@pytest.fixture
def rcli(tmp_path: Path, db_url: str, fake: FakeOpenAIServer) -> Cli:
    """Logged-in CLI on SQLite and PostgreSQL (parametrized), model = the fake server."""
    return make_cli(tmp_path, db_url, fake)


@pytest.fixture
def sqlite_rcli(tmp_path: Path, sqlite_url: str, fake: FakeOpenAIServer) -> Cli:
    return make_cli(tmp_path, sqlite_url, fake)


# --------------------------------------------------------------------------- own PostgreSQL


def _pg_bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return candidates[-1] if candidates else None


@dataclass
class OwnPostgres:
    """A PostgreSQL cluster only these tests use, so restarting it disturbs nobody."""

    data: Path
    port: int
    as_postgres: list[str]
    pg_ctl: str
    log: Path

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def _ctl(self, *args: str) -> None:
        subprocess.run(
            [
                *self.as_postgres,
                self.pg_ctl,
                "-D",
                str(self.data),
                "-l",
                str(self.log),
                "-w",
                "-t",
                "30",
                *args,
            ],
            check=True,
            capture_output=True,
            timeout=60,
        )

    def start(self) -> None:
        self._ctl(
            "-o",
            f"-p {self.port} -c listen_addresses=127.0.0.1 "
            f"-c unix_socket_directories='{self.data.parent}' -c fsync=off",
            "start",
        )

    def stop(self, mode: str = "fast") -> None:
        self._ctl("-m", mode, "stop")

    def restart(self) -> None:
        """Stop (dropping every connection) and start again on the same port."""
        self.stop("fast")
        self.start()

    def reachable(self) -> bool:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", self.port), 0.2):
            return True
        return False


@pytest.fixture(scope="session")
def own_postgres() -> Iterator[OwnPostgres]:
    """initdb + pg_ctl in a temp dir owned by `postgres` (PostgreSQL refuses to run as root)."""
    initdb, pg_ctl = _pg_bin("initdb"), _pg_bin("pg_ctl")
    if not initdb or not pg_ctl:
        if os.environ.get("INTERVIEWER_REQUIRE_POSTGRES"):
            pytest.fail("initdb/pg_ctl not found: the PostgreSQL restart test cannot run")
        pytest.skip("!!! initdb/pg_ctl not found: PostgreSQL restart test SKIPPED")
    as_postgres: list[str] = []
    base = Path(tempfile.mkdtemp(prefix="interviewer-own-pg-"))
    if os.geteuid() == 0:
        as_postgres = ["runuser", "-u", "postgres", "--"]
        shutil.chown(base, "postgres", "postgres")
    os.chmod(base, 0o700)
    data, log = base / "data", base / "server.log"
    try:
        subprocess.run(
            [
                *as_postgres,
                initdb,
                "-D",
                str(data),
                "-A",
                "trust",
                "-U",
                "postgres",
                "-E",
                "UTF8",
                "--no-sync",
                "--no-instructions",
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
        cluster = OwnPostgres(
            data=data, port=free_port(), as_postgres=as_postgres, pg_ctl=pg_ctl, log=log
        )
        cluster.start()
        try:
            yield cluster
        finally:
            with contextlib.suppress(subprocess.SubprocessError):
                cluster.stop("immediate")
    finally:
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def own_pg_url(own_postgres: OwnPostgres) -> Iterator[str]:
    """A fresh database on our own cluster for one test."""
    from sqlalchemy import Engine, create_engine, text
    from sqlalchemy.pool import NullPool

    if not own_postgres.reachable():
        own_postgres.start()
    name = f"resilience_{int(time.time() * 1000) % 10**9}"

    def admin() -> Engine:
        # a new engine each time: the test may have restarted the server under a pooled one
        return create_engine(own_postgres.url, isolation_level="AUTOCOMMIT", poolclass=NullPool)

    engine = admin()
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    try:
        yield own_postgres.url.rsplit("/", 1)[0] + f"/{name}"
    finally:
        if not own_postgres.reachable():
            own_postgres.start()
        engine = admin()
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()
