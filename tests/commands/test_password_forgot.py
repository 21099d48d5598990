"""`password forgot` reveals nothing and cannot be jammed (issue 11, item 18): with the mail
server down a known and an unknown address get the same answer and exit code, failed sends do
not use up the per-account limit, and a message the server refuses is recorded for the operator
while the requester sees the usual neutral answer. Real aiosmtpd servers throughout."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from typing import Any

import pytest
from sqlmodel import select

from interviewer_tui.errors import UsageError
from interviewer_tui.services import accounts
from interviewer_tui.store.tables import PasswordReset
from tests.support.cli import Cli, register_alice
from tests.support.contexts import signed
from tests.support.mail import Mailbox, reset_code
from tests.support.net import free_port
from tests.support.users import make_user


def _fresh(ctx: Any) -> Any:
    """A context that reads the SMTP_* variables as they are now (settings load once)."""
    from interviewer_tui.config import load_settings
    from interviewer_tui.services.context import AppContext

    return AppContext(settings=load_settings(), clock=ctx.clock)


def _smtp_down(monkeypatch: pytest.MonkeyPatch) -> int:
    port = free_port()  # nothing listens there: connection refused
    monkeypatch.setenv("SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("SMTP_PORT", str(port))
    monkeypatch.setenv("SMTP_STARTTLS", "false")
    return port


def _pending(ctx: Any) -> list[PasswordReset]:
    return list(
        ctx.tx(lambda s: s.exec(select(PasswordReset).where(PasswordReset.used_at == None)).all())  # noqa: E711
    )


def test_with_the_mail_server_down_known_and_unknown_addresses_look_the_same(
    actx: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_user(actx, "alice")
    port = _smtp_down(monkeypatch)
    ctx = _fresh(actx)
    answers = []
    for address in ("alice@example.com", "nobody@example.com"):
        with pytest.raises(UsageError) as info:
            accounts.forgot_password(ctx, email=address)
        answers.append(info.value.message.replace(address, "X"))
    assert answers[0] == answers[1]
    assert f"127.0.0.1:{port}" in answers[0]
    assert _pending(actx) == []  # nothing was sent, so no code is waiting either
    ctx.close()


def test_failed_sends_do_not_use_up_the_limit(
    actx: Any, monkeypatch: pytest.MonkeyPatch, smtp_server: Mailbox
) -> None:
    make_user(actx, "alice")
    working_port = smtp_server.port
    _smtp_down(monkeypatch)
    down = _fresh(actx)
    for _ in range(5):
        with pytest.raises(UsageError):
            accounts.forgot_password(down, email="alice@example.com")
    down.close()
    monkeypatch.setenv("SMTP_PORT", str(working_port))
    up = _fresh(actx)
    accounts.forgot_password(up, email="alice@example.com")
    assert len(smtp_server.messages) == 1
    signed(up).reset_password(
        token=reset_code(smtp_server.bodies()[0]), new_password="lantern-meadow-copper-19"
    )
    up.close()


@pytest.fixture
def refusing_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[Mailbox]:
    """Accepts the sender and recipient, then refuses the message itself (a content filter)."""
    from aiosmtpd.controller import Controller

    class Refusing(Mailbox):
        async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
            return "554 5.7.1 message refused by policy"

    box = Refusing("127.0.0.1", free_port())
    controller = Controller(box, hostname=box.host, port=box.port)
    controller.start()
    monkeypatch.setenv("SMTP_HOST", box.host)
    monkeypatch.setenv("SMTP_PORT", str(box.port))
    monkeypatch.setenv("SMTP_STARTTLS", "false")
    try:
        yield box
    finally:
        controller.stop()


def test_a_refused_message_is_recorded_for_the_operator_and_the_answer_stays_neutral(
    actx: Any, refusing_server: Mailbox
) -> None:
    make_user(actx, "alice")
    ctx = _fresh(actx)
    known = accounts.forgot_password(ctx, email="alice@example.com")
    unknown = accounts.forgot_password(ctx, email="nobody@example.com")
    assert known.replace("alice@", "X@") == unknown.replace("nobody@", "X@")
    assert _pending(actx) == []  # the refused code does not count against the limit
    log = ctx.settings.paths.state / "mail.log"
    text = log.read_text()
    assert "554 5.7.1 message refused by policy" in text
    assert f"{refusing_server.host}:{refusing_server.port}" in text
    assert "alice" not in text  # the log does not say which account exists
    assert oct(log.stat().st_mode & 0o777) == "0o600"
    ctx.close()


def test_the_answer_over_the_limit_is_the_neutral_one_and_says_so(
    actx: Any, smtp_server: Mailbox
) -> None:
    make_user(actx, "alice")
    ctx = _fresh(actx)
    answers = [accounts.forgot_password(ctx, email="alice@example.com") for _ in range(4)]
    unknown = accounts.forgot_password(ctx, email="nobody@example.com")
    assert len(smtp_server.messages) == 3
    assert (
        len({a.replace("alice@", "X@") for a in answers} | {unknown.replace("nobody@", "X@")}) == 1
    )
    assert "on its way" not in answers[-1]  # no promise that a fourth code was sent
    assert "at most 3" in answers[-1]
    ctx.close()


def _cli_forgot(home_cli: Cli, address: str) -> subprocess.CompletedProcess[str]:
    return home_cli("password", "forgot", "--email", address)


def test_cli_known_and_unknown_get_the_same_exit_code_and_text_with_smtp_down(
    home_cli: Cli, db_url: str
) -> None:
    register_alice(home_cli, db_url)
    home_cli.env.update(SMTP_HOST="127.0.0.1", SMTP_PORT=str(free_port()), SMTP_STARTTLS="false")
    known = _cli_forgot(home_cli, "alice@example.com")
    unknown = _cli_forgot(home_cli, "nobody@example.com")
    assert known.returncode == unknown.returncode == 2
    assert known.stdout == unknown.stdout == ""
    assert known.stderr.replace("alice@", "X@") == unknown.stderr.replace("nobody@", "X@")
    assert "Traceback" not in known.stderr
