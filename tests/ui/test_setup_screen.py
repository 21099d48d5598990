"""The setup screen reads the model settings in a worker: the form is usable at once, then the
badge says online or offline (and why offline, when no API key forces it)."""

from __future__ import annotations

import threading
from typing import Any

from textual.widgets import Switch

from interviewer_tui.ui.app import InterviewerApp
from tests.ui.fixed_data import FixedBackend, frozen_clock
from tests.ui.helpers import on_screen, wait_for


class SlowSettings(FixedBackend):
    def __init__(self, *, forced_offline: bool = False) -> None:
        super().__init__()
        self.release = threading.Event()
        self.forced_offline = forced_offline
        self.threads: set[str] = set()

    def model_label(self, *, offline: bool) -> tuple[str, str]:
        self.threads.add(threading.current_thread().name)
        self.release.wait(10)
        if offline or self.forced_offline:
            return ("offline", "built-in question bank")
        return ("openai", "gpt-5-mini")


async def open_setup(pilot: Any) -> Any:
    await wait_for(pilot, lambda: getattr(pilot.app.screen, "dashboard", None), what="home")
    await pilot.press("n")
    await wait_for(pilot, on_screen(pilot, "SetupScreen"), what="setup")
    return pilot.app.screen


async def test_setup_is_usable_while_the_settings_load() -> None:
    backend = SlowSettings()
    app = InterviewerApp(backend=backend, clock=frozen_clock)
    async with app.run_test(size=(100, 36)) as pilot:
        screen = await open_setup(pilot)
        badge = screen.query_one("#setup-model")
        assert "checking" in str(badge.render())
        await pilot.press("right")  # the difficulty radio set has focus and answers keys
        assert pilot.app.focused is not None and pilot.app.focused.id == "setup-difficulty"
        backend.release.set()
        await wait_for(pilot, lambda: "ONLINE" in str(badge.render()), what="online badge")
        assert "gpt-5-mini" in str(badge.render())
        assert threading.main_thread().name not in backend.threads


async def test_no_api_key_forces_offline_and_says_why() -> None:
    backend = SlowSettings(forced_offline=True)
    backend.release.set()
    app = InterviewerApp(backend=backend, clock=frozen_clock)
    async with app.run_test(size=(100, 36)) as pilot:
        screen = await open_setup(pilot)
        badge = screen.query_one("#setup-model")
        await wait_for(pilot, lambda: "OFFLINE" in str(badge.render()), what="offline badge")
        assert "no OPENAI_API_KEY" in str(badge.render())
        switch = screen.query_one("#setup-offline", Switch)
        assert switch.value and switch.disabled


async def test_chosen_difficulty_and_topics_show_without_colour(monkeypatch: Any) -> None:
    """With NO_COLOR the choice is a mark: ● on the chosen difficulty only, ✓ on chosen topics."""
    from tests.ui.helpers import screen_text

    monkeypatch.setenv("NO_COLOR", "1")
    backend = SlowSettings()
    backend.release.set()
    app = InterviewerApp(backend=backend, clock=frozen_clock)
    async with app.run_test(size=(100, 36)) as pilot:
        screen = await open_setup(pilot)

        def line(text: str) -> str:
            return next(ln for ln in screen_text(pilot).splitlines() if text in ln)

        radio = line("Medium")
        assert radio.count("●") == 1 and radio.index("●") < radio.index("Medium"), radio
        topics = screen.query_one("#setup-topics")
        topics.focus()
        await pilot.press("down", "space")  # choose the second topic (Coding)
        await wait_for(pilot, lambda: "✓" in line("Coding"), what="a mark on Coding")
        assert "✓" not in line("Introduction") and "✓" not in line("System Design")
        assert topics.selected == ["coding"]
