"""The TUI's first frame must not wait on the OpenAI SDK, SQLModel or the database."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest

from interviewer_tui.ui.app import InterviewerApp
from tests.support.contexts import signed
from tests.ui.helpers import on_screen, wait_for

HEAVY = ("openai", "sqlmodel", "sqlalchemy", "alembic", "psycopg", "argon2", "keyring", "jwt")


def test_app_module_imports_no_heavy_library() -> None:
    code = (
        "import sys\n"
        "import interviewer_tui.ui.app, interviewer_tui.ui.launch\n"
        f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    ).stdout.strip()
    assert out == "", f"imported before the first frame: {out}"


async def test_first_frame_is_drawn_before_the_session_check_returns(sqlite_ctx: Any) -> None:
    """The splash is on screen while the (blocked) session check runs in a worker."""
    import threading

    release = threading.Event()

    class SlowBackend:
        smtp_configured = False

        def watch_connection(self, callback: Any) -> None: ...

        def identity(self) -> Any:
            release.wait(10)
            from interviewer_tui.errors import NotLoggedInError

            raise NotLoggedInError()

    app = InterviewerApp(backend=SlowBackend())  # type: ignore[arg-type]
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, on_screen(pilot, "SplashScreen"), what="splash")
        assert "interviewer" in str(pilot.app.screen.query_one("#splash-title").render())
        release.set()
        await wait_for(pilot, on_screen(pilot, "AuthScreen"), what="auth after the check")
        await wait_for(
            pilot, lambda: pilot.app.focused and pilot.app.focused.id == "login-identifier"
        )


async def test_no_color_renders_in_greys_only(monkeypatch: Any) -> None:
    import re

    from tests.ui.fixed_data import FixedBackend, frozen_clock

    monkeypatch.setenv("NO_COLOR", "1")
    app = InterviewerApp(backend=FixedBackend(), clock=frozen_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: getattr(pilot.app.screen, "dashboard", None), what="home")
        svg = app.export_screenshot()
    colours = set(re.findall(r"fill: #([0-9a-f]{6})", svg))
    assert colours

    def spread(hex_colour: str) -> int:  # 0 for a pure grey
        rgb = [int(hex_colour[i : i + 2], 16) for i in (0, 2, 4)]
        return max(rgb) - min(rgb)

    # the SVG's own default text colour (#c5c8c6) is a near-grey; band colours would be far off
    assert all(spread(c) <= 8 for c in colours), colours


@pytest.mark.parametrize("logged_in", [True, False], ids=["home", "auth"])
async def test_settings_and_database_are_only_touched_in_workers(
    tmp_path: Any, monkeypatch: Any, logged_in: bool
) -> None:
    """Loading settings (pydantic-settings, the environment, .env) and connecting happen off the
    UI thread: the splash, the auth screen, home, and the setup screen's model badge."""
    import threading

    from interviewer_tui.services import accounts
    from interviewer_tui.services.context import AppContext

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'watched.db'}")
    monkeypatch.setenv("INTERVIEWER_SESSION_STORE", "file")
    monkeypatch.setenv("INTERVIEWER_HOME", str(tmp_path))
    on_ui_thread: list[str] = []

    class Watched(AppContext):
        @property
        def settings(self) -> Any:
            if threading.current_thread() is threading.main_thread():
                on_ui_thread.append("settings")
            return super().settings

        @property
        def engine(self) -> Any:
            if threading.current_thread() is threading.main_thread():
                on_ui_thread.append("engine")
            return super().engine

    seed = AppContext()
    accounts.register(seed, username="erin", email="erin@example.com", password="a long passphrase")
    if logged_in:
        signed(seed).login(identifier="erin", password="a long passphrase")
    seed.close()

    ctx = Watched()
    app = InterviewerApp(ctx)
    async with app.run_test(size=(100, 36)) as pilot:
        if not logged_in:
            await wait_for(pilot, on_screen(pilot, "AuthScreen"), what="auth")
            await wait_for(
                pilot, lambda: bool(pilot.app.screen.query("#login-identifier")), what="login form"
            )
            pilot.app.screen.query_one("#login-identifier").value = "erin"
            pilot.app.screen.query_one("#login-password").value = "a long passphrase"
            pilot.app.screen.query_one("#login-password").focus()
            await pilot.press("enter")
        await wait_for(pilot, lambda: getattr(pilot.app.screen, "dashboard", None), what="home")
        await pilot.press("n")
        await wait_for(pilot, on_screen(pilot, "SetupScreen"), what="setup")
        badge = pilot.app.screen.query_one("#setup-model")
        await wait_for(pilot, lambda: "LINE " in str(badge.render()), what="model badge")
    ctx.close()
    assert on_ui_thread == []


async def test_keys_typed_on_the_splash_land_in_the_login_form() -> None:
    """Typing the username, Enter and the password while the session check still runs: nothing
    is lost, nothing is taken as a command (`r` is the splash's retry key), and every key lands
    where it would have had the form been up."""
    import threading

    release = threading.Event()
    checks: list[int] = []

    class SlowBackend:
        smtp_configured = False

        def watch_connection(self, callback: Any) -> None: ...

        def identity(self) -> Any:
            checks.append(1)
            release.wait(10)
            from interviewer_tui.errors import NotLoggedInError

            raise NotLoggedInError()

    app = InterviewerApp(backend=SlowBackend())  # type: ignore[arg-type]
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, on_screen(pilot, "SplashScreen"), what="splash")
        await pilot.press(*"robert", "enter", *"pw", "space", "1")
        assert type(pilot.app.screen).__name__ == "SplashScreen", "the check is still running"
        release.set()
        await wait_for(pilot, on_screen(pilot, "AuthScreen"), what="auth after the check")
        screen = pilot.app.screen
        await wait_for(
            pilot, lambda: screen.query_one("#login-password").value == "pw 1", what="password"
        )
        assert screen.query_one("#login-identifier").value == "robert"
        assert pilot.app.focused is not None and pilot.app.focused.id == "login-password"
        await pilot.press("x")  # and typing goes on where it left off
        assert screen.query_one("#login-password").value == "pw 1x"
    assert len(checks) == 1, "r on the splash must not restart the session check"
