"""The TUI's first frame must not wait on the OpenAI SDK, SQLModel or the database."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

from interviewer_tui.ui.app import InterviewerApp
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

        def current_user(self) -> Any:
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
