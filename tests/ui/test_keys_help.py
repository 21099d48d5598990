"""The keys a person needs are always in view: at 80 columns every screen's footer keeps ctrl+q
Quit and F1 Help, and F1 (or ?) lists all the keys of the current screen."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from textual.pilot import Pilot

from interviewer_tui.ui.app import InterviewerApp
from tests.ui.fixed_data import FixedBackend, frozen_clock
from tests.ui.helpers import on_screen, screen_text, settled, wait_for


def footer_line(pilot: Pilot[Any]) -> str:
    return " ".join(screen_text(pilot).splitlines()[-1].split())


async def reach_home(pilot: Pilot[Any]) -> None:
    await wait_for(pilot, lambda: getattr(pilot.app.screen, "dashboard", None), what="home")


async def reach_interview(pilot: Pilot[Any]) -> None:
    await reach_home(pilot)
    await pilot.press("c")

    def ready() -> bool:
        screen = pilot.app.screen
        return type(screen).__name__ == "InterviewScreen" and screen._loaded and not screen._busy

    await wait_for(pilot, ready, what="interview")


async def reach(pilot: Pilot[Any], key: str, name: str) -> None:
    await reach_home(pilot)
    await pilot.press(key)
    await wait_for(pilot, on_screen(pilot, name), what=name)


async def reach_report(pilot: Pilot[Any]) -> None:
    await reach_home(pilot)
    pilot.app.open_report(5)
    await wait_for(pilot, lambda: getattr(pilot.app.screen, "detail", None), what="report")


SCREENS: list[Any] = [
    pytest.param(False, lambda p: wait_for(p, on_screen(p, "AuthScreen")), id="auth"),
    pytest.param(True, reach_home, id="home"),
    pytest.param(True, lambda p: reach(p, "n", "SetupScreen"), id="setup"),
    pytest.param(True, reach_interview, id="interview"),
    pytest.param(True, lambda p: reach(p, "h", "HistoryScreen"), id="history"),
    pytest.param(True, reach_report, id="report"),
]


@pytest.mark.parametrize(("logged_in", "go"), SCREENS)
async def test_footer_at_80_columns_keeps_quit_and_help(
    logged_in: bool, go: Callable[[Pilot[Any]], Awaitable[None]]
) -> None:
    app = InterviewerApp(backend=FixedBackend(logged_in=logged_in), clock=frozen_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await go(pilot)
        await wait_for(pilot, lambda: "^p" in footer_line(pilot), what="the footer drawn")

        def both() -> bool:
            footer = footer_line(pilot)
            return "^q Quit" in footer and "f1 Help" in footer

        await wait_for(pilot, both, timeout=5, what="^q Quit and f1 Help in the footer")


async def test_f1_lists_every_key_of_the_interview_screen() -> None:
    app = InterviewerApp(backend=FixedBackend(), clock=frozen_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await reach_interview(pilot)
        await pilot.press("f1")
        await wait_for(pilot, on_screen(pilot, "HelpScreen"), what="help")
        text = await settled(pilot)
        for key, does in (
            ("^j", "Submit"),
            ("^n", "Skip"),
            ("^t", "Code"),
            ("esc", "Pause"),
            ("^q", "Quit"),
            ("^p", "Command palette"),
        ):
            line = next((ln for ln in text.splitlines() if f" {key} " in f" {ln} "), "")
            assert does in line, f"{key} {does!r} not listed:\n{text}"
        await pilot.press("escape")
        await wait_for(pilot, on_screen(pilot, "InterviewScreen"), what="back to the interview")


async def test_question_mark_opens_help_but_types_in_a_field() -> None:
    app = InterviewerApp(backend=FixedBackend(logged_in=False), clock=frozen_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, on_screen(pilot, "AuthScreen"))
        await wait_for(pilot, lambda: pilot.app.focused.id == "login-identifier")
        await pilot.press("question_mark")
        assert pilot.app.screen.query_one("#login-identifier").value == "?"
        await pilot.press("f1")
        await wait_for(pilot, on_screen(pilot, "HelpScreen"), what="help")
        assert "Forgot password" in screen_text(pilot)
        await pilot.press("f1")
        await wait_for(pilot, on_screen(pilot, "AuthScreen"), what="closed again")
    app = InterviewerApp(backend=FixedBackend(), clock=frozen_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await reach_home(pilot)
        await pilot.press("question_mark")
        await wait_for(pilot, on_screen(pilot, "HelpScreen"), what="help from home")
        assert "New interview" in screen_text(pilot)
