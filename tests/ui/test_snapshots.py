"""SVG snapshots of every screen at 80x24 and 120x40, over fixed data (tests/ui/fixed_data.py).

Update after an intended change with `pytest tests/ui --snapshot-update`, then look at the SVGs.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import TextArea

from interviewer_tui.ui.app import InterviewerApp
from tests.ui.fixed_data import FixedBackend, frozen_clock
from tests.ui.helpers import on_screen, settled, wait_for

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]


def make_app(**backend: Any) -> InterviewerApp:
    return InterviewerApp(backend=FixedBackend(**backend), clock=frozen_clock)


async def settle(pilot: Pilot[Any]) -> None:
    """Stop cursors blinking (a blink mid-screenshot is noise) and let layout finish.

    A TextArea caches its rendered lines under a key that does not tell "blink switched off"
    from "blink in its hidden phase", so whether the focused editor's cursor showed depended on
    timing; emptying that cache makes it always show, as it does for a person typing."""
    for widget in pilot.app.screen.query("Input, TextArea"):
        widget.cursor_blink = False  # type: ignore[attr-defined]
    for area in pilot.app.screen.query(TextArea):
        area._line_cache.clear()
        area.refresh()
    await settled(pilot)


def focused(widget_id: str) -> Callable[[Pilot[Any]], bool]:
    return lambda pilot: pilot.app.focused is not None and pilot.app.focused.id == widget_id


def goto(
    screen: str, *keys: str, ready: Callable[[Pilot[Any]], object] | None = None
) -> Callable[[Pilot[Any]], Awaitable[None]]:
    async def run(pilot: Pilot[Any]) -> None:
        await wait_for(
            pilot,
            on_screen(pilot, "HomeScreen")
            if screen != "AuthScreen"
            else on_screen(pilot, "AuthScreen"),
            what="first screen",
        )
        for key in keys:
            await pilot.press(key)
        await wait_for(pilot, on_screen(pilot, screen), what=screen)
        if ready is not None:
            await wait_for(pilot, lambda: ready(pilot), what=f"{screen} data")
        await settle(pilot)

    return run


@pytest.mark.parametrize("size", SIZES)
def test_auth(snap_compare: Any, size: tuple[int, int]) -> None:
    assert snap_compare(
        make_app(logged_in=False),
        terminal_size=size,
        run_before=goto("AuthScreen", ready=focused("login-identifier")),
    )


@pytest.mark.parametrize("size", SIZES)
def test_auth_register_with_forgot_tab(snap_compare: Any, size: tuple[int, int]) -> None:
    assert snap_compare(
        make_app(logged_in=False, smtp=True),
        terminal_size=size,
        run_before=goto("AuthScreen", "ctrl+r", ready=focused("register-username")),
    )


@pytest.mark.parametrize("size", SIZES)
def test_home(snap_compare: Any, size: tuple[int, int]) -> None:
    def ready(pilot: Pilot[Any]) -> object:
        return pilot.app.screen.dashboard

    assert snap_compare(make_app(), terminal_size=size, run_before=goto("HomeScreen", ready=ready))


@pytest.mark.parametrize("size", SIZES)
def test_home_with_points_due_for_review(snap_compare: Any, size: tuple[int, int]) -> None:
    """The spaced-review card: what is due today and a score sparkline per topic."""

    def ready(pilot: Pilot[Any]) -> object:
        return pilot.app.screen.dashboard and pilot.app.screen.query_one("ReviewPanel").display

    assert snap_compare(
        make_app(review=True), terminal_size=size, run_before=goto("HomeScreen", ready=ready)
    )


@pytest.mark.parametrize("size", SIZES)
def test_setup(snap_compare: Any, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(), terminal_size=size, run_before=goto("SetupScreen", "n"))


@pytest.mark.parametrize("size", SIZES)
def test_interview(snap_compare: Any, size: tuple[int, int]) -> None:
    def ready(pilot: Pilot[Any]) -> object:
        screen = pilot.app.screen
        focused = type(pilot.app.focused).__name__
        return screen._loaded and not screen._busy and focused == "AnswerEditor"

    assert snap_compare(
        make_app(), terminal_size=size, run_before=goto("InterviewScreen", "c", ready=ready)
    )


@pytest.mark.parametrize("size", SIZES)
def test_leave_interview_dialog(snap_compare: Any, size: tuple[int, int]) -> None:
    async def run(pilot: Pilot[Any]) -> None:
        await goto("InterviewScreen", "c", ready=lambda p: p.app.screen._loaded)(pilot)
        await pilot.press("escape")
        await wait_for(pilot, on_screen(pilot, "ConfirmDialog"), what="dialog")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=size, run_before=run)


@pytest.mark.parametrize("size", SIZES)
def test_report(snap_compare: Any, size: tuple[int, int]) -> None:
    async def run(pilot: Pilot[Any]) -> None:
        await wait_for(pilot, on_screen(pilot, "HomeScreen"))
        pilot.app.open_report(5)
        await wait_for(pilot, lambda: pilot.app.screen.detail is not None, what="report")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=size, run_before=run)


@pytest.mark.parametrize("size", SIZES)
def test_history(snap_compare: Any, size: tuple[int, int]) -> None:
    def ready(pilot: Pilot[Any]) -> object:
        return pilot.app.screen.rows

    assert snap_compare(
        make_app(), terminal_size=size, run_before=goto("HistoryScreen", "h", ready=ready)
    )


@pytest.mark.parametrize("size", SIZES)
def test_transcript(snap_compare: Any, size: tuple[int, int]) -> None:
    async def run(pilot: Pilot[Any]) -> None:
        await wait_for(pilot, on_screen(pilot, "HomeScreen"))
        pilot.app.open_transcript(6)
        await wait_for(pilot, lambda: pilot.app.screen.detail is not None, what="transcript")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=size, run_before=run)


def test_terminal_too_small(snap_compare: Any) -> None:
    assert snap_compare(make_app(), terminal_size=(50, 15), run_before=goto("HomeScreen"))
