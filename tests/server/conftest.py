"""A real `interviewer serve` process on a free port (SQLite file or its own PostgreSQL database),
reached through a real HTTP client (httpx); a real local SMTP server for the mail flows."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import PG_ADMIN_URL, _pg_reachable
from tests.support.cli import interviewer_script
from tests.support.net import free_port

SECRET = "s" * 48  # the server's signing secret in these tests (tests forge tokens with it)
PASSWORD = "correct horse battery staple"


@dataclass
class SSEEvent:
    event: str
    data: dict[str, Any]
    id: str | None


def parse_sse(lines: Iterator[str]) -> list[SSEEvent]:
    events: list[SSEEvent] = []
    name, data, ident = "message", [], None
    for line in lines:
        if line == "":
            if data:
                events.append(SSEEvent(name, json.loads("\n".join(data)), ident))
            name, data, ident = "message", [], None
        elif line.startswith(":"):
            continue
        else:
            key, _, value = line.partition(":")
            value = value[1:] if value.startswith(" ") else value
            if key == "event":
                name = value
            elif key == "data":
                data.append(value)
            elif key == "id":
                ident = value
    return events


@dataclass
class Server:
    base: str
    proc: subprocess.Popen[bytes]
    log: Path
    env: dict[str, str]
    database_url: str
    users: dict[str, str] = field(default_factory=dict)

    def client(self, token: str | None = None) -> httpx.Client:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return httpx.Client(base_url=self.base, headers=headers, timeout=30)

    def user(self, name: str | None = None) -> tuple[str, dict[str, Any]]:
        """Register and log in a new user through /v1: (access token, login response)."""
        name = name or f"u{uuid.uuid4().hex[:8]}"
        with self.client() as c:
            r = c.post(
                "/v1/accounts",
                json={"username": name, "email": f"{name}@example.com", "password": PASSWORD},
            )
            assert r.status_code == 201, r.text
            r = c.post("/v1/sessions", json={"identifier": name, "password": PASSWORD})
            assert r.status_code == 200, r.text
            body = r.json()
        return body["access_token"], body

    def stream(
        self,
        method: str,
        path: str,
        token: str,
        *,
        headers: dict[str, str] | None = None,
        **kwargs: Any,
    ) -> list[SSEEvent]:
        hdrs = {"Authorization": f"Bearer {token}", **(headers or {})}
        with (
            httpx.Client(base_url=self.base, timeout=60) as c,
            c.stream(method, path, headers=hdrs, **kwargs) as r,
        ):
            assert r.status_code == 200, r.read().decode()
            assert r.headers["content-type"].startswith("text/event-stream")
            return parse_sse(r.iter_lines())

    def access_log(self) -> str:
        return self.log.read_text("utf-8", errors="replace")

    def log_with(self, *needles: str, timeout: float = 20) -> str:
        """The log once it holds every needle: a request's line is written after its response
        went out, so a test that reads the log right after a request may be a moment early."""
        deadline = time.monotonic() + timeout
        while True:
            log = self.access_log()
            if all(n in log for n in needles) or time.monotonic() > deadline:
                return log
            time.sleep(0.05)

    def stop(self, sig: int = signal.SIGTERM) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout=40)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        return int(self.proc.returncode)


def server_env(home: Path, database_url: str, **extra: str) -> dict[str, str]:
    from interviewer_tui.config import Settings

    env = dict(os.environ)
    for f in Settings.model_fields.values():
        for var in getattr(f.validation_alias, "choices", ()):
            env.pop(str(var), None)
    env.update(
        INTERVIEWER_HOME=str(home),
        DATABASE_URL=database_url,
        INTERVIEWER_JWT_SECRET=SECRET,
        INTERVIEWER_OFFLINE="true",
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
    )
    env.update(extra)  # may override the defaults above (a real model: INTERVIEWER_OFFLINE)
    return env


def start_server(env: dict[str, str], log: Path, *, port: int | None = None) -> Server:
    port = port or free_port()
    out = log.open("ab")
    proc = subprocess.Popen(
        [interviewer_script(), "serve", "--port", str(port)],
        env=env,
        stdout=out,
        stderr=subprocess.STDOUT,
        cwd=log.parent,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"server exited: {log.read_text()}")
        try:
            if httpx.get(f"{base}/readyz", timeout=1).status_code == 200:
                return Server(base, proc, log, env, env["DATABASE_URL"])
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    proc.kill()
    raise AssertionError(f"server did not become ready: {log.read_text()}")


@pytest.fixture(scope="session")
def pg_database() -> Callable[[], str]:
    """Make a fresh PostgreSQL database (migrated) per call; all dropped at the end."""
    reason = _pg_reachable()
    made: list[str] = []
    from sqlalchemy import create_engine, text

    from interviewer_tui.store.engine import make_engine, normalise_url
    from interviewer_tui.store.migrate import upgrade

    admin = normalise_url(PG_ADMIN_URL)

    def make() -> str:
        if reason is not None:
            pytest.skip(f"!!! PostgreSQL unreachable, PostgreSQL tests SKIPPED: {reason}")
        name = f"interviewer_srv_{uuid.uuid4().hex[:10]}"
        engine = create_engine(admin, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        engine.dispose()
        made.append(name)
        url = admin.set(database=name).render_as_string(hide_password=False)
        migrated = make_engine(url)
        upgrade(migrated)
        migrated.dispose()
        return url

    yield make
    if made:
        engine = create_engine(admin, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            for name in made:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def server(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    pg_database: Callable[[], str],
) -> Iterator[Server]:
    """One server per test module and backend (starting one costs ~2 s)."""
    root = tmp_path_factory.mktemp("server")
    url = f"sqlite:///{root / 'server.db'}" if request.param == "sqlite" else pg_database()
    srv = start_server(server_env(root / "home", url), root / "server.log")
    yield srv
    srv.stop()
