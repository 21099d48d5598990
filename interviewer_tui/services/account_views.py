"""Read models of accounts handed to the shells: plain frozen dataclasses, never ORM rows.

They live apart from `services/accounts.py` so that `services/logins.py` can build a
`UserPublic` without importing the use cases that call it; `accounts` re-exports them all. The
row-to-view mapping (`public_user`) is in `services/mapping.py` with every other one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from interviewer_tui.auth.login_tokens import LoginTokens


@dataclass(frozen=True)
class UserPublic:
    id: int
    username: str
    email: str
    created_at: datetime


@dataclass(frozen=True)
class Identity:
    """Who acts: the user and the login (refresh-token family) they act through. A shell
    resolves it once at its edge (`edge/login.py`, from the tokens this computer keeps); the
    server builds it from each request's access token. The login owns the leases of the
    interviews it drives."""

    user: UserPublic
    login_id: str


@dataclass(frozen=True)
class Issued:
    """Tokens the port has just issued (a login, a refresh, a password change) and whose they
    are. The port keeps nothing: the shell's edge saves `tokens` where this computer keeps them."""

    identity: Identity
    tokens: LoginTokens


@dataclass(frozen=True)
class LoginResult:
    user: UserPublic
    session_store: str
    access_expires_at: datetime
    notice: str | None
    server: str | None = None  # the `interviewer serve` URL; None: this computer's database
    login_id: str | None = None  # the new login (token family)


@dataclass(frozen=True)
class WhoAmI:
    user: UserPublic
    session_expires_at: datetime
    session_store: str
    server: str | None = None  # the `interviewer serve` URL; None: this computer's database


@dataclass(frozen=True)
class SessionInfo:
    id: str
    host: str
    created_at: datetime
    last_used_at: datetime
    expires_at: datetime
    current: bool
