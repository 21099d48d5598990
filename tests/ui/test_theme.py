"""The theme a person picks is remembered across runs (in the state directory, no secrets)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from interviewer_tui.ui.app import InterviewerApp
from tests.support.contexts import signed
from tests.ui.helpers import wait_for
from tests.ui.pilot_steps import PASSWORD


async def test_theme_is_remembered_across_runs(tmp_path: Path, monkeypatch: Any) -> None:
    from interviewer_tui.services import accounts
    from interviewer_tui.services.context import AppContext

    monkeypatch.setenv("INTERVIEWER_HOME", str(tmp_path))
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'theme.db'}")
    monkeypatch.setenv("INTERVIEWER_SESSION_STORE", "file")
    seed = AppContext()
    accounts.register(seed, username="fay", email="fay@example.com", password=PASSWORD)
    signed(seed).login(identifier="fay", password=PASSWORD)
    seed.close()
    saved = tmp_path / "state" / "ui.json"

    ctx = AppContext()
    app = InterviewerApp(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: getattr(pilot.app.screen, "dashboard", None), what="home")
        assert app.theme != "nord"
        app.theme = "nord"  # what the palette's "Change theme" does
        await wait_for(pilot, saved.exists, what="the preference file")
    ctx.close()
    assert json.loads(saved.read_text(encoding="utf-8")) == {"theme": "nord"}

    ctx = AppContext()
    app = InterviewerApp(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: getattr(pilot.app.screen, "dashboard", None), what="home")
        assert app.theme == "nord"
    ctx.close()


async def test_a_corrupt_preference_file_is_ignored(tmp_path: Path, monkeypatch: Any) -> None:
    from interviewer_tui.services.context import AppContext

    monkeypatch.setenv("INTERVIEWER_HOME", str(tmp_path))
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'theme.db'}")
    monkeypatch.setenv("INTERVIEWER_SESSION_STORE", "file")
    (tmp_path / "state").mkdir()
    (tmp_path / "state" / "ui.json").write_text('{"theme": ', encoding="utf-8")
    ctx = AppContext()
    app = InterviewerApp(ctx)
    default = app.theme
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: type(pilot.app.screen).__name__ == "AuthScreen")
        await wait_for(pilot, lambda: pilot.app.focused.id == "login-identifier")
        assert app.theme == default
    ctx.close()
