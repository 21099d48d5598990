"""Fixtures for accounts and sessions: a controllable clock, an AppContext using it on both
databases, users made through the real service, a real local SMTP server (aiosmtpd), and a helper
that runs the installed `interviewer` entry point in a subprocess."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

PASSWORD = "plum-kettle-orbit-42"
OTHER_PASSWORD = "velvet-harbour-sketch-7"


@dataclass
class FakeClock:
    now: datetime = field(default_factory=lambda: datetime(2026, 1, 5, 9, 0, tzinfo=UTC))

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture(autouse=True)
def _file_session_store(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests use the 0600 file unless they ask for a keyring; the real keyring is never touched."""
    monkeypatch.setenv("INTERVIEWER_SESSION_STORE", "file")
    for var in (
        "INTERVIEWER_ACCESS_TOKEN_TTL",
        "SMTP_PORT",
        "SMTP_USERNAME",
        "SMTP_PASSWORD",
        "SMTP_FROM",
        "SMTP_STARTTLS",
    ):
        monkeypatch.delenv(var, raising=False)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def actx(db_url: str, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """An AppContext on a migrated database (SQLite and PostgreSQL) whose clock the test moves."""
    from interviewer_tui.config import load_settings
    from interviewer_tui.services.context import AppContext
    from interviewer_tui.store.engine import make_engine
    from interviewer_tui.store.migrate import upgrade

    monkeypatch.setenv("DATABASE_URL", db_url)
    engine = make_engine(db_url)
    upgrade(engine)
    engine.dispose()
    context = AppContext(settings=load_settings(), clock=clock)
    yield context
    context.close()


def context_like(ctx: Any, **overrides: Any) -> Any:
    """Another client of the same database: same settings and clock, other state dir if asked."""
    from interviewer_tui.services.context import AppContext

    settings = ctx.settings.model_copy(update=overrides) if overrides else ctx.settings
    return AppContext(settings=settings, clock=ctx.clock)


@pytest.fixture
def second_computer(actx: Any, tmp_path: Path) -> Iterator[Any]:
    """Same database, another INTERVIEWER_HOME: a second computer with its own session store."""
    other = context_like(actx, home=tmp_path / "second-computer")
    yield other
    other.close()


def make_user(ctx: Any, name: str = "alice", password: str = PASSWORD) -> Any:
    from interviewer_tui.services import accounts

    return accounts.register(ctx, username=name, email=f"{name}@example.com", password=password)


# -- SMTP ---------------------------------------------------------------------------------------


@dataclass
class Mailbox:
    host: str
    port: int
    messages: list[Any] = field(default_factory=list)
    logins: list[tuple[bytes, bytes]] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(envelope)
        return "250 OK"

    def bodies(self) -> list[str]:
        from email import message_from_bytes

        out = []
        for envelope in self.messages:
            message = message_from_bytes(envelope.content)
            payload = message.get_payload(decode=True)
            out.append(payload.decode("utf-8") if isinstance(payload, bytes) else str(payload))
        return out


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def smtp_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[Mailbox]:
    """A real SMTP server on 127.0.0.1 (no TLS, no auth); SMTP_* point at it."""
    from aiosmtpd.controller import Controller

    box = Mailbox("127.0.0.1", free_port())
    controller = Controller(box, hostname=box.host, port=box.port)
    controller.start()
    monkeypatch.setenv("SMTP_HOST", box.host)
    monkeypatch.setenv("SMTP_PORT", str(box.port))
    monkeypatch.setenv("SMTP_STARTTLS", "false")
    try:
        yield box
    finally:
        controller.stop()


def reset_code(body: str) -> str:
    """The code is the indented line after "paste this reset code"."""
    lines = body.splitlines()
    for i, line in enumerate(lines):
        if "reset code" in line and "paste" in line:
            return next(x.strip() for x in lines[i + 1 :] if x.strip())
    raise AssertionError(f"no reset code in: {body!r}")


# -- the installed CLI --------------------------------------------------------------------------


def interviewer_exe() -> str:
    """The `interviewer` console script of the venv running the tests."""
    candidate = Path(sys.executable).parent / "interviewer"
    if candidate.exists():
        return str(candidate)
    found = shutil.which("interviewer")
    if found is None:
        pytest.fail("the `interviewer` entry point is not installed (pip install -e .)")
    return found


@dataclass
class Cli:
    env: dict[str, str]
    cwd: Path
    transcript: list[str] = field(default_factory=list)

    def __call__(
        self, *args: str, stdin: str | None = None, **env: str
    ) -> subprocess.CompletedProcess[str]:
        proc = subprocess.run(
            [interviewer_exe(), *args],
            input=stdin if stdin is not None else "",
            capture_output=True,
            text=True,
            env={**self.env, **env},
            cwd=self.cwd,
            timeout=60,
            check=False,
        )
        # only what the app printed: the arguments may hold a code the test passed on purpose
        self.transcript.append(
            f"$ interviewer {args[0] if args else ''}\n{proc.stdout}{proc.stderr}"
        )
        return proc

    @property
    def home(self) -> Path:
        return Path(self.env["INTERVIEWER_HOME"])

    def output(self) -> str:
        return "\n".join(self.transcript)


@pytest.fixture
def cli(tmp_path: Path, _isolated_home: Path) -> Cli:
    """Runs the installed app with the test's INTERVIEWER_HOME, file session store, no keyring."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SMTP_", "PYTEST_"))}
    env.update(
        INTERVIEWER_HOME=str(_isolated_home),
        INTERVIEWER_SESSION_STORE="file",
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
        NO_COLOR="1",
        COLUMNS="200",
    )
    return Cli(env=env, cwd=tmp_path)
