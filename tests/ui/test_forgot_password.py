"""A forgotten password is easy to find: ctrl+f on the welcome screen, a palette entry, a hint
under the login form, and, without SMTP settings, a message naming what to set. The new password
is asked twice (real SMTP server and database for the full reset)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import TabbedContent

from interviewer_tui.ui.app import InterviewerApp
from tests.support.contexts import signed
from tests.ui.fixed_data import FixedBackend, frozen_clock
from tests.ui.helpers import on_screen, screen_text, wait_for
from tests.ui.pilot_steps import PASSWORD, type_text


def active_tab(pilot: Any) -> str | None:
    return pilot.app.screen.query_one(TabbedContent).active


def focused_id(pilot: Any) -> str | None:
    return pilot.app.focused.id if pilot.app.focused is not None else None


async def test_login_screen_shows_the_key_and_ctrl_f_explains_missing_smtp() -> None:
    app = InterviewerApp(backend=FixedBackend(logged_in=False, smtp=False), clock=frozen_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, on_screen(pilot, "AuthScreen"), what="auth")
        await wait_for(pilot, lambda: focused_id(pilot) == "login-identifier")
        assert "Forgot your password? Press ctrl+f." in screen_text(pilot)
        await pilot.press("ctrl+f")
        await wait_for(pilot, lambda: active_tab(pilot) == "forgot", what="the forgot tab")
        await pilot.pause()
        text = " ".join(screen_text(pilot).split())
        assert "not set up here: it needs SMTP_HOST" in text, text
        assert focused_id(pilot) == "reset-token", "a code from elsewhere can still be used"


async def test_palette_has_forgot_password() -> None:
    app = InterviewerApp(backend=FixedBackend(logged_in=False, smtp=True), clock=frozen_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, on_screen(pilot, "AuthScreen"), what="auth")
        await pilot.press("ctrl+p")
        await wait_for(pilot, on_screen(pilot, "CommandPalette"), what="palette")
        await type_text(pilot, "forgot")
        await wait_for(pilot, lambda: "Forgot password" in screen_text(pilot), what="the entry")
        await pilot.press("enter")
        await wait_for(pilot, lambda: active_tab(pilot) == "forgot", what="the forgot tab")
        await wait_for(pilot, lambda: focused_id(pilot) == "forgot-email")


async def test_reset_asks_twice_and_refuses_a_mismatch(
    smtp_server: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    mailbox = smtp_server
    from interviewer_tui.config import load_settings
    from interviewer_tui.errors import AuthError
    from interviewer_tui.services import accounts
    from interviewer_tui.services.context import AppContext
    from tests.support.mail import reset_code

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'reset.db'}")
    monkeypatch.setenv("INTERVIEWER_SESSION_STORE", "file")
    ctx = AppContext(settings=load_settings())
    accounts.register(ctx, username="dave", email="dave@example.com", password=PASSWORD)
    app = InterviewerApp(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, on_screen(pilot, "AuthScreen"))
        screen = pilot.app.screen
        await pilot.press("ctrl+f")
        await wait_for(pilot, lambda: focused_id(pilot) == "forgot-email", what="email field")
        await type_text(pilot, "dave@example.com")
        await pilot.press("enter")
        await wait_for(pilot, lambda: mailbox.messages, what="the reset email")
        await wait_for(pilot, lambda: focused_id(pilot) == "reset-token", what="code field")
        screen.query_one("#reset-token").value = reset_code(mailbox.bodies()[-1])
        await pilot.press("enter")
        await type_text(pilot, "a brand new passphrase")
        await pilot.press("enter")
        assert focused_id(pilot) == "reset-confirm", "enter moves on to the repeat field"
        await type_text(pilot, "a brand new passphrasf")
        await pilot.press("enter")
        await wait_for(pilot, lambda: "do not match" in screen_text(pilot), what="mismatch")
        assert focused_id(pilot) == "reset-confirm"
        screen.query_one("#reset-confirm").value = "a brand new passphrase"
        await pilot.press("enter")
        await wait_for(pilot, lambda: "Password changed" in screen_text(pilot), what="done")
        assert active_tab(pilot) == "login"
    ctx.close()
    assert signed(ctx).login(identifier="dave", password="a brand new passphrase").user
    try:
        signed(ctx).login(identifier="dave", password="a brand new passphrasf")
    except AuthError:
        pass
    else:
        raise AssertionError("the mistyped password must not have been set")
