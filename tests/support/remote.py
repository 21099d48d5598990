"""The remote side of the port for tests: real `interviewer serve` processes (SQLite or their own
PostgreSQL database), started once per module and backend, CLIs pointed at them, and the rows a
server stored (to prove each answer arrived once)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from tests.server.conftest import Server, server_env, start_server
from tests.support.cli import Cli, make_cli


class Servers:
    """Starts at most one server per backend, on first use; stops them all at the end."""

    def __init__(self, root: Path, pg_database: Callable[[], str], **env: str) -> None:
        self.root = root
        self.pg_database = pg_database
        self.env = env
        self.running: dict[str, Server] = {}

    def get(self, backend: str) -> Server:
        if backend not in self.running:
            root = self.root / backend
            root.mkdir(parents=True, exist_ok=True)
            url = f"sqlite:///{root / 'server.db'}" if backend == "sqlite" else self.pg_database()
            self.running[backend] = start_server(
                server_env(root / "home", url, **self.env), root / "server.log"
            )
        return self.running[backend]

    def stop(self) -> None:
        for server in self.running.values():
            server.stop()


def serve(root: Path, database_url: str, **env: str) -> Server:
    root.mkdir(parents=True, exist_ok=True)
    return start_server(server_env(root / "home", database_url, **env), root / "server.log")


def remote_cli(server: Server, home: Path, cwd: Path, **env: str) -> Cli:
    """The installed `interviewer`, a client of `server` (INTERVIEWER_SERVER), on its own home."""
    return make_cli(home, cwd, INTERVIEWER_SERVER=server.base, **env)


def candidate_messages(database_url: str, interview_id: int) -> list[tuple[str, str]]:
    """(kind, content) of every candidate message the server stored for an interview."""
    from sqlalchemy import text

    from interviewer_tui.store.engine import make_engine

    engine = make_engine(database_url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                text(
                    "SELECT m.kind, m.content FROM messages m JOIN conversations c "
                    "ON c.id = m.conversation_id WHERE c.interview_id = :i "
                    "AND m.author = 'candidate' ORDER BY m.seq"
                ),
                {"i": interview_id},
            ).all()
    finally:
        engine.dispose()
    return [(str(k), str(c)) for k, c in rows]


def running(servers: Servers) -> Iterator[Any]:
    yield servers
    servers.stop()
