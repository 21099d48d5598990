"""The access tokens' audience names the deployment, not the database URL (issue 13): moving the
database keeps every login, and a token issued under the old rule costs one silent refresh."""

from __future__ import annotations

from typing import Any

import jwt
from pydantic import SecretStr
from sqlmodel import select

from interviewer_tui.auth import tokens as auth_tokens
from interviewer_tui.services.signing import token_audience, token_secret
from interviewer_tui.store.tables import RefreshToken
from tests.support.contexts import context_like, signed
from tests.support.users import make_user

from .test_sessions import _login, _session_file


def _database_audience(ctx: Any) -> str:
    """What the audience was before issue 13: `interviewer:` + a hash of the database URL."""
    from interviewer_tui.auth.session_store import database_key

    return f"interviewer:{database_key(ctx.settings.effective_database_url)}"


def test_the_audience_does_not_follow_the_database_url(actx: Any, tmp_path: Any) -> None:
    moved = context_like(actx, database_url=f"sqlite:///{tmp_path / 'moved.db'}")
    try:
        assert token_audience(moved) == token_audience(actx)
        assert token_audience(actx) != _database_audience(actx)
        named = context_like(actx, token_audience="interviewer:team-eu")
        assert token_audience(named) == "interviewer:team-eu"
        other_key = context_like(actx, jwt_secret=SecretStr("q" * 40))
        assert token_audience(other_key) != token_audience(actx)
    finally:
        moved.close()


def test_a_login_whose_access_token_has_the_old_audience_is_refreshed_silently(
    actx: Any, clock: Any
) -> None:
    from interviewer_tui.auth.session_store import StoredSession

    alice = make_user(actx, "alice")
    _login(actx)
    path = _session_file(actx)
    stored = StoredSession.from_json(path.read_text())
    assert stored is not None and stored.access_token is not None
    family = jwt.decode(stored.access_token, options={"verify_signature": False})["sid"]
    # the access token an older version stored: same key, same login, the database's audience
    old, expires = auth_tokens.issue_access_token(
        token_secret(actx),
        user_id=alice.id,
        family_id=family,
        audience=_database_audience(actx),
        now=clock(),
        ttl_seconds=actx.settings.access_token_ttl,
    )
    path.write_text(
        StoredSession(
            user_id=alice.id,
            username="alice",
            refresh_token=stored.refresh_token,
            access_token=old,
            access_expires_at=expires,
        ).to_json()
    )

    assert signed(actx).current_user() == alice  # no "log in again"
    rows = list(actx.tx(lambda s: s.exec(select(RefreshToken)).all()))
    assert len(rows) == 2, "the old-audience token should have been refreshed, not trusted"
    fresh = StoredSession.from_json(path.read_text())
    assert fresh is not None and fresh.access_token is not None
    claims = jwt.decode(fresh.access_token, options={"verify_signature": False})
    assert claims["aud"] == token_audience(actx)
    assert claims["sid"] == family  # the same login, rotated
