"""Password change, forgotten-password email (a real local SMTP server), reset and account
deletion: each ends every session."""

from __future__ import annotations

from typing import Any

import pytest
from sqlmodel import select

from interviewer_tui.errors import AuthError, NotLoggedInError, UsageError, ValidationError
from interviewer_tui.services import accounts
from interviewer_tui.store.tables import Interview, PasswordReset, RefreshToken, User
from tests.support.clock import FakeClock
from tests.support.contexts import signed
from tests.support.mail import Mailbox, reset_code
from tests.support.users import NEW_PASSWORD, OTHER_PASSWORD, PASSWORD, make_user


def _login(ctx: Any, name: str = "alice", password: str = PASSWORD) -> Any:
    return signed(ctx).login(identifier=name, password=password)


@pytest.fixture
def alice(actx: Any) -> Any:
    user = make_user(actx, "alice")
    _login(actx)
    return user


# -- change -------------------------------------------------------------------------------------


def test_change_password_ends_other_sessions_and_keeps_this_one(
    actx: Any, alice: Any, second_computer: Any
) -> None:
    _login(second_computer)
    signed(actx).change_password(current_password=PASSWORD, new_password=NEW_PASSWORD)
    assert signed(actx).current_user() == alice
    with pytest.raises(NotLoggedInError, match="password was changed"):
        signed(second_computer).current_user()
    with pytest.raises(AuthError):
        _login(second_computer)
    assert _login(second_computer, password=NEW_PASSWORD).user == alice


def test_change_password_needs_the_current_one_and_counts_failures(actx: Any, alice: Any) -> None:
    with pytest.raises(AuthError, match="current password is wrong"):
        signed(actx).change_password(current_password=OTHER_PASSWORD, new_password=NEW_PASSWORD)
    row = actx.tx(lambda s: s.exec(select(User)).one())
    assert row.failed_logins == 1
    assert _login(actx).user == alice  # still the old password


def test_change_password_applies_the_rules(actx: Any, alice: Any) -> None:
    with pytest.raises(ValidationError, match="commonly used"):
        signed(actx).change_password(current_password=PASSWORD, new_password="qwertyuiop")
    with pytest.raises(ValidationError, match="username"):
        signed(actx).change_password(current_password=PASSWORD, new_password="ALICE@example.com")


def test_change_password_needs_a_session(actx: Any) -> None:
    make_user(actx, "alice")
    with pytest.raises(NotLoggedInError):
        signed(actx).change_password(current_password=PASSWORD, new_password=NEW_PASSWORD)


# -- forgot / reset -----------------------------------------------------------------------------


def test_forgot_without_smtp_says_how_to_configure_it(actx: Any) -> None:
    make_user(actx, "alice")
    with pytest.raises(UsageError) as info:
        accounts.forgot_password(actx, email="alice@example.com")
    assert "SMTP_HOST" in info.value.message
    assert "SMTP_PORT" in info.value.message


def _with_smtp(ctx: Any) -> Any:
    from interviewer_tui.config import load_settings
    from interviewer_tui.services.context import AppContext

    return AppContext(settings=load_settings(), clock=ctx.clock)


def test_reset_by_email_end_to_end(
    actx: Any, alice: Any, second_computer: Any, smtp_server: Mailbox
) -> None:
    _login(second_computer)
    ctx = _with_smtp(actx)
    message = accounts.forgot_password(ctx, email="Alice@Example.com")
    assert "if an account uses alice@example.com" in message
    assert len(smtp_server.messages) == 1
    envelope = smtp_server.messages[0]
    assert envelope.rcpt_tos == ["alice@example.com"]
    code = reset_code(smtp_server.bodies()[0])
    assert len(code) >= 43
    stored = actx.tx(lambda s: s.exec(select(PasswordReset)).one())
    assert code not in stored.token_hash  # only its digest is kept

    signed(ctx).reset_password(token=code, new_password=NEW_PASSWORD)
    for c in (actx, second_computer):
        with pytest.raises(NotLoggedInError, match="password was reset"):
            signed(c).current_user()
    with pytest.raises(AuthError):
        _login(actx)
    assert _login(actx, password=NEW_PASSWORD).user == alice
    with pytest.raises(AuthError, match="invalid, already used or expired"):
        signed(ctx).reset_password(token=code, new_password="another-fine-password-5")
    ctx.close()


