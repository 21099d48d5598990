"""SMTP delivery against a real local aiosmtpd server."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from interviewer_tui.config import load_settings
from interviewer_tui.errors import UsageError
from interviewer_tui.services import mailer
from tests.support.mail import Mailbox
from tests.support.net import free_port

SMTP_SECRET = "smtp-pass-DO-NOT-PRINT"


def _settings(**env: str) -> Any:
    return load_settings(**env)


def test_a_message_arrives_with_sender_recipient_and_text(smtp_server: Mailbox) -> None:
    settings = load_settings()
    mailer.send_mail(settings, to="alice@example.com", subject="Hello", body="Line one\nLine two")
    (envelope,) = smtp_server.messages
    assert envelope.mail_from == "interviewer@localhost"
    assert envelope.rcpt_tos == ["alice@example.com"]
    assert "Subject: Hello" in envelope.content.decode()
    assert [b.replace("\r\n", "\n") for b in smtp_server.bodies()] == ["Line one\nLine two\n"]


@pytest.fixture
def auth_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[Mailbox]:
    """An SMTP server that demands a login (plain text is allowed: it is on 127.0.0.1)."""
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult, LoginPassword

    box = Mailbox("127.0.0.1", free_port())

    def authenticator(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> Any:
        ok = isinstance(data, LoginPassword) and (data.login, data.password) == (
            b"mailer",
            SMTP_SECRET.encode(),
        )
        if ok:
            box.logins.append((data.login, data.password))
        return AuthResult(success=ok, handled=False)

    controller = Controller(
        box,
        hostname=box.host,
        port=box.port,
        authenticator=authenticator,
        auth_required=True,
        auth_require_tls=False,
    )
    controller.start()
    monkeypatch.setenv("SMTP_HOST", box.host)
    monkeypatch.setenv("SMTP_PORT", str(box.port))
    monkeypatch.setenv("SMTP_STARTTLS", "false")
    monkeypatch.setenv("SMTP_USERNAME", "mailer")
    try:
        yield box
    finally:
        controller.stop()


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_smtp_login_uses_the_configured_credentials(
    auth_server: Mailbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SMTP_PASSWORD", SMTP_SECRET)
    mailer.send_mail(load_settings(), to="a@example.com", subject="s", body="b")
    assert len(auth_server.logins) == 1
    assert len(auth_server.messages) == 1


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_a_refused_smtp_login_is_one_line_without_the_password(
    auth_server: Mailbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SMTP_PASSWORD", "wrong-" + SMTP_SECRET)
    with pytest.raises(UsageError) as info:
        mailer.send_mail(load_settings(), to="a@example.com", subject="s", body="b")
    assert "refused SMTP_USERNAME / SMTP_PASSWORD" in info.value.message
    assert SMTP_SECRET not in info.value.message
    assert auth_server.messages == []


def test_an_unreachable_server_names_host_and_port(monkeypatch: pytest.MonkeyPatch) -> None:
    port = free_port()
    monkeypatch.setenv("SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("SMTP_PORT", str(port))
    monkeypatch.setenv("SMTP_STARTTLS", "false")
    with pytest.raises(UsageError, match=f"could not send email through 127.0.0.1:{port}"):
        mailer.send_mail(load_settings(), to="a@example.com", subject="s", body="b")


def test_starttls_is_required_by_default(
    smtp_server: Mailbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SMTP_STARTTLS", "true")
    with pytest.raises(UsageError, match="does not offer STARTTLS"):
        mailer.send_mail(load_settings(), to="a@example.com", subject="s", body="b")
    assert smtp_server.messages == []


def test_without_smtp_host_the_error_explains_the_settings() -> None:
    with pytest.raises(UsageError, match="SMTP_HOST"):
        mailer.send_mail(load_settings(), to="a@example.com", subject="s", body="b")
