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
