"""Polling helpers for pilot tests: wait for a condition instead of sleeping."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from textual.pilot import Pilot


async def wait_for(
    pilot: Pilot[Any],
    condition: Callable[[], object],
    *,
    timeout: float = 15.0,
    what: str = "condition",
) -> None:
    """Poll until `condition()` is truthy; fail with `what` after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            if condition():
                return
        except Exception:  # widgets may not be mounted yet
            pass
        if time.monotonic() > deadline:
            screen = type(pilot.app.screen).__name__
            notes = [n.message for n in pilot.app._notifications]
            raise AssertionError(f"timed out waiting for {what} (screen {screen}, notes {notes})")
        await pilot.pause(0.05)


def on_screen(pilot: Pilot[Any], name: str) -> Callable[[], bool]:
    """True once `name` is the current screen and has mounted its widgets (a pushed screen is
    current before its compose has run, so a query right after could find nothing)."""
    return lambda: type(pilot.app.screen).__name__ == name and pilot.app.screen.is_mounted


def screen_text(pilot: Pilot[Any]) -> str:
    """What the terminal shows now, as plain text lines (what a person reads, clipping included:
    a widget's own `render_lines` would still hold text its container cuts off). For a modal
    screen, only the modal's own widgets."""
    strips = pilot.app.screen._compositor.render_strips()
    return "\n".join(strip.text.rstrip() for strip in strips)


async def settled(pilot: Pilot[Any], *, timeout: float = 15.0) -> str:
    """Wait until the picture stops changing: no message still streaming, no animation pending,
    and the same screen text on two polls in a row. Returns that text. (What a fixed pause before
    a snapshot hoped for; on a loaded machine a pause can end mid-stream.)"""
    from interviewer_tui.ui.widgets.chat_message import ChatMessage

    def streaming() -> bool:
        return any(m._timer is not None or m._dirty for m in pilot.app.screen.query(ChatMessage))

    deadline = time.monotonic() + timeout
    previous: str | None = None
    while True:
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()
        now = None if streaming() else screen_text(pilot)
        if now is not None and now == previous:
            return now
        if time.monotonic() > deadline:
            raise AssertionError(f"the screen never settled; last seen:\n{now or previous}")
        previous = now
        await pilot.pause(0.05)
