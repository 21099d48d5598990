"""User A can neither read nor touch user B's account rows, through the services or the
repository functions they use."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlmodel import select

from interviewer_tui.errors import NotFoundError, NotLoggedInError
from interviewer_tui.store import tokens as token_rows
from interviewer_tui.store import users as user_rows
from interviewer_tui.store.tables import RefreshToken
from tests.support.clock import FakeClock
from tests.support.contexts import signed
from tests.support.users import OTHER_PASSWORD, PASSWORD, make_user


@pytest.fixture
def pair(actx: Any, second_computer: Any) -> tuple[Any, Any]:
    """alice logged in on actx, bob logged in on the second computer."""
    alice = make_user(actx, "alice")
    bob = make_user(actx, "bob", OTHER_PASSWORD)
    signed(actx).login(identifier="alice", password=PASSWORD)
    signed(second_computer).login(identifier="bob", password=OTHER_PASSWORD)
    return alice, bob


def _bob_family(ctx: Any, bob_id: int) -> str:
    row = ctx.tx(lambda s: s.exec(select(RefreshToken).where(RefreshToken.user_id == bob_id)).one())
    return str(row.family_id)


def test_alice_cannot_see_or_revoke_bobs_sessions(
    actx: Any, second_computer: Any, pair: tuple[Any, Any]
) -> None:
    _alice, bob = pair
    family = _bob_family(actx, bob.id)
    assert family not in [s.id for s in signed(actx).list_sessions()]
    with pytest.raises(NotFoundError):
        signed(actx).revoke_session(session_id=family)
    assert signed(second_computer).current_user() == bob


def test_alice_logging_out_everywhere_leaves_bob_alone(
    actx: Any, second_computer: Any, pair: tuple[Any, Any]
) -> None:
    _alice, bob = pair
    signed(actx).logout(everywhere=True)
    assert signed(second_computer).current_user() == bob


def test_editing_the_user_id_in_the_session_file_does_not_make_you_bob(
    actx: Any, pair: tuple[Any, Any], clock: FakeClock
) -> None:
    _alice, bob = pair
    path = next((actx.settings.paths.state / "sessions").glob("*.json"))
    data = json.loads(path.read_text())
    data["user_id"] = bob.id
    path.write_text(json.dumps(data))
    with pytest.raises(NotLoggedInError):
        signed(actx).current_user()
    clock.advance(minutes=16)
    path.write_text(json.dumps(data))
    with pytest.raises(NotLoggedInError):
        signed(actx).current_user()


def test_repository_reads_and_writes_by_id_need_the_owner(
    actx: Any, pair: tuple[Any, Any], clock: FakeClock
) -> None:
    alice, bob = pair
    family = _bob_family(actx, bob.id)
    now = clock()

    def attempt(session: Any) -> dict[str, object]:
        return {
            "get_user": user_rows.get_user(session, user_id=bob.id, acting_user_id=alice.id),
            "delete_user": user_rows.delete_user(session, user_id=bob.id, acting_user_id=alice.id),
            "revoke_family": token_rows.revoke_family(
                session, acting_user_id=alice.id, family_id=family, now=now, reason="x"
            ),
            "family_is_live": token_rows.family_is_live(
                session, acting_user_id=alice.id, family_id=family, now=now
            ),
            "user_with_live_family": token_rows.user_with_live_family(
                session, acting_user_id=alice.id, family_id=family, now=now
            ),
            "live_sessions": [
                s.family_id
                for s in token_rows.live_sessions(session, acting_user_id=alice.id, now=now)
            ],
        }

    result = actx.tx(attempt)
    assert result["get_user"] is None
    assert result["delete_user"] is False
    assert result["revoke_family"] == 0
    assert result["family_is_live"] is False
    assert result["user_with_live_family"] is None
    assert family not in result["live_sessions"]  # type: ignore[operator]
    still = actx.tx(
        lambda s: token_rows.family_is_live(s, acting_user_id=bob.id, family_id=family, now=now)
    )
    assert still
