"""A mailbox behind the real local SMTP server (aiosmtpd) of the `smtp_server` fixture, and the
reset code in a password-reset mail."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


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


def reset_code(body: str) -> str:
    """The code is the indented line after "paste this reset code"."""
    lines = body.splitlines()
    for i, line in enumerate(lines):
        if "reset code" in line and "paste" in line:
            return next(x.strip() for x in lines[i + 1 :] if x.strip())
    raise AssertionError(f"no reset code in: {body!r}")
