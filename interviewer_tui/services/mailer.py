"""Sending email over SMTP (smtplib), configured by the SMTP_* settings; used for reset codes.

Failures become one UsageError line naming the server; the SMTP password never appears in it.
"""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage

from interviewer_tui.config import Settings
from interviewer_tui.errors import UsageError

TIMEOUT_SECONDS = 15
IMPLICIT_TLS_PORT = 465

SMTP_HELP = (
    "password reset by email needs an SMTP server: set SMTP_HOST (and as needed SMTP_PORT, "
    "SMTP_USERNAME, SMTP_PASSWORD, SMTP_FROM, SMTP_STARTTLS) in the environment, in .env or in "
    "config.toml (see `interviewer config show`)"
)


def send_mail(settings: Settings, *, to: str, subject: str, body: str) -> None:
    host = settings.smtp_host
    if host is None:
        raise UsageError(SMTP_HELP)
    message = EmailMessage()
    message["From"] = settings.smtp_from
    message["To"] = to
    message["Subject"] = subject
    message.set_content(body)
    port = settings.smtp_port
    try:
        client: smtplib.SMTP
        if port == IMPLICIT_TLS_PORT:
            context = ssl.create_default_context()
            client = smtplib.SMTP_SSL(host, port, timeout=TIMEOUT_SECONDS, context=context)
        else:
            client = smtplib.SMTP(host, port, timeout=TIMEOUT_SECONDS)
        with client:
            client.ehlo()
            if settings.smtp_starttls and port != IMPLICIT_TLS_PORT:
                client.starttls(context=ssl.create_default_context())
                client.ehlo()
            if settings.smtp_username:
                password = (
                    settings.smtp_password.get_secret_value() if settings.smtp_password else ""
                )
                client.login(settings.smtp_username, password)
            client.send_message(message)
    except smtplib.SMTPAuthenticationError:
        raise UsageError(
            f"could not send email through {host}:{port}: the server refused SMTP_USERNAME / "
            "SMTP_PASSWORD"
        ) from None
    except smtplib.SMTPNotSupportedError:
        raise UsageError(
            f"could not send email through {host}:{port}: the server does not offer STARTTLS "
            "(set SMTP_STARTTLS=false only for a server on this machine)"
        ) from None
    except (smtplib.SMTPException, OSError) as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise UsageError(f"could not send email through {host}:{port}: {reason}") from None


def send_password_reset(
    settings: Settings, *, to: str, username: str, code: str, minutes: int
) -> None:
    body = (
        f"Hello {username},\n\n"
        "Someone (hopefully you) asked to reset the password of your interviewer account.\n"
        "Run this command and choose a new password:\n\n"
        "    interviewer password reset\n\n"
        f"and paste this reset code when asked:\n\n    {code}\n\n"
        f"The code works once, within {minutes} minutes. If you did not ask for it, ignore this\n"
        "message: your password has not changed.\n"
    )
    send_mail(settings, to=to, subject="Your interviewer password reset code", body=body)
