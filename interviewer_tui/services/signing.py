"""What access tokens are signed with and for: one place for the local login and the server.

The audience names the deployment (`INTERVIEWER_TOKEN_AUDIENCE`, else derived from the signing
key: see `auth.tokens.audience_for`); it no longer follows the database URL, so a moved database
or a second replica keeps every login valid.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from interviewer_tui.auth import tokens as auth_tokens

if TYPE_CHECKING:
    from interviewer_tui.services.context import AppContext


def token_secret(ctx: AppContext) -> bytes:
    configured = ctx.settings.jwt_secret
    return auth_tokens.load_secret(
        configured.get_secret_value() if configured is not None else None, ctx.settings.paths.data
    )


def token_audience(ctx: AppContext) -> str:
    return auth_tokens.audience_for(token_secret(ctx), ctx.settings.token_audience)
