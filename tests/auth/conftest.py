"""Fixtures for accounts and sessions: a controllable clock, an AppContext using it on both
databases, a real local SMTP server (aiosmtpd), and the subprocess CLI; contexts, users, ports
and the CLI harness themselves come from `tests/support/`."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.support.cli import Cli, inherited_env
from tests.support.contexts import context_like, make_context
from tests.support.net import free_port
from tests.support.users import OTHER_PASSWORD, PASSWORD, make_user

__all__ = [
    "OTHER_PASSWORD",
    "PASSWORD",
    "Cli",
    "FakeClock",
    "Mailbox",
    "context_like",
    "free_port",
    "make_user",
    "reset_code",
]


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
    context = make_context(db_url, monkeypatch, clock=clock)
    yield context
    context.close()


@pytest.fixture
def second_computer(actx: Any, tmp_path: Path) -> Iterator[Any]:
    """Same database, another INTERVIEWER_HOME: a second computer with its own session store."""
    other = context_like(actx, home=tmp_path / "second-computer")
    yield other
    other.close()


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


@pytest.fixture
def cli(tmp_path: Path, _isolated_home: Path) -> Cli:
    """Runs the installed app with the test's INTERVIEWER_HOME, file session store, no keyring."""
    return Cli(env=inherited_env(_isolated_home), cwd=tmp_path)
