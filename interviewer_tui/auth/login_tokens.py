"""A login's tokens, what the port issues and the shells' edge keeps (`auth/session_store.py`),
and the name of the store entry they are kept under: plain values, so that the services can hand
them out without importing the store (issue 13: services never open this computer's session
store)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

FORMAT_VERSION = 1


@dataclass(frozen=True)
class LoginTokens:
    """A login's tokens as its holder keeps them (this computer's session store) and the port
    issues them. Tokens stay out of repr so a stray log line cannot leak them."""

    user_id: int
    username: str
    refresh_token: str = field(repr=False)
    access_token: str | None = field(default=None, repr=False)
    access_expires_at: datetime | None = None

    def to_json(self) -> str:
        expires = self.access_expires_at
        return json.dumps(
            {
                "version": FORMAT_VERSION,
                "user_id": self.user_id,
                "username": self.username,
                "refresh_token": self.refresh_token,
                "access_token": self.access_token,
                "access_expires_at": int(expires.timestamp()) if expires else None,
            }
        )

    @classmethod
    def from_json(cls, text: str) -> LoginTokens | None:
        """None for anything we did not write (a damaged or foreign file is not a session)."""
        try:
            data = json.loads(text)
            if data.get("version") != FORMAT_VERSION:
                return None
            expires = data.get("access_expires_at")
            access = data.get("access_token")
            return cls(
                user_id=int(data["user_id"]),
                username=str(data["username"]),
                refresh_token=str(data["refresh_token"]),
                access_token=str(access) if access else None,
                access_expires_at=datetime.fromtimestamp(int(expires), UTC) if expires else None,
            )
        except (ValueError, TypeError, KeyError, AttributeError, OverflowError):
            return None


def database_key(url: str) -> str:
    """A short stable key for a database URL; the password does not take part."""
    from sqlalchemy.engine import make_url

    try:
        parsed = make_url(url.strip())
        if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
            parsed = parsed.set(database=str(Path(parsed.database).expanduser().resolve()))
        backend = parsed.get_backend_name()
        backend = "postgresql" if backend == "postgres" else backend
        parts = (backend, parsed.username, parsed.host, parsed.port, parsed.database)
        text = json.dumps([str(part) if part is not None else None for part in parts])
    except Exception:  # an odd URL still gets a key; the engine reports the real problem
        text = url.strip()
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