def test_unknown_email_gets_the_same_answer_and_no_mail(actx: Any, smtp_server: Mailbox) -> None:
    make_user(actx, "alice")
    ctx = _with_smtp(actx)
    known = accounts.forgot_password(ctx, email="alice@example.com")
    unknown = accounts.forgot_password(ctx, email="nobody@example.com")
    assert known.replace("alice@", "X@") == unknown.replace("nobody@", "X@")
    assert len(smtp_server.messages) == 1
    ctx.close()


def test_reset_codes_expire_after_15_minutes(
    actx: Any, clock: FakeClock, smtp_server: Mailbox
) -> None:
    make_user(actx, "alice")
    ctx = _with_smtp(actx)
    accounts.forgot_password(ctx, email="alice@example.com")
    code = reset_code(smtp_server.bodies()[0])
    clock.advance(minutes=15)
    with pytest.raises(AuthError, match="expired"):
        signed(ctx).reset_password(token=code, new_password=NEW_PASSWORD)
    assert _login(actx).user.username == "alice"
    ctx.close()


def test_a_weak_new_password_does_not_burn_the_code(actx: Any, smtp_server: Mailbox) -> None:
    make_user(actx, "alice")
    ctx = _with_smtp(actx)
    accounts.forgot_password(ctx, email="alice@example.com")
    code = reset_code(smtp_server.bodies()[0])
    with pytest.raises(ValidationError):
        signed(ctx).reset_password(token=code, new_password="password")
    signed(ctx).reset_password(token=code, new_password=NEW_PASSWORD)
    ctx.close()


def test_a_reset_clears_a_login_lock(actx: Any, smtp_server: Mailbox) -> None:
    make_user(actx, "alice")
    for _ in range(6):
        with pytest.raises(AuthError):
            _login(actx, password=OTHER_PASSWORD)
    ctx = _with_smtp(actx)
    accounts.forgot_password(ctx, email="alice@example.com")
    signed(ctx).reset_password(token=reset_code(smtp_server.bodies()[0]), new_password=NEW_PASSWORD)
    assert _login(actx, password=NEW_PASSWORD)
    ctx.close()


def test_a_password_change_voids_codes_sent_before(
    actx: Any, alice: Any, smtp_server: Mailbox
) -> None:
    ctx = _with_smtp(actx)
    accounts.forgot_password(ctx, email="alice@example.com")
    code = reset_code(smtp_server.bodies()[0])
    signed(actx).change_password(current_password=PASSWORD, new_password=NEW_PASSWORD)
    with pytest.raises(AuthError):
        signed(ctx).reset_password(token=code, new_password="another-fine-password-5")
    ctx.close()


def test_at_most_three_pending_codes_per_account(actx: Any, smtp_server: Mailbox) -> None:
    make_user(actx, "alice")
    ctx = _with_smtp(actx)
    for _ in range(5):
        accounts.forgot_password(ctx, email="alice@example.com")
    assert len(smtp_server.messages) == 3
    ctx.close()


def test_made_up_codes_are_refused(actx: Any) -> None:
    make_user(actx, "alice")
    with pytest.raises(AuthError, match="invalid"):
        signed(actx).reset_password(token="not-a-real-code", new_password=NEW_PASSWORD)


# -- delete -------------------------------------------------------------------------------------


def _add_interview(ctx: Any, user_id: int) -> None:
    def add(session: Any) -> None:
        session.add(
            Interview(
                user_id=user_id,
                difficulty="easy",
                number_questions=3,
                topics=["http"],
                provider="offline",
                model="offline",
            )
        )

    ctx.tx(add)


def test_delete_account_removes_user_interviews_and_sessions(
    actx: Any, alice: Any, second_computer: Any
) -> None:
    bob = make_user(actx, "bob", OTHER_PASSWORD)
    _add_interview(actx, alice.id)
    _add_interview(actx, bob.id)
    _login(second_computer)
    signed(actx).delete_account(password=PASSWORD)
    users = actx.tx(lambda s: [u.username for u in s.exec(select(User)).all()])
    interviews = actx.tx(lambda s: [i.user_id for i in s.exec(select(Interview)).all()])
    tokens = actx.tx(lambda s: s.exec(select(RefreshToken)).all())
    assert users == ["bob"]
    assert interviews == [bob.id]
    assert tokens == []
    for c in (actx, second_computer):
        with pytest.raises(NotLoggedInError):
            signed(c).current_user()
    with pytest.raises(AuthError):
        _login(actx)


def test_delete_account_needs_the_password(actx: Any, alice: Any) -> None:
    with pytest.raises(AuthError, match="password is wrong"):
        signed(actx).delete_account(password=OTHER_PASSWORD)
    assert signed(actx).current_user() == alice
