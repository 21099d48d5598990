"""Words on Home that must be true: "Welcome back" only for someone who has been here before, the
weakest-topics card never lists a topic at or above the pass bar, and counts agree in number."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from interviewer_tui.services.views import Dashboard
from interviewer_tui.ui.app import InterviewerApp
from tests.ui.fixed_data import FixedBackend, frozen_clock
from tests.ui.helpers import on_screen, screen_text, wait_for
from tests.ui.pilot_steps import register, type_text


def greeting(pilot: Any) -> str:
    return str(pilot.app.screen.query_one("#home-greeting").render())


async def home_loaded(pilot: Any) -> Any:
    await wait_for(pilot, lambda: getattr(pilot.app.screen, "dashboard", None), what="home")
    await pilot.pause()
    return pilot.app.screen


async def test_first_login_after_registering_is_not_welcome_back(sqlite_ctx: Any) -> None:
    app = InterviewerApp(sqlite_ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await register(pilot, "alice")
        await home_loaded(pilot)
        assert greeting(pilot) == "Welcome, alice."


async def test_a_returning_user_is_welcomed_back() -> None:
    app = InterviewerApp(backend=FixedBackend(), clock=frozen_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await home_loaded(pilot)
        assert greeting(pilot) == "Welcome back, alice."


class Scores(FixedBackend):
    def __init__(self, weakest: tuple[tuple[str, int], ...]) -> None:
        super().__init__()
        self.weakest = weakest

    def dashboard(self, *, user_id: int) -> Dashboard:
        data = super().dashboard(user_id=user_id)
        return Dashboard(data.unfinished, data.recent, data.trend, self.weakest)


async def test_weakest_topics_never_lists_a_passing_topic() -> None:
    app = InterviewerApp(backend=Scores((("coding", 100), ("caching", 90))), clock=frozen_clock)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await home_loaded(pilot)
        text = str(screen.query_one("#home-weak-text").render())
        assert "Coding" not in text and "Caching" not in text, text
        assert "at or above the pass bar" in text
    app = InterviewerApp(backend=Scores((("concurrency", 40), ("coding", 100))), clock=frozen_clock)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await home_loaded(pilot)
        text = str(screen.query_one("#home-weak-text").render())
        assert "Concurrency" in text and "Coding" not in text, text


async def test_loading_a_one_character_file_says_character(tmp_path: Path) -> None:
    jd = tmp_path / "jd.txt"
    jd.write_text("x", encoding="utf-8")
    app = InterviewerApp(backend=FixedBackend(), clock=frozen_clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await home_loaded(pilot)
        await pilot.press("n")
        await wait_for(pilot, on_screen(pilot, "SetupScreen"), what="setup")
        pilot.app.screen.query_one("#setup-jd-path").focus()
        await type_text(pilot, str(jd))
        await pilot.press("enter")
        notes = lambda: [str(n.message) for n in pilot.app._notifications]  # noqa: E731
        await wait_for(pilot, lambda: any("Loaded" in n for n in notes()), what="the notice")
        assert "Loaded 1 character." in notes(), notes()
        assert "1 characters" not in screen_text(pilot)
