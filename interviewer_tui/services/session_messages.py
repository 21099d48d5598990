"""What a person reads when a login has ended: one text per reason, shared by the local session
(`services/logins.py`), the server's refresh (`services/remote.py`) and its client, so a revoked
or reused session reads the same whether the database is here or behind `interviewer serve`."""

from __future__ import annotations

REUSE_DETECTED = (
    "refresh token reuse detected: this session had already been refreshed by another copy of it, "
    "so the whole login has been ended everywhere to be safe. Run `interviewer login`"
)
ENDED_BECAUSE = {
    "logout": "this session was logged out",
    "logout_all": "you logged out everywhere",
    "revoked": "this session was revoked with `interviewer sessions --revoke`",
    "reuse": "this session was ended after its refresh token was reused",
    "password_change": "the password was changed, which ends every session",
    "password_reset": "the password was reset, which ends every session",
    "new_login": "a newer login on this computer replaced it",
}
EXPIRED = "not logged in (the session expired): run `interviewer login`"


def ended(reason: str | None) -> str:
    """`not logged in (why): run interviewer login` for a login ended for `reason`."""
    why = ENDED_BECAUSE.get(reason or "", "this session was ended")
    return f"not logged in ({why}): run `interviewer login`"
