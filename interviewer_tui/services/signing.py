"""What access tokens are signed with and for: one place for the local login and the server.

The audience is still derived from the database (`auth.tokens.audience_for`): a token issued for
one database's user ids is refused by another that shares the secret. Making it a configured
issuer-audience (issue 13) is a change to make here, once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from interviewer_tui.auth import tokens as auth_tokens
from interviewer_tui.auth.session_store import database_key

if TYPE_CHECKING:
    from interviewer_tui.services.context import AppContext


def token_secret(ctx: AppContext) -> bytes:
    configured = ctx.settings.jwt_secret
    return auth_tokens.load_secret(
        configured.get_secret_value() if configured is not None else None, ctx.settings.paths.data
    )


def token_audience(ctx: AppContext) -> str:
    return auth_tokens.audience_for(database_key(ctx.settings.effective_database_url))
