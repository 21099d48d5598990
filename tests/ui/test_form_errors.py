"""A form's error must be where the user is looking: at 80x24 the setup, register, login and
reset forms scroll the invalid field (and its error line) into view and focus it, and long
messages such as the lock-out wrap instead of being cut at the edge."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widget import Widget

from interviewer_tui.ui.app import InterviewerApp
from tests.support.contexts import signed
from tests.ui.fixed_data import FixedBackend, frozen_clock
from tests.ui.helpers import on_screen, screen_text, wait_for
from tests.ui.pilot_steps import PASSWORD, shown, type_text

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]


def visible(widget: Widget) -> bool:
    """Drawn on the screen now: mounted, displayed, and not scrolled out of its container."""
    screen = widget.screen
    return widget.display and widget in screen._compositor.visible_widgets


def focused_id(pilot: Any) -> str | None:
    return pilot.app.focused.id if pilot.app.focused is not None else None


async def test_setup_time_box_error_is_scrolled_into_view_and_focused() -> None:
    app = InterviewerApp(backend=FixedBackend(), clock=frozen_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: getattr(pilot.app.screen, "dashboard", None), what="home")
        await pilot.press("n")
        await wait_for(pilot, on_screen(pilot, "SetupScreen"), what="setup")
        screen = pilot.app.screen
        screen.query_one("#setup-minutes").focus()
        await type_text(pilot, "999")
        screen.query_one("#setup-difficulty").focus()  # the user went back to the top
        await pilot.pause()
        await pilot.press("ctrl+s")
        await wait_for(
            pilot, lambda: "240 minutes" in screen_text(pilot), what="the error on screen"
        )
        assert focused_id(pilot) == "setup-minutes"
        assert visible(screen.query_one("#setup-minutes"))
        assert type(pilot.app.screen).__name__ == "SetupScreen", "nothing started"


async def test_register_error_on_the_last_field_is_visible_at_80x24(
    tmp_path: Path, monkeypatch: Any
) -> None:
    from interviewer_tui.config import load_settings
    from interviewer_tui.services.context import AppContext

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'forms.db'}")
    monkeypatch.setenv("INTERVIEWER_SESSION_STORE", "file")
    ctx = AppContext(settings=load_settings())
    app = InterviewerApp(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, on_screen(pilot, "AuthScreen"))
        screen = pilot.app.screen
        await pilot.press("ctrl+r")
        for field, value in (
            ("#register-username", "newuser"),
            ("#register-email", "new@example.com"),
            ("#register-password", PASSWORD),
            ("#register-confirm", PASSWORD + "x"),
        ):
            screen.query_one(field).value = value
        screen.query_one("#register-username").focus()
        await pilot.pause()
        await pilot.press("ctrl+s")  # the same submit key as setup
        await wait_for(
            pilot, lambda: "do not match" in screen_text(pilot), what="the error on screen"
        )
        assert focused_id(pilot) == "register-confirm"
        assert visible(screen.query_one("#register-confirm"))
    ctx.close()


@pytest.mark.parametrize("size", SIZES)
async def test_lock_out_message_is_shown_whole(
    size: tuple[int, int], tmp_path: Path, monkeypatch: Any
) -> None:
    from interviewer_tui.config import load_settings
    from interviewer_tui.errors import AuthError
    from interviewer_tui.services import accounts
    from interviewer_tui.services.context import AppContext

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'lock.db'}")
    monkeypatch.setenv("INTERVIEWER_SESSION_STORE", "file")
    ctx = AppContext(settings=load_settings())
    accounts.register(ctx, username="erin", email="erin@example.com", password=PASSWORD)
    for _ in range(5):
        with pytest.raises(AuthError):
            signed(ctx).login(identifier="erin", password="wrong password!")
    app = InterviewerApp(ctx)
    async with app.run_test(size=size) as pilot:
        await wait_for(pilot, on_screen(pilot, "AuthScreen"))
        screen = pilot.app.screen
        screen.query_one("#login-identifier").value = "erin"
        screen.query_one("#login-password").value = PASSWORD
        screen.query_one("#login-password").focus()
        await pilot.press("enter")
        status = screen.query_one("#login-status")
        await wait_for(pilot, lambda: "too many" in shown(status), what="the lock-out message")
        await pilot.pause()
        on_screen_now = " ".join(screen_text(pilot).replace("│", " ").split())
        whole = " ".join(shown(status).split())
        assert whole.endswith("`interviewer password forgot`"), whole
        assert whole in on_screen_now, on_screen_now
    ctx.close()
