"""Sending email over SMTP (smtplib), configured by the SMTP_* settings; used for reset codes.

Failures become one UsageError line naming the server; the SMTP password never appears in it.
A reset request first talks to the server up to `RCPT TO` whether or not the address has an
account (`probe`), so an unreachable or misconfigured server answers every request the same way;
only then is the message itself sent, for a known account alone.
"""

from __future__ import annotations

import contextlib
import os
import smtplib
import ssl
from collections.abc import Iterator
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path

from interviewer_tui.config import Settings
from interviewer_tui.errors import UsageError

TIMEOUT_SECONDS = 15
IMPLICIT_TLS_PORT = 465
MAIL_LOG = "mail.log"

SMTP_HELP = (
    "password reset by email needs an SMTP server: set SMTP_HOST (and as needed SMTP_PORT, "
    "SMTP_USERNAME, SMTP_PASSWORD, SMTP_FROM, SMTP_STARTTLS) in the environment, in .env or in "
    "config.toml (see `interviewer config show`)"
)


class Conversation:
    """An open SMTP connection whose envelope (sender, recipient) the server has accepted."""

    def __init__(self, client: smtplib.SMTP, settings: Settings, to: str) -> None:
        self._client = client
        self._settings = settings
        self.to = to

    def send(self, *, subject: str, body: str) -> None:
        """Send the message; UsageError (naming the server) if the server refuses it."""
        message = EmailMessage()
        message["From"] = self._settings.smtp_from
        message["To"] = self.to
        message["Subject"] = subject
        message.set_content(body)
        with _one_line_errors(self._settings):
            self._client.send_message(message)


@contextlib.contextmanager
def probe(settings: Settings, *, to: str) -> Iterator[Conversation]:
    """Connect, log in, and have the server accept sender and recipient (then RSET), without
    sending anything; the caller may then `send` on the same connection."""
    host = settings.smtp_host
    if host is None:
        raise UsageError(SMTP_HELP)
    port = settings.smtp_port
    with _one_line_errors(settings):
        client: smtplib.SMTP
        if port == IMPLICIT_TLS_PORT:
            context = ssl.create_default_context()
            client = smtplib.SMTP_SSL(host, port, timeout=TIMEOUT_SECONDS, context=context)
        else:
            client = smtplib.SMTP(host, port, timeout=TIMEOUT_SECONDS)
    try:
        with _one_line_errors(settings):
            client.ehlo()
            if settings.smtp_starttls and port != IMPLICIT_TLS_PORT:
                client.starttls(context=ssl.create_default_context())
                client.ehlo()
            if settings.smtp_username:
                password = (
                    settings.smtp_password.get_secret_value() if settings.smtp_password else ""
                )
                client.login(settings.smtp_username, password)
            _check_envelope(client, settings.smtp_from, to)
        yield Conversation(client, settings, to)
    finally:
        with contextlib.suppress(smtplib.SMTPException, OSError):
            client.quit()
        with contextlib.suppress(OSError):
            client.close()


def _check_envelope(client: smtplib.SMTP, sender: str, to: str) -> None:
    options: list[str] = []
    if not (sender + to).isascii():
        if not client.has_extn("smtputf8"):
            raise smtplib.SMTPNotSupportedError("the server does not accept non-ASCII addresses")
        options = ["SMTPUTF8"]
    code, reply = client.mail(sender, options)
    if code != 250:
        raise smtplib.SMTPSenderRefused(code, reply, sender)
    code, reply = client.rcpt(to)
    if code not in (250, 251):
        raise smtplib.SMTPRecipientsRefused({to: (code, reply)})
    client.rset()


@contextlib.contextmanager
def _one_line_errors(settings: Settings) -> Iterator[None]:
    where = f"{settings.smtp_host}:{settings.smtp_port}"
    try:
        yield
    except smtplib.SMTPAuthenticationError:
        raise UsageError(
            f"could not send email through {where}: the server refused SMTP_USERNAME / "
            "SMTP_PASSWORD"
        ) from None
    except smtplib.SMTPNotSupportedError as exc:
        reason = (
            str(exc)
            if "non-ASCII" in str(exc)
            else "the server does not offer STARTTLS (set SMTP_STARTTLS=false only for a server "
            "on this machine)"
        )
        raise UsageError(f"could not send email through {where}: {reason}") from None
    except smtplib.SMTPRecipientsRefused as exc:
        replies = list(exc.recipients.values())
        reason = _reply(*replies[0]) if replies else "the recipient was refused"
        raise UsageError(f"could not send email through {where}: {reason}") from None
    except smtplib.SMTPResponseException as exc:
        raise UsageError(
            f"could not send email through {where}: {_reply(exc.smtp_code, exc.smtp_error)}"
        ) from None
    except (smtplib.SMTPException, OSError) as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise UsageError(f"could not send email through {where}: {reason}") from None


def _reply(code: int, text: bytes | str) -> str:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    first = text.strip().splitlines()[0] if text.strip() else ""
    return f"{code} {first}".strip()


def send_mail(settings: Settings, *, to: str, subject: str, body: str) -> None:
    with probe(settings, to=to) as conversation:
        conversation.send(subject=subject, body=body)


def reset_message(*, username: str, code: str, minutes: int) -> tuple[str, str]:
    """Subject and body of the reset mail."""
    body = (
        f"Hello {username},\n\n"
        "Someone (hopefully you) asked to reset the password of your interviewer account.\n"
        "Run this command and choose a new password:\n\n"
        "    interviewer password reset\n\n"
        f"and paste this reset code when asked:\n\n    {code}\n\n"
        f"The code works once, within {minutes} minutes. If you did not ask for it, ignore this\n"
        "message: your password has not changed.\n"
    )
    return "Your interviewer password reset code", body


def send_password_reset(
    settings: Settings, *, to: str, username: str, code: str, minutes: int
) -> None:
    subject, body = reset_message(username=username, code=code, minutes=minutes)
    send_mail(settings, to=to, subject=subject, body=body)


def record_failure(state_dir: Path, what: str) -> None:
    """Append one line for whoever runs the mail server to `<state dir>/mail.log` (0600). It
    names the server's reply, never the address, account or code: the person who asked sees
    the usual neutral answer, and the log must not tell them more than that."""
    line = f"{datetime.now(UTC).isoformat(timespec='seconds')} {what}\n"
    with contextlib.suppress(OSError):
        state_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(state_dir / MAIL_LOG, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8") as fh:
            fh.write(line)
